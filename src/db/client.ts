import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, type SqliteDatabase, sql } from 'kysely';
import { migrations } from '../../db/migrations/index.js';
import { BusyWaitingSqliteDialect, isBusy } from './busy.js';
import { noteWrite } from './health.js';
import type { Database, Db } from './schema.js';

export interface DbHandle {
  db: Kysely<Database>;
  sqlite: SQLite.Database;
  close: () => Promise<void>;
}

export interface OpenOptions {
  /** Checkpoint the WAL from a worker thread instead of on this one (see startCheckpointer): for the server. */
  backgroundCheckpoints?: boolean;
}

/** Opens (creating if needed) the SQLite file; ':memory:' gives a private in-memory database. */
export function openDatabase(path: string, options: OpenOptions = {}): DbHandle {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  if (path !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // Migrations and the CLI may wait inside SQLite; the server stops doing so once it serves (see waitOffThread).
  sqlite.pragma('busy_timeout = 5000');
  // 4 MB of page cache (better-sqlite3's default is 16 MB): the hot pages (the ends of the growing tables and
  // indexes, open loops) fit, and the memory goes to the JavaScript heap instead. Other pages come from the OS
  // file cache.
  sqlite.pragma(`cache_size = -${CACHE_KIB}`);
  // A savepoint (see GroupCommit) keeps the original of every page it changes in a sub-journal, which past 64 KB
  // goes to a temporary file: when every use case ran in one, a scorecard submission wrote it about 34 times, plus
  // a file created and deleted per batch. In memory it is freed at each release (hence the bounded retention
  // purge), and no temporary file is needed at all: a read-only root file system (a container) is fine.
  sqlite.pragma('temp_store = MEMORY');
  const db = new Kysely<Database>({
    dialect: new BusyWaitingSqliteDialect({ database: withStatementCache(sqlite) }, sqlite),
  });
  connections.set(db, sqlite);
  const checkpointer = options.backgroundCheckpoints && path !== ':memory:' ? startCheckpointer(sqlite, path) : null;
  return {
    db,
    sqlite,
    close: async () => {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

/**
 * From now on this connection never waits for another process's write lock inside SQLite, which would hold up the
 * whole event loop (and every answer to Slack): statements and group commits wait between tries instead (see
 * BusyWaitingSqliteDialect and GroupCommit).
 */
export function waitOffThread(handle: DbHandle): void {
  handle.sqlite.pragma('busy_timeout = 0');
}

/** Past this many pages in the WAL, the connection checkpoints it itself: if the worker falls behind or is gone. */
const FALLBACK_CHECKPOINT_PAGES = 4_000;
/** SQLite's default: the connection checkpoints itself again if the worker stops. */
const DEFAULT_CHECKPOINT_PAGES = 1_000;

// The worker's code, run from a string so it needs no build step (tests run the TypeScript sources). It waits for
// a commit (or a second), checkpoints what the WAL holds, then rests 20 ms so that checkpoints come in batches.
// PASSIVE never waits for a lock and never blocks the writer; a checkpoint already running makes it try next time.
const CHECKPOINTER = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const signal = new Int32Array(workerData.signal);
const db = new Database(workerData.path, { fileMustExist: true });
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
let seen = Atomics.load(signal, 0);
while (Atomics.load(signal, 1) === 0) {
  Atomics.wait(signal, 0, seen, 1000);
  if (Atomics.load(signal, 1) !== 0) break;
  seen = Atomics.load(signal, 0);
  try { checkpoint.get(); } catch {}
  Atomics.wait(signal, 1, 0, 20);
}
db.close();
`;

const checkpointers = new WeakMap<SQLite.Database, { nudge: () => void }>();

/**
 * Checkpointing copies the WAL's pages into the database file and syncs both to disk: on the connection that
 * commits, every thousandth page made one commit (and the requests waiting on the event loop) wait for two
 * fsyncs. A worker thread with its own connection does it instead, woken by each group commit. The WAL starts
 * over at a commit that finds all of it copied; under sustained writes that is rare, so it grows until the
 * connection checkpoints at FALLBACK_CHECKPOINT_PAGES (16 MB) itself, copying only what the worker has not. If the
 * worker stops, the connection checkpoints at SQLite's default again.
 */
function startCheckpointer(sqlite: SQLite.Database, path: string) {
  // [0]: commits so far (the worker waits on it), [1]: 1 once the worker must stop.
  const signal = new Int32Array(new SharedArrayBuffer(8));
  let worker: Worker;
  try {
    worker = new Worker(CHECKPOINTER, {
      eval: true,
      workerData: { path, driver: createRequire(import.meta.url).resolve('better-sqlite3'), signal: signal.buffer },
    });
  } catch {
    return null; // no thread to be had: the connection checkpoints itself, as SQLite does by default
  }
  worker.unref();
  sqlite.pragma(`wal_autocheckpoint = ${FALLBACK_CHECKPOINT_PAGES}`);
  let stopping = false;
  const exited = new Promise<void>((resolve) => {
    worker.once('exit', () => {
      if (!stopping && sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_CHECKPOINT_PAGES}`);
      resolve();
    });
  });
  // An error ends the worker ('exit' follows): the connection checkpoints itself from then on.
  worker.on('error', () => undefined);
  const nudge = () => {
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  };
  checkpointers.set(sqlite, { nudge });
  return {
    stop: async () => {
      stopping = true;
      // Unreferenced, the worker would not keep the process alive until it has closed its connection.
      worker.ref();
      Atomics.store(signal, 1, 1);
      Atomics.notify(signal, 1);
      Atomics.notify(signal, 0);
      await exited;
    },
  };
}

