import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, openDatabase } from '../../src/db/database.js';
import type { OutboxRow } from '../../src/db/repositories/outbox.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { FakeSlack, type RecordedCall } from '../support/fake-slack.js';
import { allText, CHANNEL, LEAD, PANEL, scheduleState, scorecardState, seedWorkspace } from '../support/flows.js';
import { type TestApp, TestClock } from '../support/harness.js';
import { type Instance, startInstance } from '../support/instances.js';
import { retryHeaders, type SlackSender } from '../support/slack-requests.js';

// Two app processes on one PostgreSQL database behind one Slack (a rolling deploy, or two instances behind a load
// balancer). Requests go to either, Slack's retries land on the other one, and both run due work at the same
// moments: every message reaches Slack once, none is lost, and each channel gets its messages in order and paced.
const HOUR = 3_600_000;
const MINUTE = 60_000;
const CANDIDATES = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Edsger Dijkstra', 'Barbara Liskov', 'Donald Knuth'];
/** Each channel's pace in this test (the app's default is 1.1 s). */
const PACE_MS = 400;

/** The queue entry a posted message came from (every outbox post carries it in its metadata). */
const outboxIdOf = (call: RecordedCall): number | undefined => {
  const metadata = call.args.metadata as { event_payload?: { outbox_id?: unknown } } | undefined;
  const id = metadata?.event_payload?.outbox_id;
  return typeof id === 'number' ? id : undefined;
};
const kindOf = (row: Pick<OutboxRow, 'payload' | 'ref_type'>): string => {
  const render = (JSON.parse(row.payload) as { $render?: { name?: unknown } }).$render;
  return typeof render?.name === 'string' ? render.name : (row.ref_type ?? 'plain');
};

