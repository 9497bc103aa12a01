import { type Deps, isAdmin } from '../../deps.js';
import { homeViewFor } from '../../home-view.js';
import type { Listeners } from '../../router.js';

/** App Home: my upcoming interviews (kit one click away), scorecards I owe, the loops I lead, recent decisions. */
export function register(app: Listeners, deps: Deps): void {
  app.event('app_home_opened', async ({ event, client, logger }) => {
    if (event.tab !== 'home') return;
    try {
      const view = await homeViewFor(
        deps.db,
        event.user,
        deps.clock.now(),
        deps.config.defaultTimezone,
        isAdmin(deps, event.user),
      );
      await client.views.publish({ user_id: event.user, view });
    } catch (error) {
      logger.error('publishing App Home failed', { user: event.user, error });
    }
  });
}
