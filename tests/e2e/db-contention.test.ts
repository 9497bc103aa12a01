// Slack's 3-second deadline while another process (a CLI import, a backup tool) holds SQLite's write lock: a real
// second connection to the app's database file takes the lock, and the stand-in for Slack gives up after 3 s as
// Slack does.
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  allText,
  CHANNEL,
  interviewThatTookPlace,
  LEAD,
  openSchedule,
  openScorecardModal,
  outboxIdle,
  PANEL,
  scheduleState,
  scorecardState,
  seedWorkspace,
} from '../support/flows.js';
import { startTestApp, type TestApp } from '../support/harness.js';

const P1 = PANEL[0] ?? '';
/** How long Slack waits for an acknowledgement before it tells the user the app did not answer. */
const SLACK_WAITS_MS = 3000;

describe('acknowledgements while another process holds the write lock', () => {
  let t: TestApp;
  let locker: SQLite.Database | null = null;
  afterEach(async () => {
    if (locker?.inTransaction) locker.prepare('rollback').run();
    locker?.close();
    locker = null;
    await t?.close();
  });

  const holdWriteLock = () => {
    locker = new SQLite(t.config.databasePath);
    locker.prepare('begin immediate').run();
    // A real writer: it has changed something it has not committed yet.
    locker.prepare("insert into slack_deliveries (key, kind, received_at) values ('cli-import', 'cli', 'now')").run();
    return locker;
  };

  it('answers /interview help and a scorecard submission within Slack’s deadline, and tells the panelist when the delayed save is done', async () => {
    t = await startTestApp();
    seedWorkspace(t);
    const { interviewId } = await interviewThatTookPlace(t, {});
    expect(interviewId).not.toBeNull();
    const view = await openScorecardModal(t, P1, interviewId ?? 0);

    const lock = holdWriteLock();
    const submitting = t.sender.viewSubmission({
      userId: P1,
      view: { from: view, state: scorecardState(view, { takeaways: 'Calm under pressure.', recommendation: 'yes' }) },
      slackWaitsMs: SLACK_WAITS_MS,
    });
    await new Promise((r) => setTimeout(r, 100));
    const help = await t.sender.slashCommand({ userId: P1, text: 'help', slackWaitsMs: SLACK_WAITS_MS });
    const submitted = await submitting;

    // Both reached Slack in time: the help text, and an honest word in the still-open form (what was typed stays).
    expect(help.abandoned).toBeFalsy();
    expect(help.status).toBe(200);
    expect(JSON.stringify(help.json)).toContain('How to use /interview');
    expect(submitted.abandoned).toBeFalsy();
    expect(submitted.status).toBe(200);
    const answer = submitted.json as { response_action?: string; errors?: Record<string, string> };
    expect(answer.response_action).toBe('errors');
    expect(Object.values(answer.errors ?? {}).join(' ')).toMatch(/still saving.*DM/i);

    // The other process commits: the delayed save goes through, the panelist is told, the thread says so.
    lock.prepare('commit').run();
    const saved = await t.slack.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === P1 && /scorecard .* is saved/i.test(allText(c.args)),
      { timeoutMs: 10_000 },
    );
    expect(allText(saved.args)).toContain(`#${interviewId}`);
    const card = await t.handle.db
      .selectFrom('scorecards')
      .select(['status'])
      .where('interview_id', '=', interviewId ?? 0)
      .where('panelist_id', '=', P1)
      .executeTakeFirstOrThrow();
    expect(card.status).toBe('submitted');
    expect(t.logs.join('\n')).not.toContain('saving a scorecard failed');
  });

  it('a save that Slack’s deadline did not wait for, but that could not be made at all, is reported to the panelist', async () => {
    t = await startTestApp();
    seedWorkspace(t);
    const { interviewId } = await interviewThatTookPlace(t, {});
    const view = await openScorecardModal(t, P1, interviewId ?? 0);
    holdWriteLock();
    const submitted = await t.sender.viewSubmission({
      userId: P1,
      view: { from: view, state: scorecardState(view, { takeaways: 'Thorough.', recommendation: 'yes' }) },
      slackWaitsMs: SLACK_WAITS_MS,
    });
    expect(submitted.abandoned).toBeFalsy();
    // The lock is never given back: every try fails, and the panelist hears it was not saved.
    const notice = await t.slack.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === P1 && /not saved/i.test(allText(c.args)),
      { timeoutMs: 30_000 },
    );
    expect(allText(notice.args)).toContain('/interview scorecard');
  }, 40_000);

  it('answers a schedule submission within Slack’s deadline and DMs the scheduler once the delayed save is done', async () => {
    t = await startTestApp();
    seedWorkspace(t);
    const { view } = await openSchedule(t, LEAD);
    const lock = holdWriteLock();
    const submitted = await t.sender.viewSubmission({
      userId: LEAD,
      view: { from: view, state: scheduleState(t, { candidate: 'Katherine Johnson' }) },
      slackWaitsMs: SLACK_WAITS_MS,
    });
    expect(submitted.abandoned).toBeFalsy();
    const answer = submitted.json as { response_action?: string; errors?: Record<string, string> };
    expect(answer.response_action).toBe('errors');
    expect(Object.values(answer.errors ?? {}).join(' ')).toMatch(/still saving.*DM/i);
    expect(t.slack.messagesIn(CHANNEL)).toHaveLength(0);

    lock.prepare('commit').run();
    const done = await t.slack.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === LEAD && /is scheduled \(it took/i.test(allText(c.args)),
      { timeoutMs: 10_000 },
    );
    expect(allText(done.args)).toContain('Katherine Johnson');
    await outboxIdle(t);
    expect(allText(t.slack.messagesIn(CHANNEL))).toContain('Katherine Johnson');
  });
});
