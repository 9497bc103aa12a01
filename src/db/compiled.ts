import type SQLite from 'better-sqlite3';
import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import type { Database, Db } from './schema.js';
import { cachedStatement } from './sqlite/connection.js';
import { batchConnection } from './sqlite/group-commit.js';

// Building and compiling a Kysely query costs more than the database takes to run a simple one: the statements on
// the request paths are built and compiled once per dialect, by the live Kysely instance, with placeholders for
// their parameters, and run with new parameters each time (docs/benchmarks.md, "Compiled queries").

const PARAM = Symbol('parameter');
type Placeholder = { [PARAM]: string };
const isPlaceholder = (value: unknown): value is Placeholder =>
  typeof value === 'object' && value !== null && PARAM in value;

export interface Prepared<P, R> {
  /** All rows. */
  all: (db: Db, params: P) => Promise<R[]>;
  /** The first row, if any. */
  first: (db: Db, params: P) => Promise<R | undefined>;
  /** Rows inserted, updated or deleted. */
  run: (db: Db, params: P) => Promise<number>;
  /** The SQL text on `db`'s dialect, for query plans in tests. */
  sql: (db: Db) => string;
}

interface Compiled<P, R> {
  query: (params: P) => CompiledQuery<R>;
  values: (params: P) => unknown[];
  sql: string;
}

/**
 * A query compiled once per dialect. `build` gets placeholders for `params` (use each one as a plain value: in a
 * comparison, in `values` or `set`, not inside a list) and the parameters are filled in on every run.
 */
export function prepared<P extends Record<string, unknown>, R>(
  build: (db: Kysely<Database>, params: P) => Compilable<R>,
): Prepared<P, R> {
  const placeholders = new Proxy({} as P, {
    get: (_target, name) => ({ [PARAM]: String(name) }),
  });
  // By the dialect's adapter: the same object for a Kysely instance and its transactions.
  const byAdapter = new WeakMap<object, Compiled<P, R>>();
  const compiledFor = (db: Db): Compiled<P, R> => {
    const adapter = db.getExecutor().adapter;
    let found = byAdapter.get(adapter);
    if (!found) {
      const compiled: CompiledQuery<R> = build(db as Kysely<Database>, placeholders).compile();
      const slots = compiled.parameters.map((value) => (isPlaceholder(value) ? value[PARAM] : null));
      const fixed = compiled.parameters;
      const values = (params: P): unknown[] => slots.map((name, i) => (name === null ? fixed[i] : params[name]));
      found = { values, query: (params) => ({ ...compiled, parameters: values(params) }), sql: compiled.sql };
      byAdapter.set(adapter, found);
    }
    return found;
  };
  // Inside a SQLite group commit the batch owns the connection: the statement runs directly, without Kysely's
  // connection hand-over (several allocations per statement).
  const direct = (db: Db, compiled: Compiled<P, R>) => {
    const sqlite = batchConnection(db);
    return sqlite ? cachedStatement(sqlite, compiled.sql) : undefined;
  };
  // Both paths answer alike: rows for a statement that returns them ([] otherwise), and for `run` the rows
  // changed, or returned when the statement has RETURNING.
  const directAll = (statement: SQLite.Statement, compiled: Compiled<P, R>, params: P): R[] => {
    if (statement.reader) return statement.all(compiled.values(params)) as R[];
    statement.run(compiled.values(params));
    return [];
  };
  return {
    all: async (db, params) => {
      const compiled = compiledFor(db);
      const statement = direct(db, compiled);
      if (statement) return directAll(statement, compiled, params);
      return (await db.executeQuery(compiled.query(params))).rows;
    },
    first: async (db, params) => {
      const compiled = compiledFor(db);
      const statement = direct(db, compiled);
      if (statement) return directAll(statement, compiled, params)[0];
      return (await db.executeQuery(compiled.query(params))).rows[0];
    },
    run: async (db, params) => {
      const compiled = compiledFor(db);
      const statement = direct(db, compiled);
      if (statement)
        return statement.reader
          ? directAll(statement, compiled, params).length
          : statement.run(compiled.values(params)).changes;
      const result = await db.executeQuery(compiled.query(params));
      return result.rows.length > 0 ? result.rows.length : Number(result.numAffectedRows ?? 0);
    },
    sql: (db) => compiledFor(db).sql,
  };
}
