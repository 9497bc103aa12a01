/** The last write that failed for a reason other than a busy lock (disk full, read-only file, I/O error). */
let lastFailure: { code: string; message: string; at: string } | null = null;

const code = (error: unknown): string =>
  typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'unknown';

export const isBusy = (error: unknown) =>
  code(error).startsWith('SQLITE_BUSY') || code(error).startsWith('SQLITE_LOCKED');

/** Errors that say the database cannot take writes, as opposed to a use case's own mistake (a constraint). */
const STORAGE = [
  'SQLITE_FULL',
  'SQLITE_IOERR',
  'SQLITE_READONLY',
  'SQLITE_CANTOPEN',
  'SQLITE_CORRUPT',
  'SQLITE_NOTADB',
  // PostgreSQL: disk full, out of memory, too many connections, a read-only (standby or read-only) transaction,
  // I/O error, data corrupted.
  '53100',
  '53200',
  '53300',
  '25006',
  '58030',
  'XX001',
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

/** The last write failure noted, if no write has succeeded since. */
export function lastWriteFailure(): { code: string; message: string; at: string } | null {
  return lastFailure;
}

export const errorCode = code;

export type WriteHealth =
  | { status: 'ok' }
  | { status: 'busy' }
  | { status: 'failing'; code: string; message: string; since?: string };
