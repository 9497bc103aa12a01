// Whole user journeys, driven through signed requests, for the end-to-end tests.

import { SCHEDULE } from '../../src/slack/ids.js';
import type { TestApp } from './harness.js';
import {
  conversation,
  datetime,
  type ElementState,
  multiUsers,
  plainText,
  radio,
  type StateValues,
  stateValues,
  staticSelect,
  usersSelect,
} from './slack-requests.js';

export const LEAD = 'U0LEAD';
export const OUTSIDER = 'U0OUTSIDER';
export const ADMIN = 'U0ADMIN';
export const BOT = 'U0BOT';
export const PANEL = ['U0PAN1', 'U0PAN2', 'U0PAN3', 'U0PAN4', 'U0PAN5', 'U0PAN6', 'U0PAN7', 'U0PAN8'];
export const CHANNEL = 'C0HIRING';
export const OTHER_CHANNEL = 'C0NOTIN';

/** People and channels of the test workspace. */
export function seedWorkspace(t: TestApp): void {
  t.slack.addUser({ id: LEAD, name: 'lead', tz: 'Europe/Berlin' });
  t.slack.addUser({ id: OUTSIDER, name: 'outsider', tz: 'America/New_York' });
  t.slack.addUser({ id: ADMIN, name: 'admin' });
  t.slack.addUser({ id: BOT, name: 'somebot', isBot: true });
  for (const [i, id] of PANEL.entries())
    t.slack.addUser({ id, name: `panelist${i + 1}`, tz: i % 2 ? 'Asia/Kolkata' : 'Europe/London' });
  t.slack.addChannel({ id: CHANNEL, name: 'hiring', isMember: true });
  t.slack.addChannel({ id: OTHER_CHANNEL, name: 'random', isMember: false });
}

export interface ScheduleInput {
  requester?: string;
  candidate?: string;
  role?: string;
  level?: string;
  kind?: string;
  /** Epoch seconds. */
  start?: number;
  duration?: number;
  panelists?: string[];
  lead?: string;
  channel?: string;
  notes?: string;
}

export function scheduleState(t: TestApp, input: ScheduleInput): StateValues {
  const start = input.start ?? Math.floor(t.clock.now().getTime() / 1000) + 2 * 86_400;
  return stateValues(
    [SCHEDULE.candidate, SCHEDULE.candidate, plainText(input.candidate ?? 'Ada Lovelace')],
    [SCHEDULE.role, SCHEDULE.role, staticSelect(input.role ?? 'backend-developer')],
    [SCHEDULE.level, SCHEDULE.level, staticSelect(input.level ?? 'senior')],
    [SCHEDULE.kind, SCHEDULE.kind, staticSelect(input.kind ?? 'technical')],
    [SCHEDULE.start, SCHEDULE.start, datetime(start)],
    [SCHEDULE.duration, SCHEDULE.duration, staticSelect(String(input.duration ?? 60))],
    [SCHEDULE.panelists, SCHEDULE.panelists, multiUsers(input.panelists ?? PANEL.slice(0, 2))],
    [SCHEDULE.lead, SCHEDULE.lead, usersSelect(input.lead ?? input.requester ?? LEAD)],
    [SCHEDULE.channel, SCHEDULE.channel, conversation(input.channel ?? CHANNEL)],
    [SCHEDULE.notes, SCHEDULE.notes, plainText(input.notes ?? null)],
  );
}

/** Opens the schedule modal with `/interview schedule <text>` and returns the view Slack shows. */
export async function openSchedule(t: TestApp, requester = LEAD, text = '') {
  const res = await t.sender.slashCommand({ userId: requester, text: `schedule ${text}`.trim() });
  const call = await t.slack.waitForCall('views.open', (c) => c.args.trigger_id === res.sent?.trigger_id);
  return { res, view: call.response?.view as Record<string, unknown> & { id: string; blocks: unknown[] } };
}

/** Schedules through the modal; returns the submission's response and the new interview's number (if any). */
export async function schedule(t: TestApp, input: ScheduleInput = {}) {
  const requester = input.requester ?? LEAD;
  const { view } = await openSchedule(t, requester);
  const res = await t.sender.viewSubmission({
    userId: requester,
    view: { from: view, state: scheduleState(t, input) },
  });
  const body = res.json as
    | { response_action?: string; errors?: Record<string, string>; view?: { blocks: { text?: { text: string } }[] } }
    | undefined;
  const text = JSON.stringify(body?.view ?? {});
  const id = /Interview #(\d+) is scheduled/.exec(text)?.[1];
  return { res, body, view, interviewId: id ? Number(id) : null };
}

