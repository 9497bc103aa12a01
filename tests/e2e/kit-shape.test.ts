import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/slack/ids.js';
import { allText, CHANNEL, LEAD, outboxIdle, PANEL, schedule, seedWorkspace } from '../support/flows.js';
import { startTestApp, type TestApp } from '../support/harness.js';

type Block = { type: string; text?: { text: string }; elements?: { action_id?: string; value?: string }[] };

const P1 = PANEL[0] ?? '';
const P2 = PANEL[1] ?? '';
const P3 = PANEL[2] ?? '';

const guidanceModal = (c: { args: Record<string, unknown> }) =>
  allText((c.args.view as { title?: unknown } | undefined)?.title) === 'Guidance and rubric';

/** The text of a message as Slack lays it out, block after block. */
const shown = (blocks: Block[]) => blocks.map((b) => allText(b)).join('\n');

describe('the kit as a tool for the live interview', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ env: { DEFAULT_DECISION_CHANNEL: CHANNEL } });
    seedWorkspace(t);
    await schedule(t, { panelists: [P1, P2, P3], candidate: 'Ada Lovelace', duration: 60 });
    await outboxIdle(t);
  });
  afterEach(async () => {
    await t.close();
  });

  const kitDm = (userId: string) => {
    const call = t.slack.callsTo('chat.postMessage').find((c) => c.args.channel === userId);
    return (call?.args.blocks ?? []) as Block[];
  };

  it('the kit DM starts with question 1 within 1,200 characters, guidance and rubric one click away, three tips at most', async () => {
    for (const panelist of [P1, P2, P3]) {
      const blocks = kitDm(panelist);
      const text = shown(blocks);
      const first = text.search(/\*\d+\. /);
      expect(first).toBeGreaterThan(0);
      expect(first).toBeLessThan(1200);
      // The full guidance and the rubric are not in the message; one button opens them.
      expect(text).not.toContain('*Strong answer:*');
      expect(text).not.toContain('*Red flags:*');
      expect(text).not.toContain('1 strong no');
      const button = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === ACTION.openKitGuidance);
      expect(button?.value).toBe('interview:1');
      // No section long enough for Slack to fold behind "Show more" (about 700 characters or 10 lines).
      for (const block of blocks.filter((b) => b.type === 'section')) {
        expect(block.text?.text.length ?? 0).toBeLessThan(1200);
      }
      const tips = blocks.find((b) => allText(b).startsWith('*Tips*'));
      expect((allText(tips).match(/•/g) ?? []).length).toBeLessThanOrEqual(3);
    }
  });

  it('every panelist sees the whole running order: opening, who asks what at which minute, close', async () => {
    const items = await t.handle.db.selectFrom('kit_items').select(['panelist_id']).execute();
    for (const panelist of [P1, P2, P3]) {
      const text = shown(kitDm(panelist));
      expect(text).toContain('*Running order*');
      expect(text).toMatch(/`0:00` Opening/);
      expect(text).toMatch(/`0:\d\d` Close/);
      for (const other of new Set(items.map((i) => i.panelist_id))) expect(text).toContain(`<@${other}>`);
    }
  });

  it('the guidance button opens a modal with the strong answers, red flags and the rubric of my questions', async () => {
    await t.sender.blockAction({ userId: P1, actionId: ACTION.openKitGuidance, value: 'interview:1' });
    const call = await t.slack.waitForCall('views.open', guidanceModal);
    const view = call.args.view as { title: { text: string }; blocks: Block[] };
    expect(view.title.text).toBe('Guidance and rubric');
    const text = allText(view.blocks);
    expect(text).toContain('*What it reveals:*');
    expect(text).toContain('*Strong answer:*');
    expect(text).toContain('1 strong no · 2 no · 3 yes · 4 strong yes');
    const mine = await t.handle.db
      .selectFrom('kit_items as k')
      .innerJoin('questions as q', 'q.id', 'k.question_id')
      .select(['q.text', 'k.panelist_id'])
      .where('k.status', '=', 'active')
      .execute();
    for (const row of mine) {
      if (row.panelist_id === P1) expect(text).toContain(row.text.slice(0, 40));
      else expect(text).not.toContain(row.text);
    }
  });

  it("the hiring lead's whole kit shows header, tips and each part once, numbered through", async () => {
    const res = await t.sender.slashCommand({ userId: LEAD, text: 'questions 1' });
    const blocks = (res.json as { blocks: Block[] }).blocks;
    const text = shown(blocks);
    expect(blocks.filter((b) => b.type === 'header')).toHaveLength(1);
    expect(text.match(/\*Tips\*/g)).toHaveLength(1);
    const count = await t.handle.db
      .selectFrom('kit_items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    const numbers = [...text.matchAll(/^\*(\d+)\. /gm)].map((m) => Number(m[1]));
    expect(numbers).toEqual(Array.from({ length: Number(count.n) }, (_, i) => i + 1));
    for (const p of [P1, P2, P3]) expect(text.split(`Part of <@${p}>`).length - 1).toBeLessThanOrEqual(1);
  });

  it('the ad hoc kit names levels and kinds, starts with the questions and opens its guidance too', async () => {
    const res = await t.sender.slashCommand({ userId: P1, text: 'questions senior technical 45m' });
    const blocks = (res.json as { blocks: Block[] }).blocks;
    const text = shown(blocks);
    expect(text).toContain('45-minute senior technical interview');
    expect(text.search(/\*1\. /)).toBeLessThan(1200);
    const button = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === ACTION.openKitGuidance);
    expect(button?.value).toMatch(/^adhoc:senior:/);
    await t.sender.blockAction({ userId: P1, actionId: ACTION.openKitGuidance, value: button?.value ?? '' });
    const call = await t.slack.waitForCall('views.open', guidanceModal);
    expect(allText(call.args.view)).toContain('*Strong answer:*');
  });
});
