import { myUpcoming } from '../../../services/upcoming.js';
import { upcomingBlocks } from '../../blocks/upcoming.js';
import type { Deps } from '../../deps.js';
import { ephemeral } from '../../reply.js';
import { slackTime } from '../../time.js';
import { knownTimeZone } from '../../users.js';
import type { CommandArgs } from './types.js';

/** `/interview upcoming`: my interviews as panelist or lead, times in my time zone. */
export async function showUpcoming(deps: Deps, args: CommandArgs): Promise<void> {
  const userId = args.command.user_id;
  const now = deps.clock.now();
  const [items, tz] = await Promise.all([
    myUpcoming(deps.db, userId, now),
    knownTimeZone(deps.db, userId, deps.config.defaultTimezone),
  ]);
  const blocks = upcomingBlocks(items.map((item) => ({ ...item, when: slackTime(item.interview.startsAt, tz) })));
  await args.ack(ephemeral(`Your upcoming interviews: ${items.length}`, blocks));
}
