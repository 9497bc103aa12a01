// Proves SlackSender speaks Slack's wire format: a real Bolt app (HTTP receiver, signature verification on)
// accepts its requests, and its Web API calls land in FakeSlack.
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from './fake-slack.js';
import {
  datetime,
  multiUsers,
  plainText,
  retryHeaders,
  SlackSender,
  signBody,
  stateValues,
  staticSelect,
} from './slack-requests.js';

const SECRET = 'test-signing-secret';

describe('SlackSender against a Bolt app', () => {
  let fake: FakeSlack;
  let app: App;
  let sender: SlackSender;
  const seen: Array<{ kind: string; body: Record<string, unknown>; retryNum?: number }> = [];
  const respondTypes: string[] = [];

  beforeEach(async () => {
    seen.length = 0;
    respondTypes.length = 0;
    fake = await FakeSlack.start();
    fake.addUser({ id: 'U100', name: 'ada' });
    const receiver = new HTTPReceiver({ signingSecret: SECRET, logLevel: LogLevel.ERROR });
    app = new App({
      receiver,
      token: fake.token,
      clientOptions: { slackApiUrl: fake.apiUrl },
      logLevel: LogLevel.ERROR,
    });
    app.command('/interview', async ({ ack, body, client, respond, context }) => {
      await ack();
      seen.push({ kind: 'command', body: body as never, ...(context.retryNum ? { retryNum: context.retryNum } : {}) });
      await client.views.open({
        trigger_id: body.trigger_id,
        view: { type: 'modal', callback_id: 'schedule', title: { type: 'plain_text', text: 'Schedule' }, blocks: [] },
      });
      await respond({ response_type: 'ephemeral', text: `you said ${body.text}` });
    });
    app.action('open_scorecard', async ({ ack, body, respond }) => {
      await ack();
      seen.push({ kind: 'action', body: body as never });
      respondTypes.push(typeof respond);
    });
    app.options('role_search', async ({ ack, payload }) => {
      await ack({ options: [{ text: { type: 'plain_text', text: `found ${payload.value}` }, value: payload.value }] });
    });
    app.view('schedule', async ({ ack, view }) => {
      seen.push({ kind: 'submission', body: view as never });
      await ack({ response_action: 'errors', errors: { when: 'That time is in the past' } });
    });
    app.view({ callback_id: 'schedule', type: 'view_closed' }, async ({ ack, body }) => {
      await ack();
      seen.push({ kind: 'closed', body: body as never });
    });
    const server = await app.start(0);
    const { port } = server.address() as AddressInfo;
    sender = new SlackSender({
      baseUrl: `http://127.0.0.1:${port}`,
      signingSecret: SECRET,
      responseUrl: (id) => fake.responseUrl(id),
    });
  });
  afterEach(async () => {
    await app.stop();
    await fake.close();
  });

  it('delivers a slash command that opens a modal and responds via response_url', async () => {
    const res = await sender.slashCommand({ userId: 'U100', text: 'schedule Grace' });
    expect(res.status).toBe(200);
    const open = await fake.waitForCall('views.open');
    expect(open.args.trigger_id).toBe(res.triggerId);
    const responded = await fake.waitForCall('response_url');
    expect(responded.args).toMatchObject({ response_type: 'ephemeral', text: 'you said schedule Grace' });
    expect(res.responseUrl).toContain(responded.responseUrlId);
    expect(seen[0]?.body).toMatchObject({ command: '/interview', user_id: 'U100', team_id: fake.ids.teamId });
  });

  it('passes retry headers through to the app', async () => {
    await sender.slashCommand({ userId: 'U100', text: 'help', headers: retryHeaders(2, 'http_timeout') });
    expect(seen[0]?.retryNum).toBe(2);
  });

  it('is rejected with a forged signature or a stale timestamp', async () => {
    const forged = await sender.slashCommand({ userId: 'U100', text: 'help', signature: 'v0=deadbeef' });
    expect(forged.status).toBe(401);
    const stale = await sender.slashCommand({ userId: 'U100', text: 'help', timestamp: Date.now() / 1000 - 600 });
    expect(stale.status).toBe(401);
    const body = 'command=%2Finterview&text=help';
    const raw = await sender.send(body, {
      contentType: 'application/x-www-form-urlencoded',
      headers: { ...signBody('nope', body) },
    });
    expect(raw.status).toBe(401);
    expect(seen).toHaveLength(0);
  });

  it('delivers a block action on a stored message, taking value and block_id from its blocks', async () => {
    const client = app.client;
    const posted = await client.chat.postMessage({
      channel: 'U100',
      text: 'Your interview has ended',
      blocks: [
        {
          type: 'actions',
          block_id: 'scorecard_prompt',
          elements: [
            {
              type: 'button',
              action_id: 'open_scorecard',
              value: 'interview-7',
              text: { type: 'plain_text', text: 'Fill in' },
            },
          ],
        },
      ],
    });
    const message = fake.message(posted.channel ?? '', posted.ts ?? '');
    expect(message).toBeDefined();
    const res = await sender.blockAction({
      userId: 'U100',
      actionId: 'open_scorecard',
      ...(message ? { message } : {}),
    });
    expect(res.status).toBe(200);
    expect(seen[0]?.body).toMatchObject({
      type: 'block_actions',
      user: { id: 'U100' },
      container: { type: 'message', message_ts: posted.ts, channel_id: posted.channel },
      actions: [{ action_id: 'open_scorecard', block_id: 'scorecard_prompt', value: 'interview-7', type: 'button' }],
    });
  });

  it('delivers a view submission with state values and returns the ack body', async () => {
    const state = stateValues(
      ['candidate', 'name', plainText('Grace Hopper')],
      ['level', 'level', staticSelect('senior')],
      ['panel', 'users', multiUsers(['U100', 'U200'])],
      ['when', 'at', datetime(1_900_000_000)],
    );
    const res = await sender.viewSubmission({
      userId: 'U100',
      view: { id: 'V123', callbackId: 'schedule', privateMetadata: '{"loop":1}', state },
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ response_action: 'errors', errors: { when: 'That time is in the past' } });
    expect(seen[0]?.body).toMatchObject({ id: 'V123', callback_id: 'schedule', private_metadata: '{"loop":1}' });
    expect(seen[0]?.body.state).toEqual({ values: state });

    const closed = await sender.viewClosed({ userId: 'U100', view: { id: 'V123', callbackId: 'schedule', state } });
    expect(closed.status).toBe(200);
    expect(seen[1]).toMatchObject({ kind: 'closed', body: { type: 'view_closed', is_cleared: false } });
  });

  it('sends no response_url for a click in a modal or on App Home, as Slack does, so Bolt has no respond()', async () => {
    const modal = { id: 'V1', type: 'modal', blocks: [] };
    const home = { id: 'V2', type: 'home', blocks: [] };
    for (const view of [modal, home]) {
      const res = await sender.blockAction({ userId: 'U100', actionId: 'open_scorecard', value: '1', view });
      expect(res.status).toBe(200);
      expect(res.sent?.response_url).toBeUndefined();
      expect(res.sent?.container).toEqual({ type: 'view', view_id: view.id });
    }
    await sender.blockAction({ userId: 'U100', actionId: 'open_scorecard', value: '1', channel: 'C100' });
    expect(respondTypes).toEqual(['undefined', 'undefined', 'function']);
  });

  it('asks an external select for its options (block_suggestion) and returns them', async () => {
    const res = await sender.blockSuggestion({
      userId: 'U100',
      actionId: 'role_search',
      value: 'data',
      view: { id: 'V3', type: 'modal', blocks: [] },
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ options: [{ text: { type: 'plain_text', text: 'found data' }, value: 'data' }] });
  });
});
