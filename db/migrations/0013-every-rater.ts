import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.
// Every panelist of an interview now rates every competency its questions probed, not only their own focus.
// A rating says whether the competency was the rater's own focus (they asked its questions), so a summary can
// mark it and calibration can tell the asker from the listener. Scorecards stored before rated only their
// rater's focus, so each of their ratings is a focus rating.
// An interview belongs to a round of its loop: round 1, then one more after each "another round" decision, so a
// new summary of the whole loop is posted when a later round's scorecards are in. Interviews stored before get
// the round they were scheduled in: one more than the loop's "another round" decisions made before them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('scorecard_ratings')
    .addColumn('in_focus', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.updateTable('scorecard_ratings').set({ in_focus: 1 }).execute();

  await db.schema
    .alterTable('interviews')
    .addColumn('round', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db
    .updateTable('interviews')
    .set((eb) => ({
      round: eb(
        eb
          .selectFrom('decisions as d')
          .select((d) => d.fn.countAll().as('n'))
          .whereRef('d.loop_id', '=', 'interviews.loop_id')
          .where('d.outcome', '=', 'another_round')
          .whereRef('d.decided_at', '<=', 'interviews.created_at'),
        '+',
        1,
      ),
    }))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table interviews drop column round`.execute(db);
  await sql`alter table scorecard_ratings drop column in_focus`.execute(db);
}
