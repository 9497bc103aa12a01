import type { KnownBlock } from '@slack/types';
import { findKit } from '../services/find-kit.js';
import { panelistKitBlocks } from './blocks/panelist-kit.js';
import { splitMessages } from './blocks/text.js';
import { type Deps, isAdmin } from './deps.js';
import { slackTime } from './time.js';
import { knownTimeZone } from './users.js';

/** Blocks of a looked-up kit: the requester's part with Swap buttons, or every part for the hiring lead. */
export async function kitMessages(deps: Deps, userId: string, target: string | null) {
  const now = deps.clock.now();
  const found = await findKit(deps.db, { userId, isAdmin: isAdmin(deps, userId) }, target, now);
  if (!found.ok) return found;
  const { bank, loop, interview, items, panelistId } = found.value;
  const tz = await knownTimeZone(deps.db, userId, deps.config.defaultTimezone);
  const when = slackTime(interview.startsAt, tz);
  const blocks: KnownBlock[] = panelistKitBlocks({
    bank,
    loop,
    interview,
    panelistId,
    items,
    when,
    swappable: panelistId === userId,
    allowanceMinutes: deps.config.allowanceMinutes,
  });
  return {
    ok: true as const,
    value: { messages: splitMessages(blocks), interviewId: interview.id, own: panelistId !== null },
  };
}
