import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { audit } from '../../src/db/repositories/audit.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import {
  CHANNEL,
  interviewThatTookPlace,
  openScorecardModal,
  outboxIdle,
  PANEL,
  scorecardState,
  seedWorkspace,
} from '../support/flows.js';
import { startTestApp } from '../support/harness.js';
import { runEntry } from '../support/run.js';

// The way from SQLite to PostgreSQL: `copy-to-postgres` copies a SQLite database that has been in use into an empty
// PostgreSQL database, which then holds the same loops, scorecards and audit trail.
const P1 = PANEL[0] ?? '';

describe('npm run cli -- copy-to-postgres', () => {
  const dropped: TestDatabase[] = [];
  afterEach(async () => {
    for (const database of dropped.splice(0)) await database.drop();
  });

  it('copies a SQLite database in use into an empty PostgreSQL database, which then exports the same record', async () => {
    // The app on SQLite (DATABASE_URL set empty): one interview held, its scorecard in.
    const app = await startTestApp({ env: { DEFAULT_DECISION_CHANNEL: CHANNEL, DATABASE_URL: '' } });
    const sqlite = { DATABASE_PATH: app.config.databasePath };
    try {
      seedWorkspace(app);
      await interviewThatTookPlace(app, { panelists: [P1], candidate: 'Ada Lovelace' });
      const card = await openScorecardModal(app, P1, 1);
      await app.sender.viewSubmission({
        userId: P1,
        view: { from: card, state: scorecardState(card, { takeaways: 'Clear about trade-offs.' }) },
      });
      await outboxIdle(app);
    } finally {
      await app.close();
    }
    const target = await freshDatabase();
    dropped.push(target);
    const url = target.target.url ?? '';
    // A database the app already ran on (the template: migrated, the bank loaded): copying wants a new one.
    const refused = await runEntry('cli.ts', ['copy-to-postgres', url], sqlite);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toEqual(
      expect.stringMatching(
        /^Error: The PostgreSQL database already has tables \(\w+\): copy into a new, empty database\.$/,
      ),
    );

    const empty = await freshDatabase({ empty: true });
    dropped.push(empty);
    const emptyUrl = empty.target.url ?? '';
    const copied = await runEntry('cli.ts', ['copy-to-postgres', emptyUrl], sqlite);
    expect(copied.stderr).toBe('');
    expect(copied.code).toBe(0);
    expect(copied.stdout).toMatch(/^Copied .* into PostgreSQL 127\.0\.0\.1:\d+\/\w+: \d+ rows in \d+ tables\./);
    expect(copied.stdout).not.toContain('postgres:postgres');

    const fromSqlite = await runEntry('cli.ts', ['export', '1', '--format', 'json'], sqlite);
    const fromPostgres = await runEntry('cli.ts', ['export', '1', '--format', 'json'], {
      ...sqlite,
      DATABASE_URL: emptyUrl,
    });
    expect(fromPostgres.code).toBe(0);
    expect(JSON.parse(fromPostgres.stdout)).toEqual(JSON.parse(fromSqlite.stdout));
    expect(fromPostgres.stdout).toContain('Clear about trade-offs.');

    // New rows continue after the copied ids.
    const handle = await openDatabase(empty.target);
    try {
      const before = await handle.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirstOrThrow();
      await handle.transact((trx) =>
        audit(trx, { actor: 'cli', action: 'test', entityType: 'x', entityId: 1 }, new Date()),
      );
      const after = await handle.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirstOrThrow();
      expect(Number(after.id)).toBe(Number(before.id) + 1);
    } finally {
      await handle.close();
    }
  }, 60_000); // five CLI runs, each a fresh process
});
