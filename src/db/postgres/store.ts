import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect, type PostgresPool, sql } from 'kysely';
import pg from 'pg';
import type { DialectStore, StoreHooks } from '../database.js';
import { lastWriteFailure, noteWrite, type WriteHealth } from '../health.js';
import type { Database, Db } from '../schema.js';

// bigint (count(*), sum(), the bank's version stamps) as a JavaScript number, as SQLite returns it: every such value
// in this schema is a count or a stamp below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));

/** Serialization failure and deadlock: PostgreSQL undid the transaction, and running it again is safe. */
const RETRYABLE = new Set(['40001', '40P01']);
const ATTEMPTS = 6;

function code(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
}

/** A friendly line for `backup`: PostgreSQL has its own tools. */
export class BackupUnsupported extends Error {}

/**
 * The pool listens for a connection's errors only while it is idle. One the server ends while it is being opened or
 * is checked out (a restart, a fail-over, the database dropped) would raise an unhandled 'error' event and end the
 * process: with this listener its statement or its opening fails instead, which the caller handles, and the pool
 * drops it. (The pool's 'connect' event comes too late for a connection ended while it opens.)
 */
class Connection extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.on('error', () => undefined);
  }
}

/**
 * PostgreSQL: a pool of connections, each use case in its own transaction (READ COMMITTED), run again when
 * PostgreSQL undoes it for a serialization failure or a deadlock. Races between instances are closed by
 * constraints and row locks in the repositories' statements, not here.
 */
export function openPostgresStore(url: string, hooks: StoreHooks, poolSize = 10): DialectStore {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, idleTimeoutMillis: 30_000, Client: Connection });
  // An idle connection the server drops (a restart, a fail-over) must not end the process.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: withoutNulBytes(pool) }) });
  return {
    dialect: 'postgres',
    singleInstance: false,
    db,
    transact: async <T>(work: (trx: Db) => Promise<T>, afterCommit?: () => void): Promise<T> => {
      for (let attempt = 1; ; attempt++) {
        try {
          const value = await db.transaction().execute(work);
          noteWrite(null);
          hooks.committed(1);
          afterCommit?.();
          return value;
        } catch (error) {
          noteWrite(error);
          if (!RETRYABLE.has(code(error)) || attempt >= ATTEMPTS) throw error;
          await new Promise((resolve) => setTimeout(resolve, 5 * 2 ** attempt + Math.random() * 10));
        }
      }
    },
    backup: async () => {
      throw new BackupUnsupported(
        'backup copies a SQLite file; on PostgreSQL use its own tools, e.g. pg_dump "$DATABASE_URL" > backup.sql',
      );
    },
    writeHealth: () => writeHealth(db),
    close: () => db.destroy(),
  };
}

/**
 * PostgreSQL text cannot hold U+0000 (SQLite's can): a NUL typed or pasted into Slack would fail the whole use case.
 * It is stored as U+FFFD instead, in every string parameter of every query.
 */
const CLEANED = Symbol('parameters cleaned');

function withoutNulBytes(pool: pg.Pool): PostgresPool {
  const clean = (value: unknown): unknown =>
    typeof value === 'string' && value.includes('\u0000') ? value.replaceAll('\u0000', '\uFFFD') : value;
  const connect = pool.connect.bind(pool);
  // Kysely checks out a client, runs `client.query(sql, parameters)` and releases it.
  const wrapped = async () => {
    const connection = await connect();
    // A pooled client comes back again and again: it is wrapped once.
    if (CLEANED in connection) return connection;
    Object.defineProperty(connection, CLEANED, { value: true });
    const query = connection.query.bind(connection) as (...args: unknown[]) => unknown;
    (connection as unknown as { query: (...args: unknown[]) => unknown }).query = (text: unknown, values?: unknown) =>
      Array.isArray(values) ? query(text, values.map(clean)) : query(text, values);
    return connection;
  };
  return { connect: wrapped, end: () => pool.end() } as unknown as PostgresPool;
}

/** Whether the database takes writes: the last write's outcome, and a write rolled back at once. */
async function writeHealth(db: Kysely<Database>): Promise<WriteHealth> {
  const last = lastWriteFailure();
  if (last) return { status: 'failing', code: last.code, message: last.message, since: last.at };
  try {
    await db.transaction().execute(async (trx) => {
      await sql`set local lock_timeout = 100`.execute(trx);
      await trx
        .insertInto('slack_deliveries')
        .values({ key: `healthz:${randomBytes(6).toString('hex')}`, kind: 'healthz', received_at: 'x' })
        .execute();
      throw new ProbeDone();
    });
  } catch (error) {
    if (error instanceof ProbeDone) return { status: 'ok' };
    if (code(error) === '55P03') return { status: 'busy' };
    return { status: 'failing', code: code(error), message: error instanceof Error ? error.message : String(error) };
  }
  return { status: 'ok' };
}

/** Thrown to roll the health probe back. */
class ProbeDone extends Error {}
