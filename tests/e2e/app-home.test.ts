import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DECISION } from '../../src/slack/ids.js';
import {
  allText,
  CHANNEL,
  interviewThatTookPlace,
  LEAD,
  openScorecardModal,
  outboxIdle,
  PANEL,
  scorecardState,
  seedWorkspace,
  sendEvent,
} from '../support/flows.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { plainText, stateValues } from '../support/slack-requests.js';

const P1 = PANEL[0] ?? '';
const P2 = PANEL[1] ?? '';

describe('App Home follows the loops I lead', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ env: { DEFAULT_DECISION_CHANNEL: CHANNEL } });
    seedWorkspace(t);
  });
  afterEach(async () => {
    await t.close();
  });

  /** The App Home Slack shows the user now: the last view published for them. */
  const home = (userId: string) => allText(t.slack.homeView(userId));
  const submit = async (userId: string) => {
    const view = await openScorecardModal(t, userId, 1);
    await t.sender.viewSubmission({ userId, view: { from: view, state: scorecardState(view) } });
    await outboxIdle(t);
  };

  it('is republished as things change: scheduled, scorecards in, decided; decisions stay a while', async () => {
    await interviewThatTookPlace(t, { panelists: [P1, P2], candidate: 'Ada Lovelace', duration: 60 });
    await outboxIdle(t);
    // Nobody opened App Home: scheduling published it for the lead and the panel.
    expect(home(LEAD)).toContain('Ada Lovelace* · Backend developer · Senior');
    expect(home(LEAD)).toMatch(/<https:\/\/slack\.com\/archives\/C0HIRING\/p\d+\|thread>/);
    expect(home(LEAD)).toContain('next: waiting for 2 scorecards');
    expect(home(P1)).toContain('Scorecards you owe');

    await submit(P1);
    expect(home(LEAD)).toContain('scorecards 1/2');
    expect(home(LEAD)).toContain('next: waiting for 1 scorecard');
    await submit(P2);
    expect(home(LEAD)).toContain('next: *decide*');

    const parent = t.slack.messagesIn(CHANNEL).find((m) => !m.thread_ts);
    const click = await t.sender.blockAction({
      userId: LEAD,
      actionId: 'decide_hire',
      value: '1',
      message: { ts: parent?.ts ?? '', blocks: parent?.blocks ?? [] },
      channel: CHANNEL,
    });
    const modal = (await t.slack.waitForCall('views.open', (c) => c.args.trigger_id === click.sent?.trigger_id))
      .response?.view as Record<string, unknown>;
    await t.sender.viewSubmission({
      userId: LEAD,
      view: { from: modal, state: stateValues([DECISION.rationale, DECISION.rationale, plainText('Solid.')]) },
    });
    await outboxIdle(t);
    expect(home(LEAD)).toContain('Recent decisions');
    expect(home(LEAD)).toContain('*Hire*');

    t.clock.advanceMinutes(15 * 24 * 60);
    const before = Date.now();
    await sendEvent(t, { type: 'app_home_opened', user: LEAD, channel: 'D0LEAD', tab: 'home', event_ts: '9.1' });
    const opened = await t.slack.waitForCall('views.publish', (c) => c.args.user_id === LEAD && c.at > before);
    expect(allText(opened.args.view)).toContain('None open');
    expect(allText(opened.args.view)).not.toContain('Recent decisions');
  });
});
