// HTTP under concurrent load (autocannon): the real app (src/main.ts as a child process, fake Slack Web API on
// loopback) against a bare Bolt app on the same receiver whose handlers only ack. Also the app's memory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import type { SelectQueryBuilder } from 'kysely';
import { type DatabaseTarget, openDatabase } from '../src/db/database.js';
import type { Database } from '../src/db/schema.js';
import type { FakeSlack } from '../tests/support/fake-slack.js';
import { CHANNEL } from '../tests/support/flows.js';
import { type Child, cpuMicros, freePort, memoryOf, spawnTs, waitHealthy } from './child.js';
import {
  BOT_TOKEN,
  COMMAND_TEXT,
  commandBody,
  newSender,
  openScorecards,
  type Scorecard,
  SIGNING_SECRET,
  scheduleInterviews,
  seedWorkspace,
  signedHeaders,
  submissionBody,
} from './http-setup.js';
import { add, log, mb, ratio } from './report.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/**
 * The measured time of each server is split into rounds that alternate between them (bare, app, app, bare): a
 * slower spell of this shared machine then weighs on both alike instead of on whichever ran during it.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const WARMUP_SECONDS = 4;
const RSS_TARGET = 150 * 1024 * 1024;
/** Which HTTP scenarios run (all by default): `command`, `distinct`, `repeated`. */
const SCENARIOS = new Set((process.env.BENCH_HTTP ?? 'command,distinct,repeated').split(','));

interface Scenario {
  name: string;
  requests: () => autocannon.Request[];
}

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  total: number;
  bad: number;
  /** CPU time of the server process during the run, in µs (all its threads: GC, SQLite, libuv). */
  cpu: number;
  /** `cpu` per answered request. */
  cpuPerRequest: number;
}

async function load(url: string, pid: number, scenario: Scenario, seconds: number): Promise<Measured> {
  const cpuBefore = cpuMicros(pid);
  const result = await autocannon({
    url: `${url}/slack/events`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: scenario.requests(),
    timeout: 10,
  });
  const bad = result.non2xx + result.errors + result.timeouts;
  const cpu = cpuMicros(pid) - cpuBefore;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    bad,
    cpu,
    cpuPerRequest: cpu / Math.max(1, result.requests.total),
  };
}

/** Rounds of equal length as one run: mean req/s and latencies, summed requests, errors and CPU. */
function combine(rounds: Measured[]): Measured {
  const mean = (pick: (m: Measured) => number) => rounds.reduce((sum, m) => sum + pick(m), 0) / rounds.length;
  const sum = (pick: (m: Measured) => number) => rounds.reduce((total, m) => total + pick(m), 0);
  const total = sum((m) => m.total);
  const cpu = sum((m) => m.cpu);
  return {
    rps: mean((m) => m.rps),
    p50: mean((m) => m.p50),
    p99: mean((m) => m.p99),
    total,
    bad: sum((m) => m.bad),
    cpu,
    cpuPerRequest: cpu / Math.max(1, total),
  };
}

const describe = (m: Measured) =>
  `${Math.round(m.rps)} req/s · p50 ${m.p50} ms · p99 ${m.p99} ms · ${Math.round(m.cpuPerRequest)} µs CPU/req${m.bad ? ` · ${m.bad} errors/non-2xx` : ''}`;

function compare(section: string, name: string, bare: Measured, app: Measured, targets: boolean): void {
  add({ section, metric: `${name}: bare Bolt ack`, value: describe(bare) });
  add({ section, metric: `${name}: app`, value: describe(app) });
  const latency = app.p99 / bare.p99;
  const throughput = app.rps / bare.rps;
  add({
    section,
    metric: `${name}: app/bare p99`,
    value: ratio(latency),
    ...(targets ? { target: '<= 1.5x', pass: latency <= 1.5 && app.bad === 0 } : {}),
  });
  add({
    section,
    metric: `${name}: app/bare throughput`,
    value: ratio(throughput),
    ...(targets ? { target: '>= 0.67x', pass: throughput >= 0.67 && app.bad === 0 } : {}),
  });
}

const fixed = (body: string): autocannon.Request[] => [
  { method: 'POST', path: '/slack/events', body, headers: signedHeaders(body) },
];

/** Every request a new submission (new view id and hash), round robin over the panelists' open modals. */
function distinctSubmissions(cards: Scorecard[], tag: string): autocannon.Request[] {
  let seq = 0;
  return [
    {
      method: 'POST',
      path: '/slack/events',
      setupRequest: (req) => {
        const card = cards[seq % cards.length];
        seq++;
        if (!card) return req;
        const body = submissionBody(card, `V${tag}${seq.toString(36).toUpperCase()}`, `${Date.now()}.${tag}${seq}`);
        return { ...req, body, headers: signedHeaders(body) };
      },
    },
  ];
}

type Target = { url: string; pid: number };

async function measure(
  targets: { bare: Target; app: Target },
  scenario: Scenario,
  which: ('bare' | 'app')[],
  key: string,
) {
  const out: Partial<Record<'bare' | 'app', Measured>> = {};
  if (!SCENARIOS.has(key)) return out;
  const run = (target: 'bare' | 'app', seconds: number) =>
    load(targets[target].url, targets[target].pid, scenario, seconds);
  for (const target of which) await run(target, WARMUP_SECONDS);
  const rounds = new Map(which.map((target) => [target, [] as Measured[]]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const target of round % 2 === 0 ? which : [...which].reverse()) {
      const measured = await run(target, SECONDS / ROUNDS);
      rounds.get(target)?.push(measured);
      log(`${scenario.name} ${target}, round ${round + 1}: ${describe(measured)}`);
    }
  }
  for (const [target, measured] of rounds) {
    out[target] = combine(measured);
    log(`${scenario.name} ${target}: ${describe(out[target])} (${out[target].total} requests)`);
  }
  return out;
}

