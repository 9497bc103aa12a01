// Start time: from spawning the app to the first healthy GET /healthz (polled every 5 ms), for the equivalent
// node command (`node --import tsx src/main.ts`) and for `npm start` itself.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakeSlack } from '../tests/support/fake-slack.js';
import { freePort, ROOT } from './child.js';
import { BOT_TOKEN, SIGNING_SECRET } from './http-setup.js';
import { add, log, quantile } from './report.js';

const RUNS = 3;
const TARGET_MS = 1_500;

interface Started {
  ms: number;
  child: ChildProcess;
}

async function startOnce(command: string, args: string[], env: Record<string, string>, port: number): Promise<Started> {
  const started = performance.now();
  // Its own process group, so `npm start` (npm → sh → tsx → node) can be stopped as a whole.
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-8_192);
  });
  const deadline = started + 20_000;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${command} exited (${child.exitCode}): ${stderr}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1_000) });
      await res.arrayBuffer();
      if (res.status === 200) return { ms: performance.now() - started, child };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  await stopGroup(child);
  throw new Error(`${command} ${args.join(' ')}: not healthy after 20 s: ${stderr}`);
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(-child.pid, 'SIGTERM');
  const timer = setTimeout(() => {
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
  }, 5_000);
  await exited;
  clearTimeout(timer);
}

async function series(
  name: string,
  command: string,
  args: string[],
  env: Record<string, string>,
  port: number,
  runs: number,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { ms, child } = await startOnce(command, args, env, port);
    await stopGroup(child);
    times.push(ms);
  }
  log(`${name}: ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
  return times;
}

export async function benchStart(slack: FakeSlack): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'interview-assistant-bench-start-'));
  try {
    const port = await freePort();
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
      DATABASE_PATH: join(dir, 'start.sqlite'),
      LOG_LEVEL: 'warn',
    };
    const nodeArgs = [join(ROOT, 'dist', 'src', 'main.js')];
    const [first = Number.NaN] = await series('first start (new database)', process.execPath, nodeArgs, env, port, 1);
    const node = await series('node dist/src/main.js', process.execPath, nodeArgs, env, port, RUNS);
    const npm = await series('npm start', 'npm', ['start', '--silent'], env, port, RUNS);
    add({
      section: 'Start',
      metric: 'first start, new database (migrate + load bank), node dist/src/main.js',
      value: `${first.toFixed(0)} ms`,
    });
    for (const [label, times] of [
      [`node dist/src/main.js → healthy /healthz (median of ${RUNS})`, node],
      [`npm start → healthy /healthz (median of ${RUNS})`, npm],
    ] as const) {
      const median = quantile(times, 0.5);
      add({
        section: 'Start',
        metric: label,
        value: `${median.toFixed(0)} ms`,
        target: `< ${TARGET_MS} ms`,
        pass: median < TARGET_MS,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
