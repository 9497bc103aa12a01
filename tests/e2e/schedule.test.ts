import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEDULE } from '../../src/slack/ids.js';
import {
  allText,
  BOT,
  CHANNEL,
  LEAD,
  OTHER_CHANNEL,
  OUTSIDER,
  openSchedule,
  outboxIdle,
  PANEL,
  schedule,
  scheduleState,
  seedWorkspace,
} from '../support/flows.js';
import { startTestApp, type TestApp } from '../support/harness.js';

describe('scheduling an interview', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ env: { DEFAULT_DECISION_CHANNEL: CHANNEL } });
    seedWorkspace(t);
  });
  afterEach(async () => {
    await t.close();
  });

  it('opens the modal within the trigger, pre-filled from the command and defaults', async () => {
    const { res, view } = await openSchedule(
      t,
      LEAD,
      `Grace Hopper lead behavioral 45m <@${PANEL[0]}|p1> <@${PANEL[1]}|p2>`,
    );
    expect(res.status).toBe(200);
    const blocks = view.blocks as { block_id: string; element: Record<string, unknown> }[];
    const element = (id: string) => blocks.find((b) => b.block_id === id)?.element ?? {};
    expect(element(SCHEDULE.candidate).initial_value).toBe('Grace Hopper');
    expect((element(SCHEDULE.level).initial_option as { value: string }).value).toBe('lead');
    expect((element(SCHEDULE.kind).initial_option as { value: string }).value).toBe('behavioral');
    expect((element(SCHEDULE.duration).initial_option as { value: string }).value).toBe('45');
    expect(element(SCHEDULE.panelists).initial_users).toEqual([PANEL[0], PANEL[1]]);
    expect(element(SCHEDULE.lead).initial_user).toBe(LEAD);
    expect(element(SCHEDULE.channel).initial_conversation).toBe(CHANNEL);
    expect(element(SCHEDULE.start).type).toBe('datetimepicker');
    // The requester's zone is learnt after the modal is open, for next time.
    expect((await t.slack.waitForCall('users.info', (c) => c.args.user === LEAD)).failed).toBe(false);
  });

  it('saves the loop, posts the decision thread, DMs each panelist their part and confirms to the lead', async () => {
    const { body, interviewId } = await schedule(t, {
      panelists: [PANEL[0] ?? '', PANEL[1] ?? ''],
      candidate: 'Ada Lovelace',
    });
    expect(body?.response_action).toBe('update');
    expect(interviewId).toBe(1);
    await outboxIdle(t);

    const [parent, ...replies] = t.slack.messagesIn(CHANNEL);
    expect(allText(parent)).toContain('Ada Lovelace · Backend developer · Senior');
    expect(allText(parent)).toContain('Scorecards:* 0/2');
    expect(allText(parent)).toContain(`<@${PANEL[0]}>`);
    // The parent lists the first interview: the thread gets no reply repeating it.
    expect(allText(parent)).toContain('#1 Technical');
    expect(replies).toEqual([]);
    const loop = await t.handle.db.selectFrom('loops').selectAll().executeTakeFirstOrThrow();
    expect(loop.thread_ts).toBe(parent?.ts);

    const kits = await t.handle.db.selectFrom('kit_items').selectAll().where('status', '=', 'active').execute();
    const questionIds = kits.map((k) => k.question_id);
    expect(new Set(questionIds).size).toBe(questionIds.length);
    const minutes = await t.handle.db
      .selectFrom('questions')
      .select(['id', 'minutes'])
      .where('id', 'in', questionIds)
      .execute();
    const total = minutes.reduce((sum, q) => sum + q.minutes, 0);
    expect(total).toBeLessThanOrEqual(50);
    expect(total).toBeGreaterThanOrEqual(40);

    for (const panelist of [PANEL[0] ?? '', PANEL[1] ?? '']) {
      const dms = t.slack.messagesIn(panelist);
      expect(dms).toHaveLength(1);
      const text = allText(dms[0]);
      expect(text).toContain('Your questions: Ada Lovelace');
      expect(text).toContain('*Listen for:*');
      expect(text).toContain('*Running order*');
      expect(text).toContain('Guidance and rubric');
      const mine = kits.filter((k) => k.panelist_id === panelist);
      expect(mine.length).toBeGreaterThan(0);
      const swaps = JSON.stringify(dms[0]?.blocks).match(/"action_id":"kit_swap"/g) ?? [];
      expect(swaps).toHaveLength(mine.length);
    }
    // A panelist's focus is exactly what their questions probe.
    const probes = new Map(
      (await t.handle.db.selectFrom('questions').select(['id', 'competencies']).execute()).map((q) => [
        q.id,
        JSON.parse(q.competencies) as string[],
      ]),
    );
    const seats = await t.handle.db.selectFrom('interview_panelists').select(['user_id', 'focus']).execute();
    for (const seat of seats) {
      const asked = kits.filter((k) => k.panelist_id === seat.user_id).flatMap((k) => probes.get(k.question_id) ?? []);
      expect(new Set(JSON.parse(seat.focus) as string[])).toEqual(new Set(asked));
    }

    const confirmation = allText(t.slack.messagesIn(LEAD));
    expect(confirmation).toContain('Interview #1 with Ada Lovelace is scheduled');
    const audit = await t.handle.db.selectFrom('audit_log').select('action').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['interview.scheduled', 'loop.opened']));
  });

  it('schedules once when Slack delivers the same submission twice', async () => {
    const { view } = await openSchedule(t);
    const state = scheduleState(t, {});
    const first = await t.sender.viewSubmission({ userId: LEAD, view: { from: view, state } });
    const again = await t.sender.viewSubmission({
      userId: LEAD,
      view: { from: view, state },
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    await outboxIdle(t);
    expect(await t.handle.db.selectFrom('interviews').selectAll().execute()).toHaveLength(1);
    expect(t.slack.messagesIn(CHANNEL).filter((m) => !m.thread_ts)).toHaveLength(1);
    expect(t.slack.messagesIn(PANEL[0] ?? '')).toHaveLength(1);
  });

  it.each([
    ['a time in the past', { start: Math.floor(Date.now() / 1000) - 3600 }, SCHEDULE.start, 'in the past'],
    ['no panelists', { panelists: [] }, SCHEDULE.panelists, 'at least one panelist'],
    ['nine panelists', { panelists: [...PANEL, OUTSIDER] }, SCHEDULE.panelists, 'at most 8'],
    ['a bot on the panel', { panelists: [PANEL[0] ?? '', BOT] }, SCHEDULE.panelists, 'is a bot'],
    ['a channel the app is not in', { channel: OTHER_CHANNEL }, SCHEDULE.channel, '/invite @Interview Assistant'],
    ['a channel that does not exist', { channel: 'C0GONE' }, SCHEDULE.channel, 'cannot see that channel'],
    ['no candidate name', { candidate: '' }, SCHEDULE.candidate, 'candidate’s name'],
  ])('shows %s inline on the field and saves nothing', async (_label, input, block, message) => {
    const { body } = await schedule(t, input);
    expect(body?.response_action).toBe('errors');
    expect(body?.errors?.[block]).toContain(message);
    expect(await t.handle.db.selectFrom('interviews').selectAll().execute()).toHaveLength(0);
    expect(t.slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('reuses the candidate’s open loop: a second interview repeats no question and edits the thread parent in place', async () => {
    await schedule(t, { kind: 'technical', panelists: PANEL.slice(0, 3) });
    await outboxIdle(t);
    const second = await schedule(t, {
      kind: 'technical',
      panelists: PANEL.slice(3, 6),
      start: Math.floor(t.clock.now().getTime() / 1000) + 4 * 86_400,
    });
    expect(second.interviewId).toBe(2);
    await outboxIdle(t);
    expect(await t.handle.db.selectFrom('loops').selectAll().execute()).toHaveLength(1);
    const items = await t.handle.db.selectFrom('kit_items').select(['question_id', 'interview_id']).execute();
    const ids = items.map((i) => i.question_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(items.map((i) => i.interview_id))).toEqual(new Set([1, 2]));
    const parents = t.slack.messagesIn(CHANNEL).filter((m) => !m.thread_ts);
    expect(parents).toHaveLength(1);
    expect(parents[0]?.edited).toBe(true);
    expect(allText(parents[0])).toContain('Scorecards:* 0/6');
    expect(allText(parents[0])).toContain('#2');
  });

  it('never lets a typed name ping the channel or forge a link', async () => {
    await schedule(t, { candidate: 'Eve <!channel> <https://evil.example|click>', notes: '<!here> prep' });
    await outboxIdle(t);
    // Slack reads mrkdwn (and a message's fallback text) for pings and links; plain_text is shown as typed.
    const mrkdwn: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const record = node as Record<string, unknown>;
        if (record.type === 'mrkdwn' && typeof record.text === 'string') mrkdwn.push(record.text);
        for (const value of Object.values(record)) walk(value);
      }
    };
    for (const message of [CHANNEL, LEAD, PANEL[0] ?? ''].flatMap((c) => t.slack.messagesIn(c))) {
      mrkdwn.push(message.text ?? '');
      walk(message.blocks);
    }
    const everything = mrkdwn.join('\n');
    expect(everything).not.toContain('<!channel>');
    expect(everything).not.toContain('<!here>');
    expect(everything).not.toContain('<https://evil.example');
    expect(everything).toContain('&lt;!channel&gt;');
  });
});
