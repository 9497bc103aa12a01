import { noteWrite } from '../db/health.js';
import { markFailed, markHeld, markRetry, markSent, type OutboxRow, paceChannel } from '../db/repositories/outbox.js';
import type { Failure } from './outbox-errors.js';
import type { OutboxWorkerOptions } from './outbox-worker.js';

/** How one delivery attempt ended. */
export type Outcome =
  | { kind: 'sent'; channel: string | null; ts: string | null }
  | { kind: 'failure'; failure: Failure }
  | { kind: 'wait' }
  | { kind: 'held'; error: string }
  | { kind: 'failed'; error: string };

/** What recording an outcome may read and change in the worker. */
export interface OutcomeContext {
  options: OutboxWorkerOptions;
  /** This worker's name in the channels' pace (outbox_channels.paced_by). */
  worker: string;
  /** Wall-clock ms that never go back. */
  now(): number;
  /** No message to this lane for `ms`. */
  paceLane(lane: string, ms: number): void;
  /** Slack refuses the token: stop delivering until auth.test accepts it. */
  pause(error: string): void;
  /** True the first time a key is seen (the lead is told once per message and reason). */
  firstTime(key: string): boolean;
  stopped(): boolean;
}

/**
 * Writes what happened; the claim is renewed meanwhile, so a busy database never causes a second post. `paceMs`:
 * Slack was called, and the channel takes no message from another instance for that long; null: it was not.
 */
export async function recordOutcome(
  ctx: OutcomeContext,
  row: OutboxRow,
  lane: string,
  outcome: Outcome,
  paceMs: number | null,
): Promise<void> {
  const { db, logger } = ctx.options;
  const at = () => new Date(ctx.now()).toISOString();
  const later = (ms: number) => new Date(ctx.now() + ms).toISOString();
  const channel = row.channel;
  if (channel !== null && paceMs !== null) {
    const retryAfter =
      outcome.kind === 'failure' && outcome.failure.kind === 'ratelimited' ? outcome.failure.retryAfterMs : 0;
    const wait = Math.max(paceMs, retryAfter);
    // Before the outcome: until it is written the row is 'sending', which closes its channel anyway.
    if (wait > 0) await persist(ctx, () => paceChannel(db, channel, ctx.worker, later(wait)));
  }
  switch (outcome.kind) {
    case 'sent':
      await persist(ctx, () => markSent(db, row.id, outcome.channel, outcome.ts, at()));
      await ctx.options.onSent?.(row, outcome.channel, outcome.ts);
      return;
    case 'wait':
      await persist(ctx, () => markRetry(db, row.id, 'waiting for an earlier message', later(1000), false));
      return;
    case 'held':
      await persist(ctx, () => markHeld(db, row.id, outcome.error));
      logger.error(`Slack ${row.method} set aside (${outcome.error}); \`npm run cli -- outbox\` lists it`, {
        outbox: row.id,
      });
      return;
    case 'failed':
      await persist(ctx, () => markFailed(db, row.id, outcome.error));
      logger.error(`Slack ${row.method} refused a message (${outcome.error}); it will not be retried`, {
        outbox: row.id,
      });
      return;
    case 'failure':
      await recordFailure(ctx, row, lane, outcome.failure);
      return;
    default: {
      const never: never = outcome;
      throw new Error(`unexpected outcome ${String(never)}`);
    }
  }
}

async function recordFailure(ctx: OutcomeContext, row: OutboxRow, lane: string, failure: Failure): Promise<void> {
  const { db, logger } = ctx.options;
  const later = (ms: number) => new Date(ctx.now() + ms).toISOString();
  switch (failure.kind) {
    case 'ratelimited':
      ctx.paceLane(lane, failure.retryAfterMs);
      await persist(ctx, () => markRetry(db, row.id, 'ratelimited', later(failure.retryAfterMs), false));
      return;
    case 'auth':
      await persist(ctx, () => markRetry(db, row.id, failure.error, later(0), false));
      ctx.pause(failure.error);
      return;
    case 'channel':
      if (row.ref_type === 'loop_parent' && row.method === 'chat.postMessage') {
        const wait = ctx.options.blockedRetryMs ?? 60_000;
        await persist(ctx, () => markRetry(db, row.id, failure.error, later(wait), false));
        if (ctx.firstTime(`${row.id}:${failure.error}`)) {
          logger.warn(`cannot post a decision thread in ${row.channel ?? '?'} (${failure.error}); the lead is told`);
          await ctx.options.onChannelBlocked?.(row, failure.error);
        }
        return;
      }
      await persist(ctx, () => markFailed(db, row.id, failure.error));
      logger.error(`Slack ${row.method} refused a message (${failure.error}); it will not be retried`, {
        outbox: row.id,
      });
      return;
    case 'transient': {
      const maxAttempts = ctx.options.maxAttempts ?? 8;
      if (row.attempts + 1 >= maxAttempts) {
        await persist(ctx, () => markHeld(db, row.id, failure.error));
        logger.error(
          `Slack ${row.method} failed ${maxAttempts} times (${failure.error}); set aside so its channel goes on. ` +
            '`npm run cli -- outbox` lists it, `npm run cli -- outbox retry <id>` sends it again',
          { outbox: row.id },
        );
        return;
      }
      const base = ctx.options.baseBackoffMs ?? 1000;
      const backoff = Math.min(ctx.options.maxBackoffMs ?? 300_000, base * 2 ** Math.min(row.attempts, 20));
      await persist(ctx, () => markRetry(db, row.id, failure.error, later(backoff), true));
      logger.warn(`Slack ${row.method} failed (${failure.error}); retrying`, { outbox: row.id });
      return;
    }
    case 'refused':
      await persist(ctx, () => markFailed(db, row.id, failure.error));
      logger.error(`Slack ${row.method} refused a message (${failure.error}); it will not be retried`, {
        outbox: row.id,
      });
      return;
    default: {
      const never: never = failure;
      throw new Error(`unexpected failure ${String(never)}`);
    }
  }
}

/** A write that finds the database busy (another process holds the lock) is tried again, never dropped. */
async function persist(ctx: OutcomeContext, write: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await write();
      noteWrite(null);
      return;
    } catch (error) {
      noteWrite(error);
      if (attempt >= 40 || ctx.stopped()) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * attempt)));
    }
  }
}
