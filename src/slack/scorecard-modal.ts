import type { WebClient } from '@slack/web-api';
import { scorecardForm } from '../services/scorecard.js';
import { scorecardModal } from './blocks/scorecard-modal.js';
import type { Deps } from './deps.js';
import { whyNotOpened } from './slack-errors.js';
import { slackTime } from './time.js';
import { knownTimeZone } from './users.js';

/** Opens the scorecard modal with what was submitted or typed before; a message for the user when it cannot. */
export async function openScorecard(
  deps: Deps,
  client: WebClient,
  triggerId: string,
  userId: string,
  target: string | number | null,
): Promise<string | null> {
  const now = deps.clock.now();
  const form = await scorecardForm(deps.db, userId, target, now);
  if (!form.ok) return form.error.message;
  const tz = await knownTimeZone(deps.db, userId, deps.config.defaultTimezone);
  const view = scorecardModal({
    ...form.value,
    panelistId: userId,
    when: slackTime(form.value.interview.startsAt, tz),
  });
  try {
    await client.views.open({ trigger_id: triggerId, view });
    return null;
  } catch (error) {
    deps.logger.warn('could not open the scorecard', error);
    return whyNotOpened(error, 'your scorecard', 'Please press the button or run `/interview scorecard` again.');
  }
}
