import { loadBankDir } from '../bank/load.js';
import { type DbHandle, migrateToLatest, type OpenOptions, openDatabase } from '../db/client.js';
import { type SyncReport, syncBank } from '../db/repositories/bank.js';

export interface Prepared {
  handle: DbHandle;
  migrations: string[];
  bank: SyncReport;
}

/** Opens the database, applies migrations and loads the YAML question bank (idempotent). */
export async function prepareDatabase(
  path: string,
  now: Date,
  bankDir?: string,
  options: OpenOptions = {},
): Promise<Prepared> {
  const bank = loadBankDir(bankDir);
  const handle = openDatabase(path, options);
  try {
    const applied = await migrateToLatest(handle.db);
    const report = await handle.db.transaction().execute((trx) => syncBank(trx, bank, now));
    return { handle, migrations: applied, bank: report };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
