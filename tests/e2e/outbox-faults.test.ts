// The outbox under Slack's real faults, through the running app: a refused token, a thread parent's channel the
// app cannot post in, a message that fails every time, a slow answer.
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import {
  allText,
  CHANNEL,
  LEAD,
  openScorecardModal,
  outboxIdle,
  PANEL,
  schedule,
  scorecardState,
  seedWorkspace,
} from '../support/flows.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { runEntry } from '../support/run.js';

/** A monotonic clock the test moves: the outbox's timers (auth checks, retries) run on it. */
class MovableMonotonic {
  private offset = 0;
  readonly now = () => performance.now() + this.offset;
  advance(ms: number): void {
    this.offset += ms;
  }
}

interface Health {
  status: string;
  slack?: string | { status: string; error: string };
  database?: unknown;
  outbox: { pending: number; held: number; failed: number };
  problems?: string[];
}

async function health(t: TestApp): Promise<{ code: number; body: Health }> {
  const res = await fetch(`${t.baseUrl}/healthz`);
  return { code: res.status, body: (await res.json()) as Health };
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const statuses = async (t: TestApp) =>
  t.handle.db
    .selectFrom('outbox')
    .select(['id', 'status', 'last_error', 'ref_type', 'channel'])
    .orderBy('id')
    .execute();

describe('the outbox under Slack faults', () => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  it('pauses while Slack refuses the token (healthz and the log say so) and delivers all of it once the token works', async () => {
    const clock = new MovableMonotonic();
    t = await startTestApp({ outbox: { monotonic: clock.now } });
    seedWorkspace(t);
    // The token is revoked right after the schedule form was submitted: every post from then on is refused.
    t.slack.failWhen('chat.postMessage', { error: 'token_revoked' }, () => true);
    const { interviewId } = await schedule(t);
    expect(interviewId).not.toBeNull();
    t.slack.refuseToken('token_revoked');

    await until(async () => (await health(t)).body.status === 'degraded', 'healthz to report the refused token');
    const paused = await health(t);
    expect(paused.code).toBe(503);
    expect(paused.body.slack).toMatchObject({ status: 'refused', error: 'token_revoked' });
    expect(paused.body.problems?.join(' ')).toContain('SLACK_BOT_TOKEN');
    expect(paused.body.outbox.pending).toBeGreaterThan(0);
    expect(t.logs.join('\n')).toMatch(/token_revoked.*reinstall the app.*SLACK_BOT_TOKEN/i);
    // Nothing was given up: every message is still owed.
    expect((await statuses(t)).filter((r) => r.status === 'failed')).toEqual([]);

    // A minute later Slack still refuses: auth.test says so and nothing is sent.
    clock.advance(61_000);
    await t.deliver();
    expect(t.slack.callsTo('auth.test').at(-1)?.error).toBe('token_revoked');
    expect(t.slack.messagesIn(CHANNEL)).toHaveLength(0);

    // The token works again: the next check finds it, and everything owed is delivered.
    t.slack.reset();
    t.slack.acceptToken();
    clock.advance(61_000);
    await t.deliver();
    await outboxIdle(t);
    const [parent] = t.slack.messagesIn(CHANNEL);
    expect(parent).toBeDefined();
    for (const panelist of PANEL.slice(0, 2)) expect(t.slack.messagesIn(panelist).length).toBeGreaterThan(0);
    const loop = await t.handle.db.selectFrom('loops').select('thread_ts').executeTakeFirstOrThrow();
    expect(loop.thread_ts).toBe(parent?.ts);
    const after = await health(t);
    expect(after.code).toBe(200);
    expect(after.body).toMatchObject({ status: 'ok', slack: 'ok', outbox: { pending: 0, failed: 0 } });
  });

  it('tells the lead by DM when the thread channel is closed to the app, and posts the thread and its replies once invited', async () => {
    const clock = new MovableMonotonic();
    t = await startTestApp({ outbox: { monotonic: clock.now } });
    seedWorkspace(t);
    // The app is removed from the channel right after the schedule form checked it.
    t.slack.afterNext('conversations.info', () => {
      const channel = t.slack.channel(CHANNEL);
      if (channel) channel.isMember = false;
    });
    const start = t.clock.now().getTime() + 3_600_000;
    const { interviewId } = await schedule(t, { start: Math.floor(start / 1000) });
    expect(interviewId).not.toBeNull();

    const notice = await t.slack.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === LEAD && allText(c.args).includes('/invite'),
    );
    expect(allText(notice.args)).toContain(`<#${CHANNEL}>`);
    expect(allText(notice.args)).toContain('could not post the decision thread');

    // Meanwhile the interview takes place and a panelist submits: the thread reply waits for its parent.
    t.clock.set(new Date(start + 2 * 3_600_000));
    await t.runDueWork({ settle: false });
    const panelist = PANEL[0] ?? '';
    const view = await openScorecardModal(t, panelist, interviewId ?? 0);
    const submitted = await t.sender.viewSubmission({
      userId: panelist,
      view: { from: view, state: scorecardState(view, { takeaways: 'Clear thinker.', recommendation: 'yes' }) },
    });
    expect(submitted.status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    await t.deliver();
    const waiting = await statuses(t);
    expect(waiting.filter((r) => r.status === 'failed')).toEqual([]);
    expect(waiting.find((r) => r.ref_type === 'loop_parent')).toMatchObject({
      status: 'pending',
      last_error: 'not_in_channel',
    });
    expect(t.slack.messagesIn(CHANNEL)).toHaveLength(0);

    // Someone invites the app: at the next try the thread is posted, then the replies, in order.
    const channel = t.slack.channel(CHANNEL);
    if (channel) channel.isMember = true;
    clock.advance(61_000);
    await t.deliver();
    await outboxIdle(t);
    const [parent, ...rest] = t.slack.messagesIn(CHANNEL);
    expect(parent?.thread_ts).toBeUndefined();
    expect(rest.length).toBeGreaterThan(0);
    expect(rest.every((m) => m.thread_ts === parent?.ts)).toBe(true);
    expect(allText(rest)).toContain(`<@${panelist}>`);
    // The lead was told once, and not again after the thread was posted.
    const notices = t.slack
      .deliveredTo('chat.postMessage')
      .filter((c) => c.args.channel === LEAD && allText(c.args).includes('/invite'));
    expect(notices).toHaveLength(1);
  });

  it('sets aside a message that fails every time, so its channel goes on; /healthz counts it and the CLI lists it', async () => {
    t = await startTestApp({ outbox: { maxAttempts: 3, baseBackoffMs: 10 } });
    seedWorkspace(t);
    // Slack answers HTTP 500 to the first loop's thread parent, every time.
    t.slack.failWhen(
      'chat.postMessage',
      { status: 500 },
      (args) => args.channel === CHANNEL && !args.thread_ts && allText(args).includes('Grace Hopper'),
    );
    const { interviewId } = await schedule(t, { candidate: 'Grace Hopper' });
    expect(interviewId).not.toBeNull();
    await until(async () => (await health(t)).body.outbox.held > 0, 'the message to be set aside');
    await outboxIdle(t);
    const rows = await statuses(t);
    const held = rows.filter((r) => r.status === 'held');
    const parentRow = held.find((r) => r.ref_type === 'loop_parent');
    expect(parentRow?.last_error).toContain('500');
    // The kits went out, and a second loop's thread in the same channel is posted despite the first.
    for (const p of PANEL.slice(0, 2)) expect(t.slack.messagesIn(p).length).toBeGreaterThan(0);
    const second = await schedule(t, { candidate: 'Alan Turing' });
    expect(second.interviewId).not.toBeNull();
    await outboxIdle(t);
    const threads = t.slack.messagesIn(CHANNEL).filter((m) => !m.thread_ts);
    expect(threads.map((m) => allText(m))).toEqual([expect.stringContaining('Alan Turing')]);

    const report = await health(t);
    expect(report.body.outbox.held).toBe(held.length);
    const listed = await runEntry('cli.ts', ['outbox'], t.database.env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`${held.length} set aside`);
    expect(listed.stdout).toMatch(new RegExp(`#${parentRow?.id}\\s+held\\s+chat.postMessage\\s+${CHANNEL}`));
    expect(listed.stdout).toContain('outbox retry all');
  });

  it('a slow answer from Slack (longer than the old 10 s time-out) never posts the thread twice', async () => {
    t = await startTestApp();
    seedWorkspace(t);
    // Every post of the burst is answered after 11 s, though Slack has done it at once.
    t.slack.delayNext('chat.postMessage', 11_000, 20);
    const { interviewId } = await schedule(t);
    expect(interviewId).not.toBeNull();
    await outboxIdle(t, 25_000);
    const rows = await statuses(t);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expect(t.slack.messagesIn(CHANNEL).filter((m) => !m.thread_ts)).toHaveLength(1);
    const posts = await t.handle.db
      .selectFrom('outbox')
      .select('id')
      .where('method', '=', 'chat.postMessage')
      .execute();
    expect(t.slack.deliveredTo('chat.postMessage')).toHaveLength(posts.length);
  }, 40_000);
});
