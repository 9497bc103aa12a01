// What the HTTP benchmark sends: the workspace, scheduled interviews with open scorecard modals (through signed
// requests, as Slack would), and signed bodies for the slash command and the scorecard view_submission.
import { SCHEDULE } from '../src/slack/ids.js';
import type { FakeSlack } from '../tests/support/fake-slack.js';
import { CHANNEL, LEAD, PANEL, scorecardState } from '../tests/support/flows.js';
import { DEFAULT_BOT_TOKEN, FAKE_APP_ID, FAKE_TEAM_DOMAIN, FAKE_TEAM_ID } from '../tests/support/slack-ids.js';
import {
  conversation,
  datetime,
  multiUsers,
  plainText,
  SlackSender,
  type StateValues,
  signBody,
  stateValues,
  staticSelect,
  usersSelect,
} from '../tests/support/slack-requests.js';

export const SIGNING_SECRET = 'bench-signing-secret';
export const BOT_TOKEN = DEFAULT_BOT_TOKEN;
export const COMMAND_TEXT = 'questions senior technical 45m';

type View = Record<string, unknown> & { id: string; hash: string; blocks: unknown[] };

/** One panelist's open scorecard modal, as Slack stored it, and the answers they submit. */
export interface Scorecard {
  userId: string;
  view: View;
  state: StateValues;
}

export function seedWorkspace(slack: FakeSlack): void {
  slack.addUser({ id: LEAD, name: 'lead', tz: 'Europe/Berlin' });
  for (const [i, id] of PANEL.entries()) slack.addUser({ id, name: `panelist${i + 1}`, tz: 'Europe/London' });
  slack.addChannel({ id: CHANNEL, name: 'hiring', isMember: true });
}

async function openedView(slack: FakeSlack, triggerId: unknown): Promise<View> {
  const call = await slack
    .waitForCall('views.open', (c) => c.args.trigger_id === triggerId, { timeoutMs: 10_000 })
    .catch((error: unknown) => {
      const said = slack.callsTo('response_url').at(-1)?.args.text;
      throw new Error(`the app opened no modal${said ? `; it answered: ${String(said)}` : ''} (${String(error)})`);
    });
  const view = call.response?.view as View | undefined;
  if (!view) throw new Error('views.open answered without a view');
  return view;
}

/**
 * Schedules `count` technical interviews with all 8 panelists, starting a few seconds from now (scorecards open
 * once an interview has started, and scheduling refuses past times); resolves with their numbers once all started.
 */
export async function scheduleInterviews(slack: FakeSlack, sender: SlackSender, count: number): Promise<number[]> {
  const ids: number[] = [];
  let latest = 0;
  for (let i = 0; i < count; i++) {
    const res = await sender.slashCommand({ userId: LEAD, text: 'schedule', channelId: CHANNEL });
    const view = await openedView(slack, res.sent?.trigger_id);
    const start = Math.floor(Date.now() / 1000) + 3;
    latest = Math.max(latest, start);
    const state = stateValues(
      [SCHEDULE.candidate, SCHEDULE.candidate, plainText(`Bench Candidate ${i + 1}`)],
      [SCHEDULE.role, SCHEDULE.role, staticSelect('backend-developer')],
      [SCHEDULE.level, SCHEDULE.level, staticSelect('senior')],
      [SCHEDULE.kind, SCHEDULE.kind, staticSelect('technical')],
      [SCHEDULE.start, SCHEDULE.start, datetime(start)],
      [SCHEDULE.duration, SCHEDULE.duration, staticSelect('60')],
      [SCHEDULE.panelists, SCHEDULE.panelists, multiUsers(PANEL)],
      [SCHEDULE.lead, SCHEDULE.lead, usersSelect(LEAD)],
      [SCHEDULE.channel, SCHEDULE.channel, conversation(CHANNEL)],
      [SCHEDULE.notes, SCHEDULE.notes, plainText(null)],
    );
    const submitted = await sender.viewSubmission({ userId: LEAD, view: { from: view, state } });
    const id = /Interview #(\d+) is scheduled/.exec(submitted.body)?.[1];
    if (!id) throw new Error(`scheduling failed: ${submitted.status} ${submitted.body.slice(0, 500)}`);
    ids.push(Number(id));
  }
  const wait = latest * 1000 + 1_000 - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  return ids;
}

/** Each panelist opens the scorecard of each interview (`/interview scorecard <n>`). */
export async function openScorecards(slack: FakeSlack, sender: SlackSender, interviews: number[]) {
  const cards: Scorecard[] = [];
  for (const interview of interviews) {
    for (const userId of PANEL) {
      const res = await sender.slashCommand({ userId, text: `scorecard ${interview}` });
      const view = await openedView(slack, res.sent?.trigger_id);
      cards.push({ userId, view, state: scorecardState(view, { notes: {} }) });
    }
  }
  return cards;
}

export function newSender(baseUrl: string, slack: FakeSlack): SlackSender {
  return new SlackSender({ baseUrl, signingSecret: SIGNING_SECRET, responseUrl: (id) => slack.responseUrl(id) });
}

const team = { id: FAKE_TEAM_ID, domain: FAKE_TEAM_DOMAIN };
const user = (id: string) => ({ id, username: id.toLowerCase(), name: id.toLowerCase(), team_id: FAKE_TEAM_ID });

/** The form body Slack posts for `/interview <text>`. */
export function commandBody(text: string, responseUrl: string, userId = LEAD): string {
  return new URLSearchParams({
    token: 'verification-token',
    team_id: FAKE_TEAM_ID,
    team_domain: FAKE_TEAM_DOMAIN,
    channel_id: `D${userId.slice(1)}`,
    channel_name: 'directmessage',
    user_id: userId,
    user_name: userId.toLowerCase(),
    command: '/interview',
    text,
    api_app_id: FAKE_APP_ID,
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: `${Date.now()}.1234567890.bench`,
  }).toString();
}

/** The `payload=` body Slack posts when the panelist presses Submit; viewId/hash make each submission distinct. */
export function submissionBody(card: Scorecard, viewId = card.view.id, hash = card.view.hash): string {
  const payload = {
    type: 'view_submission',
    team,
    user: user(card.userId),
    api_app_id: FAKE_APP_ID,
    token: 'verification-token',
    trigger_id: `${Date.now()}.1234567890.bench`,
    view: { ...card.view, id: viewId, root_view_id: viewId, hash, state: { values: card.state } },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** Headers of a signed form post (the signature covers the timestamp: valid for 5 minutes). */
export function signedHeaders(body: string): Record<string, string> {
  return { 'content-type': 'application/x-www-form-urlencoded', ...signBody(SIGNING_SECRET, body) };
}
