import { loadBankDir } from '../bank/load.js';
import { type DatabaseTarget, type DbHandle, migrateToLatest, type OpenOptions, openDatabase } from '../db/database.js';
import { type SyncReport, syncBank } from '../db/repositories/bank.js';

export interface Prepared {
  handle: DbHandle;
  migrations: string[];
  bank: SyncReport;
}

/** Opens the database, applies migrations and loads the YAML question bank (idempotent). */
export async function prepareDatabase(
  target: DatabaseTarget | string,
  now: Date,
  options: OpenOptions & { bankDir?: string } = {},
): Promise<Prepared> {
  const { bankDir, ...open } = options;
  const bank = loadBankDir(bankDir);
  const handle = await openDatabase(target, open);
  try {
    const applied = await migrateToLatest(handle.db);
    const report = await handle.transact((trx) => syncBank(trx, bank, now));
    return { handle, migrations: applied, bank: report };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
