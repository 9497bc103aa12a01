// Diagnosis at scale: statements per use case (N+1, statements prepared again each time), their query plans
// (full scans) and the latency of the other hot repository functions.
import type { Kysely } from 'kysely';
import type { DbHandle } from '../src/db/database.js';
import { questionUsage, readBank } from '../src/db/repositories/bank.js';
import { duePanelists } from '../src/db/repositories/due.js';
import { getInterview, upcomingFor } from '../src/db/repositories/interviews.js';
import { deliveredRef, dueHeads, hasPending } from '../src/db/repositories/outbox.js';
import { getScorecard, owedBy, progressOfLoop } from '../src/db/repositories/scorecards.js';
import type { Database } from '../src/db/schema.js';
import { rawSqlite } from '../src/db/sqlite/connection.js';
import { loopState } from '../src/services/loop-summary.js';
import { submitScorecard } from '../src/services/scorecard.js';
import { type Draftable, draftFor, drafts } from './db.js';
import { userId } from './db-generate.js';
import { describe, explain, scans, tracingDb } from './db-trace.js';
import { add, log, quantile, timeEach } from './report.js';

type Probe = (db: Kysely<Database>, i: number) => Promise<unknown>;

/** Runs `fn` once traced (statements, prepares, plans) and `runs` times timed on the app's own Kysely. */
async function probe(handle: DbHandle, name: string, fn: Probe, runs: number, timed = true): Promise<void> {
  const tracing = tracingDb(rawSqlite(handle.db));
  await fn(tracing.db, 0);
  const { statements, prepares } = tracing.take();
  const planned = statements.flatMap((s) => scans(explain(rawSqlite(handle.db), s.sql, s.parameters)));
  // Only tables: a SCAN of a common table expression (a recursive skip-scan's steps) reads no table.
  const tables = new Set(
    (
      rawSqlite(handle.db).prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]
    ).map((t) => t.name),
  );
  const aliases = new Map(
    statements.flatMap((s) => [...s.sql.matchAll(/"?(\w+)"? as "?(\w+)"?/g)].map((m) => [m[2] ?? '', m[1] ?? ''])),
  );
  const fullScans = [
    ...new Set(
      planned
        .map((l) => /^SCAN (\S+)/.exec(l)?.[1] ?? l)
        .map((name) => aliases.get(name) ?? name)
        .filter((name) => tables.has(name)),
    ),
  ];
  log(`${name}: ${statements.length} statements, ${prepares} prepare() calls`);
  for (const line of describe(rawSqlite(handle.db), statements)) log(line);
  let latency = '';
  if (timed) {
    await fn(handle.db, 1);
    const times = await timeEach(runs, (i) => fn(handle.db, i + 2));
    latency = `${quantile(times, 0.5).toFixed(3)} ms p50 · `;
  }
  add({
    section: 'DB diagnosis',
    metric: name,
    value: `${latency}${statements.length} stmts, ${prepares} prepares${fullScans.length ? ` · full scans: ${fullScans.join(', ')}` : ''}`,
  });
}

/** Runs fn with `count` messages waiting in the outbox (as after a burst of submissions), then removes them. */
async function withBacklog(handle: DbHandle, count: number, fn: () => Promise<void>): Promise<void> {
  const insert = rawSqlite(handle.db).prepare(
    `insert into outbox (method, channel, payload, next_attempt_at, created_at, status)
     values ('chat.postMessage', ?, '{"text":"backlog"}', '1970-01-01T00:00:00.000Z', ?, 'pending')`,
  );
  const ids: number[] = [];
  const at = new Date().toISOString();
  rawSqlite(handle.db).transaction(() => {
    for (let i = 0; i < count; i++) {
      const channel = i % 5 === 0 ? userId(i * 7) : 'C0HIRING';
      ids.push(Number(insert.run(channel, at).lastInsertRowid));
    }
  })();
  try {
    await fn();
  } finally {
    const remove = rawSqlite(handle.db).prepare('delete from outbox where id = ?');
    rawSqlite(handle.db).transaction(() => {
      for (const id of ids) remove.run(id);
    })();
  }
}

export async function diagnose(handle: DbHandle, firstFreeScorecard: number, loops: number): Promise<void> {
  const openLoop = loops - 3;
  const owed: Draftable[] = drafts(handle, 2, firstFreeScorecard);
  const now = new Date();
  const nowIso = now.toISOString();
  const user = userId(loops * 13);
  let key = 0;
  const submit = (d: Draftable | undefined) => async (db: Kysely<Database>) =>
    d &&
    submitScorecard(db, {
      interviewId: d.interviewId,
      userId: d.userId,
      draft: draftFor(d),
      page: 0,
      deliveryKey: `bench:diagnose:${key++}`,
      now,
    });
  await probe(handle, 'loopState(open loop), whole use case', (db) => loopState(db, openLoop), 200);
  await probe(handle, '  readBank (inside loopState and submitScorecard)', (db) => readBank(db), 200);
  await probe(handle, 'submitScorecard, first submission (traced once)', submit(owed[0]), 0, false);
  await probe(handle, 'submitScorecard, a revision (traced once)', submit(owed[0]), 0, false);
  await probe(handle, 'questionUsage (before every kit: ad hoc and scheduled)', (db) => questionUsage(db), 5);
  await probe(handle, 'dueHeads (every outbox round)', (db) => dueHeads(db, nowIso, 50), 50);
  await withBacklog(handle, 2_000, () =>
    probe(handle, 'dueHeads with 2,000 pending (80% one channel, 20% DMs)', (db) => dueHeads(db, nowIso, 50), 10),
  );
  await probe(handle, 'owedBy(user) (/interview scorecard, App Home)', (db) => owedBy(db, user, now), 50);
  await probe(handle, 'upcomingFor(user) (/interview upcoming, App Home)', (db) => upcomingFor(db, user, now), 50);
  await probe(handle, 'duePanelists(reminded_at) (due-work poll)', (db) => duePanelists(db, 'reminded_at', nowIso), 10);
  await probe(handle, 'progressOfLoop (loop parent render)', (db) => progressOfLoop(db, openLoop), 200);
  await probe(
    handle,
    'getInterview + getScorecard (scorecard modal)',
    async (db) => {
      const d = owed[1];
      if (!d) return;
      await getInterview(db, d.interviewId);
      await getScorecard(db, d.interviewId, d.userId);
    },
    200,
  );
  await probe(
    handle,
    'hasPending + deliveredRef (outbox refs)',
    async (db) => {
      await hasPending(db, { type: 'loop_parent', id: String(openLoop) }, 'chat.update');
      await deliveredRef(db, `loop_parent:${openLoop}`);
    },
    200,
  );
}
