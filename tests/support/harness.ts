// Starts the real app over HTTP against the Web API stand-in and a fresh, migrated database (SQLite, or PostgreSQL
// in the postgres test project).
import { type RunningApp, type StartOptions, startApp } from '../../src/app.js';
import type { Clock } from '../../src/clock.js';
import { type Config, parseConfig } from '../../src/config.js';
import type { DbHandle } from '../../src/db/database.js';
import type { DueCounts } from '../../src/jobs/due-work.js';
import { createLogger } from '../../src/logger.js';
import { prepareDatabase } from '../../src/services/bootstrap.js';
import { freshDatabase, type TestDatabase } from './database.js';
import { FakeSlack } from './fake-slack.js';
import { SlackSender } from './slack-requests.js';

export const SIGNING_SECRET = 'test-signing-secret';

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  constructor(private current: Date = new Date()) {}
  now(): Date {
    return new Date(this.current);
  }
  set(date: Date): void {
    this.current = new Date(date);
  }
  advanceMinutes(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}

export interface TestApp {
  slack: FakeSlack;
  sender: SlackSender;
  handle: DbHandle;
  config: Config;
  clock: TestClock;
  baseUrl: string;
  logs: string[];
  /** The database it runs on (a second connection to it stands for another process). */
  database: TestDatabase;
  /** Takes the database away under the running app: the SQLite connection closes, the PostgreSQL database goes. */
  loseDatabase: () => Promise<void>;
  /** Runs the due-work check with the test clock, then waits for the outbox to deliver (settle: false, not). */
  runDueWork: (options?: { settle?: boolean }) => Promise<DueCounts>;
  /** One delivery round of the outbox now (as its timers would start it). */
  deliver: () => Promise<void>;
  /** The insight ledger's background round now (as its timer would start it). */
  refreshInsight: () => Promise<void>;
  close: () => Promise<void>;
}

export async function startTestApp(
  options: {
    env?: Record<string, string>;
    clock?: TestClock;
    slack?: FakeSlack;
    outboxPaceMs?: number;
    outbox?: StartOptions['outbox'];
  } = {},
): Promise<TestApp> {
  const slack = options.slack ?? (await FakeSlack.start());
  const database = await freshDatabase();
  const parsed = parseConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    ...database.env,
    LOG_LEVEL: 'warn',
    ...options.env,
  });
  if (!parsed.ok) throw new Error(parsed.message);
  const config = parsed.config;
  const clock = options.clock ?? new TestClock();
  const logs: string[] = [];
  // As the server runs it: WAL checkpoints in a worker thread.
  const { handle } = await prepareDatabase({ path: config.databasePath, url: config.databaseUrl }, clock.now(), {
    backgroundCheckpoints: true,
  });
  let running: RunningApp;
  try {
    running = await startApp(
      config,
      handle,
      clock,
      createLogger(config.logLevel, (line) => logs.push(line)),
      {
        // Pacing is tested on its own; elsewhere it would only slow the suite down.
        outboxPaceMs: options.outboxPaceMs ?? 0,
        ...(options.outbox ? { outbox: options.outbox } : {}),
      },
    );
  } catch (error) {
    await handle.close();
    await database.drop();
    await slack.close();
    throw error;
  }
  const baseUrl = `http://127.0.0.1:${running.port}`;
  const sender = new SlackSender({
    baseUrl,
    signingSecret: SIGNING_SECRET,
    responseUrl: (id) => slack.responseUrl(id),
  });
  return {
    slack,
    sender,
    handle,
    config,
    clock,
    baseUrl,
    logs,
    database,
    loseDatabase: async () => {
      if (database.target.url) await database.drop();
      else await handle.close();
    },
    deliver: () => running.deliver(),
    refreshInsight: () => running.refreshInsight(),
    runDueWork: async ({ settle = true } = {}) => {
      const counts = await running.runDueWork();
      if (!settle) return counts;
      // A round the due work kicked may hold some messages: wait until nothing is queued or being sent.
      for (let i = 0; i < 400; i++) {
        await running.deliver();
        const busy = await handle.db
          .selectFrom('outbox')
          .select('id')
          .where('status', 'in', ['pending', 'sending'])
          .executeTakeFirst();
        if (!busy) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return counts;
    },
    close: async () => {
      await running.stop();
      await handle.close().catch(() => undefined);
      await database.drop();
      await slack.close();
    },
  };
}
