import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type Logger, SocketModeReceiver } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import { type DbHandle, transact, waitOffThread } from './db/database.js';
import { type DueCounts, DueWorkRunner } from './jobs/due-work.js';
import { InsightLedgerRunner } from './jobs/insight-ledger.js';
import { OutboxWorker, type OutboxWorkerOptions } from './jobs/outbox-worker.js';
import { tellLeadChannelBlocked } from './services/channel-access.js';
import { checkHealth } from './services/health.js';
import { threadPosted } from './services/thread-posted.js';
import type { Deps } from './slack/deps.js';
import { serveSlackEndpoint } from './slack/http-endpoint.js';
import * as decideAction from './slack/listeners/actions/decide.js';
import * as forgetAction from './slack/listeners/actions/forget.js';
import * as fullScorecardsAction from './slack/listeners/actions/full-scorecards.js';
import * as kitGuidanceAction from './slack/listeners/actions/kit-guidance.js';
import * as openKitAction from './slack/listeners/actions/open-kit.js';
import * as openScorecardAction from './slack/listeners/actions/open-scorecard.js';
import * as participationAction from './slack/listeners/actions/participation.js';
import * as scorecardPageAction from './slack/listeners/actions/scorecard-page.js';
import * as summaryForLeadAction from './slack/listeners/actions/summary-for-lead.js';
import * as swapQuestionAction from './slack/listeners/actions/swap-question.js';
import * as interviewCommand from './slack/listeners/commands/interview.js';
import * as appHomeOpened from './slack/listeners/events/app-home-opened.js';
import * as scheduleRoleOptions from './slack/listeners/options/schedule-role.js';
import * as bankAddView from './slack/listeners/views/bank-add.js';
import * as decisionView from './slack/listeners/views/decision.js';
import * as scheduleView from './slack/listeners/views/schedule.js';
import * as scorecardView from './slack/listeners/views/scorecard.js';
import * as retries from './slack/middleware/retries.js';
import { createRenderers } from './slack/renderers.js';
import { ListenerRouter } from './slack/router.js';

export interface RunningApp {
  app: App;
  /** The HTTP port actually listened on (health checks; Slack events in HTTP mode). */
  port: number;
  stop: () => Promise<void>;
  /** Runs the due-work check now (it also runs every JOBS_POLL_SECONDS). */
  runDueWork: () => Promise<DueCounts>;
  /** Delivers what the outbox holds now. */
  deliver: () => Promise<void>;
  /** Brings the insight ledger up to date now (it also runs every JOBS_POLL_SECONDS). */
  refreshInsight: () => Promise<void>;
}

/** 1 MB: more than any real Slack payload; larger bodies are refused with 413. */
const BODY_LIMIT = 1024 * 1024;

function healthRoute(handle: DbHandle, outbox: () => OutboxWorker | null) {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: (_req: IncomingMessage, res: ServerResponse) => {
      void checkHealth(handle, outbox()?.health() ?? null)
        .then(({ httpStatus, body }) => {
          res.writeHead(httpStatus, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        })
        .catch(() => {
          res.writeHead(503, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ status: 'error' }));
        });
    },
  };
}

/** Wiring only: receiver → Bolt app → listeners. The database is already migrated. */
export interface StartOptions {
  /** Pause between two messages to one channel (Slack allows about one a second). */
  outboxPaceMs?: number;
  /** Clocks, retry times and limits of the outbox worker (tests move them). */
  outbox?: Partial<
    Pick<
      OutboxWorkerOptions,
      | 'wallClock'
      | 'monotonic'
      | 'authCheckMs'
      | 'blockedRetryMs'
      | 'baseBackoffMs'
      | 'maxAttempts'
      | 'concurrency'
      | 'claimMs'
    >
  >;
}

/** Slack answers a Web API call within 30 s, even a slow one. */
export const OUTBOX_TIMEOUT_MS = 40_000;