/** Waits until the outbox has nothing left to deliver. */
export async function outboxIdle(t: TestApp, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await t.handle.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', 'in', ['pending', 'sending'])
      .executeTakeFirstOrThrow();
    if (Number(row.n) === 0) return;
    if (Date.now() > deadline) {
      const rows = await t.handle.db
        .selectFrom('outbox')
        .select(['id', 'method', 'channel', 'status', 'next_attempt_at', 'last_error'])
        .where('status', 'in', ['pending', 'sending'])
        .execute();
      throw new Error(`outbox still has ${row.n} messages to deliver: ${JSON.stringify(rows)}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Text of a message or view: its text and every text field of its blocks. */
export function allText(value: unknown): string {
  const parts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        if (key === 'text' && typeof child === 'string') parts.push(child);
        else walk(child);
      }
    }
  };
  walk(value);
  return parts.join('\n');
}

/** Sends an Events API callback (e.g. app_home_opened) the way Slack does. */
export async function sendEvent(t: TestApp, event: Record<string, unknown>) {
  const body = JSON.stringify({
    token: 'verification-token',
    team_id: 'T0001',
    api_app_id: 'A0001',
    type: 'event_callback',
    event_id: `Ev${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    event,
  });
  return t.sender.send(body, { contentType: 'application/json' });
}

export interface ScorecardAnswers {
  /** Competency id → '1'..'4' or 'not_assessed'; default '3' for every rating block. */
  ratings?: Record<string, string | null>;
  takeaways?: string | null;
  recommendation?: string | null;
  notes?: Record<string, string>;
}

interface ViewBlock {
  block_id?: string;
  type: string;
}

/** State values answering a scorecard modal as Slack would send them. */
export function scorecardState(view: { blocks: unknown[] }, answers: ScorecardAnswers = {}): StateValues {
  const entries: [string, string, ElementState][] = [];
  for (const block of view.blocks as ViewBlock[]) {
    const id = block.block_id ?? '';
    if (block.type !== 'input') continue;
    if (id.startsWith('rating:')) {
      const competency = id.slice('rating:'.length);
      const value = answers.ratings && competency in answers.ratings ? answers.ratings[competency] : '3';
      entries.push([id, id, radio(value ?? null)]);
    } else if (id.startsWith('note:')) {
      entries.push([id, id, plainText(answers.notes?.[id.slice('note:'.length)] ?? null)]);
    } else if (id === 'scorecard_takeaways') {
      entries.push([
        id,
        id,
        plainText(answers.takeaways === undefined ? 'Clear thinker; strong on data modelling.' : answers.takeaways),
      ]);
    } else if (id === 'scorecard_recommendation') {
      entries.push([id, id, radio(answers.recommendation === undefined ? 'yes' : answers.recommendation)]);
    }
  }
  return stateValues(...entries);
}

/** Opens a panelist's scorecard with `/interview scorecard <n>` and returns the modal as Slack stored it. */
export async function openScorecardModal(t: TestApp, userId: string, interviewId?: number) {
  const res = await t.sender.slashCommand({ userId, text: `scorecard ${interviewId ?? ''}`.trim() });
  const call = await t.slack.waitForCall('views.open', (c) => c.args.trigger_id === res.sent?.trigger_id);
  return call.response?.view as Record<string, unknown> & { id: string; blocks: unknown[]; hash: string };
}

/** What the app answered to a slash command: its immediate reply, or what it sent later to the response URL. */
export async function commandReply(t: TestApp, res: { json?: unknown; responseUrl?: string }): Promise<unknown> {
  if (res.json !== undefined) return res.json;
  const id = res.responseUrl?.split('/').pop();
  return (await t.slack.waitForCall('response_url', (c) => c.responseUrlId === id)).args;
}

/** Schedules an interview an hour from now, then moves the clock past its end and runs due work (the prompts). */
export async function interviewThatTookPlace(t: TestApp, input: ScheduleInput) {
  const start = t.clock.now().getTime() + 3_600_000;
  const scheduled = await schedule(t, { ...input, start: Math.floor(start / 1000) });
  t.clock.set(new Date(start + 2 * 3_600_000));
  await t.runDueWork();
  return scheduled;
}