async function savedCounts(target: DatabaseTarget): Promise<{ revisions: number; pending: number }> {
  const handle = await openDatabase(target);
  try {
    const count = async (query: SelectQueryBuilder<Database, keyof Database, object>) =>
      Number((await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    return {
      revisions: await count(handle.db.selectFrom('scorecard_revisions')),
      pending: await count(handle.db.selectFrom('outbox').where('status', 'in', ['pending', 'sending'])),
    };
  } finally {
    await handle.close();
  }
}

/**
 * The HTTP section on one database: SQLite (a new file), or PostgreSQL (`postgresUrl`, a new database there). On
 * PostgreSQL the rows have no targets (the targets are SQLite's); the ratios are the same ones.
 */
export async function benchHttp(slack: FakeSlack, postgresUrl?: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'interview-assistant-bench-http-'));
  const target: DatabaseTarget = { path: join(dir, 'app.sqlite'), url: postgresUrl ?? null };
  const section = postgresUrl ? 'HTTP · PostgreSQL' : 'HTTP';
  const postgres = postgresUrl !== undefined;
  const [appPort, barePort] = [await freePort(), await freePort()];
  const env = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl };
  const children: Child[] = [];
  try {
    seedWorkspace(slack);
    const app = spawnTs('dist/src/main.js', {
      ...env,
      PORT: String(appPort),
      DATABASE_PATH: target.path,
      ...(target.url ? { DATABASE_URL: target.url } : {}),
      LOG_LEVEL: 'warn',
      DEFAULT_DECISION_CHANNEL: CHANNEL,
    });
    children.push(app);
    const appUrl = `http://127.0.0.1:${appPort}`;
    await waitHealthy(`${appUrl}/healthz`, app);
    const sender = newSender(appUrl, slack);
    const interviews = await scheduleInterviews(slack, sender, 4);
    const cards = await openScorecards(slack, sender, interviews);
    await new Promise((r) => setTimeout(r, 1_000));
    const idle = memoryOf(app.pid);
    log(
      `setup: interviews ${interviews.join(', ')}, ${cards.length} open scorecards; idle ${mb(idle.rss)} (peak ${mb(idle.peak)})`,
    );

    const bare = spawnTs('bench/bare-bolt.ts', { ...env, PORT: String(barePort) });
    children.push(bare);
    const bareUrl = `http://127.0.0.1:${barePort}`;
    await waitHealthy(`${bareUrl}/healthz`, bare);
    const targets = { bare: { url: bareUrl, pid: bare.pid }, app: { url: appUrl, pid: app.pid } };

    const command: Scenario = {
      name: `/interview ${COMMAND_TEXT}`,
      requests: () => fixed(commandBody(COMMAND_TEXT, slack.responseUrl('bench'))),
    };
    const first = cards[0];
    if (!first) throw new Error('no scorecard modal was opened');
    let round = 0;
    const distinct: Scenario = {
      name: 'scorecard view_submission (distinct view ids: every request saved)',
      requests: () => distinctSubmissions(cards, `R${++round}X`),
    };
    const repeated: Scenario = {
      name: 'scorecard view_submission (one body repeated: deduplicated after the first)',
      requests: () => fixed(submissionBody(first, first.view.id, `${Date.now()}.repeat`)),
    };
    const c = await measure(targets, command, ['bare', 'app'], 'command');
    const before = await savedCounts(target);
    const d = await measure(targets, distinct, ['bare', 'app'], 'distinct');
    const after = await savedCounts(target);
    const r = await measure(targets, repeated, ['app'], 'repeated');
    const loaded = memoryOf(app.pid);
    if (c.bare && c.app) compare(section, 'slash command', c.bare, c.app, !postgres);
    if (d.bare && d.app) compare(section, 'scorecard submit (distinct)', d.bare, d.app, !postgres);
    if (d.bare && r.app) compare(section, 'scorecard submit (repeated, dedup path)', d.bare, r.app, false);
    const final = await savedCounts(target);
    log(
      `saved revisions ${before.revisions} → ${after.revisions} → ${final.revisions}; outbox pending ${final.pending}`,
    );
    add({
      section,
      metric: 'scorecard submissions saved (distinct run incl. warm-up) · outbox backlog after',
      value: `${after.revisions - before.revisions} revisions · ${final.pending} pending`,
    });
    if (postgres) return; // memory is measured once, on SQLite (the app's own process either way)
    add({
      section: 'Memory',
      metric: 'app RSS idle after start + setup (VmRSS / VmHWM)',
      value: `${mb(idle.rss)} / ${mb(idle.peak)}`,
    });
    add({
      section: 'Memory',
      metric: 'app peak RSS under load (VmHWM after all HTTP runs)',
      value: mb(loaded.peak),
      target: '< 150 MB',
      pass: loaded.peak < RSS_TARGET,
    });
  } finally {
    for (const child of children) await child.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
