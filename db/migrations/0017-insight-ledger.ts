import type { Kysely } from 'kysely';

// Frozen in time: never import application code here.
// The insight report adds up the whole history (a million scorecards and more): instead of reading every rating
// each time, each interview's contribution to the report's sums is kept (insight_interviews) together with the
// running totals per scope (the team, and each hiring lead's loops). A report refreshes only the interviews that
// changed since the last one, found by the timestamps below (hence their indexes), and reads the totals.
// Interviews are deleted only with their loop (retention): a drop in their number sends the refresh looking.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('insight_interviews')
    .addColumn('interview_id', 'integer', (c) => c.primaryKey())
    .addColumn('lead_id', 'text', (c) => c.notNull())
    .addColumn('contribution', 'text', (c) => c.notNull()) // JSON: [key, a, b, c][]
    .addColumn('refreshed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('insight_totals')
    .addColumn('scope', 'text', (c) => c.notNull()) // 'team' or 'lead:<user id>'
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('a', 'double precision', (c) => c.notNull())
    .addColumn('b', 'double precision', (c) => c.notNull())
    .addColumn('c', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('insight_totals_pk', ['scope', 'key'])
    .execute();
  await db.schema
    .createTable('insight_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('watermark', 'text') // null until the first full build is done
    .addColumn('build_started_at', 'text')
    .addColumn('build_cursor', 'integer', (c) => c.notNull().defaultTo(0))
    // How many interviews there were, and the highest id, at the last refresh: fewer now means some were deleted.
    .addColumn('interviews_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_interview_id', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db
    .insertInto('insight_state')
    .values({ id: 1, watermark: null, build_started_at: null, build_cursor: 0 })
    .execute();
  await db.schema.createIndex('scorecards_updated').on('scorecards').column('updated_at').execute();
  await db.schema.createIndex('interviews_updated').on('interviews').column('updated_at').execute();
  await db.schema.createIndex('loops_updated').on('loops').column('updated_at').execute();
  await db.schema.createIndex('decisions_decided').on('decisions').column('decided_at').execute();
  await db.schema.createIndex('kit_items_created').on('kit_items').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of [
    'kit_items_created',
    'decisions_decided',
    'loops_updated',
    'interviews_updated',
    'scorecards_updated',
  ]) {
    await db.schema.dropIndex(index).ifExists().execute();
  }
  await db.schema.dropTable('insight_state').ifExists().execute();
  await db.schema.dropTable('insight_totals').ifExists().execute();
  await db.schema.dropTable('insight_interviews').ifExists().execute();
}
