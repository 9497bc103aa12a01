// What /healthz tells an operator when the app runs but cannot do its work.
import { afterEach, describe, expect, it } from 'vitest';
import { rawSqlite } from '../../src/db/sqlite/connection.js';
import { schedule, seedWorkspace } from '../support/flows.js';
import { startTestApp, type TestApp } from '../support/harness.js';

interface Health {
  status: string;
  database: unknown;
  problems?: string[];
}

async function health(t: TestApp): Promise<{ code: number; body: Health }> {
  const res = await fetch(`${t.baseUrl}/healthz`);
  return { code: res.status, body: (await res.json()) as Health };
}

describe('/healthz', () => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  it('reports degraded when the database cannot be written (disk full), and ok again once it can', async () => {
    t = await startTestApp();
    seedWorkspace(t);
    expect((await health(t)).body.status).toBe('ok');
    // The file may not grow by a single page: what a full disk does to SQLite.
    const pages = Number(rawSqlite(t.handle.db).pragma('page_count', { simple: true }));
    const free = Number(rawSqlite(t.handle.db).pragma('freelist_count', { simple: true }));
    rawSqlite(t.handle.db).pragma(`max_page_count = ${pages - free}`);
    rawSqlite(t.handle.db).pragma('incremental_vacuum');
    const full = await health(t);
    expect(full.code).toBe(503);
    expect(full.body.status).toBe('degraded');
    expect(full.body.database).toMatchObject({ status: 'read_only', code: 'SQLITE_FULL' });
    expect(full.body.problems?.join(' ')).toContain('disk is full');
    rawSqlite(t.handle.db).pragma('max_page_count = 1073741823');
    const scheduledAgain = await schedule(t);
    expect(scheduledAgain.interviewId).not.toBeNull();
    const after = await health(t);
    expect(after.code).toBe(200);
    expect(after.body).toMatchObject({ status: 'ok', database: 'ok' });
  });
});
