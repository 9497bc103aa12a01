import { afterAll, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/slack/ids.js';
import {
  ADMIN,
  allText,
  CHANNEL,
  commandReply,
  LEAD,
  OUTSIDER,
  openScorecardModal,
  outboxIdle,
  PANEL,
  schedule,
  scorecardState,
  seedWorkspace,
} from '../support/flows.js';
import { startTestApp, type TestApp } from '../support/harness.js';

const PANELIST = PANEL[0] ?? '';
const OTHER_LOOP_PANELIST = PANEL[5] ?? '';
const HOUR = 3_600_000;
type Role = 'outsider' | 'panelist' | 'other-loop panelist' | 'hiring lead' | 'admin';
const USERS: Record<Role, string> = {
  outsider: OUTSIDER,
  panelist: PANELIST,
  'other-loop panelist': OTHER_LOOP_PANELIST,
  'hiring lead': LEAD,
  admin: ADMIN,
};

/** Each action tries its Slack surface as `user` and says whether it took effect. */
const ACTIONS: Record<string, (t: TestApp, user: string) => Promise<boolean>> = {
  'open a scorecard': async (t, user) => {
    const before = t.slack.deliveredTo('views.open').length;
    await t.sender.slashCommand({ userId: user, text: 'scorecard 1' });
    await new Promise((r) => setTimeout(r, 150));
    return t.slack.deliveredTo('views.open').length > before;
  },
  'submit a scorecard': async (t, user) => {
    const view = await openScorecardModal(t, PANELIST, 1);
    await t.sender.viewSubmission({ userId: user, view: { from: view, state: scorecardState(view) } });
    return (
      (
        await t.handle.db
          .selectFrom('scorecards')
          .select('status')
          .where('panelist_id', '=', PANELIST)
          .executeTakeFirst()
      )?.status === 'submitted'
    );
  },
  'see ratings in status': async (t, user) => {
    const res = await t.sender.slashCommand({ userId: user, text: 'status Ada Lovelace' });
    return allText(res.json).includes('Other panelist view');
  },
  'see the early summary': async (t, user) => {
    const parent = t.slack.messagesIn(CHANNEL).find((m) => !m.thread_ts);
    await t.sender.blockAction({
      userId: user,
      actionId: ACTION.summaryForLead,
      value: '1',
      message: { ts: parent?.ts ?? '', blocks: parent?.blocks ?? [] },
      channel: CHANNEL,
    });
    const reply = await t.slack.waitForCall('response_url', (c) => allText(c.args).length > 0);
    return allText(reply.args).includes('Other panelist view');
  },
  decide: async (t, user) => {
    const before = t.slack.deliveredTo('views.open').length;
    const parent = t.slack.messagesIn(CHANNEL).find((m) => !m.thread_ts);
    await t.sender.blockAction({
      userId: user,
      actionId: 'decide_hire',
      value: '1',
      message: { ts: parent?.ts ?? '', blocks: parent?.blocks ?? [] },
      channel: CHANNEL,
    });
    await new Promise((r) => setTimeout(r, 150));
    return t.slack.deliveredTo('views.open').length > before;
  },
  cancel: async (t, user) => {
    await t.sender.slashCommand({ userId: user, text: 'cancel 3' });
    return (
      (await t.handle.db.selectFrom('interviews').select('status').where('id', '=', 3).executeTakeFirstOrThrow())
        .status === 'cancelled'
    );
  },
  reschedule: async (t, user) => {
    await commandReply(t, await t.sender.slashCommand({ userId: user, text: 'reschedule 3 2099-01-05 10:00' }));
    return (
      await t.handle.db.selectFrom('interviews').select('starts_at').where('id', '=', 3).executeTakeFirstOrThrow()
    ).starts_at.startsWith('2099');
  },
  'add to the bank': async (t, user) => {
    const before = t.slack.deliveredTo('views.open').length;
    await t.sender.slashCommand({ userId: user, text: 'bank add' });
    await new Promise((r) => setTimeout(r, 150));
    return t.slack.deliveredTo('views.open').length > before;
  },
  'see insights of loops': async (t, user) => {
    const res = await t.sender.slashCommand({ userId: user, text: 'insights' });
    return allText(await commandReply(t, res)).includes('Agreement of panels');
  },
  "see interviewers' leniency": async (t, user) => {
    const res = await t.sender.slashCommand({ userId: user, text: 'insights' });
    return allText(await commandReply(t, res)).includes('*Interviewers*');
  },
  'see my own insight figures': async (t, user) => {
    const res = await t.sender.slashCommand({ userId: user, text: 'insights me' });
    return allText(await commandReply(t, res)).includes('Your interviewing, in figures');
  },
  forget: async (t, user) => {
    const res = await t.sender.slashCommand({ userId: user, text: 'forget Ada Lovelace' });
    return JSON.stringify(res.json).includes(ACTION.forgetConfirm);
  },
};

const ALLOWED: Record<string, Role[]> = {
  'open a scorecard': ['panelist'],
  'submit a scorecard': ['panelist'],
  'see ratings in status': ['hiring lead'],
  'see the early summary': ['hiring lead'],
  decide: ['hiring lead'],
  cancel: ['hiring lead', 'admin'],
  reschedule: ['hiring lead', 'admin'],
  'add to the bank': ['hiring lead', 'admin'],
  forget: ['hiring lead', 'admin'],
  'see insights of loops': ['hiring lead', 'admin'],
  "see interviewers' leniency": ['admin'],
  'see my own insight figures': ['outsider', 'panelist', 'other-loop panelist', 'hiring lead', 'admin'],
};

/** Two loops under way: Ada's interview took place and one of its two panelists has submitted; Grace's is apart. */
async function loopsUnderWay(): Promise<TestApp> {
  const t = await startTestApp({ env: { DEFAULT_DECISION_CHANNEL: CHANNEL, ADMIN_USER_IDS: ADMIN } });
  seedWorkspace(t);
  const start = t.clock.now().getTime() + HOUR;
  await schedule(t, {
    panelists: [PANELIST, PANEL[1] ?? ''],
    candidate: 'Ada Lovelace',
    start: Math.floor(start / 1000),
  });
  await schedule(t, {
    panelists: [OTHER_LOOP_PANELIST],
    candidate: 'Grace Hopper',
    requester: PANEL[6] ?? '',
    lead: PANEL[6] ?? '',
    start: Math.floor(start / 1000),
  });
  t.clock.set(new Date(start + 2 * HOUR));
  // The other panelist of Ada's interview has submitted: their view is what the blind rule protects.
  const other = await openScorecardModal(t, PANEL[1] ?? '', 1);
  await t.sender.viewSubmission({
    userId: PANEL[1] ?? '',
    view: { from: other, state: scorecardState(other, { takeaways: 'Other panelist view' }) },
  });
  // A later round of Ada's loop, still to come: the one to cancel or move.
  const later = await schedule(t, {
    panelists: [PANEL[2] ?? ''],
    candidate: 'Ada Lovelace',
    start: Math.floor((start + 48 * HOUR) / 1000),
  });
  expect(later.interviewId).toBe(3);
  await outboxIdle(t);
  t.slack.reset();
  return t;
}

const ROLES = Object.keys(USERS) as Role[];

describe.each(Object.entries(ACTIONS))('who may %s', (action, attempt) => {
  const allowed = ALLOWED[action] ?? [];
  // The roles refused try one after another on one app: a refusal changes nothing, so each finds the loops as the
  // first did (a refusal that took effect fails its own case). Each allowed role gets loops of its own.
  let refusedOn: TestApp | undefined;
  afterAll(async () => {
    await refusedOn?.close();
  });

  it.each(ROLES.filter((role) => !allowed.includes(role)))('as %s: refused', async (role) => {
    refusedOn ??= await loopsUnderWay();
    refusedOn.slack.reset();
    expect(await attempt(refusedOn, USERS[role])).toBe(false);
  });

  it.each(allowed)('as %s: allowed', async (role) => {
    const t = await loopsUnderWay();
    try {
      expect(await attempt(t, USERS[role])).toBe(true);
    } finally {
      await t.close();
    }
  });
});

it('never puts a rating or takeaway in the channel while a panelist still owes a scorecard', async () => {
  const t = await loopsUnderWay();
  try {
    expect(allText(t.slack.messagesIn(CHANNEL))).not.toContain('Other panelist view');
  } finally {
    await t.close();
  }
});
