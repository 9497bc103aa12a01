import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { committedTransactions } from '../../src/db/database.js';
import { PURGE_STEP } from '../../src/services/retention.js';
import { ACTION } from '../../src/slack/ids.js';
import {
  ADMIN,
  allText,
  CHANNEL,
  interviewThatTookPlace,
  LEAD,
  OUTSIDER,
  openScorecardModal,
  outboxIdle,
  PANEL,
  scorecardState,
  seedWorkspace,
} from '../support/flows.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { runEntry } from '../support/run.js';

const P1 = PANEL[0] ?? '';
const HOUR = 3_600_000;

describe('caring for candidate data', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ env: { DEFAULT_DECISION_CHANNEL: CHANNEL, ADMIN_USER_IDS: ADMIN, RETENTION_DAYS: '30' } });
    seedWorkspace(t);
    await interviewThatTookPlace(t, {
      panelists: [P1],
      candidate: 'Ada Lovelace',
      notes: 'Ada asked for a late slot.',
    });
    const view = await openScorecardModal(t, P1, 1);
    await t.sender.viewSubmission({
      userId: P1,
      view: { from: view, state: scorecardState(view, { takeaways: 'Lovelace reasoned well about indexes.' }) },
    });
    await outboxIdle(t);
  });
  afterEach(async () => {
    await t.close();
  });

  const allStoredText = async () => {
    const tables = [
      'candidates',
      'interviews',
      'scorecards',
      'scorecard_notes',
      'scorecard_revisions',
      'decisions',
      'outbox',
      'audit_log',
    ] as const;
    const dumps = await Promise.all(tables.map((table) => t.handle.db.selectFrom(table).selectAll().execute()));
    return JSON.stringify(dumps);
  };

  it('forget asks for confirmation, then erases the name everywhere, edits the app’s messages and audits it', async () => {
    const refused = await t.sender.slashCommand({ userId: OUTSIDER, text: 'forget Ada Lovelace' });
    expect(allText(refused.json)).toContain('whose data you may erase');
    const asked = await t.sender.slashCommand({ userId: LEAD, text: 'forget ada lovelace' });
    expect(allText(asked.json)).toContain('This cannot be undone');
    expect(await allStoredText()).toContain('Lovelace');

    const button = (asked.json as { blocks: { elements?: { action_id: string; value: string }[] }[] }).blocks
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === ACTION.forgetConfirm);
    await t.sender.blockAction({
      userId: LEAD,
      actionId: ACTION.forgetConfirm,
      value: button?.value ?? '',
      isEphemeral: true,
    });
    const done = await t.slack.waitForCall('response_url', (c) => allText(c.args).includes('Erased candidate'));
    expect(done.args.replace_original).toBe(true);
    await outboxIdle(t);

    const stored = await allStoredText();
    expect(stored).not.toMatch(/Ada|Lovelace/);
    expect(stored).toContain('[erased] asked for a late slot.');
    const slackNow = [CHANNEL, P1, LEAD].map((c) => allText(t.slack.messagesIn(c))).join('\n');
    expect(slackNow).not.toMatch(/Ada|Lovelace/);
    expect(slackNow).toContain('Candidate #1 (erased)');
    const audit = await t.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'candidate.erased')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor).toBe(LEAD);
  });

  it('the CLI erases too, and says what it did', async () => {
    const result = await runEntry('cli.ts', ['forget', 'Ada', 'Lovelace', '--yes'], t.database.env);
    expect(result.stdout).toContain('Erased candidate #1');
    expect(await allStoredText()).not.toMatch(/Lovelace/);
    const again = await runEntry('cli.ts', ['forget', 'Ada', 'Lovelace', '--yes'], t.database.env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('No candidate named');
  });

  it('purges decided loops after the retention period, and only those', async () => {
    await t.handle.db.updateTable('loops').set({ status: 'decided' }).execute();
    t.clock.set(new Date(t.clock.now().getTime() + 29 * 24 * HOUR));
    expect((await t.runDueWork()).purgedLoops).toBe(0);
    t.clock.set(new Date(t.clock.now().getTime() + 2 * 24 * HOUR));
    expect((await t.runDueWork()).purgedLoops).toBe(1);
    for (const table of [
      'loops',
      'interviews',
      'scorecards',
      'scorecard_ratings',
      'kit_items',
      'candidates',
    ] as const) {
      expect(await t.handle.db.selectFrom(table).selectAll().execute(), table).toEqual([]);
    }
    const purged = await t.handle.db.selectFrom('audit_log').selectAll().where('action', '=', 'loop.purged').execute();
    expect(purged).toHaveLength(1);
  });

  it('purges a backlog bigger than one step in one run, a step per transaction', async () => {
    const old = new Date(t.clock.now().getTime() - 60 * 24 * HOUR).toISOString();
    const backlog = 2 * PURGE_STEP + 7;
    for (let i = 0; i < backlog; i++) {
      const candidate = await t.handle.db
        .insertInto('candidates')
        .values({ name: `Old Candidate ${i}`, name_key: `old candidate ${i}`, created_at: old })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.handle.db
        .insertInto('loops')
        .values({
          candidate_id: candidate.id,
          role: 'backend',
          level: 'senior',
          hiring_lead_id: LEAD,
          decision_channel_id: CHANNEL,
          status: 'decided',
          created_by: LEAD,
          created_at: old,
          updated_at: old,
        })
        .execute();
    }
    const commits = committedTransactions();
    expect((await t.runDueWork()).purgedLoops).toBe(backlog);
    expect(committedTransactions() - commits).toBeGreaterThanOrEqual(3);
    const left = await t.handle.db.selectFrom('candidates').select('name').execute();
    expect(left.map((c) => c.name)).toEqual(['Ada Lovelace']);
    const purged = await t.handle.db.selectFrom('audit_log').selectAll().where('action', '=', 'loop.purged').execute();
    expect(purged).toHaveLength(backlog);
  });

  it('forgets delivery records after a week, of every kind, and keeps the recent ones', async () => {
    const kinds = async () =>
      (await t.handle.db.selectFrom('slack_deliveries').select('kind').execute()).map((d) => d.kind).sort();
    expect(await kinds()).toContain('scorecard');
    const later = new Date(t.clock.now().getTime() + 8 * 24 * HOUR);
    await t.handle.db
      .insertInto('slack_deliveries')
      .values({ key: 'view_submission:VRECENT:h', kind: 'scorecard', received_at: later.toISOString() })
      .execute();
    t.clock.set(later);
    await t.runDueWork();
    expect(await kinds()).toEqual(['scorecard']);
  });
});
