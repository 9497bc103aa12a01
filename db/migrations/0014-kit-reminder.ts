import type { Kysely } from 'kysely';

// Frozen in time: never import application code here.
// The reminder before an interview is claimed per panelist for the start time it announced: a moved interview
// gets one for its new time, never a second one for the same time. A panelist who says they did not take part
// is no longer prompted, reminded or reported late.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('interview_panelists').addColumn('kit_reminded_for', 'text').execute();
  await db.schema.alterTable('interview_panelists').addColumn('declined_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('interview_panelists').dropColumn('declined_at').execute();
  await db.schema.alterTable('interview_panelists').dropColumn('kit_reminded_for').execute();
}
