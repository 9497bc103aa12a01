import { parseBankFiles, readBankFiles } from '../bank/load.js';
import { type DatabaseTarget, type DbHandle, migrateToLatest, type OpenOptions, openDatabase } from '../db/database.js';
import { filesLoaded, rememberFilesLoaded, type SyncReport, syncBank } from '../db/repositories/bank.js';

export interface Prepared {
  handle: DbHandle;
  migrations: string[];
  bank: SyncReport;
}

/**
 * Opens the database, applies migrations and loads the YAML question bank (idempotent). Files that did not change
 * since the database last loaded them (the same fingerprint) are neither parsed nor loaded again.
 */
export async function prepareDatabase(
  target: DatabaseTarget | string,
  now: Date,
  options: OpenOptions & { bankDir?: string } = {},
): Promise<Prepared> {
  const { bankDir, ...open } = options;
  const files = readBankFiles(bankDir);
  const handle = await openDatabase(target, open);
  try {
    const applied = await migrateToLatest(handle.db);
    const report = await handle.transact(async (trx) => {
      const loaded = await filesLoaded(trx);
      if (loaded?.fingerprint === files.fingerprint) return { ...loaded.report, deactivated: 0 };
      const synced = await syncBank(trx, parseBankFiles(files), now);
      await rememberFilesLoaded(trx, files.fingerprint, synced);
      return synced;
    });
    return { handle, migrations: applied, bank: report };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
