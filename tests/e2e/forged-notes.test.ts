import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCORECARD } from '../../src/slack/ids.js';
import { interviewThatTookPlace, openScorecardModal, PANEL, scorecardState, seedWorkspace } from '../support/flows.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { plainText, type StateValues } from '../support/slack-requests.js';

const P1 = PANEL[0] ?? '';

/** 320 notes of 2,000 characters each for questions that are not in the interview (640 KB). */
function forgedNotes(): StateValues {
  const values: StateValues = {};
  for (let i = 0; i < 320; i++) {
    const id = `${SCORECARD.notePrefix}forged-${i}`;
    values[id] = { [id]: plainText('x'.repeat(2000)) };
  }
  return values;
}

describe('notes for questions that are not in the interview', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
    seedWorkspace(t);
    await interviewThatTookPlace(t, { panelists: [P1] });
  });
  afterEach(async () => {
    await t.close();
  });

  const stored = () => t.handle.db.selectFrom('scorecards').selectAll().where('panelist_id', '=', P1).execute();

  it('are refused on submit with a clear message, and nothing is stored', async () => {
    const view = await openScorecardModal(t, P1, 1);
    const state = { ...scorecardState(view), ...forgedNotes() };
    const res = await t.sender.viewSubmission({ userId: P1, view: { from: view, state } });
    const body = res.json as { response_action?: string; errors?: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors?.[SCORECARD.takeaways]).toContain('notes for questions that are not in this interview');
    expect(await stored()).toEqual([]);
  });

  it('are not kept as a draft when the modal is closed', async () => {
    const view = await openScorecardModal(t, P1, 1);
    const state = { ...scorecardState(view), ...forgedNotes() };
    await t.sender.viewClosed({ userId: P1, view: { from: view, state } });
    await new Promise((r) => setTimeout(r, 200));
    expect(await stored()).toEqual([]);
  });

  it('do not stop a real scorecard with notes for its own questions', async () => {
    const view = await openScorecardModal(t, P1, 1);
    const own = (view.blocks as { block_id?: string }[]).find((b) => b.block_id?.startsWith(SCORECARD.notePrefix));
    const id = own?.block_id ?? '';
    const state = { ...scorecardState(view), [id]: { [id]: plainText('Asked about retries; good answer.') } };
    const res = await t.sender.viewSubmission({ userId: P1, view: { from: view, state } });
    expect(res.json).toBeUndefined();
    expect((await stored())[0]?.status).toBe('submitted');
  });
});
