import type { WebClient } from '@slack/web-api';
import type { Result } from '../../../domain/types.js';
import { confirmLateSave } from '../../../services/late-save.js';
import type { SubmitResult } from '../../../services/scorecard.js';
import { NOT_SAVED_BUSY, notSavedText, savedLateText } from '../../blocks/scorecard-saving.js';
import type { Deps } from '../../deps.js';

/**
 * Slack waits 3 s for a view submission's answer. A save still waiting for the database (another process holding
 * its write lock) after this long is answered as delayed, and finishes in the background.
 */
export const ACK_BUDGET_MS = 2_000;
/** Further tries of a late save that failed (each waits about 5 s for the lock). */
const LATE_RETRIES = 2;

/** The work's value if it settles within the budget, else 'late' (the work goes on). */
export async function withinAckBudget<T>(
  work: Promise<T>,
  ms = ACK_BUDGET_MS,
): Promise<{ late: false; value: T } | { late: true }> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<{ late: true }>((resolve) => {
    timer = setTimeout(() => resolve({ late: true }), ms);
  });
  try {
    return await Promise.race([work.then((value) => ({ late: false as const, value })), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits for a late save (trying again if it failed), then tells the panelist by DM how it ended. */
export async function finishLateSave(
  deps: Deps,
  client: WebClient,
  input: {
    interviewId: number;
    userId: string;
    saving: Promise<Result<SubmitResult>>;
    retry: () => Promise<Result<SubmitResult>>;
  },
): Promise<void> {
  const { interviewId, userId } = input;
  let outcome: Result<SubmitResult> | null = null;
  let failure: unknown = null;
  try {
    outcome = await input.saving;
  } catch (error) {
    failure = error;
  }
  // The submission carries its view's id and hash: a retry of a save that did commit is answered 'duplicate'.
  for (let i = 0; outcome === null && i < LATE_RETRIES; i++) {
    try {
      outcome = await input.retry();
    } catch (error) {
      failure = error;
    }
  }
  let text: string;
  if (outcome === null) {
    deps.logger.error('saving a scorecard failed after Slack was answered', { user: userId, interviewId, failure });
    text = notSavedText(interviewId, NOT_SAVED_BUSY);
  } else if (!outcome.ok) text = notSavedText(interviewId, outcome.error.message);
  else if (outcome.value.kind === 'invalid') text = notSavedText(interviewId, firstError(outcome.value.errors));
  else {
    text = savedLateText(interviewId);
    if (outcome.value.kind === 'saved') {
      try {
        await confirmLateSave(deps.db, { loopId: outcome.value.loopId, userId, text, now: deps.clock.now() });
        deps.outbox.kick();
        return;
      } catch {
        // The database refuses again: tell them directly.
      }
    }
  }
  await client.chat.postMessage({ channel: userId, text }).catch((error: unknown) => {
    deps.logger.error('telling a panelist how a delayed save ended failed', { user: userId, interviewId, error });
  });
}

function firstError(errors: unknown): string {
  const walk = (value: unknown): string | undefined => {
    if (typeof value === 'string') return value;
    if (value && typeof value === 'object') {
      for (const child of Object.values(value)) {
        const found = walk(child);
        if (found) return found;
      }
    }
    return undefined;
  };
  return walk(errors) ?? 'the form was not complete.';
}
