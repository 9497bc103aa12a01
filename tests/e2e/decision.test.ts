import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION, DECISION } from '../../src/slack/ids.js';
import {
  allText,
  CHANNEL,
  interviewThatTookPlace,
  LEAD,
  OUTSIDER,
  openScorecardModal,
  outboxIdle,
  PANEL,
  schedule,
  scorecardState,
  seedWorkspace,
} from '../support/flows.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { runEntry } from '../support/run.js';
import { plainText, stateValues } from '../support/slack-requests.js';

const P1 = PANEL[0] ?? '';
const P2 = PANEL[1] ?? '';

describe('the decision thread', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ env: { DEFAULT_DECISION_CHANNEL: CHANNEL } });
    seedWorkspace(t);
    await interviewThatTookPlace(t, { panelists: [P1, P2], candidate: 'Ada Lovelace', duration: 60 });
  });
  afterEach(async () => {
    await t.close();
  });

  const submit = async (userId: string, takeaways: string, recommendation: string, rating = '3') => {
    const view = await openScorecardModal(t, userId, 1);
    const ratings = Object.fromEntries(
      (view.blocks as { block_id?: string }[])
        .filter((b) => b.block_id?.startsWith('rating:'))
        .map((b) => [b.block_id?.slice(7) ?? '', rating]),
    );
    await t.sender.viewSubmission({
      userId,
      view: { from: view, state: scorecardState(view, { takeaways, recommendation, ratings }) },
    });
    await outboxIdle(t);
  };
  const channelText = () => allText(t.slack.messagesIn(CHANNEL));
  const parent = () => t.slack.messagesIn(CHANNEL).find((m) => !m.thread_ts);
  const decide = async (userId: string, outcome: 'hire' | 'no_hire' | 'another_round') => {
    const p = parent();
    return t.sender.blockAction({
      userId,
      actionId: `decide_${outcome}`,
      value: '1',
      message: { ts: p?.ts ?? '', blocks: p?.blocks ?? [] },
      channel: CHANNEL,
    });
  };

  it('keeps ratings out of the channel until everyone has submitted, then posts the summary in the thread', async () => {
    await submit(P1, 'P1 takeaway: precise and calm.', 'strong_yes', '4');
    expect(channelText()).not.toContain('P1 takeaway');
    expect(channelText()).not.toContain('Panel summary');
    await submit(P2, 'P2 takeaway: shaky on indexes.', 'no', '2');
    const summary = t.slack.messagesIn(CHANNEL).find((m) => allText(m).includes('Panel summary'));
    expect(summary?.thread_ts).toBe(parent()?.ts);
    const text = allText(summary);
    expect(text).toContain('Strong hire *1*');
    expect(text).toContain('No hire *1*');
    expect(text).toContain('P1 takeaway: precise and calm.');
    expect(text).toContain('P2 takeaway: shaky on indexes.');
    expect(text).toMatch(/mean \d\.\d · spread \d · 2 ratings/);
    expect(text).toMatch(new RegExp(`<@${P1}> 4`));
    expect(text).toMatch(new RegExp(`<@${P2}> 2`));
    expect(text).toContain('Split recommendation');
    expect(JSON.stringify(summary?.blocks)).toContain('decide_hire');
    expect(allText(parent())).toContain('Scorecards:* 2/2');
  });

  it('shows the summary early only to the hiring lead; status follows the blind rule', async () => {
    await submit(P1, 'P1 early view.', 'yes');
    const p = parent();
    await t.sender.blockAction({
      userId: LEAD,
      actionId: ACTION.summaryForLead,
      value: '1',
      message: { ts: p?.ts ?? '', blocks: p?.blocks ?? [] },
      channel: CHANNEL,
    });
    const forLead = await t.slack.waitForCall('response_url', (c) => allText(c.args).includes('Panel summary'));
    expect(forLead.args.response_type).toBe('ephemeral');
    expect(allText(forLead.args)).toContain('P1 early view.');
    expect(JSON.stringify(forLead.args)).toContain('decide_hire');

    await t.sender.blockAction({
      userId: P2,
      actionId: ACTION.summaryForLead,
      value: '1',
      message: { ts: p?.ts ?? '', blocks: p?.blocks ?? [] },
      channel: CHANNEL,
    });
    const refused = await t.slack.waitForCall('response_url', (c) =>
      allText(c.args).includes('can see the summary before everyone'),
    );
    expect(allText(refused.args)).not.toContain('P1 early view.');

    const owes = await t.sender.slashCommand({ userId: P2, text: 'status Ada Lovelace' });
    expect(allText(owes.json)).toContain('Ratings stay hidden');
    expect(allText(owes.json)).not.toContain('P1 early view.');
    const done = await t.sender.slashCommand({ userId: P1, text: 'status ada lovelace' });
    expect(allText(done.json)).toContain('P1 early view.');
    const outsider = await t.sender.slashCommand({ userId: OUTSIDER, text: 'status Ada Lovelace' });
    expect(allText(outsider.json)).toContain('I found no loop');
    expect(channelText()).not.toContain('P1 early view.');
  });

  it('refuses a panelist’s click on Hire and changes nothing', async () => {
    await submit(P1, 'Fine.', 'yes');
    await submit(P2, 'Fine too.', 'yes');
    const opens = t.slack.callsTo('views.open').length;
    await decide(P1, 'hire');
    const refusal = await t.slack.waitForCall('response_url', (c) => allText(c.args).includes('Only the hiring lead'));
    expect(refusal.args.response_type).toBe('ephemeral');
    expect(t.slack.callsTo('views.open')).toHaveLength(opens);
    expect(await t.handle.db.selectFrom('decisions').selectAll().execute()).toEqual([]);
  });

  it('the lead decides with a rationale: saved, audited, posted, the parent edited and the loop closed', async () => {
    await submit(P1, 'Fine.', 'yes');
    await submit(P2, 'Fine too.', 'strong_yes');
    const click = await decide(LEAD, 'hire');
    const modal = (await t.slack.waitForCall('views.open', (c) => c.args.trigger_id === click.sent?.trigger_id))
      .response?.view as Record<string, unknown>;
    const empty = await t.sender.viewSubmission({
      userId: LEAD,
      view: { from: modal, state: stateValues([DECISION.rationale, DECISION.rationale, plainText('')]) },
    });
    expect(JSON.stringify(empty.json)).toContain('Write the rationale');
    expect(await t.handle.db.selectFrom('decisions').selectAll().execute()).toEqual([]);

    await t.sender.viewSubmission({
      userId: LEAD,
      view: {
        from: modal,
        state: stateValues([
          DECISION.rationale,
          DECISION.rationale,
          plainText('Strong on design; both panelists say hire.'),
        ]),
      },
    });
    await outboxIdle(t);
    const decision = await t.handle.db.selectFrom('decisions').selectAll().executeTakeFirstOrThrow();
    expect(decision).toMatchObject({
      outcome: 'hire',
      decided_by: LEAD,
      rationale: 'Strong on design; both panelists say hire.',
    });
    expect((await t.handle.db.selectFrom('loops').select('status').executeTakeFirstOrThrow()).status).toBe('decided');
    const audit = await t.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'decision.recorded')
      .execute();
    expect(audit).toHaveLength(1);
    expect(channelText()).toContain('*Decision: Hire* by <@U0LEAD>');
    expect(allText(parent())).toContain('Decision: Hire');
    expect(allText(parent())).toContain('Status:* Decided');
    const summary = t.slack.messagesIn(CHANNEL).find((m) => allText(m).includes('Panel summary'));
    expect(JSON.stringify(summary?.blocks)).not.toContain('decide_hire');
    await decide(LEAD, 'no_hire');
    const again = await t.slack.waitForCall('response_url', (c) => allText(c.args).includes('already decided'));
    expect(again).toBeDefined();
  });

  it('another round keeps the loop open; the next interview repeats no question and re-blinds the summary', async () => {
    await submit(P1, 'Unsure.', 'yes');
    await submit(P2, 'Unsure too.', 'no');
    const click = await decide(LEAD, 'another_round');
    const modal = (await t.slack.waitForCall('views.open', (c) => c.args.trigger_id === click.sent?.trigger_id))
      .response?.view as Record<string, unknown>;
    await t.sender.viewSubmission({
      userId: LEAD,
      view: {
        from: modal,
        state: stateValues([DECISION.rationale, DECISION.rationale, plainText('Need a system design round.')]),
      },
    });
    await outboxIdle(t);
    expect((await t.handle.db.selectFrom('loops').select('status').executeTakeFirstOrThrow()).status).toBe('open');
    const next = await schedule(t, {
      panelists: [PANEL[2] ?? ''],
      candidate: 'Ada Lovelace',
      kind: 'technical',
      start: Math.floor(t.clock.now().getTime() / 1000) + 86_400,
    });
    expect(next.interviewId).toBe(2);
    await outboxIdle(t);
    const ids = (
      await t.handle.db.selectFrom('kit_items').select('question_id').where('status', '=', 'active').execute()
    ).map((r) => r.question_id);
    expect(new Set(ids).size).toBe(ids.length);
    const summary = t.slack.messagesIn(CHANNEL).find((m) => allText(m).includes('Panel summary'));
    expect(allText(summary)).toContain('Hidden again for round 2');
    expect(allText(summary)).toContain('A new summary of the whole loop is posted here when they are in');
    expect(allText(summary)).not.toContain('Unsure.');
  });

  it('exports the loop’s full record as JSON and CSV from the command line', async () => {
    await submit(P1, 'First view.', 'yes');
    await submit(P1, 'Second thoughts.', 'no');
    await submit(P2, 'Solid.', 'yes');
    const json = await runEntry('cli.ts', ['export', '1', '--format', 'json'], {
      ...t.database.env,
    });
    expect(json.stderr).toBe('');
    const record = JSON.parse(json.stdout) as {
      loop: { candidate: string; status: string };
      interviews: { kit: unknown[]; panelists: unknown[] }[];
      scorecards: {
        panelist: string;
        revisions: { content: { keyTakeaways: string } }[];
        ratings: Record<string, number>;
      }[];
      summary: { complete: boolean };
      ratings: { panelistId: string; panelistName: string | null; rating: number | null }[];
      audit: { action: string }[];
    };
    expect(record.loop).toMatchObject({ candidate: 'Ada Lovelace', status: 'open' });
    const kitRows = await t.handle.db.selectFrom('kit_items').selectAll().execute();
    expect(record.interviews[0]?.kit).toHaveLength(kitRows.length);
    const p1 = record.scorecards.find((s) => s.panelist === P1);
    expect(p1?.revisions.map((r) => r.content.keyTakeaways)).toEqual(['First view.', 'Second thoughts.']);
    expect(Object.keys(p1?.ratings ?? {}).length).toBeGreaterThan(0);
    expect(record.summary.complete).toBe(true);
    expect(record.audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['interview.scheduled', 'scorecard.submitted', 'scorecard.revised']),
    );

    const csv = await runEntry('cli.ts', ['export', '1', '--format', 'csv'], t.database.env);
    // One row per scorecard rating, every rater's, with names beside user ids: a spreadsheet pivots on it.
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'loopId,candidate,role,level,round,interviewId,interviewKind,panelistId,panelistName,competencyId,competency,rating,ratingLabel,ownFocus,recommendation,revision,submittedAt',
    );
    const rows = lines.slice(1).map((l) => l.split(','));
    const stored = await t.handle.db.selectFrom('scorecard_ratings').selectAll().execute();
    expect(rows).toHaveLength(stored.length);
    expect(rows.filter((r) => r[7] === P1).every((r) => r[8] === 'panelist1' && r[14] === 'no')).toBe(true);
    expect(rows.filter((r) => r[7] === P2).every((r) => r[8] === 'panelist2' && r[11] === '3')).toBe(true);
    expect(new Set(rows.filter((r) => r[7] === P1).map((r) => r[9]))).toEqual(
      new Set(rows.filter((r) => r[7] === P2).map((r) => r[9])),
    );
    expect(record.ratings).toHaveLength(stored.length);
    const missing = await runEntry('cli.ts', ['export', '99', '--format', 'json'], {
      ...t.database.env,
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('Error: There is no loop 99.');
    const bad = await runEntry('cli.ts', ['export', '1'], t.database.env);
    expect(bad.code).toBe(2);
  }, 60_000);
});