describe('two instances on one PostgreSQL database', () => {
  const start = new Date('2026-12-07T09:00:00Z');
  let slack: FakeSlack;
  let database: TestDatabase;
  let handle: DbHandle;
  let a: Instance;
  let b: Instance;
  /** Claims left in the database before the instances start: one of a crashed instance, one of a live one. */
  const leftClaims = { crashed: 0, live: 0 };
  beforeAll(async () => {
    slack = await FakeSlack.start();
    seedWorkspace({ slack } as TestApp);
    database = await freshDatabase();
    handle = await openDatabase(database.target);
    for (const [name, until] of [
      ['crashed', new Date(Date.now() - MINUTE)],
      ['live', new Date(Date.now() + HOUR)],
    ] as const) {
      const channel = PANEL[7] ?? '';
      const row = await handle.db
        .insertInto('outbox')
        .values({
          method: 'chat.postMessage',
          channel,
          payload: JSON.stringify({ channel, text: `left ${name}` }),
          status: 'sending',
          claimed_until: until.toISOString(),
          next_attempt_at: new Date(0).toISOString(),
          created_at: start.toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      leftClaims[name] = row.id;
    }
    const env = {
      ...database.env,
      SLACK_API_URL: slack.apiUrl,
      DEFAULT_DECISION_CHANNEL: CHANNEL,
      TEST_CLOCK: start.toISOString(),
      TEST_OUTBOX_PACE_MS: String(PACE_MS),
      // Due work runs when the test says (after it moved the clock), not on a timer of its own as well.
      JOBS_POLL_SECONDS: '3600',
    };
    const responseUrl = (id: string) => slack.responseUrl(id);
    [a, b] = await Promise.all([startInstance(env, responseUrl), startInstance(env, responseUrl)]);
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
    const sum = (key: 'kitReminders' | 'prompts' | 'reminders' | 'escalations') =>
      counts.reduce((n, c) => n + c[key], 0);
    return {
      kitReminders: sum('kitReminders'),
      prompts: sum('prompts'),
      reminders: sum('reminders'),
      escalations: sum('escalations'),
    };
  };
  const none = { kitReminders: 0, prompts: 0, reminders: 0, escalations: 0 };
  const outboxEmpty = async () => {
    const until = Date.now() + 90_000;
    while (Date.now() < until) {
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
  /**
   * Submits through `via`, and the same delivery again through `retry` (Slack's retry after a time-out): at the
   * same time, or once the first has answered.
   */
  const submitTwice = async (
    via: Instance,
    retry: Instance,
    userId: string,
    view: Record<string, unknown>,
    state: unknown,
    when: 'together' | 'after',
  ) => {
    const input = { userId, view: { from: view, state } } as Parameters<SlackSender['viewSubmission']>[0];
    const again = () => retry.sender.viewSubmission({ ...input, headers: retryHeaders(1, 'http_timeout') });
    if (when === 'together') return Promise.all([via.sender.viewSubmission(input), again()]);
    const first = await via.sender.viewSubmission(input);
    return [first, await again()];
  };

  it("releases a crashed instance's claim once it expires, and leaves a live one's alone", async () => {
    // Starting did not release the live claim (only a SQLite app, the sole instance, releases claims at start).
    await outboxEmptyExcept(leftClaims.live);
    const rows = await handle.db.selectFrom('outbox').select(['id', 'status']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: leftClaims.crashed, status: 'sent' },
      { id: leftClaims.live, status: 'sending' },
    ]);
    // The live instance's claim runs out (it died after all): one of the two delivers it, once.
    await handle.db
      .updateTable('outbox')
      .set({ claimed_until: new Date(Date.now() - 1).toISOString() })
      .where('id', '=', leftClaims.live)
      .execute();
    await Promise.all(both().map((i) => i.runDueWork()));
    await outboxEmpty();
    expect(slack.deliveredTo('chat.postMessage').map((c) => c.args.text)).toEqual(['left crashed', 'left live']);
  });

  const outboxEmptyExcept = async (id: number) => {
    for (let i = 0; i < 400; i++) {
      const open = await handle.db
        .selectFrom('outbox')
        .select('id')
        .where('status', 'in', ['pending', 'sending'])
        .where('id', '!=', id)
        .executeTakeFirst();
      if (!open) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the outbox did not empty');
  };

  it('sends every kit reminder, prompt, reminder and escalation once, in order and paced, and loses none', {
    timeout: 240_000,
  }, async () => {
    // Six candidates, two panelists each: modals opened through one instance, submitted through the other, each
    // submission delivered to both (Slack's retry: at the same time, or once the first has answered).
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
      const answers = await submitTwice(submitter, opener, LEAD, view, state, i < 3 ? 'together' : 'after');
      // Whichever instance got there first scheduled it; the other answered the retry without doing it again.
      expect(answers.some((r) => /Interview #\d+ is scheduled/.test(JSON.stringify(r.json ?? null)))).toBe(true);
    }
    await outboxEmpty();
    expect(await handle.db.selectFrom('interviews').select('id').execute()).toHaveLength(CANDIDATES.length);

    // Ten minutes before each interview (they start 10:00, 10:10, ... 10:50): its panelists' kit reminders.
    for (const [i] of CANDIDATES.entries()) {
      await setClock(new Date(start.getTime() + (50 + i * 10) * MINUTE));
      expect(await dueWorkOnBoth()).toEqual({ ...none, kitReminders: 2 });
    }
    // After the interviews: one prompt per panelist, from whichever instance claimed it.
    await setClock(new Date(start.getTime() + 4 * HOUR));
    expect(await dueWorkOnBoth()).toEqual({ ...none, prompts: 12 });
    // The first panelist of each interview submits, through either instance, each submission delivered twice.
    for (const [i, panel] of panels.entries()) {
      const userId = panel[0] ?? '';
      const [opener, submitter] = i % 2 ? [b, a] : [a, b];
      const view = await openModal(opener.sender, userId, `scorecard ${i + 1}`);
      const state = scorecardState(view, { takeaways: `Card ${i + 1}.` });
      await submitTwice(submitter, opener, userId, view, state, i < 3 ? 'after' : 'together');
    }
    await outboxEmpty();
    // A day later the others are reminded; two days later each interview's lead hears who is late.
    await setClock(new Date(start.getTime() + 30 * HOUR));
    expect(await dueWorkOnBoth()).toEqual({ ...none, reminders: 6 });
    await setClock(new Date(start.getTime() + 54 * HOUR));
    expect(await dueWorkOnBoth()).toEqual({ ...none, escalations: 6 });
    await setClock(new Date(start.getTime() + 80 * HOUR));
    expect(await dueWorkOnBoth()).toEqual(none);

    // What reached Slack, by kind of message: every queued message delivered exactly once.
    const rows = await handle.db.selectFrom('outbox').selectAll().orderBy('id').execute();
    expect(rows.filter((row) => row.status !== 'sent')).toEqual([]);
    const calls = slack.calls.filter((c) => !c.failed);
    const posts = calls.filter((c) => c.method === 'chat.postMessage' && outboxIdOf(c) !== undefined);
    const byId = new Map(rows.map((row) => [row.id, row]));
    // Where each post landed, so that edits (chat.update: channel and ts) are counted under the post's kind.
    const posted = new Map<string, OutboxRow>();
    for (const row of rows)
      if (row.method === 'chat.postMessage' && row.result_ts) posted.set(`${row.result_channel} ${row.result_ts}`, row);
    const tally = new Map<string, { queued: number; delivered: number; duplicates: number; lost: number }>();
    const of = (kind: string) => {
      const found = tally.get(kind) ?? { queued: 0, delivered: 0, duplicates: 0, lost: 0 };
      tally.set(kind, found);
      return found;
    };
    // Queued: each row Slack was called for (a message rendered to nothing is marked sent without a call).
    for (const row of rows) if (row.result_ts) of(`${kindOf(row)} ${row.method}`).queued += 1;
    const seenIds = new Set<number>();
    const seenTexts = new Set<string>();
    for (const call of posts) {
      const row = byId.get(outboxIdOf(call) ?? -1);
      const entry = of(row ? `${kindOf(row)} chat.postMessage` : 'unknown chat.postMessage');
      entry.delivered += 1;
      const text = `${String(call.args.channel)} ${String(call.args.thread_ts ?? '')} ${allText(call.args)}`;
      if (seenIds.has(outboxIdOf(call) ?? -1) || seenTexts.has(text)) entry.duplicates += 1;
      seenIds.add(outboxIdOf(call) ?? -1);
      seenTexts.add(text);
    }
    for (const row of rows)
      if (row.method === 'chat.postMessage' && row.result_ts && !seenIds.has(row.id))
        of(`${kindOf(row)} chat.postMessage`).lost += 1;
    // Edits: each queued edit of a message makes one call (edits render the latest state, so they are counted).
    const edits = new Map<string, number>();
    for (const call of calls.filter((c) => c.method === 'chat.update')) {
      const parent = posted.get(`${String(call.args.channel)} ${String(call.args.ts)}`);
      const kind = `${parent ? kindOf(parent) : 'unknown'} chat.update`;
      edits.set(kind, (edits.get(kind) ?? 0) + 1);
    }
    for (const [kind, count] of edits) of(kind).delivered += count;
    for (const [kind, entry] of tally) {
      if (!kind.endsWith('chat.update')) continue;
      entry.duplicates = Math.max(0, entry.delivered - entry.queued);
      entry.lost = Math.max(0, entry.queued - entry.delivered);
    }
    const table = [...tally.entries()].sort(([x], [y]) => (x < y ? -1 : 1));
    console.log(
      `two instances: ${posts.length} posts and ${edits.size > 0 ? [...edits.values()].reduce((n, c) => n + c, 0) : 0} edits\n` +
        table.map(([kind, e]) => `  ${kind}: ${JSON.stringify(e)}`).join('\n'),
    );
    for (const [kind, entry] of table)
      expect({ kind, duplicates: entry.duplicates, lost: entry.lost }).toEqual({
        kind,
        duplicates: 0,
        lost: 0,
      });
    const delivered = (kind: string) => tally.get(`${kind} chat.postMessage`)?.delivered ?? 0;
    expect({
      threads: delivered('loop_parent'),
      kitReminders: delivered('kit_reminder'),
      prompts: delivered('scorecard_prompt'),
      reminders: delivered('scorecard_reminder'),
      escalations: delivered('scorecard_escalation'),
    }).toEqual({ threads: 6, kitReminders: 12, prompts: 12, reminders: 6, escalations: 6 });

    // Each channel: its messages in the order they were queued, never two closer than the pace (an instance keeps
    // it from its own call's start, so a few ms of its own lag may show; another instance waits for the answer).
    let closest = Number.POSITIVE_INFINITY;
    const byChannel = new Map<string, RecordedCall[]>();
    for (const call of calls.filter((c) => posts.includes(c) || c.method === 'chat.update')) {
      const channel = String(call.args.channel);
      byChannel.set(channel, [...(byChannel.get(channel) ?? []), call]);
    }
    for (const [channel, inChannel] of byChannel) {
      const ids = inChannel.map(outboxIdOf).filter((id) => id !== undefined);
      expect({ channel, ids }).toEqual({ channel, ids: [...ids].sort((x, y) => x - y) });
      for (const [i, call] of inChannel.entries()) {
        const before = inChannel[i - 1];
        if (before) closest = Math.min(closest, call.at - before.at);
      }
    }
    console.log(`two instances: closest two calls to one channel ${closest} ms apart (pace ${PACE_MS} ms)`);
    expect(closest).toBeGreaterThanOrEqual(PACE_MS * 0.9);

    // Scorecards: one per submission, though each was delivered to both instances.
    expect(
      await handle.db.selectFrom('scorecards').select('id').where('status', '=', 'submitted').execute(),
    ).toHaveLength(6);
    expect(await handle.db.selectFrom('scorecard_revisions').select('id').execute()).toHaveLength(6);
    expect(await handle.db.selectFrom('loops').select('id').execute()).toHaveLength(CANDIDATES.length);
  });
});
