import { afterEach, describe, expect, it } from 'vitest';
import { ACTION, CALLBACK } from '../../src/slack/ids.js';
import { allText, CHANNEL, commandReply, LEAD, outboxIdle, PANEL, schedule, seedWorkspace } from '../support/flows.js';
import { startTestApp, type TestApp, TestClock } from '../support/harness.js';

const P1 = PANEL[0] ?? '';
const P2 = PANEL[1] ?? '';
const START = new Date('2026-03-04T10:00:00Z');

describe('the reminder before an interview', () => {
  let t: TestApp;
  afterEach(async () => {
    await t.close();
  });

  const setUp = async (env: Record<string, string> = {}) => {
    t = await startTestApp({
      env: { DEFAULT_DECISION_CHANNEL: CHANNEL, ...env },
      clock: new TestClock(new Date('2026-03-02T09:00:00Z')),
    });
    seedWorkspace(t);
    await schedule(t, { panelists: [P1, P2], candidate: 'Ada Lovelace', start: START.getTime() / 1000 });
    await outboxIdle(t);
  };
  const at = (minutesBeforeStart: number) => t.clock.set(new Date(START.getTime() - minutesBeforeStart * 60_000));
  const reminders = (userId: string) => t.slack.messagesIn(userId).filter((m) => allText(m).includes('Take notes'));

  it('goes KIT_REMINDER_MINUTES before the start to each panelist, with their part and a button to take notes, once', async () => {
    await setUp();
    at(16);
    expect((await t.runDueWork()).kitReminders).toBe(0);
    at(15);
    expect((await t.runDueWork()).kitReminders).toBe(2);
    for (const p of [P1, P2]) {
      const [dm, ...more] = reminders(p);
      expect(more).toEqual([]);
      const text = allText(dm);
      expect(text).toContain('Your interview with Ada Lovelace starts');
      expect(text).toContain('*Your part*');
      expect(text).toMatch(/`0:\d\d` \*1?\d\. /);
    }
    expect(reminders(LEAD)).toEqual([]);
    at(5);
    expect((await t.runDueWork()).kitReminders).toBe(0);
    expect(reminders(P1)).toHaveLength(1);
  });

  it('Take notes opens the scorecard modal before the interview starts', async () => {
    await setUp();
    at(15);
    await t.runDueWork();
    t.clock.advanceMinutes(2);
    await t.sender.blockAction({ userId: P1, actionId: ACTION.openScorecard, value: '1' });
    const call = await t.slack.waitForCall(
      'views.open',
      (c) => (c.args.view as { callback_id?: string }).callback_id === CALLBACK.scorecard,
    );
    expect(allText(call.args.view)).toContain('Ada Lovelace');
  });

  it('is sent for the new time of a moved interview, never for the old one, and never for a cancelled one', async () => {
    await setUp();
    at(20);
    const moved = await t.sender.slashCommand({ userId: LEAD, text: 'reschedule 1 2026-03-05 11:00' });
    expect(allText(await commandReply(t, moved))).toContain('#1');
    await outboxIdle(t);
    at(15);
    expect((await t.runDueWork()).kitReminders).toBe(0);
    const row = await t.handle.db.selectFrom('interviews').select('starts_at').executeTakeFirstOrThrow();
    const newStart = new Date(row.starts_at);
    expect(newStart.getTime()).toBeGreaterThan(START.getTime());
    t.clock.set(new Date(newStart.getTime() - 10 * 60_000));
    expect((await t.runDueWork()).kitReminders).toBe(2);
    expect(reminders(P1)).toHaveLength(1);

    await schedule(t, {
      panelists: [P1],
      candidate: 'Grace Hopper',
      start: newStart.getTime() / 1000 + 3600,
    });
    await outboxIdle(t);
    await t.sender.slashCommand({ userId: LEAD, text: 'cancel 2' });
    await outboxIdle(t);
    t.clock.set(new Date(newStart.getTime() + 3600_000 - 10 * 60_000));
    expect((await t.runDueWork()).kitReminders).toBe(0);
  });

  it('is off with KIT_REMINDER_MINUTES=0', async () => {
    await setUp({ KIT_REMINDER_MINUTES: '0' });
    at(5);
    expect((await t.runDueWork()).kitReminders).toBe(0);
    expect(reminders(P1)).toEqual([]);
  });
});
