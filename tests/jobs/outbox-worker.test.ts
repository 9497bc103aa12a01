import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DbHandle, migrateToLatest, openDatabase } from '../../src/db/database.js';
import { enqueue } from '../../src/db/repositories/outbox.js';
import { OutboxWorker, type OutboxWorkerOptions } from '../../src/jobs/outbox-worker.js';
import { createLogger } from '../../src/logger.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { FakeSlack } from '../support/fake-slack.js';

describe('the outbox worker', () => {
  let slack: FakeSlack;
  let handle: DbHandle;
  const logs: string[] = [];

  const worker = (options: Partial<OutboxWorkerOptions> = {}) =>
    new OutboxWorker({
      db: handle.db,
      client: new WebClient(slack.token, {
        slackApiUrl: slack.apiUrl,
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
      }),
      logger: createLogger('warn', (line) => logs.push(line)),
      renderers: { greeting: async (_db, params) => ({ text: `Hello ${String(params.who)}` }) },
      pollMs: 60_000,
      paceMs: 0,
      baseBackoffMs: 10,
      ...options,
    });

  const post = (channel: string, text: string, extra: Record<string, unknown> = {}) =>
    enqueue(handle.db, { method: 'chat.postMessage', channel, payload: { channel, text, ...extra } }, new Date());

  let database: TestDatabase;
  beforeEach(async () => {
    slack = await FakeSlack.start();
    slack.addChannel({ id: 'C1', name: 'one' });
    slack.addChannel({ id: 'C2', name: 'two' });
    database = await freshDatabase();
    handle = await openDatabase(database.target);
    await migrateToLatest(handle.db);
    logs.length = 0;
  });
  afterEach(async () => {
    await handle.close();
    await database.drop();
    await slack.close();
  });

  it('delivers in order per channel and records where each message landed', async () => {
    await post('C1', 'first');
    await post('C1', 'second');
    await post('C2', 'other');
    await worker().drain();
    expect(slack.messagesIn('C1').map((m) => m.text)).toEqual(['first', 'second']);
    expect(slack.messagesIn('C2').map((m) => m.text)).toEqual(['other']);
    const rows = await handle.db.selectFrom('outbox').select(['status', 'result_channel', 'result_ts']).execute();
    expect(rows.every((r) => r.status === 'sent' && r.result_channel && r.result_ts)).toBe(true);
  });

  it('honours 429 Retry-After: nothing is lost, nothing is sent twice', async () => {
    slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    await post('C1', 'patience');
    const w = worker();
    const started = Date.now();
    await w.drain();
    expect(slack.messagesIn('C1')).toHaveLength(0);
    const row = await handle.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
    expect(row.last_error).toBe('ratelimited');
    expect(Date.parse(row.next_attempt_at) - started).toBeGreaterThanOrEqual(900);
    await new Promise((r) => setTimeout(r, 1100));
    await w.drain();
    expect(slack.messagesIn('C1').map((m) => m.text)).toEqual(['patience']);
    expect(slack.deliveredTo('chat.postMessage')).toHaveLength(1);
  });

  it('keeps retrying through a Slack outage and delivers when it ends', async () => {
    slack.failNext('chat.postMessage', { status: 500 }, 4);
    await post('C1', 'survives');
    const w = worker();
    for (let i = 0; i < 30 && slack.messagesIn('C1').length === 0; i++) {
      await w.drain();
      await new Promise((r) => setTimeout(r, 60));
    }
    expect(slack.messagesIn('C1').map((m) => m.text)).toEqual(['survives']);
    expect(slack.callsTo('chat.postMessage').filter((c) => c.failed)).toHaveLength(4);
  });

  it('gives up on a message Slack refuses for good, logs it, and goes on with the next', async () => {
    await post('C404', 'nowhere');
    await post('C1', 'fine');
    await worker().drain();
    const rows = await handle.db
      .selectFrom('outbox')
      .select(['channel', 'status', 'last_error'])
      .orderBy('id')
      .execute();
    expect(rows[0]).toMatchObject({ status: 'failed', last_error: 'channel_not_found' });
    expect(rows[1]).toMatchObject({ status: 'sent' });
    expect(logs.join('\n')).toContain('channel_not_found');
  });

  it('fills in references to earlier messages and renders content at delivery', async () => {
    await enqueue(
      handle.db,
      {
        method: 'chat.postMessage',
        channel: 'C1',
        payload: { channel: 'C1', text: 'parent' },
        ref: { type: 'thread', id: '1' },
      },
      new Date(),
    );
    await post('C1', 'reply', { thread_ts: { $ts: 'thread:1' } });
    await enqueue(
      handle.db,
      {
        method: 'chat.update',
        channel: 'C1',
        payload: {
          channel: { $channel: 'thread:1' },
          ts: { $ts: 'thread:1' },
          $render: { name: 'greeting', who: 'panel' },
        },
      },
      new Date(),
    );
    await worker().drain();
    const [parent, reply] = slack.messagesIn('C1');
    expect(reply?.thread_ts).toBe(parent?.ts);
    expect(parent?.text).toBe('Hello panel');
    expect(parent?.edited).toBe(true);
  });

  it('a restarted worker delivers what an interrupted one left, exactly once', async () => {
    await post('C1', 'one');
    await post('C1', 'two');
    // A worker that claimed a message and died before Slack answered.
    await handle.db
      .updateTable('outbox')
      .set({ status: 'sending', claimed_until: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', 1)
      .execute();
    await worker().drain();
    expect(slack.messagesIn('C1').map((m) => m.text)).toEqual(['one', 'two']);
    await worker().drain();
    expect(slack.deliveredTo('chat.postMessage')).toHaveLength(2);
  });

  it('paces messages to one channel at about one a second', async () => {
    await post('C1', 'a');
    await post('C1', 'b');
    await post('C2', 'c');
    const w = worker({ paceMs: 1000 });
    w.start();
    await slack.waitForCalls('chat.postMessage', 3, () => true, { timeoutMs: 4000 });
    await w.stop();
    const [a, b] = slack.deliveredTo('chat.postMessage').filter((c) => c.args.channel === 'C1');
    const c = slack.deliveredTo('chat.postMessage').find((call) => call.args.channel === 'C2');
    expect((b?.at ?? 0) - (a?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect((c?.at ?? 0) - (a?.at ?? 0)).toBeLessThan(500);
  });

  it("paces each user's App Home like a channel: a second publish waits, another user's does not", async () => {
    const publish = (user: string, text: string) =>
      enqueue(
        handle.db,
        {
          method: 'views.publish',
          channel: null,
          payload: {
            user_id: user,
            view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] },
          },
        },
        new Date(),
      );
    slack.addUser({ id: 'U1' });
    slack.addUser({ id: 'U2' });
    await publish('U1', 'first');
    await publish('U1', 'second');
    await publish('U2', 'other');
    const w = worker({ paceMs: 1000 });
    w.start();
    await slack.waitForCalls('views.publish', 3, () => true, { timeoutMs: 4000 });
    await w.stop();
    const calls = slack.deliveredTo('views.publish');
    const [first, second] = calls.filter((c) => c.args.user_id === 'U1');
    const other = calls.find((c) => c.args.user_id === 'U2');
    expect(JSON.stringify(second?.args.view)).toContain('second');
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect((other?.at ?? 0) - (first?.at ?? 0)).toBeLessThan(500);
  });

  it('keeps each channel in order and paced across two workers on one database (two instances)', async () => {
    const pace = 300;
    const channels = ['C1', 'C2', 'C3'];
    slack.addChannel({ id: 'C3', name: 'three' });
    for (const n of [1, 2, 3, 4, 5, 6]) for (const id of channels) await post(id, `${id} #${n}`);
    // The second instance: its own connection (SQLite: another process's; PostgreSQL: another pool). Each worker's
    // calls carry its own team_id, so the stand-in tells them apart.
    const other = await openDatabase(database.target);
    const client = (teamId: string) =>
      new WebClient(slack.token, {
        slackApiUrl: slack.apiUrl,
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
        teamId,
      });
    const workers = [
      worker({ paceMs: pace, client: client('TA') }),
      worker({ paceMs: pace, client: client('TB'), db: other.db }),
    ];
    const [a, b] = workers;
    if (!a || !b) throw new Error('two workers');
    // Both look for work all the time, as two busy instances would.
    const kicks = setInterval(() => {
      for (const w of workers) w.kick();
    }, 10);
    try {
      // A rolling deploy: A delivers the first message of each channel and stops, B takes over, then A is back.
      a.start();
      await slack.waitForCalls('chat.postMessage', 3, () => true, { timeoutMs: 5_000 });
      await a.stop();
      b.start();
      await slack.waitForCalls('chat.postMessage', 9, () => true, { timeoutMs: 10_000 });
      a.start();
      await slack.waitForCalls('chat.postMessage', 18, () => true, { timeoutMs: 20_000 });
    } finally {
      clearInterval(kicks);
      await Promise.all(workers.map((w) => w.stop()));
      await other.close();
    }
    const posts = slack.deliveredTo('chat.postMessage');
    expect(posts).toHaveLength(18);
    let handovers = 0;
    for (const id of channels) {
      const calls = posts.filter((c) => c.args.channel === id);
      expect(calls.map((c) => c.args.text)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `${id} #${n}`));
      for (const [i, call] of calls.entries()) {
        const before = calls[i - 1];
        if (!before) continue;
        const gap = call.at - before.at;
        // From either instance: at least the pace after Slack answered the one before.
        if (call.args.team_id !== before.args.team_id) handovers += 1;
        expect(gap).toBeGreaterThanOrEqual(pace);
      }
    }
    expect(handovers).toBeGreaterThanOrEqual(channels.length);
  });

  it('delivers to several channels at once, one call at a time and in order within each channel', async () => {
    const channels = Array.from({ length: 12 }, (_, i) => `C${100 + i}`);
    for (const id of channels) slack.addChannel({ id, name: `ch${id}` });
    for (const n of [1, 2, 3]) for (const id of channels) await post(id, `${id} #${n}`);
    slack.latencyMs = 40;
    await worker({ concurrency: 8 }).drain();
    for (const id of channels)
      expect(slack.messagesIn(id).map((m) => m.text)).toEqual([1, 2, 3].map((n) => `${id} #${n}`));
    expect(slack.concurrency.max).toBeGreaterThan(1);
    expect(slack.concurrency.max).toBeLessThanOrEqual(8);
    expect(slack.concurrency.maxPerChannel).toBe(1);
  });

  it('a wall clock stepped back an hour does not hold up a retry', async () => {
    let offset = 0;
    slack.failNext('chat.postMessage', { status: 500 });
    await post('C1', 'after the step');
    // A backoff no delivery round outlasts, even on a loaded machine: the failed message waits for it.
    const w = worker({ wallClock: () => Date.now() + offset, baseBackoffMs: 300 });
    await w.drain();
    expect(slack.messagesIn('C1')).toHaveLength(0);
    offset = -3_600_000;
    await new Promise((r) => setTimeout(r, 500));
    await w.drain();
    expect(slack.messagesIn('C1').map((m) => m.text)).toEqual(['after the step']);
  });

  it('a claim left by a crash is released when the app starts again, not held for its full time', async () => {
    await post('C1', 'interrupted');
    await post('C1', 'behind it');
    // The previous run claimed the first message for a minute, then the process died.
    await handle.db
      .updateTable('outbox')
      .set({ status: 'sending', claimed_until: new Date(Date.now() + 60_000).toISOString() })
      .where('id', '=', 1)
      .execute();
    const w = worker({ soleInstance: true });
    w.start();
    await slack.waitForCalls('chat.postMessage', 2, () => true, { timeoutMs: 3000 });
    await w.stop();
    expect(slack.messagesIn('C1').map((m) => m.text)).toEqual(['interrupted', 'behind it']);
  });

  it('keeps renewing the claim of a call Slack is slow to answer, so no other worker posts it again', async () => {
    await post('C1', 'slow');
    slack.delayNext('chat.postMessage', 600);
    const first = worker({ claimMs: 300 });
    const second = worker({ claimMs: 300 });
    first.start();
    await slack.waitForCall('chat.postMessage');
    // While Slack is still answering, another instance looks for work twice over the claim's length.
    await second.drain();
    await new Promise((r) => setTimeout(r, 350));
    await second.drain();
    await first.stop();
    expect(slack.deliveredTo('chat.postMessage')).toHaveLength(1);
    expect(slack.messagesIn('C1').map((m) => m.text)).toEqual(['slow']);
  });
});
