import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { allText } from '../support/flows.js';
import { SIGNING_SECRET, startTestApp, type TestApp } from '../support/harness.js';
import { signBody } from '../support/slack-requests.js';

interface Message {
  response_type?: string;
  text?: string;
  blocks?: { type: string; text?: { text: string } }[];
}

const textOf = (message: Message) =>
  [message.text ?? '', ...(message.blocks ?? []).map((b) => b.text?.text ?? '')].join('\n');

describe('the running app over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers /interview help with the usage, only to the requester', async () => {
    const res = await t.sender.slashCommand({ userId: 'U0ADA', text: 'help' });
    expect(res.status).toBe(200);
    const message = res.json as Message;
    expect(message.response_type).toBe('ephemeral');
    const text = textOf(message);
    for (const sub of [
      'questions',
      'schedule',
      'upcoming',
      'scorecard',
      'status',
      'cancel',
      'reschedule',
      'bank',
      'forget',
    ]) {
      expect(text).toContain(`/interview ${sub}`);
    }
  });

  it('answers an empty /interview with the usage too', async () => {
    const res = await t.sender.slashCommand({ userId: 'U0ADA', text: '' });
    expect(textOf(res.json as Message)).toContain('How to use /interview');
  });

  it('answers a misspelt subcommand with the closest one and the usage', async () => {
    const res = await t.sender.slashCommand({ userId: 'U0ADA', text: 'questoins senior technical 45m' });
    const message = res.json as Message;
    expect(message.response_type).toBe('ephemeral');
    expect(textOf(message)).toContain('Did you mean `/interview questions`?');
    expect(textOf(message)).toContain('How to use /interview');
  });

  it('builds an ad hoc kit: each question with what to listen for and its minutes, within the time', async () => {
    const res = await t.sender.slashCommand({ userId: 'U0ADA', text: 'questions senior technical 45m' });
    expect(res.status).toBe(200);
    const message = res.json as Message;
    expect(message.response_type).toBe('ephemeral');
    const text = textOf(message);
    expect(text).toContain('45-minute senior technical interview');
    const questions = (message.blocks ?? []).filter((b) => /^\*\d+\. /.test(b.text?.text ?? ''));
    expect(questions.length).toBeGreaterThanOrEqual(3);
    let total = 0;
    for (const block of questions) {
      const body = block.text?.text ?? '';
      expect(body).toContain('*Listen for:*');
      const minutes = / (\d+) min · /.exec(body);
      expect(minutes).not.toBeNull();
      total += Number(minutes?.[1]);
    }
    expect(total).toBeLessThanOrEqual(35);
    expect(total).toBeGreaterThanOrEqual(26);
    const all = allText(message);
    expect(all).toContain('*Tips*');
    expect(all).toContain('Guidance and rubric');
  });

  it('answers the same ad hoc request with the same kit, and leaves out a question retired meanwhile', async () => {
    const ask = async () =>
      textOf(
        (await t.sender.slashCommand({ userId: 'U0GRACE', text: 'questions mid behavioral 30m' })).json as Message,
      );
    const first = await ask();
    expect(await ask()).toBe(first);
    // Another process (a bank import, an admin with a SQL client) retires every question of that kit.
    const other = await openDatabase(t.database.target);
    const shown = (await other.db.selectFrom('questions').select(['id', 'text']).execute()).filter((q) =>
      first.includes(q.text),
    );
    expect(shown.length).toBeGreaterThanOrEqual(2);
    await other.db
      .updateTable('questions')
      .set({ active: 0 })
      .where(
        'id',
        'in',
        shown.map((q) => q.id),
      )
      .execute();
    await other.close();
    await new Promise((resolve) => setTimeout(resolve, 300)); // another process's change shows within 250 ms
    const after = await ask();
    expect(after).toContain('30-minute mid-level behavioral interview');
    for (const q of shown) expect(after).not.toContain(q.text);
    expect(after).toMatch(/\*1\. /);
  });

  it('acknowledges a click on a button it has no use for (a link button) at once, doing nothing', async () => {
    const before = t.slack.calls.length;
    const res = await t.sender.blockAction({ userId: 'U0ADA', actionId: 'open_handbook_link', value: 'x' });
    expect(res.status).toBe(200);
    expect(t.slack.calls.length).toBe(before);
  });

  it('splits the largest ad hoc kit into messages Slack accepts', async () => {
    const res = await t.sender.slashCommand({ userId: 'U0ADA', text: 'questions lead mixed 4h 8 panelists' });
    const first = res.json as Message;
    expect((first.blocks ?? []).length).toBeLessThanOrEqual(50);
    const parts = /\(part 1 of (\d+)\)/.exec(first.text ?? '');
    expect(parts).not.toBeNull();
    const followUps = await t.slack.waitForCalls('response_url', Number(parts?.[1]) - 1);
    for (const call of followUps) expect(call.failed).toBe(false);
    const panelistsShown = [first, ...followUps.map((c) => c.args as Message)]
      .map(textOf)
      .join('\n')
      .match(/\*Panelist \d\*/g);
    expect(new Set(panelistsShown).size).toBe(8);
  });

  it('explains a bad ad hoc request instead of guessing', async () => {
    const res = await t.sender.slashCommand({ userId: 'U0ADA', text: 'questions senior technical 45m banana' });
    expect(textOf(res.json as Message)).toContain('I didn\'t understand "banana"');
  });

  it('refuses a forged signature with 401 and does nothing', async () => {
    const before = t.slack.calls.length;
    const res = await t.sender.slashCommand({ userId: 'U0ADA', text: 'help', signature: 'v0=deadbeef' });
    expect(res.status).toBe(401);
    expect(res.body).not.toContain('How to use');
    expect(t.slack.calls.length).toBe(before);
  });

  it('refuses a request signed 10 minutes ago with 401', async () => {
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    const res = await t.sender.slashCommand({ userId: 'U0ADA', text: 'help', timestamp: tenMinutesAgo });
    expect(res.status).toBe(401);
  });

  it('accepts a correctly signed raw form post (the signature covers the exact body)', async () => {
    const body =
      'command=%2Finterview&text=help&user_id=U0ADA&channel_id=D0ADA&team_id=T0001&response_url=http%3A%2F%2F127.0.0.1%3A9%2Fx&trigger_id=1.2.3';
    const res = await fetch(`${t.baseUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signBody(SIGNING_SECRET, body) },
      body,
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('How to use /interview');
  });

  it("answers Slack's SSL check unsigned, and nothing smuggled in it runs", async () => {
    const before = t.slack.calls.length;
    const res = await t.sender.send('ssl_check=1&token=x&command=%2Finterview&text=help&user_id=U0ADA', {
      contentType: 'application/x-www-form-urlencoded',
      signature: 'v0=unsigned',
    });
    expect(res.status).toBe(200);
    expect(res.body).not.toContain('How to use');
    expect(t.slack.calls.length).toBe(before);
  });

  it("answers Slack's URL verification with its challenge, only when signed", async () => {
    const body = JSON.stringify({ type: 'url_verification', token: 'x', challenge: 'c-1234' });
    const res = await t.sender.send(body, { contentType: 'application/json' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ challenge: 'c-1234' });
    const forged = await t.sender.send(body, { contentType: 'application/json', signature: 'v0=forged' });
    expect(forged.status).toBe(401);
  });

  it('reports health as JSON after checking the database', async () => {
    const res = await fetch(`${t.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const body = (await res.json()) as { status: string; database: string; questions: number };
    expect(body).toMatchObject({ status: 'ok', database: 'ok' });
    expect(body.questions).toBeGreaterThan(100);
  });

  it('reports an unhealthy database with 503', async () => {
    const other = await startTestApp();
    try {
      await other.loseDatabase();
      const res = await fetch(`${other.baseUrl}/healthz`);
      expect(res.status).toBe(503);
      expect(((await res.json()) as { status: string }).status).toBe('error');
    } finally {
      await other.close().catch(() => undefined);
    }
  });
});
