import type SQLite from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import { isBusy } from '../busy.js';
import { noteWrite } from '../health.js';
import type { Database, Db } from '../schema.js';
import { cachedStatement, checkpointers, connections } from './connection.js';

/** The use cases being committed right now, by the connection they run on (see GroupCommit). */
const batches = new WeakMap<object, SQLite.Database>();

/**
 * The SQLite connection of `db` when `db` is the connection of a group commit in progress: nothing else can
 * use it until the batch ends, so its statements may run directly (synchronously) instead of through Kysely.
 */
export function batchConnection(db: Db): SQLite.Database | undefined {
  return batches.get(db);
}

type Work = (trx: Db) => Promise<unknown>;
interface Pending {
  work: Work;
  afterCommit: (() => void) | undefined;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit. Committing a transaction writes every page it changed to the WAL (about 16 pages, 0.1 ms, for
 * a scorecard); use cases that arrive together (one turn of the event loop) therefore share one transaction.
 * One that fails is undone alone (see commitBatch), and each caller hears back only once the shared transaction
 * has committed: nothing is acknowledged that could still be lost. The write lock is taken
 * at BEGIN (IMMEDIATE): another process holding it makes the batch wait and retry before any work has run, with
 * the connection given back meanwhile (reads go on).
 */
class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(
    private readonly db: Kysely<Database>,
    /** Told how many use cases a batch committed, once it has. */
    private readonly committed: (count: number) => void,
  ) {}

  run<T>(work: (trx: Db) => Promise<T>, afterCommit?: () => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, afterCommit, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    // Use cases still owed an answer because another process held the write lock at BEGIN.
    let waiting: Pending[] = [];
    for (let attempt = 1; ; attempt++) {
      const result: { busy: { rest: Pending[]; error: unknown } | null } = { busy: null };
      try {
        await this.db.connection().execute(async (conn) => {
          // Taken once the connection is ours: whatever queued while we waited joins this batch.
          const batch = [...waiting, ...this.queue];
          waiting = [];
          this.queue = [];
          this.scheduled = false;
          if (batch.length === 0) return;
          const sqlite = connections.get(this.db);
          if (sqlite) batches.set(conn, sqlite);
          try {
            result.busy = await this.commitBatch(conn, batch);
          } finally {
            batches.delete(conn);
          }
        });
      } catch (error) {
        // No connection (the database is closing): nothing ran.
        const batch = [...waiting, ...this.queue];
        this.queue = [];
        this.scheduled = false;
        for (const item of batch) item.reject(error);
        return;
      }
      const owed = result.busy;
      if (!owed) return;
      if (attempt >= BUSY_ATTEMPTS) {
        for (const item of owed.rest) item.reject(owed.error);
        return;
      }
      // The lock is waited for with the connection given back: reads (and the answers to Slack that need them)
      // go on meanwhile.
      waiting = owed.rest;
      await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt + Math.random() * 20));
    }
  }

  /**
   * The use cases first run one after another without savepoints: a savepoint keeps a copy of every page its use
   * case changes (see docs/benchmarks.md, round four). If one fails, the transaction is undone, that caller
   * hears its error, and the others run again, each in a savepoint, so only the one that fails is undone.
   */
  private async commitBatch(
    conn: Kysely<Database>,
    batch: Pending[],
  ): Promise<{ rest: Pending[]; error: unknown } | null> {
    const failed = await this.attempt(conn, batch, false);
    if (failed === null || typeof failed === 'object')
      return failed === null ? null : { rest: batch, error: failed.busy };
    const rest = batch.filter((_, i) => i !== failed);
    if (rest.length === 0) return null;
    const again = await this.attempt(conn, rest, true);
    return again !== null && typeof again === 'object' ? { rest, error: again.busy } : null;
  }

  /**
   * Runs the batch in one transaction and answers every caller. Without savepoints (`isolated` false) it stops
   * at the first use case that fails instead: the transaction is undone, that caller alone hears back (its error),
   * and its index is returned.
   */
  private async attempt(
    conn: Kysely<Database>,
    batch: Pending[],
    isolated: boolean,
  ): Promise<number | { busy: unknown } | null> {
    const sqlite = batches.get(conn);
    const control = async (statement: string) => {
      if (sqlite) cachedStatement(sqlite, statement).run();
      else await sql.raw(statement).execute(conn);
    };
    try {
      await control('begin immediate');
    } catch (error) {
      // Another process holds the write lock: nothing has run; the caller waits (without the connection) and
      // tries again.
      if (isBusy(error)) return { busy: error };
      for (const item of batch) item.reject(error);
      return null;
    }
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      for (const [i, item] of batch.entries()) {
        if (isolated) await control('savepoint work');
        try {
          outcomes.push({ ok: true, value: await item.work(conn) });
          if (isolated) await control('release work');
        } catch (error) {
          noteWrite(error);
          if (!isolated) {
            await control('rollback').catch(() => undefined);
            item.reject(error);
            return i;
          }
          await control('rollback to work');
          await control('release work');
          outcomes.push({ ok: false, value: error });
        }
        // SQLite itself may have rolled the whole transaction back (disk full, I/O error) under a use case that
        // caught the error: stop here, before anything runs outside the transaction.
        if (sqlite && !sqlite.inTransaction) throw new Error('the transaction was rolled back by SQLite');
      }
      await control('commit');
      if (outcomes.some((o) => o.ok)) noteWrite(null);
      if (sqlite) checkpointers.get(sqlite)?.nudge();
    } catch (error) {
      // The transaction itself failed (e.g. the disk is full): nothing of the batch was saved.
      noteWrite(error);
      await control('rollback').catch(() => undefined);
      for (const item of batch) item.reject(error);
      return null;
    }
    this.committed(outcomes.filter((o) => o.ok).length);
    for (const [i, item] of batch.entries()) {
      const outcome = outcomes[i];
      if (outcome?.ok) {
        item.afterCommit?.();
        item.resolve(outcome.value);
      } else item.reject(outcome?.value);
    }
    return null;
  }
}

/**
 * Runs a use case in one transaction, committed together with the use cases that arrive at the same time
 * (see GroupCommit). The work must only use the database: no Slack calls or timers inside, and no state kept
 * outside it, since it may run twice (again after another use case of its batch failed). Its result is what
 * counts: the caller acts on it once the work has committed.
 */
/** BEGIN IMMEDIATE tries before a batch gives up on another process's write lock: about 5 s in all. */
const BUSY_ATTEMPTS = 9;

export function groupCommit(db: Kysely<Database>, committed: (count: number) => void) {
  const group = new GroupCommit(db, committed);
  return <T>(work: (trx: Db) => Promise<T>, afterCommit?: () => void): Promise<T> => group.run(work, afterCommit);
}
