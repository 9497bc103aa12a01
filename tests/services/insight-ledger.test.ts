import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/db/database.js';
import { rawSqlite } from '../../src/db/sqlite/connection.js';
import type { InsightReport } from '../../src/domain/insight-report.js';
import { prepareDatabase } from '../../src/services/bootstrap.js';
import { insightReport } from '../../src/services/insight.js';
import { refreshInsight } from '../../src/services/refresh-insight.js';
import { generateHistory } from '../support/insight-history.js';

const NOW = new Date('2026-07-01T00:00:00Z');
const LATER = new Date('2026-07-02T00:00:00Z');

/** The report with floating sums rounded: a ledger kept up to date and one built afresh agree to 1e-9. */
const rounded = (report: InsightReport) =>
  JSON.parse(JSON.stringify(report, (_k, v) => (typeof v === 'number' ? Math.round(v * 1e9) / 1e9 : v)));

describe('the insight ledger, kept up to date, equals one built afresh (real SQLite)', () => {
  let handle: DbHandle;
  beforeEach(async () => {
    handle = (await prepareDatabase(':memory:', NOW)).handle;
    generateHistory(rawSqlite(handle.db), { loops: 60, end: NOW });
  });
  afterEach(async () => {
    await handle.close();
  });

  async function afresh(scope: Parameters<typeof insightReport>[1]): Promise<InsightReport> {
    await handle.db.deleteFrom('insight_interviews').execute();
    await handle.db.deleteFrom('insight_totals').execute();
    await handle.db
      .updateTable('insight_state')
      .set({ watermark: null, build_started_at: null, build_cursor: 0 })
      .execute();
    return insightReport(handle.db, scope, LATER);
  }

  it('after edited ratings, a cancelled interview, a decision, a new lead and an erased loop', async () => {
    const before = await insightReport(handle.db, { kind: 'team' }, NOW);
    expect(await refreshInsight(handle.db, NOW)).toBe(0); // nothing changed since
    const at = LATER.toISOString();
    const db = handle.db;
    // A panelist revises a scorecard: every rating of it goes up to 4.
    await db.updateTable('scorecard_ratings').set({ rating: 4 }).where('scorecard_id', '=', 5).execute();
    await db.updateTable('scorecards').set({ updated_at: at }).where('id', '=', 5).execute();
    // An interview is cancelled; a loop changes its hiring lead; an open loop is decided; a loop is erased.
    await db.updateTable('interviews').set({ status: 'cancelled', updated_at: at }).where('id', '=', 10).execute();
    await db.updateTable('loops').set({ hiring_lead_id: 'ULEADNEW', updated_at: at }).where('id', '=', 7).execute();
    const open = await db.selectFrom('loops').select('id').where('status', '=', 'open').executeTakeFirstOrThrow();
    await db
      .insertInto('decisions')
      .values({ loop_id: open.id, outcome: 'hire', rationale: 'Strong.', decided_by: 'ULEAD0', decided_at: at })
      .execute();
    await db.deleteFrom('loops').where('id', '=', 20).execute();

    const kept = await insightReport(db, { kind: 'team' }, LATER);
    expect(rounded(kept)).not.toEqual(rounded(before));
    const keptLead = await insightReport(db, { kind: 'lead', leadId: 'ULEADNEW' }, LATER);
    const keptOldLead = await insightReport(db, { kind: 'lead', leadId: 'ULEAD3' }, LATER);
    expect(keptLead.agreement.overall.n).toBeGreaterThan(0);

    expect(rounded(kept)).toEqual(rounded(await afresh({ kind: 'team' })));
    expect(rounded(keptLead)).toEqual(rounded(await afresh({ kind: 'lead', leadId: 'ULEADNEW' })));
    expect(rounded(keptOldLead)).toEqual(rounded(await afresh({ kind: 'lead', leadId: 'ULEAD3' })));
  });
});
