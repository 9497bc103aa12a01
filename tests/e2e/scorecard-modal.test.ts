import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/slack/ids.js';
import { validateView } from '../support/block-limits.js';
import {
  CHANNEL,
  openScorecardModal,
  outboxIdle,
  PANEL,
  schedule,
  scorecardState,
  seedWorkspace,
} from '../support/flows.js';
import { startTestApp, type TestApp } from '../support/harness.js';

const P1 = PANEL[0] ?? '';
const HOUR = 3_600_000;
type Modal = { id: string; hash: string; blocks: { block_id?: string; type: string; elements?: unknown[] }[] };

describe('a long scorecard is paged, and every page stays within Slack’s limits', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ env: { DEFAULT_DECISION_CHANNEL: CHANNEL } });
    seedWorkspace(t);
  });
  afterEach(async () => {
    await t.close();
  });

  /** A bank of only two-minute technical questions, so a 240-minute kit holds more than a hundred of them. */
  async function addShortQuestions(count: number) {
    await t.handle.db.updateTable('questions').set({ active: 0 }).execute();
    const technical = (await t.handle.db.selectFrom('competencies').select(['id', 'kinds']).execute()).filter((c) =>
      (JSON.parse(c.kinds) as string[]).includes('technical'),
    );
    const at = new Date().toISOString();
    await t.handle.db
      .insertInto('questions')
      .values(
        Array.from({ length: count }, (_, i) => ({
          id: `short-${String(i).padStart(3, '0')}`,
          text: `Short question ${i}: what would you check first?`,
          roles: '[]',
          kind: 'technical',
          competencies: JSON.stringify([technical[i % technical.length]?.id]),
          levels: JSON.stringify(['junior', 'mid', 'senior', 'lead']),
          minutes: 2,
          guidance: 'Listen for a first check that narrows the problem.',
          strong_answer: null,
          red_flags: '[]',
          follow_ups: '[]',
          source: 'custom',
          created_by: null,
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
  }

  const pageButton = (view: Modal, which: 'next' | 'back') =>
    view.blocks
      .filter((b) => b.type === 'actions')
      .flatMap((b) => (b.elements ?? []) as { action_id: string }[])
      .find((e) => e.action_id === `${ACTION.scorecardPage}:${which}`);

  async function turn(view: Modal, which: 'next' | 'back', state = scorecardState(view)): Promise<Modal> {
    const before = t.slack.calls.filter((c) => c.method === 'views.update').length;
    await t.sender.blockAction({ userId: P1, actionId: `${ACTION.scorecardPage}:${which}`, view, state });
    const call = await t.slack.waitForCall(
      'views.update',
      (c) =>
        c.args.view_id === view.id && t.slack.calls.filter((x) => x.method === 'views.update').indexOf(c) >= before,
    );
    return call.response?.view as Modal;
  }

  it('a 240-minute single-panelist kit of short questions: pages of at most 100 valid blocks, notes kept across pages', async () => {
    await addShortQuestions(140);
    const start = t.clock.now().getTime() + HOUR;
    const { interviewId } = await schedule(t, {
      candidate: 'Grace Hopper',
      panelists: [P1],
      duration: 240,
      start: Math.floor(start / 1000),
    });
    await outboxIdle(t);
    const asked = await t.handle.db
      .selectFrom('kit_items')
      .select('question_id')
      .where('status', '=', 'active')
      .execute();
    expect(asked.length).toBeGreaterThan(100);
    t.clock.set(new Date(start + 4.5 * HOUR));

    const first = (await openScorecardModal(t, P1, interviewId ?? 0)) as unknown as Modal;
    expect(first.blocks.length).toBeLessThanOrEqual(100);
    expect(validateView(first)).toEqual([]);
    expect(pageButton(first, 'next')).toBeDefined();
    const inputs = (view: Modal) => view.blocks.filter((b) => b.type === 'input').map((b) => b.block_id ?? '');
    expect(inputs(first).slice(0, 2)).toEqual(['scorecard_recommendation', 'scorecard_takeaways']);

    // Page by page to the end: each page within the limits, every question's note field on exactly one page.
    const notesSeen: string[] = [];
    let view = first;
    const pages: Modal[] = [first];
    notesSeen.push(...inputs(first).filter((id) => id.startsWith('note:')));
    while (pageButton(view, 'next')) {
      view = await turn(view, 'next');
      pages.push(view);
      expect(view.blocks.length).toBeLessThanOrEqual(100);
      expect(validateView(view)).toEqual([]);
      notesSeen.push(...inputs(view).filter((id) => id.startsWith('note:')));
    }
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(notesSeen.sort()).toEqual(asked.map((a) => `note:${a.question_id}`).sort());

    // A note typed on the last page survives turning back, and the submission from page 1 saves it.
    const last = pages.at(-1) as Modal;
    const lastNote =
      inputs(last)
        .find((id) => id.startsWith('note:'))
        ?.slice('note:'.length) ?? '';
    let back = await turn(last, 'back', scorecardState(last, { notes: { [lastNote]: 'Checked the logs first.' } }));
    while (pageButton(back, 'back')) back = await turn(back, 'back');
    expect(inputs(back)[0]).toBe('scorecard_recommendation');

    // Submitting page 1 with a rating missing there asks for it inline.
    const firstRating = inputs(back).find((id) => id.startsWith('rating:')) ?? '';
    const missing = await t.sender.viewSubmission({
      userId: P1,
      view: { from: back, state: scorecardState(back, { ratings: { [firstRating.slice(7)]: null } }) },
    });
    expect((missing.json as { errors: Record<string, string> }).errors[firstRating]).toContain('Not observed');

    const res = await t.sender.viewSubmission({ userId: P1, view: { from: back, state: scorecardState(back) } });
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    const notes = await t.handle.db.selectFrom('scorecard_notes').select(['question_id', 'note']).execute();
    expect(notes).toEqual([{ question_id: lastNote, note: 'Checked the logs first.' }]);
  });
});
