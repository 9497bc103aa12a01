import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../support/fake-slack.js';
import {
  allText,
  CHANNEL,
  LEAD,
  OUTSIDER,
  outboxIdle,
  PANEL,
  schedule,
  seedWorkspace,
  sendEvent,
} from '../support/flows.js';
import { startTestApp, type TestApp } from '../support/harness.js';

const P1 = PANEL[0] ?? '';
const HOUR = 3_600_000;

interface Button {
  actionId: string;
  value?: string;
  blockId?: string;
}

/** Where a button is shown: a message (in a channel or DM, maybe ephemeral) or a view (modal or App Home). */
interface Surface {
  name: string;
  owner: string;
  blocks: unknown[];
  message?: { ts: string; channel: string; ephemeral: boolean };
  view?: Record<string, unknown>;
}

/** Every button of a surface that the app handles (link buttons only open their URL). */
function buttonsOf(blocks: unknown[]): Button[] {
  const found: Button[] = [];
  for (const block of blocks as Record<string, unknown>[]) {
    const elements = [block.accessory, ...(Array.isArray(block.elements) ? block.elements : [])];
    for (const element of elements as (Record<string, unknown> | undefined)[]) {
      if (element?.type !== 'button' || typeof element.action_id !== 'string' || element.url !== undefined) continue;
      found.push({
        actionId: element.action_id,
        ...(typeof element.value === 'string' ? { value: element.value } : {}),
        ...(typeof block.block_id === 'string' ? { blockId: block.block_id } : {}),
      });
    }
  }
  return found;
}

async function click(t: TestApp, surface: Surface, button: Button, userId: string) {
  const where = surface.view
    ? { view: surface.view }
    : {
        message: { ts: surface.message?.ts ?? '', blocks: surface.blocks },
        channel: surface.message?.channel ?? '',
        isEphemeral: surface.message?.ephemeral ?? false,
      };
  return t.sender.blockAction({ userId, ...button, ...where });
}

