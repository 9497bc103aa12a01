import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/slack/ids.js';
import { allText, CHANNEL, LEAD, OUTSIDER, outboxIdle, PANEL, schedule, seedWorkspace } from '../support/flows.js';
import { startTestApp, type TestApp } from '../support/harness.js';

const PANELISTS = PANEL.slice(0, 2);
const INSIDERS = [LEAD, ...PANELISTS];

/** Everything the app answered to an outsider's request: the ack and whatever it sent to Slack afterwards. */
async function answered(t: TestApp, act: () => Promise<{ json?: unknown }>): Promise<string> {
  const mark = t.slack.calls.length;
  const res = await act();
  await new Promise((r) => setTimeout(r, 300));
  const toOutsider = (c: { method: string; args: Record<string, unknown> }) =>
    c.method === 'response_url' ||
    // A modal opens for whoever clicked; App Home is published for one user.
    (c.method.startsWith('views.') && c.method !== 'views.publish') ||
    [c.args.channel, c.args.user, c.args.user_id].some(
      (id) => id === OUTSIDER || id === t.slack.dmChannelFor(OUTSIDER),
    );
  const later = t.slack.calls
    .slice(mark)
    .filter(toOutsider)
    .map((c) => c.args);
  return [allText(res.json), JSON.stringify(res.json ?? ''), ...later.map((a) => JSON.stringify(a))].join('\n');
}

describe('someone outside a loop', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
    seedWorkspace(t);
    await schedule(t, { panelists: PANELISTS });
    await outboxIdle(t);
  });
  afterEach(async () => {
    await t.close();
  });

  const expectNoInsiders = (text: string) => {
    expect(text.trim()).not.toBe('');
    for (const id of INSIDERS) expect(text).not.toContain(id);
  };

  it('who schedules the same candidate is refused without learning the lead or the panel', async () => {
    const text = await answered(t, async () => (await schedule(t, { requester: OUTSIDER, lead: OUTSIDER })).res);
    expect(text).toContain('only its hiring lead or an admin');
    expectNoInsiders(text);
  });

  it('who forges a decision button learns neither lead nor panel', async () => {
    const text = await answered(t, () =>
      t.sender.blockAction({ userId: OUTSIDER, actionId: `${ACTION.decidePrefix}hire`, value: '1', channel: CHANNEL }),
    );
    expect(text).toContain('Only the hiring lead');
    expectNoInsiders(text);
  });

  it('who forges "Summary for the hiring lead" learns neither lead nor panel', async () => {
    const text = await answered(t, () =>
      t.sender.blockAction({ userId: OUTSIDER, actionId: ACTION.summaryForLead, value: '1', channel: CHANNEL }),
    );
    expect(text).toContain('hiring lead');
    expectNoInsiders(text);
  });

  it('who forges a Swap of a panelist’s question learns neither lead nor panel', async () => {
    const item = await t.handle.db
      .selectFrom('kit_items')
      .select('id')
      .where('panelist_id', '=', PANELISTS[0] ?? '')
      .executeTakeFirstOrThrow();
    const text = await answered(t, () =>
      t.sender.blockAction({ userId: OUTSIDER, actionId: ACTION.swapQuestion, value: String(item.id) }),
    );
    expect(text).toContain('Only the panelist whose kit this is');
    expectNoInsiders(text);
  });

  it('who tries to cancel or reschedule the interview learns neither lead nor panel', async () => {
    for (const command of ['cancel 1', 'reschedule 1 tomorrow 3pm']) {
      const text = await answered(t, () => t.sender.slashCommand({ userId: OUTSIDER, text: command }));
      expect(text).toContain('Only the hiring lead');
      expectNoInsiders(text);
    }
  });
});
