import { homeContent } from '../../../services/home.js';
import { insightForHome } from '../../../services/insight.js';
import { homeView } from '../../blocks/home.js';
import { insightHomeBlocks } from '../../blocks/insights.js';
import { type Deps, isAdmin } from '../../deps.js';
import type { Listeners } from '../../router.js';
import { slackTime } from '../../time.js';
import { knownTimeZone } from '../../users.js';

/** App Home: my upcoming interviews (kit one click away) and the loops I lead, with progress. */
export function register(app: Listeners, deps: Deps): void {
  app.event('app_home_opened', async ({ event, client, logger }) => {
    if (event.tab !== 'home') return;
    try {
      const now = deps.clock.now();
      const [content, tz, insight] = await Promise.all([
        homeContent(deps.db, event.user, now),
        knownTimeZone(deps.db, event.user, deps.config.defaultTimezone),
        insightForHome(deps.db, { userId: event.user, isAdmin: isAdmin(deps, event.user) }, now),
      ]);
      const upcoming = content.upcoming.map((item) => ({ ...item, when: slackTime(item.interview.startsAt, tz) }));
      const owed = content.owed.map((item) => ({ ...item, when: slackTime(item.startsAt, tz) }));
      await client.views.publish({
        user_id: event.user,
        view: homeView({ upcoming, owed, led: content.led }, insight ? insightHomeBlocks(insight) : []),
      });
    } catch (error) {
      logger.error('publishing App Home failed', { user: event.user, error });
    }
  });
}
