import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../support/database.js';
import { FakeSlack } from '../support/fake-slack.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { freePort, startEntry } from '../support/run.js';
import { SlackSender } from '../support/slack-requests.js';

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';
const form = (payload: string) => new URLSearchParams({ payload }).toString();

/** Signed bodies that are no Slack request: each must be answered, and none may stop the app. */
const MALFORMED: [name: string, body: string, contentType: string][] = [
  ['form payload=null', form('null'), FORM],
  ['JSON body null', 'null', JSON_TYPE],
  ['form payload=5', form('5'), FORM],
  ['form payload="text"', form('"text"'), FORM],
  ['form payload=[]', form('[]'), FORM],
  ['form payload=true', form('true'), FORM],
  ['JSON body []', '[]', JSON_TYPE],
  ['JSON body "text"', '"text"', JSON_TYPE],
  ['JSON body 0', '0', JSON_TYPE],
  ['JSON body {}', '{}', JSON_TYPE],
  ['not JSON at all', '{"type":', JSON_TYPE],
  ['empty form', '', FORM],
  ['form payload that is not JSON', form('{nope'), FORM],
  ['block_actions without actions', form('{"type":"block_actions","user":{"id":"U1"}}'), FORM],
  ['block_actions with actions null', form('{"type":"block_actions","actions":null,"user":null}'), FORM],
  ['view_submission with view null', form('{"type":"view_submission","view":null,"user":{"id":"U1"}}'), FORM],
  ['view_closed with a view of the wrong shape', form('{"type":"view_closed","view":[1,2]}'), FORM],
  ['event_callback with event null', '{"type":"event_callback","event":null}', JSON_TYPE],
  ['event_callback with event 5', '{"type":"event_callback","event":5,"team_id":null}', JSON_TYPE],
  ['block_suggestion without a value', form('{"type":"block_suggestion","action_id":"x"}'), FORM],
  ['slash command without a command', 'text=help&user_id=U1', FORM],
  ['slash command with an array of commands', 'command=%2Finterview&command=x&text=help', FORM],
  ['a request of no known type', '{"type":"no_such_thing"}', JSON_TYPE],
];

describe('malformed signed requests', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['form payload=null', form('null'), FORM],
    ['JSON body null', 'null', JSON_TYPE],
  ])('a signed %s is refused with 400', async (_name, body, contentType) => {
    const res = await t.sender.send(body, { contentType });
    expect(res.status).toBe(400);
  });

  it('answers every malformed body without a server error, and keeps serving', async () => {
    for (const [name, body, contentType] of MALFORMED) {
      const res = await t.sender.send(body, { contentType });
      expect(res.status, name).toBeLessThan(500);
    }
    const health = await fetch(`${t.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    const help = await t.sender.slashCommand({ userId: 'U0ADA', text: 'help' });
    expect(JSON.stringify(help.json)).toContain('How to use /interview');
  });

  it('still checks the signature first: an unsigned null body is 401', async () => {
    const res = await t.sender.send('null', { contentType: JSON_TYPE, signature: 'v0=forged' });
    expect(res.status).toBe(401);
  });
});

describe('the server process', () => {
  it('survives signed null payloads and malformed bodies, and goes on answering', async () => {
    const slack = await FakeSlack.start();
    const database = await freshDatabase();
    const port = await freePort();
    const app = startEntry({
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: 's3cret',
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
      ...database.env,
    });
    let exited = false;
    app.child.once('exit', () => {
      exited = true;
    });
    const sender = new SlackSender({ baseUrl: `http://127.0.0.1:${port}`, signingSecret: 's3cret' });
    try {
      for (let i = 0; i < 150; i++) {
        const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      for (const [name, body, contentType] of MALFORMED) {
        const res = await sender.send(body, { contentType });
        expect(res.status, name).toBeLessThan(500);
      }
      await new Promise((r) => setTimeout(r, 300));
      expect(exited, app.output()).toBe(false);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      const help = await sender.slashCommand({ userId: 'U0ADA', text: 'help' });
      expect(JSON.stringify(help.json)).toContain('How to use /interview');
    } finally {
      if (!exited) {
        app.child.kill('SIGTERM');
        await new Promise((r) => app.child.once('exit', r));
      }
      await slack.close();
      await database.drop();
    }
  });
});
