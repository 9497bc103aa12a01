import type { View } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { ScorecardDraft } from '../domain/scorecard.js';
import type { Result } from '../domain/types.js';
import { scorecardForm } from '../services/scorecard.js';
import { scorecardModal } from './blocks/scorecard-modal.js';
import type { Deps } from './deps.js';
import { whyNotOpened } from './slack-errors.js';
import { slackTime } from './time.js';
import { knownTimeZone } from './users.js';

/** The scorecard modal as it stands: what was submitted or typed before, on the page asked for. */
export async function scorecardView(
  deps: Deps,
  userId: string,
  target: string | number | null,
  options: { page?: number; initial?: ScorecardDraft; notice?: string } = {},
): Promise<Result<View>> {
  const now = deps.clock.now();
  // Open from the reminder before the interview, so notes can be taken while it runs.
  const form = await scorecardForm(deps.db, userId, target, now, deps.config.kitReminderMinutes);
  if (!form.ok) return form;
  const tz = await knownTimeZone(deps.db, userId, deps.config.defaultTimezone);
  const view = scorecardModal({
    ...form.value,
    ...(options.initial ? { initial: options.initial } : {}),
    panelistId: userId,
    when: slackTime(form.value.interview.startsAt, tz),
    page: options.page ?? 0,
    ...(options.notice ? { notice: options.notice } : {}),
  });
  return { ok: true, value: view };
}

/** Opens the scorecard modal with what was submitted or typed before; a message for the user when it cannot. */
export async function openScorecard(
  deps: Deps,
  client: WebClient,
  triggerId: string,
  userId: string,
  target: string | number | null,
): Promise<string | null> {
  const view = await scorecardView(deps, userId, target);
  if (!view.ok) return view.error.message;
  try {
    await client.views.open({ trigger_id: triggerId, view: view.value });
    return null;
  } catch (error) {
    deps.logger.warn('could not open the scorecard', error);
    return whyNotOpened(error, 'your scorecard', 'Please press the button or run `/interview scorecard` again.');
  }
}
