import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/slack/ids.js';
import { allText, CHANNEL, LEAD, OUTSIDER, outboxIdle, PANEL, schedule, seedWorkspace } from '../support/flows.js';
import { startTestApp, type TestApp } from '../support/harness.js';

interface Message {
  response_type?: string;
  text?: string;
  blocks?: {
    type: string;
    block_id?: string;
    text?: { text: string };
    accessory?: { action_id: string; value: string };
  }[];
}

const P1 = PANEL[0] ?? '';
const P2 = PANEL[1] ?? '';

describe('question kits of scheduled interviews', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ env: { DEFAULT_DECISION_CHANNEL: CHANNEL } });
    seedWorkspace(t);
    await schedule(t, { panelists: [P1, P2], candidate: 'Ada Lovelace', duration: 60 });
    await outboxIdle(t);
  });
  afterEach(async () => {
    await t.close();
  });

  const activeKit = (panelist: string) =>
    t.handle.db
      .selectFrom('kit_items')
      .select(['id', 'question_id', 'competency_id'])
      .where('panelist_id', '=', panelist)
      .where('status', '=', 'active')
      .orderBy('position')
      .execute();

  /** The panelist's item whose competency has the most senior technical questions, so a swap has somewhere to go. */
  const swappable = async (panelist: string) => {
    const items = await activeKit(panelist);
    const questions = await t.handle.db.selectFrom('questions').select(['competencies', 'levels', 'kind']).execute();
    const alternatives = (competency: string) =>
      questions.filter(
        (q) => q.kind === 'technical' && q.levels.includes('senior') && q.competencies.includes(`"${competency}"`),
      ).length;
    return [...items].sort((a, b) => alternatives(b.competency_id) - alternatives(a.competency_id))[0];
  };

  it('/interview questions shows only my part of my next interview, questions first, with what to listen for', async () => {
    const res = await t.sender.slashCommand({ userId: P1, text: 'questions' });
    const message = res.json as Message;
    expect(message.response_type).toBe('ephemeral');
    const text = allText(message);
    expect(text).toContain('Your questions: Ada Lovelace');
    expect(text).toContain('Interview #1');
    expect(text).toContain('Backend developer · Senior · Technical');
    expect(text).toContain('*Listen for:*');
    expect(text).toContain('Guidance and rubric');
    const mine = await activeKit(P1);
    const theirs = await activeKit(P2);
    const questions = await t.handle.db.selectFrom('questions').select(['id', 'text', 'minutes']).execute();
    const textOf = new Map(questions.map((q) => [q.id, q.text]));
    for (const item of mine) expect(text).toContain(textOf.get(item.question_id)?.slice(0, 40) ?? 'missing');
    for (const item of theirs) expect(text).not.toContain(textOf.get(item.question_id) ?? 'missing');
    expect(text).toMatch(/_\d:\d\d–\d:\d\d · \d+ min · /);
  });

  it('finds the kit by interview number or candidate name, and refuses outsiders', async () => {
    for (const target of ['1', '#1', 'ada lovelace']) {
      const res = await t.sender.slashCommand({ userId: P2, text: `questions ${target}` });
      expect(allText(res.json)).toContain('Your questions: Ada Lovelace');
    }
    const outsider = await t.sender.slashCommand({ userId: OUTSIDER, text: 'questions 1' });
    expect(allText(outsider.json)).toContain('You are not on the panel of interview #1');
    const none = await t.sender.slashCommand({ userId: OUTSIDER, text: 'questions' });
    expect(allText(none.json)).toContain('not on the panel of any upcoming interview');
    const lead = await t.sender.slashCommand({ userId: LEAD, text: 'questions 1' });
    expect(allText(lead.json)).toContain(`Part of <@${P1}>`);
    expect(allText(lead.json)).toContain(`Part of <@${P2}>`);
  });

  it('Swap replaces a question with another for the same competency, saves it, frees the old one and edits the DM', async () => {
    const res = await t.sender.slashCommand({ userId: P1, text: 'questions' });
    const message = res.json as Message;
    const first = await swappable(P1);
    const button = message.blocks?.find(
      (b) => b.accessory?.action_id === ACTION.swapQuestion && b.accessory.value === String(first?.id),
    );
    expect(button).toBeDefined();
    const updatesBefore = t.slack.callsTo('chat.update').length;
    await t.sender.blockAction({
      userId: P1,
      actionId: ACTION.swapQuestion,
      message: { ...message, ts: '1.1' },
      isEphemeral: true,
      value: String(first?.id),
      blockId: button?.block_id,
    });
    const replaced = await t.slack.waitForCall('response_url', (c) => c.args.replace_original === true);
    await outboxIdle(t);
    const after = await activeKit(P1);
    expect(after.map((i) => i.question_id)).not.toContain(first?.question_id);
    const swapped = after.find((i) => i.competency_id === first?.competency_id && i.id !== first?.id);
    expect(swapped).toBeDefined();
    const newText = (
      await t.handle.db
        .selectFrom('questions')
        .select('text')
        .where('id', '=', swapped?.question_id ?? '')
        .executeTakeFirstOrThrow()
    ).text;
    expect(allText(replaced.args)).toContain(newText.slice(0, 40));
    const old = await t.handle.db
      .selectFrom('kit_items')
      .select('status')
      .where('id', '=', first?.id ?? 0)
      .executeTakeFirstOrThrow();
    expect(old.status).toBe('swapped');
    expect(t.slack.callsTo('chat.update').length).toBeGreaterThan(updatesBefore);
    expect(allText(t.slack.messagesIn(P1))).toContain(newText.slice(0, 40));
    const audit = await t.handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'kit.swapped')
      .execute();
    expect(audit).toHaveLength(1);
    // Exposure counts follow the live kits: the swapped-out question is free again, the new one counted.
    const uses = await t.handle.db.selectFrom('questions').select(['id', 'uses']).where('uses', '>', 0).execute();
    const live = await t.handle.db
      .selectFrom('kit_items')
      .select('question_id')
      .where('status', '=', 'active')
      .execute();
    expect(uses.map((u) => u.id).sort()).toEqual(live.map((l) => l.question_id).sort());
    expect(uses.every((u) => u.uses === 1)).toBe(true);
  });

  it('refuses a swap by anyone but the panelist, and a stale swap, without changing the kit', async () => {
    const first = await swappable(P1);
    await t.sender.blockAction({
      userId: P2,
      actionId: ACTION.swapQuestion,
      value: String(first?.id),
      isEphemeral: true,
    });
    const refusal = await t.slack.waitForCall('response_url');
    expect(allText(refusal.args)).toContain('Only the panelist whose kit this is can swap');
    expect((await activeKit(P1)).map((i) => i.id)).toContain(first?.id);

    await t.sender.blockAction({
      userId: P1,
      actionId: ACTION.swapQuestion,
      value: String(first?.id),
      isEphemeral: true,
    });
    await t.slack.waitForCalls('response_url', 2);
    await t.sender.blockAction({
      userId: P1,
      actionId: ACTION.swapQuestion,
      value: String(first?.id),
      isEphemeral: true,
    });
    const stale = await t.slack.waitForCalls('response_url', 3);
    expect(allText(stale[2]?.args)).toContain('already swapped');
  });

  it('the largest kit (90 minutes, 8 panelists) reaches every panelist and stays within Block Kit limits', async () => {
    await schedule(t, { candidate: 'Grace Hopper', kind: 'mixed', level: 'lead', duration: 90, panelists: PANEL });
    await outboxIdle(t);
    for (const p of PANEL) {
      const dm = t.slack.messagesIn(p).at(-1);
      expect(allText(dm)).toContain('Your questions: Grace Hopper');
    }
    expect(t.slack.calls.filter((c) => c.failed)).toEqual([]);
    const whole = await t.sender.slashCommand({ userId: LEAD, text: 'questions grace hopper' });
    expect(whole.status).toBe(200);
    const first = whole.json as Message;
    expect(first.blocks?.length ?? 0).toBeLessThanOrEqual(50);
    const all = [allText(first)];
    await new Promise((r) => setTimeout(r, 300));
    for (const call of t.slack.callsTo('response_url')) {
      expect(call.failed).toBe(false);
      all.push(allText(call.args));
    }
    for (const p of PANEL) expect(all.join('\n')).toContain(`Part of <@${p}>`);
  });
});
