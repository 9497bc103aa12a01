import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type DbHandle, migrateToLatest, openDatabase, transact } from '../../src/db/database.js';
import { audit } from '../../src/db/repositories/audit.js';
import { rawSqlite } from '../../src/db/sqlite/connection.js';

const now = new Date('2026-11-23T12:00:00Z');

// Use cases that arrive together share one SQLite transaction (group commit); each must still succeed or fail
// on its own, and be saved for good by the time its caller hears back.
describe('transactions of use cases that arrive together', () => {
  let path: string;
  let handle: DbHandle;
  beforeEach(async () => {
    path = join(mkdtempSync(join(tmpdir(), 'group-commit-')), 'db.sqlite');
    handle = await openDatabase(path);
    await migrateToLatest(handle.db);
  });
  afterEach(async () => {
    await handle.close();
  });

  const entry = (id: number) => ({ actor: 'U1', action: 'test', entityType: 'case', entityId: id });

  it('undoes only the ones that fail, and each caller hears back once its work is committed, once', async () => {
    const reader = new SQLite(path, { readonly: true });
    const committed = (id: number) =>
      reader
        .prepare("select count(*) as n from audit_log where entity_type = 'case' and entity_id = ?")
        .get(String(id));
    const calls = Array.from({ length: 20 }, (_, id) =>
      transact(handle.db, async (trx) => {
        await audit(trx, entry(id), now);
        if (id === 7 || id === 12) throw new Error(`case ${id} failed`);
        return id;
      }).then((value) => ({ value, seenByAnotherConnection: (committed(id) as { n: number }).n })),
    );
    const results = await Promise.allSettled(calls);
    reader.close();
    for (const [id, result] of results.entries()) {
      if (id === 7 || id === 12) {
        expect(result.status).toBe('rejected');
        expect(result.status === 'rejected' && String(result.reason)).toContain(`case ${id} failed`);
      } else {
        expect(result).toEqual({ status: 'fulfilled', value: { value: id, seenByAnotherConnection: 1 } });
      }
    }
    const ids = (await handle.db.selectFrom('audit_log').select('entity_id').execute()).map((r) => r.entity_id);
    expect(ids.sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: 20 }, (_, id) => String(id)).filter((id) => id !== '7' && id !== '12'),
    );
  });

  it('undoes a large failed change alone, its savepoint journal kept in memory', async () => {
    // Journals (a savepoint's copies of the pages it changes, sorts) are kept in memory, never in a temporary file.
    expect(rawSqlite(handle.db).pragma('temp_store', { simple: true })).toBe(2);
    const large = transact(handle.db, async (trx) => {
      for (let i = 0; i < 500; i++) await audit(trx, { ...entry(i), details: { filler: 'x'.repeat(500) } }, now);
      throw new Error('the large change failed');
    });
    const small = transact(handle.db, async (trx) => {
      await audit(trx, entry(1000), now);
      return 'saved';
    });
    await expect(large).rejects.toThrow('the large change failed');
    await expect(small).resolves.toBe('saved');
    const rows = await handle.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('entity_type', '=', 'case')
      .execute();
    expect(rows.map((r) => r.entity_id)).toEqual(['1000']);
  });

  it('waits while another process holds the write lock, then saves', async () => {
    // The other "process" shares this thread here: a short busy timeout lets it go on, so the retry is what waits.
    rawSqlite(handle.db).pragma('busy_timeout = 20');
    const other = new SQLite(path);
    other.exec('begin immediate');
    const saving = transact(handle.db, async (trx) => {
      await audit(trx, entry(1), now);
      return 'saved';
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    other.exec('commit');
    other.close();
    expect(await saving).toBe('saved');
    expect(await handle.db.selectFrom('audit_log').select('entity_id').execute()).toEqual([{ entity_id: '1' }]);
  });

  it('a statement outside a transaction waits for the write lock off the connection, while reads go on', async () => {
    rawSqlite(handle.db).pragma('busy_timeout = 0');
    const other = new SQLite(path);
    other.exec('begin immediate');
    const writes = [1, 2, 3].map((id) =>
      handle.db
        .insertInto('audit_log')
        .values({
          actor: 'U1',
          action: 'test',
          entity_type: 'case',
          entity_id: String(id),
          at: now.toISOString(),
          details: null,
        })
        .execute(),
    );
    // Meanwhile the connection answers reads: the waiting writes gave it back.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const read = await handle.db.selectFrom('audit_log').select('entity_id').execute();
    expect(read).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 150));
    other.exec('commit');
    other.close();
    await Promise.all(writes);
    const ids = await handle.db.selectFrom('audit_log').select('entity_id').orderBy('entity_id').execute();
    expect(ids.map((r) => r.entity_id)).toEqual(['1', '2', '3']);
  });

  it('a statement outside a transaction that fails for another reason fails at once, and the next one runs', async () => {
    const broken = handle.db
      .insertInto('no_such_table' as 'audit_log')
      .values({ actor: 'U1' } as never)
      .execute();
    await expect(broken).rejects.toThrow(/no such table/);
    expect(await handle.db.selectFrom('audit_log').select('entity_id').execute()).toEqual([]);
  });
});

// The server checkpoints from a worker thread: the WAL's pages reach the database file without the connection that
// commits stopping for it, and the worker goes away with the connection.
describe('checkpoints in a worker thread', () => {
  it('copies committed pages into the database file, and stops when the database closes', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'checkpoints-')), 'db.sqlite');
    const handle = await openDatabase(path, { backgroundCheckpoints: true });
    await migrateToLatest(handle.db);
    // The connection itself would checkpoint only past 4,000 pages of WAL; 2 MB is about 600.
    expect(rawSqlite(handle.db).pragma('wal_autocheckpoint', { simple: true })).toBe(4_000);
    const before = statSync(path).size;
    const text = 'x'.repeat(2_000);
    for (let round = 0; round < 100; round++) {
      await Promise.all(
        Array.from({ length: 10 }, (_, k) =>
          transact(handle.db, (trx) =>
            audit(
              trx,
              { actor: 'U1', action: 'test', entityType: 'case', entityId: round * 10 + k, details: { text } },
              now,
            ),
          ),
        ),
      );
    }
    await vi.waitFor(() => expect(statSync(path).size).toBeGreaterThan(before + 2_000_000), {
      timeout: 5_000,
      interval: 20,
    });
    await handle.close();
    // The last connection to close removes the WAL: the worker's connection was closed first.
    expect(existsSync(`${path}-wal`)).toBe(false);
    const reader = new SQLite(path, { readonly: true });
    expect(reader.prepare("select count(*) as n from audit_log where entity_type = 'case'").get()).toEqual({ n: 1000 });
    reader.close();
  });
});
