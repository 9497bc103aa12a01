import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { Kysely, type SqliteDatabase } from 'kysely';
import { BusyWaitingSqliteDialect } from '../busy.js';
import type { Database } from '../schema.js';

export interface SqliteConnection {
  db: Kysely<Database>;
  sqlite: SQLite.Database;
  close: () => Promise<void>;
}

export interface OpenOptions {
  /** Checkpoint the WAL from a worker thread instead of on this one (see startCheckpointer): for the server. */
  backgroundCheckpoints?: boolean;
}

/** Opens (creating if needed) the SQLite file; ':memory:' gives a private in-memory database. */
export function openSqlite(path: string, options: OpenOptions = {}): SqliteConnection {
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

export const checkpointers = new WeakMap<SQLite.Database, { nudge: () => void }>();

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
export const connections = new WeakMap<Kysely<Database>, SQLite.Database>();

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

/** The better-sqlite3 connection behind `db` (tests and the benchmark compare against the raw driver). */
export function rawSqlite(db: Kysely<Database>): SQLite.Database {
  const sqlite = connections.get(db);
  if (!sqlite) throw new Error('not a SQLite database opened by openSqlite');
  return sqlite;
}
