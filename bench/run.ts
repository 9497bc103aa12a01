// `npm run bench`: HTTP under load, memory, start time, the kit planner and the database at scale; ONE table.
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { FakeSlack } from '../tests/support/fake-slack.js';
import { benchDb } from './db.js';
import { benchHttp } from './http.js';
import { benchInsight } from './insight.js';
import { benchOutbox } from './outbox.js';
import { benchPlanner } from './planner.js';
import { add, log, renderTable, rows } from './report.js';
import { benchStart } from './start.js';

const only = new Set((process.env.BENCH_ONLY ?? 'start,http,planner,db,outbox,insight').split(','));
const started = Date.now();
log(`machine: ${cpus().length} cores, ${(totalmem() / 1024 ** 3).toFixed(1)} GB, Node ${process.version}`);

// The app runs as `npm start` runs it: compiled JavaScript.
execFileSync(
  process.execPath,
  [join(import.meta.dirname, '..', 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
  {
    cwd: join(import.meta.dirname, '..'),
    stdio: 'inherit',
  },
);
const slack = await FakeSlack.start();
let failed: unknown;
try {
  if (only.has('start')) await benchStart(slack);
  if (only.has('http')) await benchHttp(slack);
  if (only.has('planner')) await benchPlanner();
  if (only.has('db')) await benchDb();
  if (only.has('outbox')) await benchOutbox();
  if (only.has('insight')) await benchInsight();
} catch (error) {
  failed = error;
} finally {
  await slack.close();
}
add({ section: 'Run', metric: 'whole benchmark', value: `${((Date.now() - started) / 1000).toFixed(0)} s` });
process.stdout.write(`${renderTable()}\n`);
const misses = rows.filter((r) => r.pass === false).length;
log(`${misses} of ${rows.filter((r) => r.pass !== undefined).length} targets missed`);
if (failed) {
  log(`failed: ${failed instanceof Error ? (failed.stack ?? failed.message) : String(failed)}`);
  process.exitCode = 1;
}
