import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DECISION } from '../../src/slack/ids.js';
import {
  allText,
  CHANNEL,
  commandReply,
  interviewThatTookPlace,
  LEAD,
  openScorecardModal,
  outboxIdle,
  PANEL,
  schedule,
  scorecardState,
  seedWorkspace,
} from '../support/flows.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { plainText, stateValues } from '../support/slack-requests.js';

const P1 = PANEL[0] ?? '';
const P2 = PANEL[1] ?? '';

describe('the decision thread carries what the lead needs and little else', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ env: { DEFAULT_DECISION_CHANNEL: CHANNEL } });
    seedWorkspace(t);
    await interviewThatTookPlace(t, { panelists: [P1, P2], candidate: 'Ada Lovelace', duration: 60 });
    await outboxIdle(t);
  });
  afterEach(async () => {
    await t.close();
  });

  const parent = () => t.slack.messagesIn(CHANNEL).find((m) => !m.thread_ts);
  const replies = () => t.slack.messagesIn(CHANNEL).filter((m) => m.thread_ts);
  const submit = async (userId: string) => {
    const view = await openScorecardModal(t, userId, 1);
    await t.sender.viewSubmission({ userId, view: { from: view, state: scorecardState(view) } });
    await outboxIdle(t);
  };
  const decide = async (outcome: string, rationale: string) => {
    const p = parent();
    const click = await t.sender.blockAction({
      userId: LEAD,
      actionId: `decide_${outcome}`,
      value: '1',
      message: { ts: p?.ts ?? '', blocks: p?.blocks ?? [] },
      channel: CHANNEL,
    });
    const modal = (await t.slack.waitForCall('views.open', (c) => c.args.trigger_id === click.sent?.trigger_id))
      .response?.view as Record<string, unknown>;
    await t.sender.viewSubmission({
      userId: LEAD,
      view: { from: modal, state: stateValues([DECISION.rationale, DECISION.rationale, plainText(rationale)]) },
    });
    await outboxIdle(t);
  };

  it('states the decision once in the thread (the summary, in place of its buttons) and on the parent', async () => {
    await submit(P1);
    await submit(P2);
    const summary = replies().find((m) => allText(m).includes('Panel summary'));
    expect(allText(summary)).not.toContain('Only the hiring lead can decide');
    await decide('hire', 'Strong on design.');
    const stated = replies().filter((m) => allText(m).includes('Decision: Hire'));
    expect(stated).toHaveLength(1);
    expect(allText(parent())).toContain('Decision: Hire');
  });

  it('another round: the next step goes to the lead by DM, not to the channel', async () => {
    await submit(P1);
    await submit(P2);
    await decide('another_round', 'One more look at system design.');
    expect(allText(t.slack.messagesIn(CHANNEL))).not.toContain('/interview schedule');
    expect(allText(t.slack.messagesIn(LEAD))).toContain('Schedule the next interview');
  });

  it('one reply per later schedule change', async () => {
    const before = replies().length;
    await schedule(t, { panelists: [P1], candidate: 'Ada Lovelace', duration: 45 });
    await outboxIdle(t);
    expect(replies().length - before).toBe(1);
    const moved = await t.sender.slashCommand({ userId: LEAD, text: 'reschedule 2 2099-03-02 15:00' });
    await commandReply(t, moved);
    await outboxIdle(t);
    expect(replies().length - before).toBe(2);
  });
});