/** Whether the person who clicked was answered: in place, ephemerally, in a modal or by DM. */
async function answered(t: TestApp, userId: string, sent: { triggerId?: string; responseUrl?: string }) {
  const responseId = sent.responseUrl?.split('/').pop();
  const dm = t.slack.dmChannelFor(userId);
  const reached = (c: RecordedCall) =>
    (c.method === 'response_url' && c.responseUrlId === responseId) ||
    ((c.method === 'views.open' || c.method === 'views.push') && c.args.trigger_id === sent.triggerId) ||
    c.method === 'views.update' ||
    (c.method.startsWith('chat.') && (c.args.channel === userId || c.args.channel === dm)) ||
    (c.method === 'chat.postEphemeral' && c.args.user === userId);
  for (let i = 0; i < 60; i++) {
    if (t.slack.calls.some((c) => !c.failed && reached(c))) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

/**
 * Clicks each button of the surface as its owner, as someone outside the loop, and as the owner while Slack
 * refuses every views.* call (an expired trigger): each time the person who clicked must see an answer.
 */
async function clickEverything(t: TestApp, surface: Surface): Promise<string[]> {
  const unanswered: string[] = [];
  const buttons = buttonsOf(surface.blocks);
  expect(buttons.length, `${surface.name} has buttons`).toBeGreaterThan(0);
  for (const button of buttons) {
    for (const [who, userId, fail] of [
      ['someone outside the loop', OUTSIDER, false],
      ['its owner, with views failing', surface.owner, true],
      ['its owner', surface.owner, false],
    ] as const) {
      await outboxIdle(t);
      t.slack.reset();
      if (fail) {
        for (const method of ['views.open', 'views.push', 'views.update']) {
          t.slack.failNext(method, { error: 'expired_trigger_id' });
        }
      }
      const sent = await click(t, surface, button, userId);
      expect(sent.status, `${button.actionId} on ${surface.name}`).toBe(200);
      if (!(await answered(t, userId, sent))) unanswered.push(`${button.actionId} on ${surface.name} by ${who}`);
    }
  }
  return unanswered;
}

describe('every button on every surface answers the person who clicked', () => {
  let t: TestApp;
  let start: number;
  beforeAll(async () => {
    t = await startTestApp();
    seedWorkspace(t);
    start = t.clock.now().getTime() + HOUR;
    await schedule(t, { panelists: [P1, PANEL[1] ?? ''], start: Math.floor(start / 1000) });
    await outboxIdle(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const home = async (userId: string): Promise<Surface> => {
    t.slack.reset();
    await sendEvent(t, { type: 'app_home_opened', user: userId, channel: 'D0X', tab: 'home', event_ts: '1.2' });
    const published = await t.slack.waitForCall('views.publish', (c) => c.args.user_id === userId);
    const view = published.response?.view as Record<string, unknown> & { blocks: unknown[] };
    return { name: 'App Home', owner: userId, blocks: view.blocks, view };
  };

  const expectNoCrash = () => {
    expect(t.logs.filter((line) => /is not a function|unhandled/i.test(line))).toEqual([]);
  };

  it('before the interview: the kit DM, the ephemeral kit, App Home, the kit modal and the loop’s parent', async () => {
    const dm = t.slack.messagesIn(P1).find((m) => JSON.stringify(m.blocks ?? []).includes('kit_swap'));
    const kitDm: Surface = {
      name: 'the kit DM',
      owner: P1,
      blocks: dm?.blocks ?? [],
      message: { ts: dm?.ts ?? '', channel: t.slack.dmChannelFor(P1), ephemeral: false },
    };
    const questions = await t.sender.slashCommand({ userId: P1, text: 'questions 1' });
    const ephemeralKit: Surface = {
      name: 'the ephemeral kit',
      owner: P1,
      blocks: (questions.json as { blocks: unknown[] }).blocks,
      message: { ts: '1700000000.000100', channel: t.slack.dmChannelFor(P1), ephemeral: true },
    };
    const parentMessage = t.slack.messagesIn(CHANNEL).find((m) => !m.thread_ts);
    const parent: Surface = {
      name: 'the loop’s parent message',
      owner: LEAD,
      blocks: parentMessage?.blocks ?? [],
      message: { ts: parentMessage?.ts ?? '', channel: CHANNEL, ephemeral: false },
    };
    const appHome = await home(P1);
    t.slack.reset();
    await click(t, appHome, { actionId: 'open_kit', value: '1' }, P1);
    const opened = await t.slack.waitForCall('views.open');
    const modalView = opened.response?.view as Record<string, unknown> & { blocks: unknown[] };
    const kitModal: Surface = { name: 'the kit modal', owner: P1, blocks: modalView.blocks, view: modalView };

    const unanswered: string[] = [];
    for (const surface of [kitDm, ephemeralKit, appHome, kitModal, parent]) {
      unanswered.push(...(await clickEverything(t, surface)));
    }
    expect(unanswered).toEqual([]);
    expectNoCrash();
  });

  it('after the interview: the scorecard prompt, App Home, the lead’s summary and the forget confirmation', async () => {
    t.clock.set(new Date(start + 2 * HOUR));
    await t.runDueWork();
    await outboxIdle(t);
    const prompt = t.slack.messagesIn(P1).find((m) => JSON.stringify(m.blocks ?? []).includes('open_scorecard'));
    const promptDm: Surface = {
      name: 'the scorecard prompt',
      owner: P1,
      blocks: prompt?.blocks ?? [],
      message: { ts: prompt?.ts ?? '', channel: t.slack.dmChannelFor(P1), ephemeral: false },
    };
    const appHome = await home(P1);
    expect(allText(appHome.view)).toContain('Scorecards you owe');
    const status = await t.sender.slashCommand({ userId: LEAD, text: 'status Ada Lovelace' });
    const leadStatus: Surface = {
      name: 'the lead’s status',
      owner: LEAD,
      blocks: (status.json as { blocks: unknown[] }).blocks,
      message: { ts: '1700000000.000200', channel: t.slack.dmChannelFor(LEAD), ephemeral: true },
    };
    const unanswered: string[] = [];
    for (const surface of [promptDm, appHome, leadStatus]) unanswered.push(...(await clickEverything(t, surface)));

    const forget = await t.sender.slashCommand({ userId: LEAD, text: 'forget Ada Lovelace' });
    const confirmation: Surface = {
      name: 'the forget confirmation',
      owner: LEAD,
      blocks: (forget.json as { blocks: unknown[] }).blocks,
      message: { ts: '1700000000.000300', channel: t.slack.dmChannelFor(LEAD), ephemeral: true },
    };
    unanswered.push(...(await clickEverything(t, confirmation)));
    expect(unanswered).toEqual([]);
    expectNoCrash();
  });
});
