// The outbox under a burst: 20 interviews scheduled together owe about 120 messages to 100 channels (20 decision
// channels get a thread parent and a reply in its thread; 80 people a DM). Slack answers each call in 200 ms. The
// drain time is measured with the worker's default calls in flight and with one call at a time.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebClient } from '@slack/web-api';
import { migrateToLatest, openDatabase } from '../src/db/database.js';
import { enqueue } from '../src/db/repositories/outbox.js';
import { OutboxWorker } from '../src/jobs/outbox-worker.js';
import { createLogger } from '../src/logger.js';
import { FakeSlack } from '../tests/support/fake-slack.js';
import { add, log, ratio } from './report.js';

const INTERVIEWS = 20;
const PANEL = 3;
const LATENCY_MS = 200;

async function drainBurst(
  concurrency: number | undefined,
): Promise<{ ms: number; messages: number; channels: number }> {
  const slack = await FakeSlack.start();
  const handle = await openDatabase(join(mkdtempSync(join(tmpdir(), 'bench-outbox-')), 'db.sqlite'));
  try {
    await migrateToLatest(handle.db);
    const now = new Date();
    const channels = new Set<string>();
    let messages = 0;
    const post = async (channel: string, payload: Record<string, unknown>, ref?: { type: string; id: string }) => {
      channels.add(channel);
      messages += 1;
      await enqueue(
        handle.db,
        { method: 'chat.postMessage', channel, payload: { channel, ...payload }, ...(ref ? { ref } : {}) },
        now,
      );
    };
    for (let i = 0; i < INTERVIEWS; i++) {
      const channel = `C${String(i).padStart(8, '0')}`;
      slack.addChannel({ id: channel, name: `hiring-${i}`, isMember: true });
      const lead = `U${String(i).padStart(8, '0')}`;
      slack.addUser({ id: lead, name: `lead${i}` });
      await post(channel, { text: `Loop ${i}: scorecards 0/${PANEL}` }, { type: 'loop_parent', id: String(i) });
      await post(channel, { text: `Interview ${i} scheduled`, thread_ts: { $ts: `loop_parent:${i}` } });
      await post(lead, { text: `Interview ${i} is scheduled.` });
      for (let p = 0; p < PANEL; p++) {
        const panelist = `W${String(i * PANEL + p).padStart(8, '0')}`;
        slack.addUser({ id: panelist, name: `panelist${i}-${p}` });
        await post(panelist, { text: `Your questions for interview ${i}` });
      }
    }
    slack.latencyMs = LATENCY_MS;
    const worker = new OutboxWorker({
      db: handle.db,
      client: new WebClient(slack.token, {
        slackApiUrl: slack.apiUrl,
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
      }),
      logger: createLogger('error', () => undefined),
      renderers: {},
      pollMs: 60_000,
      // Slack's pace: about one message a second per channel, as the app runs.
      ...(concurrency === undefined ? {} : { concurrency }),
    });
    const started = performance.now();
    worker.start();
    await slack.waitForCalls('chat.postMessage', messages, () => true, { timeoutMs: 120_000 });
    const elapsed = performance.now() - started;
    await worker.stop();
    return { ms: elapsed, messages, channels: channels.size };
  } finally {
    await handle.close();
    await slack.close();
  }
}

export async function benchOutbox(): Promise<void> {
  log('outbox: a burst of 20 interviews against Slack answering in 200 ms');
  const parallel = await drainBurst(undefined);
  const serial = await drainBurst(1);
  const speedUp = serial.ms / parallel.ms;
  const what = `${parallel.messages} messages to ${parallel.channels} channels, ${LATENCY_MS} ms a call`;
  add({ section: 'Outbox', metric: `burst drain (${what})`, value: `${(parallel.ms / 1000).toFixed(2)} s` });
  add({ section: 'Outbox', metric: 'burst drain one call at a time', value: `${(serial.ms / 1000).toFixed(2)} s` });
  add({
    section: 'Outbox',
    metric: 'speed-up over one at a time',
    value: ratio(speedUp),
    target: '>= 8x',
    pass: speedUp >= 8,
  });
}
