// Child processes for the HTTP, memory and start benchmarks: spawn with tsx, wait for /healthz, read memory.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');

/** The node flags `npm start` uses (heap limits, WebAssembly tiers), so the benchmark runs the app the same way. */
export const START_FLAGS: string[] =
  (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start.match(
    /--[\w-]+(?:=\S+)?/g,
  ) ?? [];
const TSX = import.meta.resolve('tsx');

export interface Child {
  child: ChildProcess;
  pid: number;
  /** The last 64 KB of stdout and stderr, to explain a failure. */
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * `node <script>` (compiled JavaScript, as `npm start` runs the app) or `node --import tsx <script>` for a
 * TypeScript file, with only the given environment (plus PATH and HOME), like a deployment.
 */
export function spawnTs(script: string, env: Record<string, string>): Child {
  // BENCH_APP_ARGS / BENCH_BARE_ARGS: extra node flags for the compiled app / the TypeScript child (the bare Bolt
  // app), e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it.
  const flags = (value: string | undefined) => value?.split(' ').filter(Boolean) ?? [];
  // The compiled app gets npm start's flags (BENCH_NODE_OPTIONS replaces them) and BENCH_APP_ARGS.
  const startFlags = process.env.BENCH_NODE_OPTIONS === undefined ? START_FLAGS : flags(process.env.BENCH_NODE_OPTIONS);
  const args = script.endsWith('.js')
    ? [...startFlags, ...flags(process.env.BENCH_APP_ARGS), join(ROOT, script)]
    : [...flags(process.env.BENCH_BARE_ARGS), '--import', TSX, join(ROOT, script)];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-65_536);
    if (process.env.BENCH_CHILD_OUTPUT) appendFileSync(`${process.env.BENCH_CHILD_OUTPUT}.${child.pid}`, chunk);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  if (child.pid === undefined) throw new Error(`could not start ${script}`);
  const pid = child.pid;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  return { child, pid, output: () => output, stop };
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls GET url every 5 ms until it answers 200; returns the ms waited. Throws after timeoutMs or if the child exits. */
export async function waitHealthy(url: string, child: Child, timeoutMs = 20_000): Promise<number> {
  const started = performance.now();
  const deadline = started + timeoutMs;
  while (performance.now() < deadline) {
    if (child.child.exitCode !== null) throw new Error(`process exited (${child.child.exitCode}):\n${child.output()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`${url} not healthy after ${timeoutMs} ms:\n${child.output()}`);
}

export interface Memory {
  /** Resident set size now, bytes. */
  rss: number;
  /** Peak resident set size since the process started (VmHWM), bytes. */
  peak: number;
}

/** VmRSS and VmHWM of a Linux process. */
export function memoryOf(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rss: kb('VmRSS') * 1024, peak: kb('VmHWM') * 1024 };
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time (user + system, all threads) the process has used so far, in microseconds. */
export function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS) * 1e6;
}
