import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEDULE } from '../../src/slack/ids.js';
import type { Failure } from '../support/fake-slack.js';
import { LEAD, openSchedule, schedule, scheduleState, seedWorkspace } from '../support/flows.js';
import { startTestApp, type TestApp } from '../support/harness.js';

describe('the schedule form’s Slack checks name what went wrong', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
    seedWorkspace(t);
  });
  afterEach(async () => {
    await t.close();
  });

  const errorsOf = async (input: Parameters<typeof schedule>[1] = {}) => {
    const res = await schedule(t, input);
    expect(res.body?.response_action).toBe('errors');
    return res.body?.errors ?? {};
  };

  it.each<[string, string, Failure, string, string]>([
    [
      'users.info rate limited',
      'users.info',
      { status: 429, retryAfter: 30 },
      SCHEDULE.panelists,
      'limiting how often',
    ],
    ['users.info without the scope', 'users.info', { error: 'missing_scope' }, SCHEDULE.panelists, 'permission'],
    ['users.info failing', 'users.info', { status: 500 }, SCHEDULE.panelists, 'problem on its side'],
    [
      'conversations.info rate limited',
      'conversations.info',
      { status: 429, retryAfter: 30 },
      SCHEDULE.channel,
      'limiting how often',
    ],
    [
      'conversations.info without the scope',
      'conversations.info',
      { error: 'missing_scope' },
      SCHEDULE.channel,
      'permission',
    ],
  ])('%s: the error says so, on the field checked', async (_name, method, failure, block, says) => {
    t.slack.failNext(method, failure, 20);
    const errors = await errorsOf();
    expect(errors[block]).toContain(says);
    expect(JSON.stringify(errors)).not.toContain('I cannot see that channel');
    expect(await t.handle.db.selectFrom('loops').select('id').execute()).toEqual([]);
  });

  it('a channel Slack does not know is one the app cannot see', async () => {
    const errors = await errorsOf({ channel: 'C0NOSUCH' });
    expect(errors[SCHEDULE.channel]).toContain('I cannot see that channel');
  });

  it('checks the panel and the channel together, and reports both', async () => {
    t.slack.failNext('users.info', { status: 429, retryAfter: 30 }, 20);
    const errors = await errorsOf({ channel: 'C0NOSUCH' });
    expect(errors[SCHEDULE.panelists]).toContain('limiting how often');
    expect(errors[SCHEDULE.channel]).toContain('I cannot see that channel');
  });

  it('a Slack that does not answer is reported as such within the one budget, on both fields', async () => {
    const { view } = await openSchedule(t);
    t.slack.delayNext('users.info', 10_000, 10);
    t.slack.delayNext('conversations.info', 10_000);
    const res = await t.sender.viewSubmission({ userId: LEAD, view: { from: view, state: scheduleState(t, {}) } });
    const errors = (res.json as { errors?: Record<string, string> }).errors ?? {};
    expect(errors[SCHEDULE.panelists]).toContain('did not answer in time');
    expect(errors[SCHEDULE.channel]).toContain('did not answer in time');
    expect(await t.handle.db.selectFrom('loops').select('id').execute()).toEqual([]);
  });
});
