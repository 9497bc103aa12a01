import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BANK_ADD, CALLBACK, DECISION, SCHEDULE } from '../../src/slack/ids.js';
import {
  ADMIN,
  allText,
  CHANNEL,
  LEAD,
  openScorecardModal,
  outboxIdle,
  PANEL,
  schedule,
  seedWorkspace,
} from '../support/flows.js';
import { startTestApp, type TestApp } from '../support/harness.js';

const P1 = PANEL[0] ?? '';
const HOUR = 3_600_000;

/** What a hostile or broken client could put in one input's state. */
const elementArb = fc.oneof(
  fc.record({
    type: fc.constant('plain_text_input'),
    value: fc.oneof(fc.constant(null), fc.string({ maxLength: 5000 }), fc.constant('x'.repeat(40_000))),
  }),
  fc.record({
    type: fc.constant('static_select'),
    selected_option: fc.oneof(fc.constant(null), fc.record({ value: fc.string({ maxLength: 200 }) })),
  }),
  fc.record({
    type: fc.constant('radio_buttons'),
    selected_option: fc.option(
      fc.record({ value: fc.constantFrom('1', '2', '3', '4', '5', 'not_assessed', '', 'yes', 'strong_yes') }),
    ),
  }),
  fc.record({
    type: fc.constant('datetimepicker'),
    selected_date_time: fc.oneof(fc.constant(null), fc.integer(), fc.double()),
  }),
  fc.record({
    type: fc.constant('multi_users_select'),
    selected_users: fc.array(fc.stringMatching(/^U[A-Z0-9]{1,10}$/), { maxLength: 12 }),
  }),
  fc.record({
    type: fc.constant('multi_static_select'),
    selected_options: fc.array(fc.record({ value: fc.string({ maxLength: 40 }) }), { maxLength: 5 }),
  }),
  fc.anything(),
);

function stateFor(ids: string[]) {
  return fc
    .tuple(...ids.map(() => elementArb))
    .map(
      (elements) =>
        Object.fromEntries(ids.map((id, i) => [id, { [id]: elements[i] }])) as Record<
          string,
          Record<string, Record<string, unknown> & { type: string }>
        >,
    );
}

