import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/slack/ids.js';
import {
  allText,
  CHANNEL,
  LEAD,
  OUTSIDER,
  openScorecardModal,
  outboxIdle,
  PANEL,
  schedule,
  scorecardState,
  seedWorkspace,
  sendEvent,
} from '../support/flows.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import type { StateValues } from '../support/slack-requests.js';

const P1 = PANEL[0] ?? '';
const P2 = PANEL[1] ?? '';
const HOUR = 3_600_000;

describe('scorecards after the interview', () => {
  let t: TestApp;
  let start: number;
  beforeEach(async () => {
    t = await startTestApp({ env: { DEFAULT_DECISION_CHANNEL: CHANNEL } });
    seedWorkspace(t);
    start = t.clock.now().getTime() + HOUR;
    await schedule(t, {
      panelists: [P1, P2],
      candidate: 'Ada Lovelace',
      duration: 60,
      start: Math.floor(start / 1000),
    });
    await outboxIdle(t);
  });
  afterEach(async () => {
    await t.close();
  });

  const afterEnd = (hours: number) => t.clock.set(new Date(start + HOUR + hours * HOUR));
  const scorecard = (userId: string) =>
    t.handle.db.selectFrom('scorecards').selectAll().where('panelist_id', '=', userId).executeTakeFirst();

  it('prompts each panelist once the interview ends: button → modal → submit → thread reply and parent update', async () => {
    expect(await t.runDueWork()).toEqual({ kitReminders: 0, prompts: 0, reminders: 0, escalations: 0, purgedLoops: 0 });
    afterEnd(0.1);
    expect((await t.runDueWork()).prompts).toBe(2);
    await outboxIdle(t);
    const prompt = t.slack.messagesIn(P1).at(-1);
    expect(allText(prompt)).toContain('Time for your scorecard');
    expect(allText(prompt)).toContain('Ada Lovelace');
    expect(JSON.stringify(prompt?.blocks)).toContain(ACTION.openScorecard);

    const click = await t.sender.blockAction({
      userId: P1,
      actionId: ACTION.openScorecard,
      message: { ts: prompt?.ts ?? '', blocks: prompt?.blocks ?? [] },
      channel: t.slack.dmChannelFor(P1),
    });
    const opened = await t.slack.waitForCall('views.open', (c) => c.args.trigger_id === click.sent?.trigger_id);
    const view = opened.response?.view as { id: string; hash: string; blocks: { block_id?: string; type: string }[] };
    const inputs = view.blocks.filter((b) => b.type === 'input').map((b) => b.block_id ?? '');
    const seats = await t.handle.db.selectFrom('interview_panelists').select(['user_id', 'focus']).execute();
    const focusOf = (user: string) => JSON.parse(seats.find((s) => s.user_id === user)?.focus ?? '[]') as string[];
    // Everyone rates everything the interview probed: the panelist's own focus first.
    const focus = [...new Set([...focusOf(P1), ...focusOf(P2)])];
    const rated = inputs.filter((id) => id.startsWith('rating:')).map((id) => id.slice('rating:'.length));
    expect(new Set(rated)).toEqual(new Set(focus));
    expect(rated.length).toBe(focus.length);
    expect(rated.slice(0, focusOf(P1).length).sort()).toEqual([...focusOf(P1)].sort());
    const asked = await t.handle.db
      .selectFrom('kit_items')
      .select(['question_id', 'panelist_id'])
      .where('status', '=', 'active')
      .orderBy('position')
      .execute();
    // A note for every question of the interview, the panelist's own first.
    const notes = inputs.filter((id) => id.startsWith('note:'));
    expect(new Set(notes)).toEqual(new Set(asked.map((a) => `note:${a.question_id}`)));
    expect(notes.slice(0, asked.filter((a) => a.panelist_id === P1).length)).toEqual(
      asked.filter((a) => a.panelist_id === P1).map((a) => `note:${a.question_id}`),
    );
    // Recommendation and key takeaways come first, strongest choice first.
    expect(inputs.slice(0, 2)).toEqual(['scorecard_recommendation', 'scorecard_takeaways']);
    expect(JSON.stringify(view.blocks)).toMatch(/Strong hire.*Hire.*No hire.*Strong no hire/);
    expect(inputs).toContain('scorecard_takeaways');
    expect(inputs).toContain('scorecard_recommendation');

    const firstNote = asked[0]?.question_id ?? '';
    const res = await t.sender.viewSubmission({
      userId: P1,
      view: {
        from: view,
        state: scorecardState(view, {
          takeaways: 'Strong modelling, weak on testing.',
          recommendation: 'strong_yes',
          notes: { [firstNote]: 'Good trade-offs.' },
        }),
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    await outboxIdle(t);
    const saved = await scorecard(P1);
    expect(saved).toMatchObject({
      status: 'submitted',
      revision: 1,
      recommendation: 'strong_yes',
      key_takeaways: 'Strong modelling, weak on testing.',
    });
    const ratings = await t.handle.db
      .selectFrom('scorecard_ratings')
      .selectAll()
      .where('scorecard_id', '=', saved?.id ?? 0)
      .execute();
    expect(ratings.map((r) => r.rating)).toEqual(focus.map(() => 3));
    expect(ratings.filter((r) => r.in_focus === 1).map((r) => r.competency_id)).toEqual(
      expect.arrayContaining(focusOf(P1)),
    );
    const storedNotes = await t.handle.db.selectFrom('scorecard_notes').selectAll().execute();
    expect(storedNotes).toEqual([{ scorecard_id: saved?.id, question_id: firstNote, note: 'Good trade-offs.' }]);

    const channelText = allText(t.slack.messagesIn(CHANNEL));
    expect(channelText).toContain(`<@${P1}> submitted their scorecard for interview #1`);
    expect(channelText).not.toMatch(/Strong modelling|Strong hire|strong_yes/);
    const parent = t.slack.messagesIn(CHANNEL).find((m) => !m.thread_ts);
    expect(allText(parent)).toContain('Scorecards:* 1/2');
    expect(allText(t.slack.messagesIn(P1).find((m) => m.ts === prompt?.ts))).toContain('You submitted your scorecard');
  });

  it('shows missing answers inline and saves nothing', async () => {
    afterEnd(0.1);
    const view = await openScorecardModal(t, P1);
    const firstRating =
      (view.blocks as { block_id?: string }[]).find((b) => b.block_id?.startsWith('rating:'))?.block_id ?? '';
    const res = await t.sender.viewSubmission({
      userId: P1,
      view: {
        from: view,
        state: scorecardState(view, {
          takeaways: null,
          recommendation: null,
          ratings: { [firstRating.slice(7)]: null },
        }),
      },
    });
    const body = res.json as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors.scorecard_takeaways).toContain('key takeaways');
    expect(body.errors.scorecard_recommendation).toContain('overall recommendation');
    expect(body.errors[firstRating]).toContain('Not observed');
    expect((await scorecard(P1))?.status ?? 'none').toBe('none');
  });

  it('reads a malformed form as empty: asks for the answers inline, saves nothing, keeps no draft', async () => {
    afterEnd(0.1);
    const view = await openScorecardModal(t, P1);
    const malformed = { scorecard_takeaways: 'not a map of elements' } as unknown as StateValues;
    const res = await t.sender.viewSubmission({ userId: P1, view: { from: view, state: malformed } });
    const body = res.json as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors.scorecard_takeaways).toContain('key takeaways');
    await t.sender.viewClosed({ userId: P1, view: { from: view, state: malformed } });
    await new Promise((r) => setTimeout(r, 100));
    expect((await scorecard(P1))?.status ?? 'none').toBe('none');
  });

  it('lets only the panel open or submit a scorecard', async () => {
    afterEnd(0.1);
    const refused = await t.sender.slashCommand({ userId: OUTSIDER, text: 'scorecard 1' });
    const message = await t.slack.waitForCall(
      'response_url',
      (c) => c.responseUrlId === refused.responseUrl?.split('/').pop(),
    );
    expect(allText(message.args)).toContain('you are not on it');
    const view = await openScorecardModal(t, P1);
    const forged = await t.sender.viewSubmission({
      userId: OUTSIDER,
      view: { from: view, state: scorecardState(view) },
    });
    expect(JSON.stringify(forged.json)).toContain('you are not on it');
    expect(await t.handle.db.selectFrom('scorecards').selectAll().execute()).toEqual([]);
  });

  it('handles a repeated delivery once, and keeps every revision of an edited scorecard', async () => {
    afterEnd(0.1);
    const view = await openScorecardModal(t, P1);
    const blockIds = (view.blocks as { block_id?: string }[]).map((b) => b.block_id ?? '');
    const competencies = blockIds.filter((id) => id.startsWith('rating:')).map((id) => id.slice('rating:'.length));
    const [firstQuestion, secondQuestion] = blockIds
      .filter((id) => id.startsWith('note:'))
      .map((id) => id.slice('note:'.length));
    const [changed, unassessed] = competencies;
    if (!firstQuestion || !secondQuestion || !changed || !unassessed) throw new Error('a scorecard modal too small');
    const state = scorecardState(view, { notes: { [firstQuestion]: 'First take.' } });
    await t.sender.viewSubmission({ userId: P1, view: { from: view, state } });
    await t.sender.viewSubmission({
      userId: P1,
      view: { from: view, state },
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    await outboxIdle(t);
    expect((await scorecard(P1))?.revision).toBe(1);
    expect(t.slack.messagesIn(CHANNEL).filter((m) => allText(m).includes('submitted their scorecard'))).toHaveLength(1);

    const again = await openScorecardModal(t, P1, 1);
    expect(JSON.stringify(again.blocks)).toContain('Clear thinker');
    await t.sender.viewSubmission({
      userId: P1,
      view: {
        from: again,
        state: scorecardState(again, {
          takeaways: 'On reflection: no.',
          recommendation: 'no',
          ratings: { [changed]: '1', [unassessed]: 'not_assessed' },
          notes: { [secondQuestion]: 'Second take.' },
        }),
      },
    });
    await outboxIdle(t);
    const revised = await scorecard(P1);
    expect(revised).toMatchObject({
      revision: 2,
      recommendation: 'no',
      key_takeaways: 'On reflection: no.',
    });
    // The latest revision's ratings and notes replace the earlier ones.
    const ratings = await t.handle.db
      .selectFrom('scorecard_ratings')
      .select(['competency_id', 'rating'])
      .where('scorecard_id', '=', revised?.id ?? 0)
      .execute();
    expect(Object.fromEntries(ratings.map((r) => [r.competency_id, r.rating]))).toEqual(
      Object.fromEntries(competencies.map((c) => [c, c === changed ? 1 : c === unassessed ? null : 3])),
    );
    expect(await t.handle.db.selectFrom('scorecard_notes').select(['question_id', 'note']).execute()).toEqual([
      { question_id: secondQuestion, note: 'Second take.' },
    ]);
    const revisions = await t.handle.db
      .selectFrom('scorecard_revisions')
      .select(['revision', 'content'])
      .orderBy('revision')
      .execute();
    expect(revisions.map((r) => (JSON.parse(r.content) as { recommendation: string }).recommendation)).toEqual([
      'yes',
      'no',
    ]);
    expect(allText(t.slack.messagesIn(CHANNEL))).toContain('updated their scorecard for interview #1 (revision 2)');
  });

  it('keeps a draft when the modal is closed, and restores it on reopening', async () => {
    afterEnd(0.1);
    const view = await openScorecardModal(t, P1);
    await t.sender.viewClosed({
      userId: P1,
      view: { from: view, state: scorecardState(view, { takeaways: 'Half-written thoughts', recommendation: null }) },
    });
    await new Promise((r) => setTimeout(r, 100));
    expect((await scorecard(P1))?.status).toBe('draft');
    const reopened = await openScorecardModal(t, P1);
    const text = JSON.stringify(reopened.blocks);
    expect(text).toContain('Half-written thoughts');
    expect(text).toContain('Restored what you typed');
  });

  it('reminds at 24 hours and tells the lead at 48, never after a submission, never twice', async () => {
    afterEnd(0.1);
    await t.runDueWork();
    afterEnd(23.5);
    expect(await t.runDueWork()).toEqual({ kitReminders: 0, prompts: 0, reminders: 0, escalations: 0, purgedLoops: 0 });
    afterEnd(24.1);
    expect((await t.runDueWork()).reminders).toBe(2);
    expect(allText(t.slack.messagesIn(P2).at(-1))).toContain('Reminder');
    expect((await t.runDueWork()).reminders).toBe(0);

    const view = await openScorecardModal(t, P1);
    await t.sender.viewSubmission({ userId: P1, view: { from: view, state: scorecardState(view) } });
    afterEnd(48.1);
    const counts = await t.runDueWork();
    expect(counts.escalations).toBe(1);
    await outboxIdle(t);
    const escalation = allText(t.slack.messagesIn(LEAD).at(-1));
    expect(escalation).toContain('are late');
    expect(escalation).toContain(`<@${P2}>`);
    expect(escalation).not.toContain(`<@${P1}>`);
    afterEnd(96);
    expect(await t.runDueWork()).toEqual({ kitReminders: 0, prompts: 0, reminders: 0, escalations: 0, purgedLoops: 0 });
  });

  it('sends nothing for a cancelled interview', async () => {
    await t.sender.slashCommand({ userId: LEAD, text: 'cancel 1' });
    afterEnd(50);
    expect(await t.runDueWork()).toEqual({ kitReminders: 0, prompts: 0, reminders: 0, escalations: 0, purgedLoops: 0 });
  });

  it('a no-show can still be cancelled after the interview, which stops its reminders; not once a scorecard is in', async () => {
    afterEnd(1);
    await t.runDueWork();
    const cancelled = await t.sender.slashCommand({ userId: LEAD, text: 'cancel 1' });
    expect(allText(cancelled.json)).toContain('Interview #1 is cancelled');
    afterEnd(50);
    expect(await t.runDueWork()).toEqual({ kitReminders: 0, prompts: 0, reminders: 0, escalations: 0, purgedLoops: 0 });

    const second = await schedule(t, {
      candidate: 'Ada Lovelace',
      panelists: [P1],
      start: Math.floor((t.clock.now().getTime() + HOUR) / 1000),
    });
    afterEnd(52);
    const view = await openScorecardModal(t, P1, second.interviewId ?? 0);
    await t.sender.viewSubmission({ userId: P1, view: { from: view, state: scorecardState(view) } });
    const refused = await t.sender.slashCommand({ userId: LEAD, text: `cancel ${second.interviewId}` });
    expect(allText(refused.json)).toContain('has scorecards: it cannot be cancelled');
  });

  it('opens the most recent scorecard I owe without a number, lists it on App Home, and says when none is owed', async () => {
    const none = await t.sender.slashCommand({ userId: P1, text: 'scorecard' });
    const reply = await t.slack.waitForCall(
      'response_url',
      (c) => c.responseUrlId === none.responseUrl?.split('/').pop(),
    );
    expect(allText(reply.args)).toContain('You owe no scorecards');
    afterEnd(0.1);
    const view = await openScorecardModal(t, P1);
    expect(JSON.stringify(view.private_metadata)).toContain('interviewId');
    const opened = Date.now();
    await sendEvent(t, { type: 'app_home_opened', user: P1, channel: 'D0PAN1', tab: 'home', event_ts: '1.2' });
    // The publish answering this opening (scheduling published App Home already, before anything was owed).
    const home = await t.slack.waitForCall('views.publish', (c) => c.args.user_id === P1 && c.at >= opened);
    expect(allText(home.args.view)).toContain('Scorecards you owe');
    expect(JSON.stringify(home.args.view)).toContain(ACTION.openScorecard);
  });

  it('the largest scorecard (one panelist covering every technical competency for 4 hours) fits in one modal', async () => {
    const big = await schedule(t, {
      candidate: 'Grace Hopper',
      panelists: [PANEL[2] ?? ''],
      duration: 240,
      start: Math.floor(start / 1000),
    });
    afterEnd(3.5);
    const view = await openScorecardModal(t, PANEL[2] ?? '', big.interviewId ?? 0);
    const ratings = (view.blocks as { block_id?: string }[]).filter((b) => b.block_id?.startsWith('rating:'));
    const notes = (view.blocks as { block_id?: string }[]).filter((b) => b.block_id?.startsWith('note:'));
    expect(ratings.length).toBeGreaterThanOrEqual(8);
    expect(notes.length).toBeGreaterThanOrEqual(15);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
  });
});
