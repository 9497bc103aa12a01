import type { Logger } from '@slack/bolt';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { Database } from '../db/schema.js';
import { keepInsightCurrent, type LedgerRound } from '../services/refresh-insight.js';

/**
 * Keeps the insight ledger current in the background, every JOBS_POLL_SECONDS and once at start: a database that
 * has no ledger yet (or one in an older layout) is built here, chunk by chunk, while the app serves requests, so
 * no report waits for it. Several instances share the chunks (each is claimed under the ledger's lock).
 */
export class InsightLedgerRunner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<LedgerRound> | null = null;

  constructor(private readonly options: { db: Kysely<Database>; clock: Clock; logger: Logger; pollMs: number }) {}

  start(): void {
    this.timer = setInterval(() => void this.tick().catch(() => undefined), this.options.pollMs);
    this.timer.unref();
    void this.tick().catch(() => undefined);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One round now, after the one under way (a first build may take a minute: later ticks wait their turn). */
  async tick(): Promise<LedgerRound> {
    if (this.running) return this.running;
    const started = Date.now();
    this.running = keepInsightCurrent(this.options.db, this.options.clock.now()).then(
      (round) => {
        if (round.built > 0)
          this.options.logger.info(`insight ledger: ${round.built} interviews built in ${Date.now() - started} ms`);
        return round;
      },
      (error: unknown) => {
        this.options.logger.error('keeping the insight ledger current failed', error);
        throw error;
      },
    );
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }
}