describe('bad input', () => {
  let t: TestApp;
  let scorecardView: Record<string, unknown> & { blocks: unknown[] };
  beforeAll(async () => {
    t = await startTestApp({ env: { DEFAULT_DECISION_CHANNEL: CHANNEL, ADMIN_USER_IDS: ADMIN } });
    seedWorkspace(t);
    const start = t.clock.now().getTime() + HOUR;
    await schedule(t, { panelists: [P1], start: Math.floor(start / 1000) });
    t.clock.set(new Date(start + 2 * HOUR));
    scorecardView = await openScorecardModal(t, P1, 1);
    await outboxIdle(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const expectHelpful = (res: { status: number; body: string; json?: unknown }) => {
    expect(res.status).toBeLessThan(500);
    expect(res.body).not.toMatch(/at \S+ \(|TypeError|ReferenceError|SQLITE_/);
    if (res.json && typeof res.json === 'object' && 'response_action' in res.json) {
      const errors = (res.json as { errors?: Record<string, string> }).errors ?? {};
      for (const message of Object.values(errors)) expect(message.length).toBeGreaterThan(10);
    }
  };

  it('any /interview text gets an answer, never a crash', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.constantFrom(
            '<@U123|ada> <#C123|hiring>',
            'questions <@U1> 45m',
            'reschedule 1 <!date^123^x>',
            'status \u0000\u202e',
            'cancel 99999999999999',
          ),
          fc.string({ maxLength: 4000, unit: 'grapheme' }),
        ),
        async (text) => {
          runs += 1;
          const res = await t.sender.slashCommand({ userId: LEAD, text });
          expectHelpful(res);
          expect(res.status).toBe(200);
        },
      ),
      { numRuns: 120 },
    );
    expect(runs).toBe(120);
    expect(t.logs.filter((l) => l.includes('ERROR'))).toEqual([]);
  });

  it.each([
    ['the schedule modal', CALLBACK.schedule, Object.values(SCHEDULE)],
    ['the bank modal', CALLBACK.bankAdd, Object.values(BANK_ADD)],
    ['the decision modal', CALLBACK.decision, [DECISION.rationale]],
  ])(
    '%s answers any field values with inline errors or a confirmation, never a crash',
    async (_name, callbackId, ids) => {
      await fc.assert(
        fc.asyncProperty(stateFor(ids), fc.string({ maxLength: 50 }), async (state, metadata) => {
          const res = await t.sender.viewSubmission({
            userId: LEAD,
            view: { callbackId, state, privateMetadata: metadata, id: `VFUZZ${Math.random()}`, hash: 'h' },
          });
          expectHelpful(res);
        }),
        { numRuns: 60 },
      );
    },
  );

  it('the scorecard modal answers any values with inline errors, never a crash, and never saves a partial scorecard', async () => {
    const ids = (scorecardView.blocks as { block_id?: string; type: string }[])
      .filter((b) => b.type === 'input')
      .map((b) => b.block_id ?? '');
    await fc.assert(
      fc.asyncProperty(stateFor(ids), async (state) => {
        const res = await t.sender.viewSubmission({
          userId: P1,
          view: { from: scorecardView, state, id: `VFUZZ${Math.random()}` },
        });
        expectHelpful(res);
        const saved = await t.handle.db
          .selectFrom('scorecards')
          .selectAll()
          .where('status', '=', 'submitted')
          .executeTakeFirst();
        if (saved) expect(saved.key_takeaways?.trim().length).toBeGreaterThan(0);
      }),
      { numRuns: 80 },
    );
  });

  it('refuses text over the limit clearly instead of cutting it', async () => {
    const ids = (scorecardView.blocks as { block_id?: string; type: string }[])
      .filter((b) => b.type === 'input')
      .map((b) => b.block_id ?? '');
    const note = ids.find((id) => id.startsWith('note:')) ?? '';
    const state = Object.fromEntries(
      ids.map((id) => [
        id,
        {
          [id]: id.startsWith('rating:')
            ? { type: 'radio_buttons', selected_option: { value: '3' } }
            : id === 'scorecard_recommendation'
              ? { type: 'radio_buttons', selected_option: { value: 'yes' } }
              : {
                  type: 'plain_text_input',
                  value: id === note ? 'n'.repeat(3001) : id === 'scorecard_takeaways' ? 't'.repeat(3001) : null,
                },
        },
      ]),
    );
    const before = await t.handle.db.selectFrom('scorecard_revisions').selectAll().execute();
    const res = await t.sender.viewSubmission({ userId: P1, view: { from: scorecardView, state, id: 'VLONG' } });
    const errors = (res.json as { errors: Record<string, string> }).errors;
    expect(errors.scorecard_takeaways).toContain('under 3000 characters (3001 now)');
    expect(errors[note]).toContain('under 3000 characters (3001 now)');
    expect(await t.handle.db.selectFrom('scorecard_revisions').selectAll().execute()).toEqual(before);
  });

  it('refuses forged, stale, malformed and oversized requests with 4xx', async () => {
    const ok = await t.sender.slashCommand({ userId: LEAD, text: 'help' });
    expect(ok.status).toBe(200);
    expect((await t.sender.slashCommand({ userId: LEAD, text: 'help', signature: 'v0=00' })).status).toBe(401);
    expect(
      (await t.sender.slashCommand({ userId: LEAD, text: 'help', timestamp: Math.floor(Date.now() / 1000) - 600 }))
        .status,
    ).toBe(401);
    expect(
      (await t.sender.send('payload=%7Bnot-json', { contentType: 'application/x-www-form-urlencoded' })).status,
    ).toBe(400);
    expect((await t.sender.send('{"type":"event_callback"', { contentType: 'application/json' })).status).toBe(400);
    const huge = await t.sender
      .send(`text=${'x'.repeat(2 * 1024 * 1024)}`, {
        contentType: 'application/x-www-form-urlencoded',
        headers: { connection: 'close' },
      })
      .catch(() => ({ status: 413 }));
    expect(huge.status).toBe(413);
    const after = await t.sender.slashCommand({ userId: LEAD, text: 'help' });
    expect(allText(after.json)).toContain('How to use /interview');
  });
});
