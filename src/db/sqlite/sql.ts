import { type RawBuilder, sql } from 'kysely';
import type { DialectSql } from '../dialect.js';

/** SQLite's spelling of what the repositories need beyond Kysely's query builder. */
export const sqliteSql: DialectSql = {
  jsonArrayRows: (json: unknown): RawBuilder<unknown> => sql`json_each(${json})`,
  jsonObjectRows: (json: unknown): RawBuilder<unknown> => sql`json_each(${json})`,
  indexHint: (index: string): RawBuilder<unknown> => sql`indexed by ${sql.raw(index)}`,
  // A write transaction begins IMMEDIATE: it holds the only write lock from its start.
  lockName: () => null,
  locksRows: false,
};
