import type { Logger } from '@slack/bolt';
import { ErrorCode, type WebClient } from '@slack/web-api';
import type { Kysely } from 'kysely';
import {
  claim,
  deliveredRef,
  dueHeads,
  markFailed,
  markRetry,
  markSent,
  type OutboxRow,
  releaseStale,
} from '../db/repositories/outbox.js';
import type { Database } from '../db/schema.js';

/** Builds message fields (text, blocks, view) from the database at delivery time; null: nothing to send any more. */
export type Renderer = (
  db: Kysely<Database>,
  params: Record<string, unknown>,
) => Promise<Record<string, unknown> | null>;

export interface OutboxWorkerOptions {
  db: Kysely<Database>;
  client: WebClient;
  logger: Logger;
  renderers: Record<string, Renderer>;
  /** Called after a message is delivered, e.g. to remember a thread's ts on its loop. */
  onSent?: (row: OutboxRow, channel: string | null, ts: string | null) => Promise<void>;
  /** Slack allows about one message a second per channel. */
  paceMs?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  pollMs: number;
  /** Real time: pacing and retries follow Slack's clock, not the business clock. */
  now?: () => number;
}

/** The message metadata event type that names the queue entry a message came from. */
export const OUTBOX_EVENT = 'interview_assistant_outbox';

const TRANSIENT = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited']);
const CLAIM_MS = 60_000;
const KICK_GAP_MS = 50;

type Outcome =
  | { kind: 'sent'; channel: string | null; ts: string | null }
  | { kind: 'retry'; error: string; delayMs: number; countAttempt: boolean }
  | { kind: 'failed'; error: string };

function classify(error: unknown, attempts: number, base: number, max: number): Outcome {
  const e = error as { code?: string; data?: { error?: string }; retryAfter?: number; statusCode?: number };
  const backoff = Math.min(max, base * 2 ** Math.min(attempts, 20));
  if (e.code === ErrorCode.RateLimitedError) {
    return { kind: 'retry', error: 'ratelimited', delayMs: Math.max(1, e.retryAfter ?? 1) * 1000, countAttempt: false };
  }
  if (e.code === ErrorCode.PlatformError) {
    const code = e.data?.error ?? 'unknown_error';
    return TRANSIENT.has(code)
      ? { kind: 'retry', error: code, delayMs: backoff, countAttempt: true }
      : { kind: 'failed', error: code };
  }
  // HTTP 5xx, network errors and time-outs: Slack may be down for a while; keep trying.
  const message = error instanceof Error ? error.message : String(error);
  return {
    kind: 'retry',
    error: `${e.code ?? 'error'}: ${message}`.slice(0, 300),
    delayMs: backoff,
    countAttempt: true,
  };
}

/** Delivers queued Slack messages: per channel in order, paced, retried with backoff, never lost. */
export class OutboxWorker {
  private readonly nextSendAt = new Map<string, number>();
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private poller: NodeJS.Timeout | null = null;
  private kickTimer: NodeJS.Timeout | null = null;
  private lastRoundAt = 0;
  private stopped = false;
  private readonly now: () => number;

  constructor(private readonly options: OutboxWorkerOptions) {
    this.now = options.now ?? Date.now;
  }

