import { type Kysely, Migrator } from 'kysely';
import { migrations } from '../../db/migrations/index.js';
import type { WriteHealth } from './health.js';
import type { Database, Db } from './schema.js';
import { type OpenOptions, rawSqlite } from './sqlite/connection.js';
import { openSqliteStore } from './sqlite/store.js';

// The seam between the app and the database it runs on. Services, jobs and Slack code use `transact` and the
// repositories; what differs per dialect (opening a connection, beginning, retrying and committing a
// transaction, claiming work) lives in sqlite/ and postgres/.

export type Dialect = 'sqlite' | 'postgres';

/** Where the data lives: a SQLite file (or ':memory:'), unless a PostgreSQL URL is given. */
export interface DatabaseTarget {
  path: string;
  url?: string | null;
}

export type { OpenOptions };

export interface TransactOptions {
  /** Runs once the work has committed (never if it did not). */
  afterCommit?: () => void;
}

export interface DbHandle {
  dialect: Dialect;
  /** Whether one app process at most serves this database (a SQLite file), so no other instance can be sending. */
  singleInstance: boolean;
  db: Kysely<Database>;
  /** Runs a use case in one transaction (see `transact`). */
  transact: <T>(work: (trx: Db) => Promise<T>, options?: TransactOptions) => Promise<T>;
  /** Calls `listener` after every commit of a use case (the outbox is woken this way); returns the unsubscribe. */
  onCommit: (listener: () => void) => () => void;
  /** Copies the database to a new file (SQLite); PostgreSQL is backed up with its own tools (pg_dump). */
  backup: (target: string) => Promise<void>;
  /** Whether the database takes writes now (a probe rolled back at once, and the last write's outcome). */
  writeHealth: () => Promise<WriteHealth>;
  close: () => Promise<void>;
}

/** What a dialect module provides. */
export interface DialectStore {
  dialect: Dialect;
  /** Whether one app process at most serves this database (a SQLite file), so no other instance can be sending. */
  singleInstance: boolean;
  db: Kysely<Database>;
  transact: <T>(work: (trx: Db) => Promise<T>, afterCommit?: () => void) => Promise<T>;
  backup: (target: string) => Promise<void>;
  writeHealth: () => Promise<WriteHealth>;
  close: () => Promise<void>;
}

export interface StoreHooks {
  /** `count` use cases have just committed. */
  committed: (count: number) => void;
}

const handles = new WeakMap<Kysely<Database>, DbHandle>();
let commits = 0;

/** How many use-case transactions this process has committed: a change here shows as a new count. */
export function committedTransactions(): number {
  return commits;
}

export async function openDatabase(target: DatabaseTarget | string, options: OpenOptions = {}): Promise<DbHandle> {
  const where = typeof target === 'string' ? { path: target } : target;
  const listeners = new Set<() => void>();
  const hooks: StoreHooks = {
    committed: (count) => {
      if (count === 0) return;
      commits += count;
      for (const listener of listeners) listener();
    },
  };
  const store = await openStore(where, options, hooks);
  const handle: DbHandle = {
    dialect: store.dialect,
    singleInstance: store.singleInstance,
    db: store.db,
    transact: (work, transactOptions) => store.transact(work, transactOptions?.afterCommit),
    onCommit: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    backup: store.backup,
    writeHealth: store.writeHealth,
    close: store.close,
  };
  handles.set(store.db, handle);
  return handle;
}

async function openStore(target: DatabaseTarget, options: OpenOptions, hooks: StoreHooks): Promise<DialectStore> {
  if (target.url) {
    // Loaded only when asked for: a SQLite deployment never loads the PostgreSQL driver.
    const { openPostgresStore } = await import('./postgres/store.js');
    return openPostgresStore(target.url, hooks);
  }
  return openSqliteStore(target.path, options, hooks);
}

/**
 * Runs a use case in one transaction of the database `db` was opened on. The work must only use the database:
 * no Slack calls or timers inside, and no state kept outside it, since it may run more than once (SQLite runs it
 * again after another use case of its group commit failed; PostgreSQL after a serialization failure or a
 * deadlock). Its result is what counts: the caller acts on it once the work has committed.
 */
export function transact<T>(
  db: Kysely<Database>,
  work: (trx: Db) => Promise<T>,
  options?: TransactOptions,
): Promise<T> {
  const handle = handles.get(db);
  if (handle) return handle.transact(work, options);
  // A Kysely instance made elsewhere (a benchmark's tracing copy of a connection): a plain transaction of its own.
  return db
    .transaction()
    .execute(work)
    .then((value) => {
      options?.afterCommit?.();
      return value;
    });
}

/**
 * From now on the server's connection never waits for another process's write lock inside SQLite, which would hold
 * up the whole event loop: statements and group commits wait between tries instead (src/db/busy.ts). PostgreSQL's
 * connections wait on the server, not in this process: nothing to change.
 */
export function waitOffThread(handle: DbHandle): void {
  if (handle.dialect === 'sqlite') rawSqlite(handle.db).pragma('busy_timeout = 0');
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
