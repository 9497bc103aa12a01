import { randomBytes } from 'node:crypto';
import type SQLite from 'better-sqlite3';

/** The last write that failed for a reason other than a busy lock (disk full, read-only file, I/O error). */
let lastFailure: { code: string; message: string; at: string } | null = null;

const code = (error: unknown): string =>
  typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'unknown';

const isBusy = (error: unknown) => code(error).startsWith('SQLITE_BUSY') || code(error).startsWith('SQLITE_LOCKED');

/** Errors that say the file cannot take writes, as opposed to a use case's own mistake (a constraint). */
const STORAGE = [
  'SQLITE_FULL',
  'SQLITE_IOERR',
  'SQLITE_READONLY',
  'SQLITE_CANTOPEN',
  'SQLITE_CORRUPT',
  'SQLITE_NOTADB',
];
const isStorage = (error: unknown) => STORAGE.some((prefix) => code(error).startsWith(prefix));

/** Called by whatever writes: a failure is remembered until a later write succeeds. */
export function noteWrite(error: unknown | null, now: Date = new Date()): void {
  if (error === null) lastFailure = null;
  else if (isStorage(error)) {
    lastFailure = {
      code: code(error),
      message: error instanceof Error ? error.message : String(error),
      at: now.toISOString(),
    };
  }
}

export type WriteHealth =
  | { status: 'ok' }
  | { status: 'busy' }
  | { status: 'failing'; code: string; message: string; since?: string };

/**
 * Whether the database takes writes: a write that allocates pages, rolled back at once, plus the last real write's
 * outcome (a full disk shows only when a commit reaches the file). Never waits for a lock: another process
 * holding it reads as 'busy'.
 */
export function writeHealth(sqlite: SQLite.Database): WriteHealth {
  if (lastFailure)
    return { status: 'failing', code: lastFailure.code, message: lastFailure.message, since: lastFailure.at };
  // A use case's transaction is open on this connection: it is writing, and its outcome is noted above.
  if (sqlite.inTransaction) return { status: 'ok' };
  const timeout = Number(sqlite.pragma('busy_timeout', { simple: true }));
  try {
    sqlite.pragma('busy_timeout = 0');
    sqlite.prepare('begin immediate').run();
    try {
      sqlite
        .prepare('insert into slack_deliveries (key, kind, received_at) values (?, ?, ?)')
        .run(`healthz:${randomBytes(6).toString('hex')}`, 'healthz', 'x'.repeat(8192));
    } finally {
      // SQLite rolls back by itself on some errors (a full disk among them).
      if (sqlite.inTransaction) sqlite.prepare('rollback').run();
    }
    return { status: 'ok' };
  } catch (error) {
    if (isBusy(error)) return { status: 'busy' };
    return { status: 'failing', code: code(error), message: error instanceof Error ? error.message : String(error) };
  } finally {
    sqlite.pragma(`busy_timeout = ${timeout}`);
  }
}
