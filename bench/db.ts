// Database at scale: 100,000 loops and 1,000,000 scorecards; latency of a submission and of a loop's summary,
// and Kysely against a raw prepared statement for the summary's hottest query.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CompiledQuery, Kysely } from 'kysely';
import { loadBankDir } from '../src/bank/load.js';
import { type DbHandle, migrateToLatest, openDatabase } from '../src/db/database.js';
import { syncBank } from '../src/db/repositories/bank.js';
import { submittedCards as appCards, cardsOfLoop } from '../src/db/repositories/scorecards.js';
import type { Database } from '../src/db/schema.js';
import { rawSqlite } from '../src/db/sqlite/connection.js';
import { loopState } from '../src/services/loop-summary.js';
import { submitScorecard } from '../src/services/scorecard.js';
import { diagnose } from './db-diagnose.js';
import { firstOpenLoop, generate, LOOPS, PANEL_SIZES } from './db-generate.js';
import { cachedDb } from './db-trace.js';
import { add, log, mean, quantile, ratio, timeEach } from './report.js';
import { prng } from './synthetic.js';

const SUMMARY_TARGET_MS = 2;
const KYSELY_TARGET = 1.3;

/**
 * The first query of submittedInLoop built anew each time, as a plain Kysely query (for the comparison rows): the
 * repository's query, written again; sameSqlAsApp checks the two did not drift apart.
 */
export const submittedCards = (db: Kysely<Database>, loopId: number) =>
  db
    .selectFrom('scorecards as s')
    .innerJoin('interviews as i', 'i.id', 's.interview_id')
    .select(['s.id', 's.interview_id', 's.panelist_id', 's.recommendation', 's.key_takeaways', 's.revision'])
    .select(['i.round', 's.submitted_at'])
    .where('i.loop_id', '=', loopId)
    .where('i.status', '=', 'scheduled')
    .where('s.status', '=', 'submitted');

/** The comparison is only fair on the same SQL text: the raw driver runs what the app runs. */
export function sameSqlAsApp(db: Kysely<Database>): CompiledQuery {
  const compiled = submittedCards(db, 1).compile();
  if (compiled.sql !== cardsOfLoop.sql(db))
    throw new Error(`bench/db.ts submittedCards differs from the repository's query:\n${cardsOfLoop.sql(db)}`);
  return compiled;
}

export interface Draftable {
  interviewId: number;
  userId: string;
  focus: string;
  /** A question of the interview's kit: notes may only be for those. */
  questionId: string;
}

/** Scorecards still owed (drafts) in open loops, oldest first. */
export function drafts(handle: DbHandle, limit: number, after = 0): Draftable[] {
  return rawSqlite(handle.db)
    .prepare(
      // Every panelist rates every competency the interview probed: the draft rates them all (extra ones are ignored).
      `select s.interview_id as interviewId, s.panelist_id as userId, (select json_group_array(id) from competencies) as focus,
              (select k.question_id from kit_items k where k.interview_id = s.interview_id order by k.id limit 1)
                as questionId
         from scorecards s
         join interview_panelists p on p.interview_id = s.interview_id and p.user_id = s.panelist_id
         join interviews i on i.id = s.interview_id
        where s.status = 'draft' and i.status = 'scheduled' and s.id > ?
        order by s.id limit ?`,
    )
    .all(after, limit) as Draftable[];
}

export function draftFor(d: Draftable, note = 'Good trade-offs between consistency and latency.') {
  const focus = JSON.parse(d.focus) as string[];
  return {
    ratings: Object.fromEntries(focus.map((c) => [c, '3'])),
    notes: { [d.questionId]: note },
    keyTakeaways: 'Clear thinker; strong on data modelling, a little vague on testing strategy.',
    recommendation: 'yes',
  };
}

async function summaryLatency(handle: DbHandle, loops: number): Promise<void> {
  const rand = prng(7);
  const ids = Array.from({ length: 2_000 }, () => 1 + Math.floor(rand() * loops));
  await timeEach(200, (i) => loopState(handle.db, ids[i] ?? 1));
  const times = await timeEach(ids.length, (i) => loopState(handle.db, ids[i] ?? 1));
  const p50 = quantile(times, 0.5);
  add({
    section: 'Database',
    metric: `loopState (loop summary) at ${(loops * 10).toLocaleString('en-US')} scorecards (p50 / p99)`,
    value: `${p50.toFixed(3)} / ${quantile(times, 0.99).toFixed(3)} ms`,
    target: `p50 < ${SUMMARY_TARGET_MS} ms`,
    pass: p50 < SUMMARY_TARGET_MS,
  });
}