export async function startApp(
  config: Config,
  handle: DbHandle,
  clock: Clock,
  logger: Logger,
  options: StartOptions = {},
): Promise<RunningApp> {
  // Serving Slack: a lock held by another process (a backup, an import) must not stop the event loop.
  waitOffThread(handle);
  const clientOptions = config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {};
  let outboxWorker: OutboxWorker | null = null;
  const health = healthRoute(handle, () => outboxWorker);
  const receiver =
    config.mode === 'socket' && config.slack.appToken
      ? new SocketModeReceiver({ appToken: config.slack.appToken, logger, installerOptions: { clientOptions } })
      : new HTTPReceiver({
          signingSecret: config.slack.signingSecret ?? '',
          endpoints: '/slack/events',
          customRoutes: [health],
          logger,
          bodyLimit: BODY_LIMIT,
        });
  // Listener calls (views.open, users.info) run against Slack's 3-second deadlines: retry once, quickly.
  const app = new App({
    token: config.slack.botToken,
    receiver,
    logger,
    // A rate-limited call fails at once (and says so) instead of waiting out Retry-After past the deadline.
    clientOptions: {
      ...clientOptions,
      timeout: 2500,
      retryConfig: { retries: 1, minTimeout: 200, maxTimeout: 500 },
      rejectRateLimitedCalls: true,
    },
    deferInitialization: true,
    // Not used: conversation state, and filtering the bot's own message events (the app listens to none).
    convoStore: false,
    ignoreSelf: false,
  });
  if (receiver instanceof HTTPReceiver) {
    serveSlackEndpoint(receiver, app, {
      path: '/slack/events',
      bodyLimit: BODY_LIMIT,
      signingSecret: config.slack.signingSecret ?? '',
      logger,
    });
  }
  // The outbox has its own client: it handles rate limits and retries itself, so none are hidden inside calls.
  const outboxClient = new WebClient(config.slack.botToken, {
    ...clientOptions,
    logger,
    // Slack answers within 30 s even when slow: a shorter time-out would post again what Slack already posted.
    // The worker renews its claim meanwhile, and other channels go on in the other slots.
    timeout: OUTBOX_TIMEOUT_MS,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
  const outbox = new OutboxWorker({
    db: handle.db,
    client: outboxClient,
    logger,
    renderers: createRenderers(config, clock),
    pollMs: config.jobsPollSeconds * 1000,
    ...(options.outboxPaceMs === undefined ? {} : { paceMs: options.outboxPaceMs }),
    // One instance at most: a claim found at start died with an earlier run. With several, another instance may be
    // sending it right now: a claim is released only once it expires.
    soleInstance: handle.singleInstance,
    ...(options.outbox ?? {}),
    onChannelBlocked: async (row, error) => {
      if (row.ref_type !== 'loop_parent') return;
      const told = await transact(handle.db, (trx) =>
        tellLeadChannelBlocked(trx, Number(row.ref_id), error, clock.now()),
      );
      if (told) outbox.kick();
    },
    onSent: async (row, _channel, ts) => {
      if (row.ref_type === 'loop_parent' && row.method === 'chat.postMessage' && ts) {
        await threadPosted(handle.db, Number(row.ref_id), ts, clock.now());
      }
    },
  });
  outboxWorker = outbox;
  const dueWork = new DueWorkRunner({
    db: handle.db,
    clock,
    logger,
    kitReminderMinutes: config.kitReminderMinutes,
    reminderAfterHours: config.reminderAfterHours,
    escalateAfterHours: config.escalateAfterHours,
    retentionDays: config.retentionDays,
    pollMs: config.jobsPollSeconds * 1000,
  });
  const insightLedger = new InsightLedgerRunner({
    db: handle.db,
    clock,
    logger,
    pollMs: config.jobsPollSeconds * 1000,
  });
  // Every commit of a use case wakes the outbox: what it queued is delivered without the listener asking.
  const unsubscribe = handle.onCommit(() => outbox.kick());
  const deps: Deps = { db: handle.db, config, clock, logger };
  // The retry check runs first; then one router finds the listener of each request.
  retries.register(app, deps);
  const router = new ListenerRouter();
  for (const listener of [
    interviewCommand,
    scheduleView,
    scheduleRoleOptions,
    bankAddView,
    scorecardView,
    swapQuestionAction,
    openKitAction,
    kitGuidanceAction,
    participationAction,
    openScorecardAction,
    scorecardPageAction,
    fullScorecardsAction,
    decideAction,
    decisionView,
    summaryForLeadAction,
    forgetAction,
    appHomeOpened,
  ]) {
    listener.register(router, deps);
  }
  router.install(app);
  app.error(async (error) => {
    logger.error('unhandled Slack app error', error);
  });

  await app.init();
  let port: number;
  let healthServer: Server | null = null;
  if (receiver instanceof HTTPReceiver) {
    const server = (await app.start(config.port)) as Server;
    port = (server.address() as AddressInfo).port;
  } else {
    // Socket Mode needs no public URL; /healthz gets a small server of its own on PORT.
    healthServer = createServer((req, res) => {
      if (req.method === 'GET' && req.url?.split('?')[0] === health.path) void health.handler(req, res);
      else {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: 'not_found' }));
      }
    });
    const listening = healthServer;
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(config.port, resolve);
    });
    port = (healthServer.address() as AddressInfo).port;
    await app.start();
  }
  outbox.start();
  dueWork.start();
  insightLedger.start();
  const stop = async () => {
    unsubscribe();
    await dueWork.stop();
    await insightLedger.stop();
    await outbox.stop();
    await app.stop();
    if (healthServer) await new Promise<void>((resolve) => healthServer?.close(() => resolve()));
  };
  return {
    app,
    port,
    stop,
    runDueWork: () => dueWork.tick(),
    deliver: () => outbox.drain(),
    refreshInsight: async () => {
      await insightLedger.tick();
    },
  };
}