const CACHE_KIB = 4_000;
const CACHED_STATEMENTS = 500;
const statementCaches = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();
/** The SQLite connection behind each Kysely instance this module opened. */
const connections = new WeakMap<Kysely<Database>, SQLite.Database>();

/**
 * Kysely prepares every query anew; the app runs the same few hundred statements again and again, so a
 * prepared statement is kept per SQL text (queries never iterate re-entrantly: they run one at a time).
 */
export function cachedStatement(sqlite: SQLite.Database, text: string): SQLite.Statement {
  let statements = statementCaches.get(sqlite);
  if (!statements) {
    statements = new Map();
    statementCaches.set(sqlite, statements);
  }
  let statement = statements.get(text);
  if (!statement) {
    statement = sqlite.prepare(text);
    if (statements.size >= CACHED_STATEMENTS) statements.clear();
    statements.set(text, statement);
  }
  return statement;
}

function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  return { close: () => sqlite.close(), prepare: (text: string) => cachedStatement(sqlite, text) };
}

/** The use cases being committed right now, by the connection they run on (see GroupCommit). */
const batches = new WeakMap<object, SQLite.Database>();

/**
 * The SQLite connection of `db` when `db` is the connection of a group commit in progress: nothing else can
 * use it until the batch ends, so its statements may run directly (synchronously) instead of through Kysely.
 */
export function batchConnection(db: Db): SQLite.Database | undefined {
  return batches.get(db);
}

export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  // Migration numbers are slots handed out to parallel pieces of work, so one can land after a higher number
  // has run on a database: apply it rather than refuse to start.
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

type Work = (trx: Db) => Promise<unknown>;
interface Pending {
  work: Work;
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

  constructor(private readonly db: Kysely<Database>) {}

  run<T>(work: (trx: Db) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
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
   * case changes (about 7 µs of a scorecard submission's 70). If one fails, the transaction is undone, that caller
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
      commits += batch.length;
      if (outcomes.some((o) => o.ok)) noteWrite(null);
      if (sqlite) checkpointers.get(sqlite)?.nudge();
    } catch (error) {
      // The transaction itself failed (e.g. the disk is full): nothing of the batch was saved.
      noteWrite(error);
      await control('rollback').catch(() => undefined);
      for (const item of batch) item.reject(error);
      return null;
    }
    for (const [i, item] of batch.entries()) {
      const outcome = outcomes[i];
      if (outcome?.ok) item.resolve(outcome.value);
      else item.reject(outcome?.value);
    }
    return null;
  }
}

/** BEGIN IMMEDIATE tries before a batch gives up on another process's write lock: about 5 s in all. */
const BUSY_ATTEMPTS = 9;

const groups = new WeakMap<Kysely<Database>, GroupCommit>();
let commits = 0;

/** How many use-case transactions this process has committed: a change here shows as a new count. */
export function committedTransactions(): number {
  return commits;
}

/**
 * Runs a use case in one transaction, committed together with the use cases that arrive at the same time
 * (see GroupCommit). The work must only use the database: no Slack calls or timers inside, and no state kept
 * outside it, since it may run twice (again after another use case of its batch failed). Its result is what
 * counts: the caller acts on it once the work has committed.
 */
export function transact<T>(db: Kysely<Database>, work: (trx: Db) => Promise<T>): Promise<T> {
  let group = groups.get(db);
  if (!group) {
    group = new GroupCommit(db);
    groups.set(db, group);
  }
  return group.run(work);
}
