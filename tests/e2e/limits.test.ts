import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBank, upsertQuestion } from '../../src/db/repositories/bank.js';
import { BANK_ADD, SCHEDULE } from '../../src/slack/ids.js';
import {
  ADMIN,
  allText,
  CHANNEL,
  commandReply,
  LEAD,
  openSchedule,
  PANEL,
  schedule,
  scheduleState,
  seedWorkspace,
} from '../support/flows.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { multiUsers, plainText, stateValues, staticSelect, usersSelect } from '../support/slack-requests.js';

type Block = { block_id?: string; element?: Record<string, unknown> };

/** Gives one bank question these extra roles, as an older version or a hand-edited database may hold them. */
async function addRoles(t: TestApp, roles: string[]): Promise<void> {
  const bank = await readBank(t.handle.db);
  const question = bank.questions[0];
  if (!question) throw new Error('empty bank');
  await upsertQuestion(t.handle.db, { ...question, roles: [...question.roles, ...roles] }, null, t.clock.now());
}

const roleElement = (view: { blocks: unknown[] }) =>
  (view.blocks as Block[]).find((b) => b.block_id === SCHEDULE.role)?.element ?? {};

describe('Slack’s limits hold for any data', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ env: { ADMIN_USER_IDS: ADMIN } });
    seedWorkspace(t);
  });
  afterEach(async () => {
    await t.close();
  });

  it('a role id longer than a select allows cannot be added in Slack, and one already stored does not break the form', async () => {
    const long = `role-${'x'.repeat(184)}`;
    const opened = await t.sender.slashCommand({ userId: ADMIN, text: 'bank add' });
    expect(opened.status).toBe(200);
    const res = await t.sender.viewSubmission({
      userId: ADMIN,
      view: {
        callbackId: 'bank_add_question',
        state: stateValues([BANK_ADD.roles, BANK_ADD.roles, plainText(long)]),
      },
    });
    const errors = (res.json as { errors?: Record<string, string> }).errors ?? {};
    expect(errors[BANK_ADD.roles]).toContain('under 81 characters');

    await addRoles(t, [long, 'data-engineer']);
    const { view } = await openSchedule(t);
    const element = roleElement(view);
    expect(element.type).toBe('static_select');
    const values = (element.options as { value: string }[]).map((o) => o.value);
    expect(values).toContain('data-engineer');
    expect(values).not.toContain(long);
    expect(t.slack.callsTo('views.open').every((c) => !c.failed)).toBe(true);
  });

  it('with 121 roles the form searches roles instead of listing them, and schedules the one chosen', async () => {
    await addRoles(
      t,
      Array.from({ length: 120 }, (_, i) => `team-${String(i).padStart(3, '0')}-engineer`),
    );
    const { view } = await openSchedule(t);
    const element = roleElement(view);
    expect(element.type).toBe('external_select');
    expect((element.initial_option as { value?: string } | undefined)?.value).toBe('backend-developer');

    const all = await t.sender.blockSuggestion({ userId: LEAD, actionId: SCHEDULE.role, value: '', view });
    const allOptions = (all.json as { options: { text: { text: string }; value: string }[] }).options;
    expect(allOptions).toHaveLength(100);
    for (const option of allOptions) {
      expect(option.value.length).toBeLessThanOrEqual(150);
      expect(option.text.text.length).toBeLessThanOrEqual(75);
    }
    const found = await t.sender.blockSuggestion({ userId: LEAD, actionId: SCHEDULE.role, value: '117', view });
    const options = (found.json as { options: { text: { text: string }; value: string }[] }).options;
    expect(options.map((o) => o.value)).toEqual(['team-117-engineer']);
    expect(options[0]?.text.text).toBe('Team 117 engineer');

    const state = scheduleState(t, { role: 'team-117-engineer' });
    const role = state[SCHEDULE.role]?.[SCHEDULE.role];
    if (role) role.type = 'external_select';
    const res = await t.sender.viewSubmission({ userId: LEAD, view: { from: view, state } });
    expect(allText(res.json)).toContain('is scheduled');
    const loop = await t.handle.db.selectFrom('loops').select('role').executeTakeFirstOrThrow();
    expect(loop.role).toBe('team-117-engineer');
  });

  it.each([
    ['a role that is no known role', { role: '<!channel> hire me' }, SCHEDULE.role],
    ['a role of 45,001 characters', { role: 'a'.repeat(45_001) }, SCHEDULE.role],
    ['a slug that is no role of the bank', { role: 'astronaut' }, SCHEDULE.role],
    ['a panelist that is no Slack user', { panelists: ['<!here>'] }, SCHEDULE.panelists],
    ['a hiring lead that is no Slack user', { lead: 'nobody' }, SCHEDULE.lead],
    ['a channel that is no channel id', { channel: 'C<!channel>' }, SCHEDULE.channel],
  ])('a forged schedule form with %s is refused inline, and nothing is saved', async (_name, input, block) => {
    const res = await schedule(t, input);
    expect(res.body?.response_action).toBe('errors');
    expect(Object.keys(res.body?.errors ?? {})).toContain(block);
    expect(await t.handle.db.selectFrom('loops').select('id').execute()).toEqual([]);
    expect(t.slack.messagesIn(CHANNEL)).toEqual([]);
  });

  it('a forged user id in the panel is refused even with a valid role', async () => {
    const { view } = await openSchedule(t);
    const state = {
      ...scheduleState(t, {}),
      ...stateValues(
        [SCHEDULE.panelists, SCHEDULE.panelists, multiUsers([PANEL[0] ?? '', 'U0PAN2>'])],
        [SCHEDULE.lead, SCHEDULE.lead, usersSelect(LEAD)],
        [SCHEDULE.role, SCHEDULE.role, staticSelect('backend-developer')],
      ),
    };
    const res = await t.sender.viewSubmission({ userId: LEAD, view: { from: view, state } });
    expect((res.json as { errors?: Record<string, string> }).errors?.[SCHEDULE.panelists]).toContain(
      'not a Slack user',
    );
  });

  it.each([
    [{ error: 'expired_trigger_id' }, '3 seconds'],
    [{ error: 'invalid_arguments' }, 'Slack’s limits'],
    [{ status: 429 as const, retryAfter: 30 }, 'limiting how often'],
    [{ status: 500 as const }, 'problem on its side'],
  ])('a views.open failure (%j) says what failed', async (failure, says) => {
    t.slack.failNext('views.open', failure, 3);
    const res = await t.sender.slashCommand({ userId: LEAD, text: 'schedule' });
    const reply = allText(await commandReply(t, res));
    expect(reply).toContain(says);
    expect(reply).not.toContain('in time');
  });
});
