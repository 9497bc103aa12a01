// `npm run bench`: HTTP under load, memory, start time, the kit planner and the database at scale; ONE table.
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { FakeSlack } from '../tests/support/fake-slack.js';
import { startPostgres } from '../tests/support/postgres-server.js';
import { benchDb } from './db.js';
import { benchDbPostgres, newDatabase } from './db-postgres.js';
import { benchHttp } from './http.js';
import { benchInsight } from './insight.js';
import { benchOutbox } from './outbox.js';
import { benchPlanner } from './planner.js';
import { add, log, renderTable, rows } from './report.js';
import { benchStart } from './start.js';

const only = new Set((process.env.BENCH_ONLY ?? 'start,http,planner,db,outbox,insight').split(','));
/** The databases the HTTP and database sections run on: `sqlite,postgres` by default. */
const dialects = new Set((process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(','));
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
// PostgreSQL: BENCH_DATABASE_URL (a user that may create databases), or a server started for this run.
const postgres =
  dialects.has('postgres') && (only.has('http') || only.has('db'))
    ? await startPostgres(process.env.BENCH_DATABASE_URL)
    : null;
let failed: unknown;
try {
  if (only.has('start')) await benchStart(slack);
  if (only.has('http') && dialects.has('sqlite')) await benchHttp(slack);
  if (only.has('http') && postgres) await benchHttp(slack, await newDatabase(postgres.url, 'bench_http'));
  if (only.has('planner')) await benchPlanner();
  if (only.has('db') && dialects.has('sqlite')) await benchDb();
  if (only.has('db') && postgres) await benchDbPostgres(await newDatabase(postgres.url, 'bench_db'));
  if (only.has('outbox')) await benchOutbox();
  if (only.has('insight')) await benchInsight();
} catch (error) {
  failed = error;
} finally {
  await slack.close();
  await postgres?.stop();
}
add({ section: 'Run', metric: 'whole benchmark', value: `${((Date.now() - started) / 1000).toFixed(0)} s` });
process.stdout.write(`${renderTable()}\n`);
const misses = rows.filter((r) => r.pass === false).length;
log(`${misses} of ${rows.filter((r) => r.pass !== undefined).length} targets missed`);
if (failed) {
  log(`failed: ${failed instanceof Error ? (failed.stack ?? failed.message) : String(failed)}`);
  process.exitCode = 1;
}
