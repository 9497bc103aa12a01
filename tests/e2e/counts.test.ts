import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allText, CHANNEL, LEAD, outboxIdle, PANEL, schedule, seedWorkspace } from '../support/flows.js';
import { startTestApp, type TestApp } from '../support/harness.js';

const P1 = PANEL[0] ?? '';

describe('counts read as a person writes them', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ env: { DEFAULT_DECISION_CHANNEL: CHANNEL } });
    seedWorkspace(t);
  });
  afterEach(async () => {
    await t.close();
  });

  it('a panelist with one question reads "1 question" in their kit DM, never "1 questions"', async () => {
    const scheduled = await schedule(t, { panelists: PANEL.slice(0, 4), duration: 30, kind: 'behavioral' });
    expect(scheduled.interviewId).toBe(1);
    await outboxIdle(t);
    const counts = (await t.handle.db.selectFrom('kit_items').select('panelist_id').execute()).filter(
      (k) => k.panelist_id === P1,
    ).length;
    const dm = t.slack.messagesIn(P1)[0];
    expect(counts).toBe(1);
    expect(dm?.text).toContain('Your 1 question for interview #1');
    expect(allText(dm)).toContain('1 question,');
    expect(allText([dm, t.slack.messagesIn(LEAD)])).not.toMatch(/\b1 questions\b/);
  });
});
