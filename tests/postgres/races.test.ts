import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DECISION } from '../../src/slack/ids.js';
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
import { plainText, stateValues } from '../support/slack-requests.js';

// On PostgreSQL use cases run at the same time (SQLite has one writer, so they never overlap): what two of them
// decide about the same thing must still come out as if they had run one after the other.
const [P1 = '', P2 = '', P3 = ''] = PANEL;

describe('use cases at the same moment on PostgreSQL', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ env: { DEFAULT_DECISION_CHANNEL: CHANNEL } });
    seedWorkspace(t);
  });
  afterEach(async () => {
    await t.close();
  });

  it('two schedules for a new candidate at once make one loop with both interviews, and no question twice', async () => {
    const first = await openSchedule(t);
    const second = await openSchedule(t);
    const start = Math.floor(t.clock.now().getTime() / 1000) + 2 * 86_400;
    const [a, b] = await Promise.all([
      t.sender.viewSubmission({
        userId: LEAD,
        view: { from: first.view, state: scheduleState(t, { candidate: 'Grace Hopper', panelists: [P1], start }) },
      }),
      t.sender.viewSubmission({
        userId: LEAD,
        view: {
          from: second.view,
          state: scheduleState(t, { candidate: 'Grace Hopper', panelists: [P2], start: start + 7_200 }),
        },
      }),
    ]);
    expect(JSON.stringify(a.json)).toMatch(/Interview #\d+ is scheduled/);
    expect(JSON.stringify(b.json)).toMatch(/Interview #\d+ is scheduled/);
    const loops = await t.handle.db.selectFrom('loops').select('id').execute();
    expect(loops).toHaveLength(1);
    const interviews = await t.handle.db.selectFrom('interviews').select('loop_id').execute();
    expect(interviews.map((i) => i.loop_id)).toEqual([loops[0]?.id, loops[0]?.id]);
    const questions = (await t.handle.db.selectFrom('kit_items').select('question_id').execute()).map(
      (k) => k.question_id,
    );
    expect(questions.length).toBeGreaterThan(2);
    expect(new Set(questions).size).toBe(questions.length);
    await outboxIdle(t);
    // One decision thread for the candidate, not two.
    expect(t.slack.messagesIn(CHANNEL).filter((m) => !m.thread_ts)).toHaveLength(1);
  });

  it('two decisions submitted at once record one, and the other hears the loop is already decided', async () => {
    await interviewThatTookPlace(t, { panelists: [P3], candidate: 'Ada Lovelace' });
    const card = await openScorecardModal(t, P3, 1);
    await t.sender.viewSubmission({ userId: P3, view: { from: card, state: scorecardState(card, {}) } });
    await outboxIdle(t);
    const parent = t.slack.messagesIn(CHANNEL).find((m) => !m.thread_ts);
    const open = async (outcome: 'hire' | 'no_hire') => {
      const click = await t.sender.blockAction({
        userId: LEAD,
        actionId: `decide_${outcome}`,
        value: '1',
        message: { ts: parent?.ts ?? '', blocks: parent?.blocks ?? [] },
        channel: CHANNEL,
      });
      return (await t.slack.waitForCall('views.open', (c) => c.args.trigger_id === click.sent?.trigger_id)).response
        ?.view as Record<string, unknown>;
    };
    const hire = await open('hire');
    const noHire = await open('no_hire');
    const rationale = (text: string) => stateValues([DECISION.rationale, DECISION.rationale, plainText(text)]);
    const answers = await Promise.all([
      t.sender.viewSubmission({ userId: LEAD, view: { from: hire, state: rationale('Both panelists say hire.') } }),
      t.sender.viewSubmission({ userId: LEAD, view: { from: noHire, state: rationale('Not this time.') } }),
    ]);
    const decisions = await t.handle.db.selectFrom('decisions').select('outcome').execute();
    expect(decisions).toHaveLength(1);
    expect((await t.handle.db.selectFrom('loops').select('status').executeTakeFirstOrThrow()).status).toBe('decided');
    const refused = answers.filter((r) => JSON.stringify(r.json ?? null).includes('already decided'));
    expect(refused).toHaveLength(1);
    await outboxIdle(t);
    const posted = allText(t.slack.messagesIn(CHANNEL));
    expect(posted.includes('Both panelists say hire.') !== posted.includes('Not this time.')).toBe(true);
  });
});
