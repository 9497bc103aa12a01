import type { WebClient } from '@slack/web-api';
import { confirmLateSave } from '../../../services/late-save.js';
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

/** What to tell the user once a late save has ended: the text, and the loop to queue it under if it was saved. */
export interface LateNotice {
  text: string;
  /** Set when the save went through: the DM is queued in the database like every other message. */
  loopId?: number;
}

/**
 * Waits for a late save (trying again if it failed: the submission's view id makes a retry of a save that did
 * commit a duplicate), then tells the user by DM how it ended. `describe(null)` is a save that never went through.
 */
export async function finishLateSave<T>(
  deps: Deps,
  client: WebClient,
  input: {
    userId: string;
    what: string;
    saving: Promise<T>;
    retry: () => Promise<T>;
    describe: (outcome: T | null) => LateNotice | null;
  },
): Promise<void> {
  const { userId } = input;
  let outcome: { value: T } | null = null;
  let failure: unknown = null;
  try {
    outcome = { value: await input.saving };
  } catch (error) {
    failure = error;
  }
  for (let i = 0; outcome === null && i < LATE_RETRIES; i++) {
    try {
      outcome = { value: await input.retry() };
    } catch (error) {
      failure = error;
    }
  }
  if (outcome === null) deps.logger.error(`${input.what} failed after Slack was answered`, { user: userId, failure });
  const notice = input.describe(outcome === null ? null : outcome.value);
  if (notice === null) return;
  if (notice.loopId !== undefined) {
    try {
      await confirmLateSave(deps.db, { loopId: notice.loopId, userId, text: notice.text, now: deps.clock.now() });
      return;
    } catch {
      // The database refuses again: tell them directly.
    }
  }
  await client.chat.postMessage({ channel: userId, text: notice.text }).catch((error: unknown) => {
    deps.logger.error(`telling the user how a delayed ${input.what} ended failed`, { user: userId, error });
  });
}

/** The first message of a nested errors object (a form's field errors). */
export function firstError(errors: unknown, fallback: string): string {
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
  return walk(errors) ?? fallback;
}
