// The database section on PostgreSQL: a smaller generated database (made on SQLite by the same generator, then copied
// in with `copy-to-postgres`'s code), the loop summary's and a submission's latency, and Kysely as the app runs it
// against the raw `pg` driver (a named prepared statement) for the summary's hottest query: the same rows as on SQLite.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadBankDir } from '../src/bank/load.js';
import { copyDatabase } from '../src/db/copy.js';
import { migrateToLatest, openDatabase } from '../src/db/database.js';
import { syncBank } from '../src/db/repositories/bank.js';
import { submittedCards as appCards } from '../src/db/repositories/scorecards.js';
import { rawSqlite } from '../src/db/sqlite/connection.js';
import { loopState } from '../src/services/loop-summary.js';
import { submitScorecard } from '../src/services/scorecard.js';
import { draftFor, drafts, sameSqlAsApp } from './db.js';
import { firstOpenLoop, generate, PANEL_SIZES } from './db-generate.js';
import { add, log, mean, quantile, ratio, timeEach } from './report.js';
import { prng } from './synthetic.js';

const SECTION = 'Database · PostgreSQL';

export async function benchDbPostgres(url: string, loops = Number(process.env.BENCH_PG_LOOPS ?? 2_000)): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'interview-assistant-bench-pg-'));
  const source = await openDatabase(join(dir, 'source.sqlite'));
  const target = await openDatabase({ path: '', url });
  try {
    await migrateToLatest(source.db);
    const bank = loadBankDir();
    await source.transact((trx) => syncBank(trx, bank, new Date()));
    const made = generate(
      rawSqlite(source.db),
      bank.competencies,
      bank.questions.map((q) => q.id),
      loops,
    );
    const started = Date.now();
    const copied = await copyDatabase(source.db, target.db);
    if (!copied.ok) throw new Error(copied.message);
    log(
      `generated ${JSON.stringify(made)}; copied ${copied.rows} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    add({
      section: SECTION,
      metric: 'generated (on SQLite), copied in: loops / scorecards / rows copied',
      value: `${made.loops} / ${made.scorecards} / ${copied.rows}`,
    });

    const rand = prng(7);
    const ids = Array.from({ length: 1_000 }, () => 1 + Math.floor(rand() * loops));
    await timeEach(100, (i) => loopState(target.db, ids[i] ?? 1));
    const times = await timeEach(ids.length, (i) => loopState(target.db, ids[i] ?? 1));
    add({
      section: SECTION,
      metric: `loopState (loop summary) at ${made.scorecards.toLocaleString('en-US')} scorecards (p50 / p99)`,
      value: `${quantile(times, 0.5).toFixed(3)} / ${quantile(times, 0.99).toFixed(3)} ms`,
    });

    // A first submission of scorecards still owed in open loops (found in the source: the ids were kept).
    const perLoop = PANEL_SIZES.reduce((x, y) => x + y, 0);
    const owed = drafts(source, 220, (firstOpenLoop(loops) - 1) * perLoop);
    let saved = 0;
    const submit = async (i: number) => {
      const d = owed[i];
      if (!d) return;
      const result = await submitScorecard(target.db, {
        interviewId: d.interviewId,
        userId: d.userId,
        draft: draftFor(d),
        page: 0,
        deliveryKey: `bench:submit:${i}`,
        now: new Date(),
      });
      if (result.ok && result.value.kind === 'saved') saved++;
    };
    await timeEach(20, (i) => submit(i)); // warm-up
    const submits = await timeEach(owed.length - 20, (i) => submit(i + 20));
    log(`submitScorecard on PostgreSQL: ${saved} of ${owed.length} saved`);
    add({
      section: SECTION,
      metric: `submitScorecard service, first submission (p50 / p99, n=${submits.length})`,
      value: `${quantile(submits, 0.5).toFixed(3)} / ${quantile(submits, 0.99).toFixed(3)} ms`,
    });

    // The raw driver: one connection, the statement prepared once by name, as a hand-written data layer would.
    const compiled = sameSqlAsApp(target.db);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const per = { kysely: [] as number[], raw: [] as number[] };
      const round = async (fn: (id: number) => Promise<unknown>) => {
        const start = process.hrtime.bigint();
        for (const id of ids) await fn(id);
        return Number(process.hrtime.bigint() - start) / 1e6 / ids.length;
      };
      for (let r = 0; r < 6; r++) {
        const kysely = await round((id) => appCards(target.db, id));
        const raw = await round((id) =>
          client.query({ name: 'cards', text: compiled.sql, values: [id, 'scheduled', 'submitted'] }),
        );
        if (r === 0) continue; // warm-up round
        per.kysely.push(kysely);
        per.raw.push(raw);
      }
      const k = mean(per.kysely);
      const w = mean(per.raw);
      add({
        section: SECTION,
        metric: `Kysely (as the app runs it) vs raw pg prepared statement, submittedInLoop cards query (${(k * 1000).toFixed(1)} vs ${(w * 1000).toFixed(1)} µs)`,
        value: ratio(k / w),
      });
    } finally {
      await client.end();
    }
  } finally {
    await target.close();
    await source.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A new, empty database on the server at `url` (dropped first if a previous run left it); returns its URL. */
export async function newDatabase(url: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const at = new URL(url);
  at.pathname = `/${name}`;
  return at.toString();
}
