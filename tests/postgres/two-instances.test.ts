import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, openDatabase } from '../../src/db/database.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { FakeSlack, type RecordedCall } from '../support/fake-slack.js';
import { allText, CHANNEL, LEAD, PANEL, scheduleState, scorecardState, seedWorkspace } from '../support/flows.js';
import { type TestApp, TestClock } from '../support/harness.js';
import { type Instance, startInstance } from '../support/instances.js';
import { retryHeaders, type SlackSender } from '../support/slack-requests.js';

// Two app processes on one PostgreSQL database behind one Slack (a rolling deploy, or two instances behind a load
// balancer). Requests go to either, Slack's retries land on the other one, and both run due work at the same
// moments: every message reaches Slack once, none is lost.
const HOUR = 3_600_000;
const CANDIDATES = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Edsger Dijkstra', 'Barbara Liskov', 'Donald Knuth'];

describe('two instances on one PostgreSQL database', () => {
  const start = new Date('2026-12-07T09:00:00Z');
  let slack: FakeSlack;
  let database: TestDatabase;
  let handle: DbHandle;
  let a: Instance;
  let b: Instance;
  beforeAll(async () => {
    slack = await FakeSlack.start();
    seedWorkspace({ slack } as TestApp);
    database = await freshDatabase();
    const env = {
      ...database.env,
      SLACK_API_URL: slack.apiUrl,
      DEFAULT_DECISION_CHANNEL: CHANNEL,
      TEST_CLOCK: start.toISOString(),
    };
    const responseUrl = (id: string) => slack.responseUrl(id);
    [a, b] = await Promise.all([startInstance(env, responseUrl), startInstance(env, responseUrl)]);
    handle = await openDatabase(database.target);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await handle?.close();
    await database?.drop();
    await slack?.close();
  });

  const both = () => [a, b] as const;
  const setClock = (at: Date) => Promise.all(both().map((i) => i.setClock(at)));
  /** Both instances run due work at once, then deliver, until the outbox is empty. */
  const dueWorkOnBoth = async () => {
    const counts = await Promise.all(both().map((i) => i.runDueWork()));
    await outboxEmpty();
    return {
      prompts: counts.reduce((n, c) => n + c.prompts, 0),
      reminders: counts.reduce((n, c) => n + c.reminders, 0),
      escalations: counts.reduce((n, c) => n + c.escalations, 0),
    };
  };
  const outboxEmpty = async () => {
    for (let i = 0; i < 600; i++) {
      const open = await handle.db
        .selectFrom('outbox')
        .select('id')
        .where('status', 'in', ['pending', 'sending'])
        .executeTakeFirst();
      if (!open) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the outbox did not empty');
  };
  /** Opens a modal through one instance (the command) and returns it. */
  const openModal = async (via: SlackSender, userId: string, text: string) => {
    const res = await via.slashCommand({ userId, text });
    const call = await slack.waitForCall('views.open', (c) => c.args.trigger_id === res.sent?.trigger_id);
    return call.response?.view as Record<string, unknown> & { id: string; blocks: unknown[]; hash: string };
  };
  /** Submits through `via`, and the same delivery again through `retry` at the same time (Slack's retry). */
  const submitTwice = async (
    via: Instance,
    retry: Instance,
    userId: string,
    view: Record<string, unknown>,
    state: unknown,
  ) => {
    const input = { userId, view: { from: view, state } } as Parameters<SlackSender['viewSubmission']>[0];
    return Promise.all([
      via.sender.viewSubmission(input),
      retry.sender.viewSubmission({ ...input, headers: retryHeaders(1, 'http_timeout') }),
    ]);
  };

  it('sends every prompt, reminder and escalation once, and loses none', { timeout: 180_000 }, async () => {
    // Six candidates, two panelists each: modals opened through one instance, submitted through the other, each
    // submission delivered to both.
    const clock = new TestClock(start);
    const panels = CANDIDATES.map((_, i) => [PANEL[i % 4] ?? '', PANEL[(i % 4) + 4] ?? '']);
    for (const [i, candidate] of CANDIDATES.entries()) {
      const [opener, submitter] = i % 2 ? [a, b] : [b, a];
      const view = await openModal(opener.sender, LEAD, 'schedule');
      const state = scheduleState({ clock } as TestApp, {
        candidate,
        panelists: panels[i],
        start: Math.floor(start.getTime() / 1000) + 3600 + i * 600,
        duration: 45,
      });
      const answers = await submitTwice(submitter, opener, LEAD, view, state);
      // Whichever instance got there first scheduled it; the other answered the retry without doing it again.
      expect(answers.some((r) => /Interview #\d+ is scheduled/.test(JSON.stringify(r.json ?? null)))).toBe(true);
    }
    await outboxEmpty();
    expect(await handle.db.selectFrom('interviews').select('id').execute()).toHaveLength(CANDIDATES.length);

    // After the interviews: one prompt per panelist, from whichever instance claimed it.
    await setClock(new Date(start.getTime() + 4 * HOUR));
    expect(await dueWorkOnBoth()).toEqual({ prompts: 12, reminders: 0, escalations: 0 });
    // The first panelist of each interview submits, through either instance, each submission delivered twice.
    for (const [i, panel] of panels.entries()) {
      const userId = panel[0] ?? '';
      const [opener, submitter] = i % 2 ? [b, a] : [a, b];
      const view = await openModal(opener.sender, userId, `scorecard ${i + 1}`);
      await submitTwice(submitter, opener, userId, view, scorecardState(view, { takeaways: `Card ${i + 1}.` }));
    }
    await outboxEmpty();
    // A day later the others are reminded; two days later each interview's lead hears who is late.
    await setClock(new Date(start.getTime() + 30 * HOUR));
    expect(await dueWorkOnBoth()).toEqual({ prompts: 0, reminders: 6, escalations: 0 });
    await setClock(new Date(start.getTime() + 54 * HOUR));
    expect(await dueWorkOnBoth()).toEqual({ prompts: 0, reminders: 0, escalations: 6 });
    await setClock(new Date(start.getTime() + 80 * HOUR));
    expect(await dueWorkOnBoth()).toEqual({ prompts: 0, reminders: 0, escalations: 0 });

    // What reached Slack: every message the outbox holds was delivered exactly once.
    const delivered = slack.deliveredTo('chat.postMessage');
    const key = (c: RecordedCall) => `${String(c.args.channel)} ${String(c.args.thread_ts ?? '')} ${allText(c.args)}`;
    const seen = new Map<string, number>();
    for (const call of delivered) seen.set(key(call), (seen.get(key(call)) ?? 0) + 1);
    const duplicates = [...seen.values()].reduce((n, count) => n + count - 1, 0);
    const queued = await handle.db.selectFrom('outbox').select(['method', 'status']).execute();
    const posts = queued.filter((row) => row.method === 'chat.postMessage');
    const losses = posts.length - seen.size;
    console.log(`two instances: ${delivered.length} messages posted, ${duplicates} duplicates, ${losses} lost`);
    expect({ duplicates, losses }).toEqual({ duplicates: 0, losses: 0 });
    expect(queued.filter((row) => row.status !== 'sent')).toEqual([]);
    // One decision thread per candidate; the lead heard of every late scorecard.
    const kinds = {
      threads: delivered.filter((c) => c.args.channel === CHANNEL && !c.args.thread_ts).length,
      toLead: delivered.filter((c) => c.args.channel === LEAD).length,
    };
    expect(kinds.threads).toBe(CANDIDATES.length);
    // Scorecards: one per submission, though each was delivered to both instances.
    expect(
      await handle.db.selectFrom('scorecards').select('id').where('status', '=', 'submitted').execute(),
    ).toHaveLength(6);
    expect(await handle.db.selectFrom('scorecard_revisions').select('id').execute()).toHaveLength(6);
    expect(await handle.db.selectFrom('loops').select('id').execute()).toHaveLength(CANDIDATES.length);
    expect(kinds.toLead).toBeGreaterThanOrEqual(6);
  });
});
