import type { Kysely } from 'kysely';

// Frozen in time: never import application code here.
// The insight ledger is derived data, kept up by the app in the background: `version` says which layout of
// contributions it holds, and when the app's layout is newer the ledger is rebuilt (in the background, claimed).
// A hiring lead's figures are now summed from their loops' contributions (by lead_id), not kept as totals of
// their own: keeping 200 leads' totals made every write to the ledger ten times the work of the team's.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('insight_state')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.deleteFrom('insight_totals').where('scope', '<>', 'team').execute();
  await db.schema.createIndex('insight_interviews_lead').on('insight_interviews').column('lead_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('insight_interviews_lead').ifExists().execute();
  await db.schema.alterTable('insight_state').dropColumn('version').execute();
  // The lead totals are gone: the older app rebuilds its ledger from the start.
  await db.deleteFrom('insight_totals').execute();
  await db.deleteFrom('insight_interviews').execute();
  await db
    .updateTable('insight_state')
    .set({ watermark: null, build_started_at: null, build_cursor: 0, interviews_count: 0, max_interview_id: 0 })
    .execute();
}
