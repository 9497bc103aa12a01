// Kysely instances over an existing better-sqlite3 connection for diagnosis: one that records every statement
// (and how often it was prepared), one that reuses prepared statements; and EXPLAIN QUERY PLAN of what ran.
import type SQLite from 'better-sqlite3';
import { Kysely, type SqliteDatabase, SqliteDialect } from 'kysely';
import type { Database } from '../src/db/schema.js';

export interface Traced {
  sql: string;
  parameters: readonly unknown[];
  ms: number;
}

export interface Tracing {
  db: Kysely<Database>;
  /** Statements run since the last take, and how many times the driver called prepare(). */
  take: () => { statements: Traced[]; prepares: number };
}

/** Never closes the shared connection (destroying these instances must leave the handle open). */
function shared(prepare: (sql: string) => SQLite.Statement): SqliteDatabase {
  return { close: () => undefined, prepare };
}

export function tracingDb(sqlite: SQLite.Database): Tracing {
  let statements: Traced[] = [];
  let prepares = 0;
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({
      database: shared((sql) => {
        prepares++;
        return sqlite.prepare(sql);
      }),
    }),
    log: (event) => {
      statements.push({ sql: event.query.sql, parameters: event.query.parameters, ms: event.queryDurationMillis });
    },
  });
  return {
    db,
    take: () => {
      const out = { statements, prepares };
      statements = [];
      prepares = 0;
      return out;
    },
  };
}

/** What src/db/client.ts could do: keep one prepared statement per SQL text (bounded). */
export function cachedDb(sqlite: SQLite.Database, max = 500): Kysely<Database> {
  const cache = new Map<string, SQLite.Statement>();
  return new Kysely<Database>({
    dialect: new SqliteDialect({
      database: shared((sql) => {
        let stmt = cache.get(sql);
        if (!stmt) {
          stmt = sqlite.prepare(sql);
          if (cache.size >= max) cache.delete(cache.keys().next().value ?? '');
          cache.set(sql, stmt);
        }
        return stmt;
      }),
    }),
  });
}

const PLANNED = /^\s*(select|insert|update|delete|with)\b/i;

/** EXPLAIN QUERY PLAN lines of a statement, indented by depth. */
export function explain(sqlite: SQLite.Database, sql: string, parameters: readonly unknown[]): string[] {
  if (!PLANNED.test(sql)) return [];
  const rows = sqlite.prepare(`explain query plan ${sql}`).all(...parameters) as {
    id: number;
    parent: number;
    detail: string;
  }[];
  const depth = new Map<number, number>();
  return rows.map((r) => {
    const d = (depth.get(r.parent) ?? -1) + 1;
    depth.set(r.id, d);
    return `${'  '.repeat(d)}${r.detail}`;
  });
}

/** Full scans of a table or index (not index look-ups) in a plan. */
export const scans = (plan: string[]): string[] =>
  plan.map((l) => l.trim()).filter((l) => /^SCAN /.test(l) && !/CONSTANT ROW|VALUES CLAUSE/.test(l));

/** Each distinct statement of a trace once, with how often it ran, its total time and its plan. */
export function describe(sqlite: SQLite.Database, statements: Traced[]): string[] {
  const byText = new Map<string, { count: number; ms: number; parameters: readonly unknown[] }>();
  for (const s of statements) {
    const entry = byText.get(s.sql) ?? { count: 0, ms: 0, parameters: s.parameters };
    entry.count++;
    entry.ms += s.ms;
    byText.set(s.sql, entry);
  }
  const out: string[] = [];
  for (const [sql, { count, ms, parameters }] of byText) {
    out.push(`  ${count}x ${ms.toFixed(3)} ms  ${sql}`);
    for (const line of explain(sqlite, sql, parameters)) out.push(`      ${line}`);
  }
  return out;
}
