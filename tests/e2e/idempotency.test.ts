import { describe, expect, it } from 'vitest';
import { ACTION, DECISION } from '../../src/slack/ids.js';
import {
  allText,
  CHANNEL,
  LEAD,
  outboxIdle,
  PANEL,
  schedule,
  scorecardState,
  seedWorkspace,
} from '../support/flows.js';
import { startTestApp, type TestApp, TestClock } from '../support/harness.js';
import { plainText, type SendOptions, stateValues } from '../support/slack-requests.js';

const [P1 = '', P2 = ''] = PANEL;
const HOUR = 3_600_000;

/** Makes every request reach the app twice: the second time as Slack's retry of the same delivery. */
function deliverEverythingTwice(t: TestApp): () => number {
  const send = t.sender.send.bind(t.sender);
  let duplicates = 0;
  t.sender.send = async (body: string, options: SendOptions) => {
    const first = await send(body, options);
    const again = await send(body, {
      ...options,
      headers: { ...options.headers, 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(again.status).toBe(200);
    duplicates += 1;
    return first;
  };
  return () => duplicates;
}

/** A whole loop: schedule, a swap, prompts, two scorecards, the summary and the decision. */
async function wholeLoop(t: TestApp): Promise<void> {
  const start = t.clock.now().getTime() + HOUR;
  await schedule(t, { panelists: [P1, P2], candidate: 'Ada Lovelace', start: Math.floor(start / 1000) });
  await outboxIdle(t);
  const kit = await t.sender.slashCommand({ userId: P1, text: 'questions' });
  const item = await t.handle.db
    .selectFrom('kit_items')
    .select('id')
    .where('competency_id', '!=', 'problem-solving') // the thinnest competency may have no alternative left
    .where('panelist_id', '=', P1)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  await t.sender.blockAction({
    userId: P1,
    actionId: ACTION.swapQuestion,
    value: String(item.id),
    isEphemeral: true,
    message: { ts: '1.1', blocks: (kit.json as { blocks: unknown[] }).blocks },
  });
  // The swap runs after its ack; its edit of the kit DM must be in Slack before the clock moves on,
  // or the scorecard prompt could be queued ahead of it in the same DM.
  await t.slack.waitForCall('chat.update', (c) => c.args.channel === t.slack.dmChannelFor(P1));
  await outboxIdle(t);
  t.clock.set(new Date(start + 2 * HOUR));
  await t.runDueWork();
  for (const panelist of [P1, P2]) {
    const prompt = t.slack.messagesIn(panelist).find((m) => allText(m).includes('Time for your scorecard'));
    const click = await t.sender.blockAction({
      userId: panelist,
      actionId: ACTION.openScorecard,
      message: { ts: prompt?.ts ?? '', blocks: prompt?.blocks ?? [] },
    });
    const view = (await t.slack.waitForCall('views.open', (c) => c.args.trigger_id === click.sent?.trigger_id)).response
      ?.view as { blocks: unknown[] };
    await t.sender.viewSubmission({
      userId: panelist,
      view: { from: view as Record<string, unknown>, state: scorecardState(view) },
    });
    await outboxIdle(t);
  }
  const summary = t.slack.messagesIn(CHANNEL).find((m) => allText(m).includes('Panel summary'));
  const click = await t.sender.blockAction({
    userId: LEAD,
    actionId: 'decide_hire',
    value: '1',
    message: { ts: summary?.ts ?? '', blocks: summary?.blocks ?? [] },
    channel: CHANNEL,
  });
  const modal = (await t.slack.waitForCall('views.open', (c) => c.args.trigger_id === click.sent?.trigger_id)).response
    ?.view as Record<string, unknown>;
  await t.sender.viewSubmission({
    userId: LEAD,
    view: { from: modal, state: stateValues([DECISION.rationale, DECISION.rationale, plainText('Both say hire.')]) },
  });
  await outboxIdle(t);
}

/** What a single delivery should leave behind: the data and what Slack was asked to do, without ids and times. */
async function outcome(t: TestApp) {
  const db = t.handle.db;
  const rows = {
    loops: await db.selectFrom('loops').select(['status', 'role', 'level']).execute(),
    interviews: await db.selectFrom('interviews').select(['status', 'kind', 'duration_minutes']).execute(),
    kit: await db.selectFrom('kit_items').select(['panelist_id', 'question_id', 'status']).orderBy('id').execute(),
    scorecards: await db
      .selectFrom('scorecards')
      .select(['panelist_id', 'status', 'revision', 'recommendation'])
      .orderBy('panelist_id')
      .execute(),
    revisions: (await db.selectFrom('scorecard_revisions').select('id').execute()).length,
    ratings: (await db.selectFrom('scorecard_ratings').select('rating').execute()).length,
    decisions: await db.selectFrom('decisions').select(['outcome', 'rationale', 'decided_by']).execute(),
    audit: (await db.selectFrom('audit_log').select('action').orderBy('id').execute()).map((a) => a.action),
    // In order within each channel, as delivered (use cases on PostgreSQL commit in parallel, so channels interleave).
    outbox: (
      await db.selectFrom('outbox').select(['method', 'channel', 'status']).orderBy('channel').orderBy('id').execute()
    ).map((o) => `${o.method} ${o.channel} ${o.status}`),
  };
  const calls = t.slack.calls
    .filter(
      (c) => !c.failed && c.method !== 'auth.test' && c.method !== 'users.info' && c.method !== 'conversations.info',
    )
    .map(
      (c) =>
        // App Home is its own queue beside the user's DM channel, so it is keyed apart from it.
        `${c.method} ${c.method === 'views.publish' ? `home:${String(c.args.user_id)}` : String(c.args.channel ?? '')} ${allText(
          c.args.view ?? c.args,
        )
          .replace(/\d{10}\.\d+/g, 'TS')
          .replace(/<!date\^\d+/g, '<!date^T')
          .slice(0, 120)}`,
    )
    // The outbox keeps the order within a channel; calls to different channels overlap in any order.
    .sort((x, y) => (x.split(' ')[1] ?? '').localeCompare(y.split(' ')[1] ?? ''));
  return { rows, calls };
}

describe('retried deliveries', () => {
  it('a whole loop delivered twice leaves the same data and the same Slack messages as once', async () => {
    // Both start at the same instant: the messages quote the interview's time, which must not differ by a minute.
    const at = new Date();
    const once = await startTestApp({ env: { DEFAULT_DECISION_CHANNEL: CHANNEL }, clock: new TestClock(at) });
    const twice = await startTestApp({ env: { DEFAULT_DECISION_CHANNEL: CHANNEL }, clock: new TestClock(at) });
    try {
      for (const t of [once, twice]) seedWorkspace(t);
      await wholeLoop(once);
      const duplicates = deliverEverythingTwice(twice);
      await wholeLoop(twice);
      expect(duplicates()).toBeGreaterThanOrEqual(10);
      const a = await outcome(once);
      const b = await outcome(twice);
      expect(b.rows).toEqual(a.rows);
      expect(b.calls).toEqual(a.calls);
      expect(a.rows.decisions).toHaveLength(1);
      expect(a.rows.kit.filter((k) => k.status === 'swapped')).toHaveLength(1);
      expect(a.rows.scorecards.map((s) => s.revision)).toEqual([1, 1]);
    } finally {
      await once.close();
      await twice.close();
    }
  });
});