  start(): void {
    this.stopped = false;
    this.poller = setInterval(() => this.kick(), this.options.pollMs);
    this.poller.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.poller) clearInterval(this.poller);
    if (this.timer) clearTimeout(this.timer);
    if (this.kickTimer) clearTimeout(this.kickTimer);
    await this.running;
  }

  /** Asks for a delivery round soon (after a change committed new messages). */
  kick(): void {
    if (this.stopped) return;
    if (this.running || this.kickTimer) {
      this.again = true;
      return;
    }
    // Under load every request kicks: rounds start at most every KICK_GAP_MS, each delivering all that is due.
    const wait = this.lastRoundAt + KICK_GAP_MS - this.now();
    if (wait > 0) {
      this.kickTimer = setTimeout(() => {
        this.kickTimer = null;
        this.kick();
      }, wait);
      return;
    }
    this.lastRoundAt = this.now();
    this.running = this.drain()
      .catch((error: unknown) => this.options.logger.error('outbox delivery round failed', error))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Delivers everything that is due now; resolves when nothing deliverable is left. */
  async drain(): Promise<void> {
    const { db } = this.options;
    for (;;) {
      const now = this.now();
      await releaseStale(db, new Date(now).toISOString());
      const heads = await dueHeads(db, new Date(now).toISOString(), 50);
      const ready = heads.filter((row) => (this.nextSendAt.get(row.channel ?? '') ?? 0) <= now);
      if (ready.length === 0) {
        this.scheduleNext(heads);
        return;
      }
      for (const row of ready) {
        if (this.stopped) return;
        await this.deliver(row);
      }
    }
  }

  private scheduleNext(pacedHeads: OutboxRow[]): void {
    if (this.stopped) return;
    const now = this.now();
    const waits = pacedHeads.map((row) => (this.nextSendAt.get(row.channel ?? '') ?? now) - now);
    void this.options.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.min('next_attempt_at').as('next'))
      .where('status', '=', 'pending')
      .executeTakeFirst()
      .then((row) => {
        const next = row?.next ? Date.parse(String(row.next)) - now : Number.POSITIVE_INFINITY;
        const wait = Math.min(next > 0 ? next : Number.POSITIVE_INFINITY, ...waits.filter((w) => w > 0));
        if (!Number.isFinite(wait) || this.stopped) return;
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(() => this.kick(), Math.min(wait + 5, this.options.pollMs));
        this.timer.unref();
      })
      .catch((error: unknown) => this.options.logger.error('outbox scheduling failed', error));
  }

  private async deliver(row: OutboxRow): Promise<void> {
    const { db, client, logger } = this.options;
    const now = this.now();
    if (!(await claim(db, row.id, new Date(now + CLAIM_MS).toISOString()))) return;
    const lane = row.channel ?? '';
    let outcome: Outcome;
    try {
      const args = await this.resolve(row);
      if (args === 'wait') {
        outcome = { kind: 'retry', error: 'waiting for an earlier message', delayMs: 1000, countAttempt: false };
      } else if (args === 'skip') {
        outcome = { kind: 'sent', channel: null, ts: null };
      } else if (typeof args === 'string') {
        outcome = { kind: 'failed', error: args };
      } else {
        this.nextSendAt.set(lane, now + (this.options.paceMs ?? 1100));
        // Each posted message carries its queue id, so a delivery can be traced (and counted) in Slack.
        const traced =
          row.method === 'chat.postMessage'
            ? { ...args, metadata: { event_type: OUTBOX_EVENT, event_payload: { outbox_id: row.id } } }
            : args;
        const result = (await client.apiCall(row.method, traced)) as { channel?: string; ts?: string };
        outcome = { kind: 'sent', channel: result.channel ?? null, ts: result.ts ?? null };
      }
    } catch (error) {
      outcome = classify(error, row.attempts, this.options.baseBackoffMs ?? 1000, this.options.maxBackoffMs ?? 300_000);
    }
    const at = new Date(this.now()).toISOString();
    switch (outcome.kind) {
      case 'sent':
        await markSent(db, row.id, outcome.channel, outcome.ts, at);
        await this.options.onSent?.(row, outcome.channel, outcome.ts);
        break;
      case 'retry':
        if (outcome.error === 'ratelimited') this.nextSendAt.set(lane, this.now() + outcome.delayMs);
        await markRetry(
          db,
          row.id,
          outcome.error,
          new Date(this.now() + outcome.delayMs).toISOString(),
          outcome.countAttempt,
        );
        if (outcome.countAttempt)
          logger.warn(`Slack ${row.method} failed (${outcome.error}); retrying`, { outbox: row.id });
        break;
      case 'failed':
        await markFailed(db, row.id, outcome.error);
        logger.error(`Slack ${row.method} refused a message (${outcome.error}); it will not be retried`, {
          outbox: row.id,
        });
        break;
      default: {
        const never: never = outcome;
        throw new Error(`unexpected outcome ${String(never)}`);
      }
    }
  }

  /** Fills in references and rendered content; 'wait' when a referenced message is not delivered yet. */
  private async resolve(row: OutboxRow): Promise<Record<string, unknown> | 'wait' | 'skip' | string> {
    const payload = JSON.parse(row.payload) as Record<string, unknown>;
    const args: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(payload)) {
      if (key === '$render') continue;
      const ref = value && typeof value === 'object' ? (value as { $ts?: string; $channel?: string }) : null;
      const refKey = ref?.$ts ?? ref?.$channel;
      if (refKey === undefined) {
        args[key] = value;
        continue;
      }
      const delivered = await deliveredRef(this.options.db, refKey);
      if (delivered === null) return 'wait';
      if (delivered === undefined) return `the message ${refKey} was never sent`;
      args[key] = ref?.$ts !== undefined ? delivered.ts : delivered.channel;
    }
    const render = payload.$render as { name?: string } | undefined;
    if (render?.name) {
      const renderer = this.options.renderers[render.name];
      if (!renderer) return `no renderer "${render.name}"`;
      const fields = await renderer(this.options.db, render as Record<string, unknown>);
      if (fields === null) return 'skip';
      Object.assign(args, fields);
    }
    return args;
  }
}
