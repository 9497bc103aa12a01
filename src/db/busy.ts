import type SQLite from 'better-sqlite3';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  SqliteDialect,
  type SqliteDialectConfig,
  type TransactionSettings,
} from 'kysely';

/** How long a statement outside a transaction waits, in all, for another process's write lock. */
const BUSY_BUDGET_MS = 5_000;

export function isBusy(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && String(error.code).startsWith('SQLITE_BUSY');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * SQLite's busy timeout waits for a lock inside the call, on the one thread that also answers Slack: with another
 * process holding the write lock (a backup, a CLI import), every request waited behind it. The connection runs
 * with no busy timeout, and a statement that finds the lock taken is tried again after a pause on the event loop,
 * so everything else goes on meanwhile. Inside a transaction a busy statement is not retried (SQLite wants the
 * transaction rolled back); GroupCommit takes its lock up front (BEGIN IMMEDIATE) and retries that itself.
 */
export class BusyWaitingSqliteDialect extends SqliteDialect {
  constructor(
    config: SqliteDialectConfig,
    private readonly sqlite: SQLite.Database,
  ) {
    super(config);
  }

  override createDriver(): Driver {
    return new BusyWaitingDriver(super.createDriver(), this.sqlite);
  }
}

class BusyWaitingDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly sqlite: SQLite.Database,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  // One wrapper per connection, not a new one for every statement (Kysely keeps each connection it is handed in a
  // set of its own).
  private readonly wrappers = new WeakMap<DatabaseConnection, BusyWaitingConnection>();

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.inner.acquireConnection();
    let wrapper = this.wrappers.get(connection);
    if (!wrapper) {
      wrapper = new BusyWaitingConnection(this.inner, connection, this.sqlite);
      this.wrappers.set(connection, wrapper);
    }
    return wrapper;
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    // Through the wrapper: BEGIN is a statement like any other.
    return this.inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(connection instanceof BusyWaitingConnection ? connection.current : connection);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

/**
 * A connection whose statements wait for another process's write lock off the connection: between tries it is
 * given back, so the app's other queries (reads for an answer to Slack) run meanwhile. Only outside a
 * transaction, where no state ties the statements of a session together.
 */
class BusyWaitingConnection implements DatabaseConnection {
  constructor(
    private readonly driver: Driver,
    public current: DatabaseConnection,
    private readonly sqlite: SQLite.Database,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    let started = 0;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.current.executeQuery<R>(query);
      } catch (error) {
        started ||= Date.now();
        if (!isBusy(error) || this.sqlite.inTransaction || Date.now() - started > BUSY_BUDGET_MS) throw error;
        await this.driver.releaseConnection(this.current);
        await sleep(Math.min(250, 5 * 2 ** attempt));
        this.current = await this.driver.acquireConnection();
      }
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.current.streamQuery<R>(query, chunkSize);
  }
}