async function submitLatency(handle: DbHandle, firstOpenScorecard: number): Promise<void> {
  const owed = drafts(handle, 420, firstOpenScorecard);
  let saved = 0;
  const run = async (d: Draftable | undefined, i: number) => {
    if (!d) return;
    const result = await submitScorecard(handle.db, {
      interviewId: d.interviewId,
      userId: d.userId,
      draft: draftFor(d),
      page: 0,
      deliveryKey: `bench:submit:${i}`,
      now: new Date(),
    });
    if (result.ok && result.value.kind === 'saved') saved++;
  };
  await timeEach(20, (i) => run(owed[i], i)); // warm-up
  const times = await timeEach(owed.length - 20, (i) => run(owed[i + 20], i + 20));
  log(`submitScorecard: ${saved} of ${owed.length} saved`);
  add({
    section: 'Database',
    metric: `submitScorecard service, first submission (p50 / p99, n=${times.length})`,
    value: `${quantile(times, 0.5).toFixed(3)} / ${quantile(times, 0.99).toFixed(3)} ms`,
  });
}

async function kyselyVsRaw(handle: DbHandle, loops: number): Promise<void> {
  const compiled = sameSqlAsApp(handle.db);
  const raw = rawSqlite(handle.db).prepare(compiled.sql);
  const cached = cachedDb(rawSqlite(handle.db));
  const rand = prng(11);
  const ids = Array.from({ length: 5_000 }, () => 1 + Math.floor(rand() * loops));
  const per = { kysely: [] as number[], raw: [] as number[], cached: [] as number[], compiled: [] as number[] };
  const round = async (fn: (id: number) => unknown) => {
    const start = process.hrtime.bigint();
    for (const id of ids) await fn(id);
    return Number(process.hrtime.bigint() - start) / 1e6 / ids.length;
  };
  for (let r = 0; r < 6; r++) {
    const kysely = await round((id) => appCards(handle.db, id));
    const direct = await round((id) => raw.all(id, 'scheduled', 'submitted'));
    const reused = await round((id) => submittedCards(cached, id).execute());
    const once = await round((id) => cached.executeQuery({ ...compiled, parameters: [id, 'scheduled', 'submitted'] }));
    if (r === 0) continue; // warm-up round
    per.kysely.push(kysely);
    per.raw.push(direct);
    per.cached.push(reused);
    per.compiled.push(once);
  }
  const k = mean(per.kysely);
  const w = mean(per.raw);
  const c = mean(per.cached);
  const o = mean(per.compiled);
  log(`hot query: ${compiled.sql}`);
  log(
    `kysely ${(k * 1000).toFixed(1)} µs, raw ${(w * 1000).toFixed(1)} µs, kysely+statement cache ${(c * 1000).toFixed(1)} µs`,
  );
  add({
    section: 'Database',
    metric: `Kysely (as the app runs it) vs raw prepared statement, submittedInLoop cards query (${(k * 1000).toFixed(1)} vs ${(w * 1000).toFixed(1)} µs)`,
    value: ratio(k / w),
    target: `<= ${KYSELY_TARGET}x`,
    pass: k / w <= KYSELY_TARGET,
  });
  add({
    section: 'Database',
    metric: `  same, the query built anew on every call, over a statement cache (${(c * 1000).toFixed(1)} µs)`,
    value: ratio(c / w),
  });
  add({
    section: 'Database',
    metric: `  same, compiled once, on a second statement cache (${(o * 1000).toFixed(1)} µs)`,
    value: ratio(o / w),
  });
}

export async function benchDb(loops = Number(process.env.BENCH_LOOPS ?? LOOPS)): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'interview-assistant-bench-db-'));
  const handle = await openDatabase(join(dir, 'bench.sqlite'));
  try {
    await migrateToLatest(handle.db);
    const bank = loadBankDir();
    await handle.transact((trx) => syncBank(trx, bank, new Date()));
    const appCache = rawSqlite(handle.db).pragma('cache_size', { simple: true }) as number;
    rawSqlite(handle.db).pragma('synchronous = OFF'); // generation only
    rawSqlite(handle.db).pragma('cache_size = -262144');
    const made = generate(
      rawSqlite(handle.db),
      bank.competencies,
      bank.questions.map((q) => q.id),
      loops,
    );
    rawSqlite(handle.db).pragma('wal_checkpoint(TRUNCATE)');
    rawSqlite(handle.db).pragma(`cache_size = ${appCache}`); // back to the app's page cache for the measurements
    rawSqlite(handle.db).pragma('synchronous = NORMAL');
    log(`generated ${JSON.stringify(made)}`);
    add({
      section: 'Database',
      metric: 'generated: loops / interviews / scorecards / ratings / kit items (seconds)',
      value: `${made.loops} / ${made.interviews} / ${made.scorecards} / ${made.ratings} / ${made.kitItems} (${made.seconds.toFixed(1)} s)`,
    });
    const perLoop = PANEL_SIZES.reduce((a, b) => a + b, 0);
    await summaryLatency(handle, loops);
    const firstOpenScorecard = (firstOpenLoop(loops) - 1) * perLoop;
    await submitLatency(handle, firstOpenScorecard);
    await kyselyVsRaw(handle, loops);
    await diagnose(handle, firstOpenScorecard + 5_000, loops);
  } finally {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
