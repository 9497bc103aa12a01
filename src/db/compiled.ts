import type SQLite from 'better-sqlite3';
import {
  type Compilable,
  type CompiledQuery,
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import { batchConnection, cachedStatement } from './client.js';
import type { Database, Db } from './schema.js';

// Building and compiling a Kysely query costs more than SQLite takes to run a simple one (about 15 µs against
// 2–5 µs). The statements on the request paths are therefore built and compiled once, with placeholders for
// their parameters, and run with new parameters each time (the SQL text also hits the statement cache).

/** Compiles only; never connected to a database. */
const compiler = new Kysely<Database>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

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
  /** The SQL text, for EXPLAIN QUERY PLAN in tests. */
  sql: string;
}

/**
 * A query compiled once. `build` gets placeholders for `params` (use each one as a plain value: in a comparison,
 * in `values` or `set`, not inside a list) and the parameters are filled in on every run.
 */
export function prepared<P extends Record<string, unknown>, R>(
  build: (db: Kysely<Database>, params: P) => Compilable<R>,
): Prepared<P, R> {
  const placeholders = new Proxy({} as P, {
    get: (_target, name) => ({ [PARAM]: String(name) }),
  });
  const compiled: CompiledQuery<R> = build(compiler, placeholders).compile();
  const slots = compiled.parameters.map((value) => (isPlaceholder(value) ? value[PARAM] : null));
  const fixed = compiled.parameters;
  const values = (params: P): unknown[] => slots.map((name, i) => (name === null ? fixed[i] : params[name]));
  const query = (params: P): CompiledQuery<R> => ({ ...compiled, parameters: values(params) });
  // Inside a group commit the batch owns the connection: the statement runs directly, without Kysely's
  // connection hand-over (a few microseconds and several allocations per statement).
  const direct = (db: Db) => {
    const sqlite = batchConnection(db);
    return sqlite ? cachedStatement(sqlite, compiled.sql) : undefined;
  };
  // Both paths answer alike: rows for a statement that returns them ([] otherwise), and for `run` the rows
  // changed, or returned when the statement has RETURNING.
  const directAll = (statement: SQLite.Statement, params: P): R[] => {
    if (statement.reader) return statement.all(values(params)) as R[];
    statement.run(values(params));
    return [];
  };
  return {
    all: async (db, params) => {
      const statement = direct(db);
      if (statement) return directAll(statement, params);
      return (await db.executeQuery(query(params))).rows;
    },
    first: async (db, params) => {
      const statement = direct(db);
      if (statement) return directAll(statement, params)[0];
      return (await db.executeQuery(query(params))).rows[0];
    },
    run: async (db, params) => {
      const statement = direct(db);
      if (statement)
        return statement.reader ? directAll(statement, params).length : statement.run(values(params)).changes;
      const result = await db.executeQuery(query(params));
      return result.rows.length > 0 ? result.rows.length : Number(result.numAffectedRows ?? 0);
    },
    sql: compiled.sql,
  };
}
