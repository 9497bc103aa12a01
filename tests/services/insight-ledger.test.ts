import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DbHandle, transact } from '../../src/db/database.js';
import type { InsightReport } from '../../src/domain/insight-report.js';
import { prepareDatabase } from '../../src/services/bootstrap.js';
import { insightReport } from '../../src/services/insight.js';
import { keepInsightCurrent, refreshLoopInsight } from '../../src/services/refresh-insight.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { rebuildInsight, writeHistory } from '../support/insight-history.js';

const NOW = new Date('2026-07-01T00:00:00Z');
const LATER = new Date('2026-07-02T00:00:00Z');

/** The report with floating sums rounded: a ledger kept up to date and one built afresh agree to 1e-9. */
const rounded = (report: InsightReport) =>
  JSON.parse(JSON.stringify(report, (_k, v) => (typeof v === 'number' ? Math.round(v * 1e9) / 1e9 : v)));

describe('the insight ledger (real SQLite and PostgreSQL)', () => {
  let handle: DbHandle;
  let database: TestDatabase;
  beforeEach(async () => {
    database = await freshDatabase();
    handle = (await prepareDatabase(database.target, NOW)).handle;
    await writeHistory(handle.db, { loops: 60, end: NOW });
  });
  afterEach(async () => {
    await handle.close();
    await database.drop();
  });

  it('a report never builds it: until the background round has, it says the report is being prepared', async () => {
    await handle.db.updateTable('insight_state').set({ version: 0 }).execute();
    const waiting = await insightReport(handle.db, { kind: 'team' });
    expect(waiting.preparing).toEqual({ done: 0, total: 180 });
    expect(waiting.agreement.overall.n).toBe(0);
    expect((await insightReport(handle.db, { kind: 'team' })).preparing).not.toBeNull(); // asking again builds nothing
    const round = await keepInsightCurrent(handle.db, NOW);
    expect(round.built).toBe(180);
    const ready = await insightReport(handle.db, { kind: 'team' });
    expect(ready.preparing).toBeNull();
    expect(ready.agreement.overall.n).toBeGreaterThan(100);
    expect((await keepInsightCurrent(handle.db, NOW)).built).toBe(0); // built once
  });

  it('kept current (use cases and background rounds) it equals one rebuilt from scratch', async () => {
    await rebuildInsight(handle.db, NOW);
    const before = await insightReport(handle.db, { kind: 'team' });
    const at = LATER.toISOString();
    const db = handle.db;
    // A panelist revises a scorecard: every rating of it goes up to 4; the use case refreshes its loop at once.
    await db.updateTable('scorecard_ratings').set({ rating: 4 }).where('scorecard_id', '=', 5).execute();
    await db.updateTable('scorecards').set({ updated_at: at }).where('id', '=', 5).execute();
    const { interview_id } = await db
      .selectFrom('scorecards')
      .select('interview_id')
      .where('id', '=', 5)
      .executeTakeFirstOrThrow();
    const { loop_id } = await db
      .selectFrom('interviews')
      .select('loop_id')
      .where('id', '=', interview_id)
      .executeTakeFirstOrThrow();
    await transact(db, (trx) => refreshLoopInsight(trx, loop_id, LATER));
    const revised = await insightReport(db, { kind: 'team' });
    expect(rounded(revised)).not.toEqual(rounded(before));
    // An interview is cancelled; a loop changes its hiring lead; an open loop is decided; a loop is erased:
    // the next background round finds them.
    await db.updateTable('interviews').set({ status: 'cancelled', updated_at: at }).where('id', '=', 10).execute();
    await db.updateTable('loops').set({ hiring_lead_id: 'ULEADNEW', updated_at: at }).where('id', '=', 7).execute();
    const open = await db.selectFrom('loops').select('id').where('status', '=', 'open').executeTakeFirstOrThrow();
    await db
      .insertInto('decisions')
      .values({ loop_id: open.id, outcome: 'hire', rationale: 'Strong.', decided_by: 'ULEAD0', decided_at: at })
      .execute();
    await db.deleteFrom('loops').where('id', '=', 20).execute();
    expect(rounded(await insightReport(db, { kind: 'team' }))).toEqual(rounded(revised)); // not yet
    expect((await keepInsightCurrent(db, LATER)).refreshed).toBeGreaterThanOrEqual(4);

    const kept = await insightReport(db, { kind: 'team' });
    const keptLead = await insightReport(db, { kind: 'lead', leadId: 'ULEADNEW' });
    const keptOldLead = await insightReport(db, { kind: 'lead', leadId: 'ULEAD3' });
    expect(keptLead.agreement.overall.n).toBeGreaterThan(0);
    expect(rounded(kept)).not.toEqual(rounded(revised));

    await rebuildInsight(db, LATER);
    expect(rounded(kept)).toEqual(rounded(await insightReport(db, { kind: 'team' })));
    expect(rounded(keptLead)).toEqual(rounded(await insightReport(db, { kind: 'lead', leadId: 'ULEADNEW' })));
    expect(rounded(keptOldLead)).toEqual(rounded(await insightReport(db, { kind: 'lead', leadId: 'ULEAD3' })));
  });

  it('two rounds at once (two instances) count every interview once', async () => {
    await handle.db.updateTable('insight_state').set({ version: 0 }).execute();
    const rounds = await Promise.all([keepInsightCurrent(handle.db, NOW), keepInsightCurrent(handle.db, NOW)]);
    expect(rounds.reduce((total, r) => total + r.built, 0)).toBe(180);
    const shared = rounded(await insightReport(handle.db, { kind: 'team' }));
    await rebuildInsight(handle.db, NOW);
    expect(shared).toEqual(rounded(await insightReport(handle.db, { kind: 'team' })));
  });
});
