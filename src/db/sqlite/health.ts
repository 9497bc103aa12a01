import { randomBytes } from 'node:crypto';
import type SQLite from 'better-sqlite3';
import { errorCode as code, isBusy, lastWriteFailure, type WriteHealth } from '../health.js';

/**
 * Whether the database takes writes: a write that allocates pages, rolled back at once, plus the last real write's
 * outcome (a full disk shows only when a commit reaches the file). Never waits for a lock: another process
 * holding it reads as 'busy'.
 */
export function writeHealth(sqlite: SQLite.Database): WriteHealth {
  const lastFailure = lastWriteFailure();
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
