import { type RawBuilder, sql } from 'kysely';
import type { DialectSql } from '../dialect.js';

/** PostgreSQL's spelling of what the repositories need beyond Kysely's query builder. */
export const postgresSql: DialectSql = {
  jsonArrayRows: (json: unknown): RawBuilder<unknown> =>
    sql`(select value, ordinality - 1 as key from json_array_elements(cast(${json} as json)) with ordinality)`,
  jsonObjectRows: (json: unknown): RawBuilder<unknown> => sql`json_each_text(cast(${json} as json))`,
  // The planner chooses its indexes itself.
  indexHint: (): RawBuilder<unknown> => sql``,
  // A transaction-scoped advisory lock on a 64-bit hash of the name: released at commit or rollback.
  lockName: (key: string): RawBuilder<unknown> => sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`,
  locksRows: true,
};
