import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BANK_DIR } from '../../src/bank/load.js';
import { readBank, upsertRole } from '../../src/db/repositories/bank.js';
import type { Database } from '../../src/db/schema.js';
import { roleName } from '../../src/domain/roles.js';
import { prepareDatabase } from '../../src/services/bootstrap.js';
import { freshDatabase } from '../support/database.js';

describe('roles and tips in the database', () => {
  it('loads the bank’s role names and tip tags, and a renamed role shows at once', async () => {
    const database = await freshDatabase();
    const { handle, bank: report } = await prepareDatabase(database.target, new Date('2026-12-01T10:00:00Z'));
    try {
      expect(report.roles).toBeGreaterThan(0);
      const bank = await readBank(handle.db);
      expect(roleName(bank, 'backend-developer')).toBe('Backend developer');
      const tip = bank.tips.find((t) => t.id === 'senior-depth-why-this-choice');
      expect(tip).toMatchObject({ audience: 'interviewer', kinds: ['technical'], levels: ['senior', 'lead'] });
      expect(bank.tips.find((t) => t.id === 'screen-before-you-interview')?.audience).toBe('hiring-lead');
      expect(bank.questions.find((q) => q.id === 'best-backend-language')?.style).toBe('judgement');

      expect(
        await upsertRole(handle.db, { id: 'data-engineer', name: 'Data engineer', description: 'Pipelines.' }),
      ).toBe('added');
      expect(roleName(await readBank(handle.db), 'data-engineer')).toBe('Data engineer');
      expect(
        await upsertRole(handle.db, { id: 'data-engineer', name: 'Data platform engineer', description: 'Pipelines.' }),
      ).toBe('updated');
      // The cached bank is reread: the new name shows without a restart.
      expect(roleName(await readBank(handle.db), 'data-engineer')).toBe('Data platform engineer');
      expect(
        await upsertRole(handle.db, { id: 'data-engineer', name: 'Data platform engineer', description: 'Pipelines.' }),
      ).toBe('unchanged');
    } finally {
      await handle.close();
      await database.drop();
    }
  });

  it('drops a tip that left the bank files on the next load', async () => {
    const database = await freshDatabase();
    const first = await prepareDatabase(database.target, new Date('2026-12-01T10:00:00Z'));
    await first.handle.db
      .insertInto('interviewer_tips')
      .values({ id: 'old-mixed-tip', text: 'Screen and interview.', source: 'custom' })
      .execute();
    // As if loaded from earlier files: their fingerprint is not today's.
    await first.handle.db.updateTable('bank_versions').set({ files_loaded: null }).execute();
    await first.handle.close();
    const again = await prepareDatabase(database.target, new Date('2026-12-01T11:00:00Z'));
    try {
      const bank = await readBank(again.handle.db);
      expect(bank.tips.some((t) => t.id === 'old-mixed-tip')).toBe(false);
      expect(bank.tips.length).toBe(again.bank.tips);
    } finally {
      await again.handle.close();
      await database.drop();
    }
  });

  it('loads the files again only when they changed: a restart on the same files parses and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bank-files-'));
    cpSync(DEFAULT_BANK_DIR, dir, { recursive: true });
    const database = await freshDatabase({ empty: true });
    const stamps = async (db: Kysely<Database>) =>
      db
        .selectFrom('questions')
        .select(['id', 'text', 'updated_at'])
        .where('id', '=', 'best-backend-language')
        .executeTakeFirstOrThrow();
    const first = await prepareDatabase(database.target, new Date('2026-12-01T10:00:00Z'), { bankDir: dir });
    const loaded = await stamps(first.handle.db);
    await first.handle.close();
    const same = await prepareDatabase(database.target, new Date('2026-12-01T11:00:00Z'), { bankDir: dir });
    expect(await stamps(same.handle.db)).toEqual(loaded);
    expect(same.bank).toEqual({ ...first.bank, deactivated: 0 });
    await same.handle.close();
    const file = join(dir, 'technical.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(loaded.text, 'Which language would you pick for a new backend, and why?'),
    );
    const changed = await prepareDatabase(database.target, new Date('2026-12-01T12:00:00Z'), { bankDir: dir });
    try {
      expect(await stamps(changed.handle.db)).toMatchObject({
        text: 'Which language would you pick for a new backend, and why?',
        updated_at: '2026-12-01T12:00:00.000Z',
      });
    } finally {
      await changed.handle.close();
      await database.drop();
    }
  });
});
