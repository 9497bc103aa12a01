// The insight report at scale: 100,000 loops and 1,000,000 scorecards (3.4 million ratings, every panelist
// rating every competency the interview probed). A report only reads the ledger; the background builds it once
// (in chunks) and then keeps it current, and those rounds are timed apart.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rawSqlite } from '../src/db/sqlite/connection.js';
import { prepareDatabase } from '../src/services/bootstrap.js';
import { insightReport } from '../src/services/insight.js';
import { keepInsightCurrent } from '../src/services/refresh-insight.js';
import { generateHistory } from '../tests/support/insight-history.js';
import { add, log } from './report.js';

const LOOPS = 100_000;
const TARGET_MS = 2_000;
const END = new Date('2026-06-01T00:00:00Z');

export async function benchInsight(loops = LOOPS): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ia-bench-insight-'));
  const { handle } = await prepareDatabase(join(dir, 'insight.sqlite'), END);
  try {
    const generated = generateHistory(rawSqlite(handle.db), {
      loops,
      end: END,
      raters: 2_000,
      leadOf: (l) => `ULEAD${l % 200}`,
    });
    log(
      `insight: ${generated.scorecards.toLocaleString('en-US')} scorecards, ${generated.ratings.toLocaleString('en-US')} ratings`,
    );
    const size = `${(loops / 1000).toFixed(0)}k loops, ${(generated.scorecards / 1e6).toFixed(1)}M scorecards`;
    // What a user waits for: the report read from the ledger. Asked before the ledger exists, it says the report
    // is being prepared (and builds nothing).
    let t = performance.now();
    const waiting = await insightReport(handle.db, { kind: 'team' });
    const before = performance.now() - t;
    add({
      section: 'Insight',
      metric: `report before the background build (says "being prepared": ${waiting.preparing?.done ?? '?'} of ${waiting.preparing?.total.toLocaleString('en-US') ?? '?'} interviews), ${size}`,
      value: `${before.toFixed(0)} ms`,
      target: `< ${TARGET_MS} ms`,
      pass: before < TARGET_MS && waiting.preparing !== null,
    });
    // The background build, once for a database that has no ledger (at start, chunk by chunk, claimed).
    t = performance.now();
    const build = await keepInsightCurrent(handle.db, END);
    add({
      section: 'Insight',
      metric: `background build of the ledger (${build.built.toLocaleString('en-US')} interviews, once), ${size}`,
      value: `${((performance.now() - t) / 1000).toFixed(1)} s`,
    });
    t = performance.now();
    const first = await insightReport(handle.db, { kind: 'team' });
    const cold = performance.now() - t;
    add({
      section: 'Insight',
      metric: `report, ${size} (${first.interviewers.length.toLocaleString('en-US')} interviewers, ${first.questions.length} questions)`,
      value: `${cold.toFixed(0)} ms`,
      target: `< ${TARGET_MS} ms`,
      pass: cold < TARGET_MS && first.preparing === null,
    });

    // A day of work: 1,000 scorecards revised (ratings changed) behind the use cases' back, found by the next
    // background round, then the report again.
    const later = new Date(END.getTime() + 86_400_000);
    const at = later.toISOString();
    const ids = rawSqlite(handle.db).prepare('select id from scorecards order by id desc limit 1000').all() as {
      id: number;
    }[];
    const rate = rawSqlite(handle.db).prepare(
      'update scorecard_ratings set rating = 1 + (rating % 4) where scorecard_id = ?',
    );
    const touch = rawSqlite(handle.db).prepare(
      'update scorecards set updated_at = ?, revision = revision + 1 where id = ?',
    );
    rawSqlite(handle.db).transaction(() => {
      for (const { id } of ids) {
        rate.run(id);
        touch.run(at, id);
      }
    })();
    t = performance.now();
    const round = await keepInsightCurrent(handle.db, later);
    add({
      section: 'Insight',
      metric: `background round after 1,000 revised scorecards (${round.refreshed} interviews refreshed), ${size}`,
      value: `${(performance.now() - t).toFixed(0)} ms`,
    });
    t = performance.now();
    const report = await insightReport(handle.db, { kind: 'team' });
    const warm = performance.now() - t;
    add({
      section: 'Insight',
      metric: `report after that round, ${size} (${report.interviewers.length.toLocaleString('en-US')} interviewers)`,
      value: `${warm.toFixed(0)} ms`,
      target: `< ${TARGET_MS} ms`,
      pass: warm < TARGET_MS,
    });
    t = performance.now();
    await insightReport(handle.db, { kind: 'lead', leadId: 'ULEAD7' });
    const lead = performance.now() - t;
    add({
      section: 'Insight',
      metric: `one hiring lead's report (500 of the loops), ${size}`,
      value: `${lead.toFixed(0)} ms`,
      target: `< ${TARGET_MS} ms`,
      pass: lead < TARGET_MS,
    });
  } finally {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
