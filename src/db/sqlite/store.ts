import type { DialectStore, StoreHooks } from '../database.js';
import { type OpenOptions, openSqlite } from './connection.js';
import { groupCommit } from './group-commit.js';
import { writeHealth } from './health.js';

/** SQLite: one file (or ':memory:'), one connection, use cases committed in groups (see group-commit.ts). */
export function openSqliteStore(path: string, options: OpenOptions, hooks: StoreHooks): DialectStore {
  const { db, sqlite, close } = openSqlite(path, options);
  return {
    dialect: 'sqlite',
    singleInstance: true,
    db,
    transact: groupCommit(db, hooks.committed),
    backup: async (target) => {
      await sqlite.backup(target);
    },
    writeHealth: async () => writeHealth(sqlite),
    close,
  };
}
