import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CHANNEL,
  interviewThatTookPlace,
  LEAD,
  openScorecardModal,
  outboxIdle,
  PANEL,
  scorecardState,
  seedWorkspace,
} from '../support/flows.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { runEntry } from '../support/run.js';

// SQLite only: `backup` copies the SQLite file (PostgreSQL is backed up with pg_dump; tests/cli.test.ts checks the CLI
// says so).
const P1 = PANEL[0] ?? '';

describe('backing up SQLite', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ env: { DEFAULT_DECISION_CHANNEL: CHANNEL } });
    seedWorkspace(t);
    await interviewThatTookPlace(t, { panelists: [P1], candidate: 'Ada Lovelace' });
    const view = await openScorecardModal(t, P1, 1);
    await t.sender.viewSubmission({ userId: P1, view: { from: view, state: scorecardState(view, {}) } });
    await outboxIdle(t);
  });
  afterEach(async () => {
    await t.close();
  });

  it('backs up consistently while the app keeps writing', async () => {
    const target = join(mkdtempSync(join(tmpdir(), 'backup-')), 'copy.sqlite');
    const writes = (async () => {
      for (let i = 0; i < 40; i++) {
        await t.sender.slashCommand({ userId: LEAD, text: `questions senior technical 45m` });
        await t.handle.db
          .insertInto('audit_log')
          .values({
            at: new Date().toISOString(),
            actor: 'test',
            action: 'load',
            entity_type: 'x',
            entity_id: String(i),
            details: null,
          })
          .execute();
      }
    })();
    const result = await runEntry('cli.ts', ['backup', target], t.database.env);
    await writes;
    expect(result.code).toBe(0);
    expect(existsSync(target)).toBe(true);
    const copy = new SQLite(target, { readonly: true });
    expect((copy.pragma('integrity_check') as { integrity_check: string }[])[0]?.integrity_check).toBe('ok');
    expect((copy.prepare('select count(*) as n from scorecards').get() as { n: number }).n).toBe(1);
    copy.close();
  });
});
