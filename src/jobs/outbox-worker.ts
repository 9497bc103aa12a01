import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Kysely } from 'kysely';
import {
  capRetryTimes,
  claim,
  dueHeads,
  headsWithFollowers,
  nextDueAfter,
  type OutboxHead,
  type OutboxRow,
  releaseAllClaims,
  releaseStale,
  renewClaims,
} from '../db/repositories/outbox.js';
import type { Database } from '../db/schema.js';
import { MonotonicTime } from './monotonic-time.js';
import { authAdvice, classifyFailure } from './outbox-errors.js';
import { type Outcome, type OutcomeContext, recordOutcome } from './outbox-outcomes.js';
import { laneOf, resolveMessage } from './outbox-resolve.js';

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
  /** A thread parent cannot be posted: the app is not in its channel, or the channel is gone or archived. */
  onChannelBlocked?: (row: OutboxRow, error: string) => Promise<void>;
  /** Slack allows about one message a second per channel. */
  paceMs?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** Failed attempts (HTTP 500, time-outs, Slack's internal errors) after which a message is set aside. */
  maxAttempts?: number;
  /** Calls in flight at once, each to a different channel. */
  concurrency?: number;
  /** How often a thread parent the app could not post is tried again. */
  blockedRetryMs?: number;
  /** While Slack refuses the token, how often auth.test asks whether it works again. */
  authCheckMs?: number;
  /** How long a claim lasts without renewal: after a crash the channel waits at most this long. */
  claimMs?: number;
  /** The only instance delivering from this database (SQLite): claims left at start died with an earlier run. */
  soleInstance?: boolean;
  pollMs: number;
  /** The wall clock (default Date.now), followed forward only: see MonotonicTime. */
  wallClock?: () => number;
  /** A monotonic clock in ms (default performance.now). */
  monotonic?: () => number;
}

export interface OutboxHealth {
  /** 'refused': Slack refuses the token, delivery is paused. */
  slack: { status: 'ok' } | { status: 'refused'; error: string; since: string };
  inFlight: number;
}

/** The message metadata event type that names the queue entry a message came from. */
export const OUTBOX_EVENT = 'interview_assistant_outbox';

const KICK_GAP_MS = 50;
const HEAD_LIMIT = 200;

/**
 * Delivers queued Slack messages: in order and paced within a channel, several channels at once, retried with
 * backoff and set aside after maxAttempts, paused (never failed) while Slack refuses the token. Timers and pacing
 * follow a monotonic clock, so a wall-clock step never stalls delivery.
 */
export class OutboxWorker {
  private readonly nextSendAt = new Map<string, number>();
  private readonly inFlight = new Map<number, { lane: string; done: Promise<void> }>();
  private readonly busyLanes = new Set<string>();
  private readonly told = new Set<string>();
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Number.POSITIVE_INFINITY;
  private poller: NodeJS.Timeout | null = null;
  private kickTimer: NodeJS.Timeout | null = null;
  private renewer: NodeJS.Timeout | null = null;
  private lastRoundAt = Number.NEGATIVE_INFINITY;
  private stopped = false;
  private started: Promise<void> | null = null;
  private paused: { error: string; since: number; checkedAt: number } | null = null;
  private readonly time: MonotonicTime;
  private readonly concurrency: number;
  /** What recording an outcome may change in this worker. */
  private readonly outcomes: OutcomeContext;
  private readonly claimMs: number;
  private readonly paceMs: number;
  /** This worker's name in the channels' pace shared with other instances. */
  private readonly id = randomBytes(8).toString('hex');
  /** Deliveries finished so far: a round sees one that ended while it looked up the heads. */
  private finished = 0;

  constructor(private readonly options: OutboxWorkerOptions) {
    this.time = new MonotonicTime(options.wallClock ?? Date.now, options.monotonic ?? (() => performance.now()));
    this.concurrency = Math.max(1, options.concurrency ?? 16);
    this.claimMs = options.claimMs ?? 15_000;
    this.paceMs = options.paceMs ?? 1100;
    this.outcomes = {
      options: this.options,
      worker: this.id,
      now: () => this.now(),
      paceLane: (lane, ms) => this.nextSendAt.set(lane, this.time.now() + ms),
      pause: (error) => this.pause(error),
      firstTime: (key) => !this.told.has(key) && Boolean(this.told.add(key)),
      stopped: () => this.stopped,
    };
  }

  /** Wall-clock milliseconds that never go back (see MonotonicTime). */
  now(): number {
    return this.time.now();
  }

