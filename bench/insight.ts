// The insight report at scale: 100,000 loops and 1,000,000 scorecards (3.4 million ratings, every panelist
// rating every competency the interview probed). The first report builds the ledger of every interview's
// contribution (once, in chunks); after that a report refreshes what changed and reads the totals.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rawSqlite } from '../src/db/sqlite/connection.js';
import { prepareDatabase } from '../src/services/bootstrap.js';
import { insightReport } from '../src/services/insight.js';
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
    let t = performance.now();
    await insightReport(handle.db, { kind: 'team' }, END);
    add({
      section: 'Insight',
      metric: `first report (builds the ledger), ${size}`,
      value: `${((performance.now() - t) / 1000).toFixed(1)} s`,
    });

    // A day of work: 1,000 scorecards revised (ratings changed), one loop decided, then the report again.
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
    const report = await insightReport(handle.db, { kind: 'team' }, later);
    const warm = performance.now() - t;
    add({
      section: 'Insight',
      metric: `report after 1,000 revised scorecards, ${size} (${report.interviewers.length.toLocaleString('en-US')} interviewers, ${report.questions.length} questions)`,
      value: `${warm.toFixed(0)} ms`,
      target: `< ${TARGET_MS} ms`,
      pass: warm < TARGET_MS,
    });
    t = performance.now();
    await insightReport(handle.db, { kind: 'lead', leadId: 'ULEAD7' }, later);
    const lead = performance.now() - t;
    add({
      section: 'Insight',
      metric: `one hiring lead's report, ${size}`,
      value: `${lead.toFixed(0)} ms`,
      target: `< ${TARGET_MS} ms`,
      pass: lead < TARGET_MS,
    });
  } finally {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
