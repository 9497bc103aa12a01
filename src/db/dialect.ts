import { PostgresAdapter, type RawBuilder } from 'kysely';
import type { Dialect } from './database.js';
import { postgresSql } from './postgres/sql.js';
import type { Db } from './schema.js';
import { sqliteSql } from './sqlite/sql.js';

/** What the repositories write differently per dialect (one module each: sqlite/sql.ts, postgres/sql.ts). */
export interface DialectSql {
  /** A JSON array (a parameter holding its text) as rows: `key` its 0-based position, `value` the element. */
  jsonArrayRows: (json: unknown) => RawBuilder<unknown>;
  /** A JSON object as rows of `key` and `value` (cast the value to the column's type). */
  jsonObjectRows: (json: unknown) => RawBuilder<unknown>;
  /** `indexed by` on SQLite, where its planner would otherwise choose worse; nothing elsewhere. */
  indexHint: (index: string) => RawBuilder<unknown>;
  /**
   * Holds a lock named `key` until the transaction ends, so that use cases deciding on the same thing run one after
   * the other (PostgreSQL; SQLite's transactions already do, one writer at a time). Null: nothing to run.
   */
  lockName: (key: string) => RawBuilder<unknown> | null;
  /** Whether `select … for update` locks rows (PostgreSQL); SQLite has one writer and no such clause. */
  locksRows: boolean;
}

export function dialectOf(db: Db): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

export function dialectSql(db: Db): DialectSql {
  return dialectOf(db) === 'postgres' ? postgresSql : sqliteSql;
}
