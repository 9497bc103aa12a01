import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/slack/ids.js';
import {
  allText,
  CHANNEL,
  commandReply,
  interviewThatTookPlace,
  LEAD,
  outboxIdle,
  PANEL,
  seedWorkspace,
} from '../support/flows.js';
import { startTestApp, type TestApp } from '../support/harness.js';

const P1 = PANEL[0] ?? '';
const P2 = PANEL[1] ?? '';

describe('prompts and reminders a panelist can answer', () => {
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

  const reminders = (userId: string) =>
    t.slack.messagesIn(userId).filter((m) => allText(m).includes('your scorecard is still missing'));
  const buttons = (message: unknown) =>
    ((message as { blocks?: unknown[] })?.blocks ?? []).flatMap((b) => {
      const block = b as {
        accessory?: { action_id: string; value: string };
        elements?: { action_id: string; value: string }[];
      };
      return [...(block.accessory ? [block.accessory] : []), ...(block.elements ?? [])];
    });

  it('"I did not take part": the lead is told, the prompt says so, and the panelist is no longer chased', async () => {
    const prompt = t.slack.messagesIn(P1).find((m) => allText(m).includes('Time for your scorecard'));
    const decline = buttons(prompt).find((b) => b.action_id === ACTION.declineInterview);
    expect(decline?.value).toBe('1');
    const declined = await t.sender.blockAction({
      userId: P1,
      actionId: ACTION.declineInterview,
      value: '1',
      channel: prompt?.channel,
    });
    // The click is acknowledged first; its answer comes once the change has committed.
    expect(allText(await commandReply(t, declined))).toContain('Noted: you did not take part');
    await outboxIdle(t);
    expect(allText(t.slack.messagesIn(LEAD))).toContain(`<@${P1}> says they did not take part in interview #1`);
    expect(allText(t.slack.messagesIn(P1))).toContain('You said you did not take part');
    // Twice is once.
    await commandReply(t, await t.sender.blockAction({ userId: P1, actionId: ACTION.declineInterview, value: '1' }));
    await outboxIdle(t);
    expect(allText(t.slack.messagesIn(LEAD)).split('says they did not take part').length - 1).toBe(1);

    t.clock.advanceMinutes(25 * 60);
    await t.runDueWork();
    expect(reminders(P1)).toEqual([]);
    expect(reminders(P2)).toHaveLength(1);
    t.clock.advanceMinutes(24 * 60);
    await t.runDueWork();
    const escalation = t.slack.messagesIn(LEAD).find((m) => allText(m).includes('are late'));
    expect(allText(escalation)).toContain(`<@${P2}>`);
    expect(allText(escalation)).not.toContain(`<@${P1}>`);
  });

  it('the escalation DM has a Nudge button that reminds the late panelist once more, for the lead only', async () => {
    t.clock.advanceMinutes(49 * 60);
    await t.runDueWork();
    await t.runDueWork();
    const escalation = t.slack.messagesIn(LEAD).find((m) => allText(m).includes('are late'));
    const nudge = buttons(escalation).find((b) => b.action_id === ACTION.nudgePanelist && b.value === `1:${P2}`);
    expect(nudge).toBeDefined();
    const before = reminders(P2).length;
    await t.sender.blockAction({ userId: P1, actionId: ACTION.nudgePanelist, value: `1:${P2}` });
    const refusal = await t.slack.waitForCall('response_url');
    expect(allText(refusal.args)).toContain('Only the hiring lead');
    await outboxIdle(t);
    expect(reminders(P2)).toHaveLength(before);

    const nudged = await t.sender.blockAction({ userId: LEAD, actionId: ACTION.nudgePanelist, value: `1:${P2}` });
    expect(allText(await commandReply(t, nudged))).toContain(`I reminded <@${P2}> once more`);
    await outboxIdle(t);
    expect(reminders(P2)).toHaveLength(before + 1);
    await commandReply(
      t,
      await t.sender.blockAction({ userId: LEAD, actionId: ACTION.nudgePanelist, value: `1:${P2}` }),
    );
    await outboxIdle(t);
    expect(reminders(P2)).toHaveLength(before + 1);
  });
});