  start(): void {
    this.stopped = false;
    this.started = this.recover();
    this.poller = setInterval(() => this.kick(), this.options.pollMs);
    this.poller.unref();
    this.renewer = setInterval(() => void this.renew(), Math.max(100, Math.floor(this.claimMs / 3)));
    this.renewer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of [this.timer, this.kickTimer]) if (timer) clearTimeout(timer);
    for (const timer of [this.poller, this.renewer]) if (timer) clearInterval(timer);
    await this.running;
    await Promise.all([...this.inFlight.values()].map((f) => f.done));
  }

  health(): OutboxHealth {
    const slack = this.paused
      ? { status: 'refused' as const, error: this.paused.error, since: new Date(this.paused.since).toISOString() }
      : { status: 'ok' as const };
    return { slack, inFlight: this.inFlight.size };
  }

  /** Asks for a delivery round soon (after a change committed new messages). */
  kick(): void {
    if (this.stopped) return;
    if (this.running || this.kickTimer) {
      this.again = true;
      return;
    }
    // Under load every request kicks: rounds start at most every KICK_GAP_MS.
    const wait = this.lastRoundAt + KICK_GAP_MS - this.time.monotonic();
    if (wait > 0) {
      this.kickTimer = setTimeout(() => {
        this.kickTimer = null;
        this.kick();
      }, wait);
      return;
    }
    this.lastRoundAt = this.time.monotonic();
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
    await this.started;
    for (;;) {
      if (this.stopped) break;
      if (this.paused && !(await this.tokenWorks())) break;
      const now = this.now();
      const finishedBefore = this.finished;
      await releaseStale(db, new Date(now).toISOString());
      const heads = await dueHeads(db, new Date(now).toISOString(), HEAD_LIMIT);
      this.followPace(heads);
      for (const row of await this.inDeliveryOrder(heads, now)) {
        if (this.inFlight.size >= this.concurrency || this.paused) break;
        const lane = laneOf(row);
        if (this.busyLanes.has(lane) || this.inFlight.has(row.id)) continue;
        if ((this.nextSendAt.get(lane) ?? 0) > now) continue;
        this.launch(row, lane);
      }
      if (this.inFlight.size === 0) {
        // A delivery that ended during the look-up may have freed the next message of its channel: look again.
        if (this.finished !== finishedBefore) continue;
        this.scheduleNext(heads, now);
        return;
      }
      await Promise.race([...this.inFlight.values()].map((f) => f.done));
    }
    await Promise.all([...this.inFlight.values()].map((f) => f.done));
  }

  /** Channels another instance has paced: none of their messages is tried before then (the claim would refuse). */
  private followPace(heads: OutboxHead[]): void {
    for (const row of heads) {
      if (row.paced_until === null || row.paced_by === this.id) continue;
      const lane = laneOf(row);
      const until = Date.parse(row.paced_until);
      if (until > (this.nextSendAt.get(lane) ?? 0)) this.nextSendAt.set(lane, until);
    }
  }

  /** Ready heads, those with more owed behind them first when there are more than free slots. */
  private async inDeliveryOrder(heads: OutboxRow[], now: number): Promise<OutboxRow[]> {
    const ready = heads.filter((row) => {
      const lane = laneOf(row);
      return !this.busyLanes.has(lane) && !this.inFlight.has(row.id) && (this.nextSendAt.get(lane) ?? 0) <= now;
    });
    if (ready.length <= this.concurrency - this.inFlight.size) return ready;
    const followed = await headsWithFollowers(this.options.db, ready);
    return [...ready.filter((row) => followed.has(row.id)), ...ready.filter((row) => !followed.has(row.id))];
  }

  /** At start: the claims an earlier run of the only instance left, and retry times from before a clock step. */
  private async recover(): Promise<void> {
    const { db, logger } = this.options;
    try {
      if (this.options.soleInstance) {
        const released = await releaseAllClaims(db);
        if (released > 0) logger.warn(`${released} message(s) were being sent when the app stopped; sending again`);
      }
      await capRetryTimes(db, new Date(this.now() + this.longestWait()).toISOString());
    } catch (error) {
      logger.error('outbox recovery at start failed', error);
    }
  }

  private longestWait(): number {
    return Math.max(this.options.maxBackoffMs ?? 300_000, this.options.blockedRetryMs ?? 60_000, 120_000);
  }

  private launch(row: OutboxRow, lane: string): void {
    this.busyLanes.add(lane);
    const done = this.deliver(row, lane)
      .catch((error: unknown) => this.options.logger.error('outbox delivery failed', { outbox: row.id, error }))
      .finally(() => {
        this.inFlight.delete(row.id);
        this.busyLanes.delete(lane);
        this.finished += 1;
      });
    this.inFlight.set(row.id, { lane, done });
  }

  /** Keeps the claims of calls still waiting for Slack (a slow answer may take 30 s) from expiring. */
  private async renew(): Promise<void> {
    const ids = [...this.inFlight.keys()];
    if (ids.length === 0) return;
    try {
      await renewClaims(this.options.db, ids, new Date(this.now() + this.claimMs).toISOString());
    } catch (error) {
      this.options.logger.warn('renewing outbox claims failed', error);
    }
  }

  /** While paused: asks Slack (auth.test) at most every authCheckMs whether the token works again. */
  private async tokenWorks(): Promise<boolean> {
    const paused = this.paused;
    if (!paused) return true;
    const every = this.options.authCheckMs ?? 60_000;
    const since = this.time.monotonic() - paused.checkedAt;
    if (since < every) {
      this.wakeIn(every - since);
      return false;
    }
    paused.checkedAt = this.time.monotonic();
    try {
      await this.options.client.auth.test();
    } catch (error) {
      const failure = classifyFailure(error);
      if (failure.kind === 'auth') paused.error = failure.error;
      if (failure.kind === 'refused' || failure.kind === 'channel') {
        this.options.logger.warn(`auth.test answered ${failure.error}`);
      }
      this.wakeIn(every);
      return false;
    }
    this.paused = null;
    this.options.logger.warn('Slack accepts the bot token again: delivering the messages kept while it did not');
    return true;
  }

  private pause(error: string): void {
    if (this.paused) return;
    this.paused = { error, since: this.now(), checkedAt: this.time.monotonic() };
    this.options.logger.error(authAdvice(error));
    this.wakeIn(this.options.authCheckMs ?? 60_000);
  }

  /**
   * Wakes the worker in `ms`, or sooner if a wake is already set for sooner: rounds end while earlier rounds'
   * look-ups are still answering, so a later answer must not push back a wake an earlier one needed.
   */
  private wakeIn(ms: number): void {
    if (this.stopped) return;
    const at = this.time.monotonic() + Math.max(5, ms);
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kick();
    }, at - this.time.monotonic());
    this.timer.unref();
  }

  /** `lookedUpAt`: the instant the round looked up the due heads; a message due since then is woken too. */
  private scheduleNext(heads: OutboxRow[], lookedUpAt: number): void {
    if (this.stopped || this.paused) return;
    const now = this.now();
    // With nothing in flight, every head left is waiting for its channel's pace; one whose pace ended while the
    // round ran (it started before that channel's last call did) is due now, and needs a wake as much as the rest.
    const waits = heads.map((row) => Math.max(0, (this.nextSendAt.get(laneOf(row)) ?? now) - now));
    // Messages already due at the look-up that wait behind their channel's head are woken by that head's delivery;
    // one that fell due after it (a short backoff ending while the round ran) is due now.
    void nextDueAfter(this.options.db, new Date(lookedUpAt).toISOString())
      .then((due) => {
        const next = due ? Math.max(0, Date.parse(due) - this.now()) : Number.POSITIVE_INFINITY;
        const wait = Math.min(next, ...waits);
        if (!Number.isFinite(wait) || this.stopped) return;
        this.wakeIn(Math.min(wait + 5, this.options.pollMs));
      })
      .catch((error: unknown) => this.options.logger.error('outbox scheduling failed', error));
  }

  private async deliver(row: OutboxRow, lane: string): Promise<void> {
    const { db } = this.options;
    const now = this.now();
    const until = new Date(now + this.claimMs).toISOString();
    const claimed = await claim(db, row.id, this.id, until, new Date(now).toISOString());
    if (!claimed) return;
    const call = { made: false };
    let outcome: Outcome;
    try {
      outcome = await this.attempt(row, lane, call);
    } catch (error) {
      // Our side broke (a renderer, a read): counted like Slack's own trouble, so it cannot loop for ever.
      outcome = { kind: 'failure', failure: classifyFailure(error) };
    }
    await recordOutcome(this.outcomes, row, lane, outcome, call.made ? this.paceMs : null);
  }

  private async attempt(row: OutboxRow, lane: string, call: { made: boolean }): Promise<Outcome> {
    const resolved = await resolveMessage(this.options.db, this.options.renderers, row);
    if (resolved.kind === 'wait') return { kind: 'wait' };
    if (resolved.kind === 'skip') return { kind: 'sent', channel: null, ts: null };
    if (resolved.kind === 'held') return { kind: 'held', error: resolved.error };
    if (resolved.kind === 'refuse') return { kind: 'failed', error: resolved.error };
    const { args } = resolved;
    // A channel is paced from Slack's answer, by this worker as by other instances (recordOutcome): Slack counts
    // calls as they arrive, and one that took longer to get there than the next must not bring the two closer.
    // A user's App Home is paced the same way: changes made meanwhile wait in one pending publish, so a busy
    // loop republishes a home about once a second, not once per change (views.publish is rate-limited too).
    call.made = true;
    // Each posted message carries its queue id, so a delivery can be traced (and counted) in Slack.
    const traced =
      row.method === 'chat.postMessage'
        ? { ...args, metadata: { event_type: OUTBOX_EVENT, event_payload: { outbox_id: row.id } } }
        : args;
    try {
      const result = (await this.options.client.apiCall(row.method, traced)) as { channel?: string; ts?: string };
      return { kind: 'sent', channel: result.channel ?? null, ts: result.ts ?? null };
    } catch (error) {
      return { kind: 'failure', failure: classifyFailure(error) };
    } finally {
      this.nextSendAt.set(lane, this.time.now() + this.paceMs);
    }
  }
}
