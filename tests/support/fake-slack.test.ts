import { ErrorCode, type Logger, LogLevel, WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from './fake-slack.js';
import { signBody } from './slack-requests.js';

const noop = () => {};
/** Keeps WebClient from logging the [ERROR] lines these tests provoke on purpose. */
const silent: Logger = {
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
  setLevel: noop,
  getLevel: () => LogLevel.ERROR,
  setName: noop,
};

const section = (text: string, blockId?: string) => ({
  type: 'section',
  text: { type: 'mrkdwn', text },
  ...(blockId === undefined ? {} : { block_id: blockId }),
});

const modal = (title: string, extra: Record<string, unknown> = {}) => ({
  type: 'modal' as const,
  callback_id: 'schedule',
  title: { type: 'plain_text' as const, text: title },
  blocks: [section('hello')],
  ...extra,
});

async function platformError(promise: Promise<unknown>): Promise<{ code?: string; data?: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; data?: Record<string, unknown> };
  }
  throw new Error('expected the call to fail');
}

describe('FakeSlack', () => {
  let fake: FakeSlack;
  let client: WebClient;

  beforeEach(async () => {
    fake = await FakeSlack.start();
    client = new WebClient(fake.token, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logger: silent });
    fake.addUser({ id: 'U100', name: 'ada', realName: 'Ada Lovelace', tz: 'America/New_York' });
    fake.addChannel({ id: 'C100', name: 'hiring-decisions' });
    fake.addChannel({ id: 'C200', name: 'elsewhere', isMember: false });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('answers auth.test with the workspace ids', async () => {
    const res = await client.auth.test();
    expect(res).toMatchObject({
      ok: true,
      user_id: fake.ids.botUserId,
      bot_id: fake.ids.botId,
      team_id: fake.ids.teamId,
    });
  });

  it('records calls with blocks parsed back into objects and stores the message', async () => {
    const blocks = [section('*Candidate:* Grace', 'summary'), { type: 'divider' }];
    const res = await client.chat.postMessage({ channel: 'C100', text: 'Loop for Grace', blocks });
    expect(res.ok).toBe(true);
    expect(res.channel).toBe('C100');
    expect(res.ts).toMatch(/^\d{10}\.\d{6}$/);
    const call = fake.lastCall('chat.postMessage');
    expect(call?.args.blocks).toEqual(blocks);
    expect(call?.args.text).toBe('Loop for Grace');
    expect(call?.failed).toBe(false);
    expect(call?.response?.ts).toBe(res.ts);

    const reply = await client.chat.postMessage({ channel: 'C100', text: 'Ada submitted', thread_ts: res.ts });
    expect(Number(reply.ts)).toBeGreaterThan(Number(res.ts));
    expect(fake.messagesIn('C100').map((m) => m.text)).toEqual(['Loop for Grace', 'Ada submitted']);
    expect(fake.threadReplies('C100', res.ts ?? '')).toHaveLength(1);
  });

  it('posts a DM to a user id into a stable D channel', async () => {
    const first = await client.chat.postMessage({ channel: 'U100', text: 'Your kit' });
    const opened = await client.conversations.open({ users: 'U100' });
    expect(first.channel).toMatch(/^D/);
    expect(opened.channel?.id).toBe(first.channel);
    expect(fake.messagesIn('U100')).toHaveLength(1);
    expect(fake.messagesIn(first.channel ?? '')[0]?.text).toBe('Your kit');
  });

  it('rejects a missing or wrong token', async () => {
    const wrong = new WebClient('xoxb-wrong', {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 0 },
      logger: silent,
    });
    const err = await platformError(wrong.chat.postMessage({ channel: 'C100', text: 'hi' }));
    expect(err.code).toBe(ErrorCode.PlatformError);
    expect(err.data?.error).toBe('invalid_auth');

    const res = await fetch(`${fake.apiUrl}auth.test`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: false, error: 'not_authed' });
    expect(fake.messagesIn('C100')).toHaveLength(0);
    expect(fake.callsTo('chat.postMessage')[0]?.failed).toBe(true);
  });

  it('answers not_in_channel, channel_not_found, no_text and unknown_method', async () => {
    const cases: Array<[Promise<unknown>, string]> = [
      [client.chat.postMessage({ channel: 'C200', text: 'hi' }), 'not_in_channel'],
      [client.chat.postMessage({ channel: 'C999', text: 'hi' }), 'channel_not_found'],
      [client.chat.postMessage({ channel: 'C100' } as never), 'no_text'],
      [client.apiCall('reactions.add', { channel: 'C100' }), 'unknown_method'],
    ];
    for (const [promise, error] of cases) {
      expect((await platformError(promise)).data?.error).toBe(error);
    }
    await client.conversations.join({ channel: 'C200' });
    await expect(client.chat.postMessage({ channel: 'C200', text: 'hi' })).resolves.toMatchObject({ ok: true });
  });

  it('enforces the Block Kit limits on messages', async () => {
    const blocks = Array.from({ length: 51 }, (_, i) => section(`item ${i}`));
    const err = await platformError(client.chat.postMessage({ channel: 'C100', text: 'too many', blocks }));
    expect(err.data?.error).toBe('invalid_blocks');
    expect(err.data?.response_metadata).toEqual({
      messages: ['[ERROR] must be less than 51 items [json-pointer:/blocks]'],
    });
    expect(fake.lastCall('chat.postMessage')?.failed).toBe(true);
    expect(fake.messagesIn('C100')).toHaveLength(0);

    const ok = await client.chat.postMessage({ channel: 'C100', text: 'fits', blocks: blocks.slice(1) });
    expect(ok.ok).toBe(true);

    const invalid: Array<[unknown[], string]> = [
      [[section('x'.repeat(3001))], '/blocks/0/text/text'],
      [[{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }], '/blocks/0/text/text'],
      [[section('a', 'same'), section('b', 'same')], '/blocks/1/block_id'],
      [
        [{ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) }],
        '/blocks/0/fields',
      ],
      [
        [
          {
            type: 'actions',
            elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'b'.repeat(76) } }],
          },
        ],
        '/blocks/0/elements/0/text/text',
      ],
      [
        [{ type: 'context', elements: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'c' })) }],
        '/blocks/0/elements',
      ],
    ];
    for (const [bad, pointer] of invalid) {
      const e = await platformError(client.chat.postMessage({ channel: 'C100', text: 'x', blocks: bad as never }));
      expect(e.data?.error).toBe('invalid_blocks');
      expect(JSON.stringify(e.data?.response_metadata)).toContain(`[json-pointer:${pointer}]`);
    }
  });

  it('opens modals, rejecting a 25-character title and a missing trigger_id', async () => {
    const opened = await client.views.open({ trigger_id: 'trigger-1', view: modal('Schedule an interview') });
    expect(opened.view?.id).toMatch(/^V/);
    expect(opened.view?.hash).toBeTruthy();
    expect(fake.view(opened.view?.id ?? '')?.callback_id).toBe('schedule');

    const long = await platformError(client.views.open({ trigger_id: 'trigger-2', view: modal('x'.repeat(25)) }));
    expect(long.data?.error).toBe('invalid_arguments');
    expect(JSON.stringify(long.data?.response_metadata)).toContain('/view/title/text');

    const noTrigger = await platformError(client.views.open({ trigger_id: '', view: modal('Fine') }));
    expect(noTrigger.data?.error).toBe('invalid_trigger_id');
    const reused = await platformError(client.views.open({ trigger_id: 'trigger-1', view: modal('Fine') }));
    expect(reused.data?.error).toBe('exchanged_trigger_id');
    const stale = await platformError(
      client.views.open({ trigger_id: `${Date.now() - 5000}.1.ab`, view: modal('Fine') }),
    );
    expect(stale.data?.error).toBe('expired_trigger_id');

    const updated = await client.views.update({ view_id: opened.view?.id ?? '', view: modal('Step two') });
    expect(updated.view?.id).toBe(opened.view?.id);
    expect(updated.view?.hash).not.toBe(opened.view?.hash);
    const conflict = await platformError(
      client.views.update({ view_id: opened.view?.id ?? '', hash: opened.view?.hash ?? '', view: modal('Late') }),
    );
    expect(conflict.data?.error).toBe('hash_conflict');
  });

  it('publishes App Home per user', async () => {
    await client.views.publish({ user_id: 'U100', view: { type: 'home', blocks: [section('Upcoming')] } });
    expect(fake.homeView('U100')?.blocks).toEqual([section('Upcoming')]);
  });

  it('surfaces 429 with Retry-After as a rate-limited error and records the attempt', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    const strict = new WebClient(fake.token, {
      slackApiUrl: fake.apiUrl,
      rejectRateLimitedCalls: true,
      logger: silent,
    });
    const err = (await platformError(strict.chat.postMessage({ channel: 'C100', text: 'hi' }))) as {
      code?: string;
      retryAfter?: number;
    };
    expect(err.code).toBe(ErrorCode.RateLimitedError);
    expect(err.retryAfter).toBe(7);
    expect(fake.lastCall('chat.postMessage')).toMatchObject({ failed: true, status: 429, error: 'ratelimited' });

    fake.failNext('chat.postMessage', { status: 429, retryAfter: 0 });
    const patient = new WebClient(fake.token, {
      slackApiUrl: fake.apiUrl,
      logger: silent,
      retryConfig: { retries: 1, minTimeout: 10, maxTimeout: 10 },
    });
    await expect(patient.chat.postMessage({ channel: 'C100', text: 'again' })).resolves.toMatchObject({ ok: true });
    expect(fake.callsTo('chat.postMessage').map((c) => c.failed)).toEqual([true, true, false]);
    expect(fake.deliveredTo('chat.postMessage')).toHaveLength(1);
  });

  it('injects HTTP 500 and Slack errors for the next N calls', async () => {
    fake.failNext('chat.postMessage', { status: 500 });
    const err = await platformError(client.chat.postMessage({ channel: 'C100', text: 'hi' }));
    expect(err.code).toBe(ErrorCode.HTTPError);

    fake.failNext('users.info', { error: 'fatal_error' }, 2);
    for (let i = 0; i < 2; i++) {
      expect((await platformError(client.users.info({ user: 'U100' }))).data?.error).toBe('fatal_error');
    }
    await expect(client.users.info({ user: 'U100' })).resolves.toMatchObject({ ok: true });
  });

  it('fails chat.update of an unknown ts and applies known updates', async () => {
    const err = await platformError(client.chat.update({ channel: 'C100', ts: '1700000099.000100', text: 'edit' }));
    expect(err.data?.error).toBe('message_not_found');

    const posted = await client.chat.postMessage({ channel: 'C100', text: 'scorecards 0/3' });
    await client.chat.update({ channel: 'C100', ts: posted.ts ?? '', text: 'scorecards 1/3' });
    expect(fake.messagesIn('C100').map((m) => [m.text, m.edited])).toEqual([['scorecards 1/3', true]]);
    await client.chat.delete({ channel: 'C100', ts: posted.ts ?? '' });
    expect(fake.messagesIn('C100')).toHaveLength(0);
  });

  it('answers users.info with the time zone and its current offset', async () => {
    const res = await client.users.info({ user: 'U100' });
    expect(res.user?.tz).toBe('America/New_York');
    expect([-18000, -14400]).toContain(res.user?.tz_offset);
    fake.addUser({ id: 'U200' });
    expect((await client.users.info({ user: 'U200' })).user?.tz).toBe('Europe/London');
    expect((await platformError(client.users.info({ user: 'U404' }))).data?.error).toBe('user_not_found');
  });

  it('records JSON posts to a response_url and rejects oversized ones', async () => {
    const url = fake.responseUrl('cmd-1');
    const ok = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response_type: 'ephemeral', text: 'Usage: /interview help' }),
    });
    expect(ok.status).toBe(200);
    const call = await fake.waitForCall('response_url', (c) => c.responseUrlId === 'cmd-1');
    expect(call.args.text).toBe('Usage: /interview help');

    const blocks = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    const bad = await fetch(url, { method: 'POST', body: JSON.stringify({ text: 'x', blocks }) });
    expect(bad.status).toBe(400);
    expect(fake.lastCall('response_url')).toMatchObject({ failed: true, error: 'invalid_blocks' });
  });
});

describe('signBody', () => {
  it("matches Slack's documented example", () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(signBody('8f742231b10e8888abcd99yyyzzz85a5', body, 1531420618)).toEqual({
      'x-slack-signature': 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
      'x-slack-request-timestamp': '1531420618',
    });
  });
});
