import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DbHandle, migrateToLatest, openDatabase } from '../../src/db/client.js';
import { enqueue } from '../../src/db/repositories/outbox.js';
import { OutboxWorker } from '../../src/jobs/outbox-worker.js';
import { createLogger } from '../../src/logger.js';
import { FakeSlack } from '../support/fake-slack.js';

describe('the outbox worker', () => {
  let slack: FakeSlack;
  let handle: DbHandle;
  const logs: string[] = [];

  const worker = (options: { paceMs?: number } = {}) =>
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
      paceMs: options.paceMs ?? 0,
      baseBackoffMs: 10,
    });

  const post = (channel: string, text: string, extra: Record<string, unknown> = {}) =>
    enqueue(handle.db, { method: 'chat.postMessage', channel, payload: { channel, text, ...extra } }, new Date());

  beforeEach(async () => {
    slack = await FakeSlack.start();
    slack.addChannel({ id: 'C1', name: 'one' });
    slack.addChannel({ id: 'C2', name: 'two' });
    handle = openDatabase(join(mkdtempSync(join(tmpdir(), 'outbox-')), 'db.sqlite'));
    await migrateToLatest(handle.db);
    logs.length = 0;
  });
  afterEach(async () => {
    await handle.close();
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
});
