import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION, BANK_ADD } from '../../src/slack/ids.js';
import {
  ADMIN,
  allText,
  CHANNEL,
  commandReply,
  LEAD,
  OUTSIDER,
  outboxIdle,
  PANEL,
  schedule,
  seedWorkspace,
  sendEvent,
} from '../support/flows.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { multiStaticSelect, plainText, stateValues, staticSelect } from '../support/slack-requests.js';

const P1 = PANEL[0] ?? '';
const P2 = PANEL[1] ?? '';

describe('managing scheduled interviews', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ env: { DEFAULT_DECISION_CHANNEL: CHANNEL, ADMIN_USER_IDS: ADMIN } });
    seedWorkspace(t);
    await schedule(t, { panelists: [P1, P2], candidate: 'Ada Lovelace' });
    await outboxIdle(t);
  });
  afterEach(async () => {
    await t.close();
  });

  it('/interview upcoming lists my interviews with numbers, times in my zone and my part', async () => {
    const mine = await t.sender.slashCommand({ userId: P1, text: 'upcoming' });
    const text = allText(mine.json);
    expect(text).toContain('*#1* Ada Lovelace · Technical');
    expect(text).toContain('you: panelist');
    expect(text).toMatch(/<!date\^\d+\^\{date_short_pretty\} at \{time\}\|/);
    expect(allText((await t.sender.slashCommand({ userId: LEAD, text: 'upcoming' })).json)).toContain(
      'you: hiring lead',
    );
    expect(allText((await t.sender.slashCommand({ userId: OUTSIDER, text: 'upcoming' })).json)).toContain(
      'no upcoming interviews',
    );
  });

  it('reschedules with a time in the requester’s zone, telling the panel and the thread', async () => {
    const res = await t.sender.slashCommand({ userId: LEAD, text: 'reschedule 1 2099-03-02 15:00' });
    expect(allText(await commandReply(t, res))).toContain('Interview #1 now starts');
    const row = await t.handle.db.selectFrom('interviews').select(['starts_at', 'ends_at']).executeTakeFirstOrThrow();
    // 15:00 in Europe/Berlin (the lead's zone) on 2 March is 14:00 UTC.
    expect(row.starts_at).toBe('2099-03-02T14:00:00.000Z');
    expect(row.ends_at).toBe('2099-03-02T15:00:00.000Z');
    await outboxIdle(t);
    for (const p of [P1, P2]) expect(allText(t.slack.messagesIn(p))).toContain('moved from');
    expect(allText(t.slack.messagesIn(CHANNEL))).toContain('moved interview #1');
    expect(t.slack.callsTo('chat.update').filter((c) => !c.failed).length).toBeGreaterThanOrEqual(3);
  });

  it.each([
    [LEAD, 'reschedule 1 someday', 'tomorrow 3pm'],
    [LEAD, 'reschedule 1 2001-01-01 10:00', 'in the past'],
    [OUTSIDER, 'reschedule 1 tomorrow 3pm', 'Only the hiring lead'],
    [P1, 'cancel 1', 'Only the hiring lead'],
    [LEAD, 'cancel 99', 'no interview #99'],
    [LEAD, 'cancel soon', 'not an interview number'],
  ])('%s: `/interview %s` is refused with a helpful message and changes nothing', async (user, text, message) => {
    const res = await t.sender.slashCommand({ userId: user, text });
    expect(allText(await commandReply(t, res))).toContain(message);
    const row = await t.handle.db
      .selectFrom('interviews')
      .select(['status', 'updated_at', 'created_at'])
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('scheduled');
    expect(row.updated_at).toBe(row.created_at);
  });

  it('cancels: the panel and thread are told, the kits say so, and the questions are free again', async () => {
    const res = await t.sender.slashCommand({ userId: LEAD, text: 'cancel 1' });
    expect(allText(res.json)).toContain('Interview #1 is cancelled');
    await outboxIdle(t);
    const items = await t.handle.db.selectFrom('kit_items').select('status').execute();
    expect(new Set(items.map((i) => i.status))).toEqual(new Set(['released']));
    expect(await t.handle.db.selectFrom('questions').select('id').where('uses', '!=', 0).execute()).toEqual([]);
    for (const p of [P1, P2]) {
      const messages = t.slack.messagesIn(p);
      expect(allText(messages[0])).toContain('This interview was cancelled');
      expect(allText(messages.at(-1))).toContain('was cancelled by');
    }
    const parent = t.slack.messagesIn(CHANNEL).find((m) => !m.thread_ts);
    expect(allText(parent)).toContain('~cancelled~');
    expect(allText(parent)).toContain('Scorecards:* 0/0');
    const again = await t.sender.slashCommand({ userId: LEAD, text: 'cancel 1' });
    expect(allText(again.json)).toContain('already cancelled');
    expect(allText((await t.sender.slashCommand({ userId: P1, text: 'upcoming' })).json)).toContain(
      'no upcoming interviews',
    );
  });

  it('App Home shows my upcoming interviews with my kit one click away, and the loops I lead', async () => {
    await sendEvent(t, { type: 'app_home_opened', user: P1, channel: 'D0PAN1', tab: 'home', event_ts: '1.2' });
    const published = await t.slack.waitForCall('views.publish', (c) => c.args.user_id === P1);
    const home = published.args.view as { blocks: { accessory?: { action_id: string; value: string } }[] };
    expect(allText(home)).toContain('*#1* Ada Lovelace');
    const button = home.blocks.find((b) => b.accessory?.action_id === ACTION.openKit);
    expect(button?.accessory?.value).toBe('1');
    await t.sender.blockAction({
      userId: P1,
      actionId: ACTION.openKit,
      value: '1',
      view: published.response?.view as Record<string, unknown>,
    });
    const modal = await t.slack.waitForCall('views.open', (c) =>
      allText(c.args.view).includes('Your questions: Ada Lovelace'),
    );
    expect(modal.failed).toBe(false);

    await sendEvent(t, { type: 'app_home_opened', user: LEAD, channel: 'D0LEAD', tab: 'home', event_ts: '1.3' });
    const lead = await t.slack.waitForCall('views.publish', (c) => c.args.user_id === LEAD);
    expect(allText(lead.args.view)).toContain('scorecards 0/2');
    expect(allText(lead.args.view)).toContain('Loops you lead');
  });

  it('searches the bank from Slack', async () => {
    const res = await t.sender.slashCommand({ userId: OUTSIDER, text: 'bank threads processes' });
    expect(allText(res.json)).toContain('threads-vs-processes');
    const summary = await t.sender.slashCommand({ userId: OUTSIDER, text: 'bank' });
    expect(allText(summary.json)).toMatch(/The question bank:\* \d+ questions/);
    const none = await t.sender.slashCommand({ userId: OUTSIDER, text: 'bank quantum basket weaving' });
    expect(allText(none.json)).toContain('No question matches');
  });

  it('lets hiring leads and admins add a question in a modal, with inline errors, and refuses others', async () => {
    const refused = await t.sender.slashCommand({ userId: OUTSIDER, text: 'bank add' });
    expect(allText(refused.json)).toContain('Only admins and hiring leads');
    expect(t.slack.callsTo('views.open')).toHaveLength(1);

    const opened = await t.sender.slashCommand({ userId: LEAD, text: 'bank add' });
    const view = (await t.slack.waitForCall('views.open', (c) => c.args.trigger_id === opened.sent?.trigger_id))
      .response?.view as Record<string, unknown>;
    const state = (competency: string, guidance: string) =>
      stateValues(
        [BANK_ADD.text, BANK_ADD.text, plainText('How would you roll out a schema change to 200 shards?')],
        [BANK_ADD.kind, BANK_ADD.kind, staticSelect('technical')],
        [BANK_ADD.competencies, BANK_ADD.competencies, multiStaticSelect([competency])],
        [BANK_ADD.levels, BANK_ADD.levels, multiStaticSelect(['senior', 'lead'])],
        [BANK_ADD.minutes, BANK_ADD.minutes, staticSelect('10')],
        [BANK_ADD.guidance, BANK_ADD.guidance, plainText(guidance)],
        [BANK_ADD.strongAnswer, BANK_ADD.strongAnswer, plainText(null)],
        [BANK_ADD.redFlags, BANK_ADD.redFlags, plainText('no rollback plan\nall shards at once')],
        [BANK_ADD.roles, BANK_ADD.roles, plainText(null)],
      );
    const bad = await t.sender.viewSubmission({
      userId: LEAD,
      view: { from: view, state: state('communication', 'short') },
    });
    const errors = (bad.json as { errors: Record<string, string> }).errors;
    expect(errors[BANK_ADD.competencies]).toContain('not assessed in technical interviews');
    expect(errors[BANK_ADD.guidance]).toContain('at least 20 characters');

    const good = await t.sender.viewSubmission({
      userId: LEAD,
      view: {
        from: view,
        state: state('databases', 'Staged rollouts, backfills, compatibility between old and new code.'),
      },
    });
    expect(allText(good.json)).toContain('Added `how-would-you-roll-out-a-schema-change`');
    const saved = await t.handle.db
      .selectFrom('questions')
      .selectAll()
      .where('created_by', '=', LEAD)
      .executeTakeFirstOrThrow();
    expect(saved).toMatchObject({
      source: 'custom',
      kind: 'technical',
      minutes: 10,
      red_flags: '["no rollback plan","all shards at once"]',
    });
    const found = await t.sender.slashCommand({ userId: OUTSIDER, text: 'bank 200 shards' });
    expect(allText(found.json)).toContain(saved.id);
  });
});
