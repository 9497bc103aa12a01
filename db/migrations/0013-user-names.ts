import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.
// Exports put a person's Slack name beside their user id; the name is kept with the cached profile (null until
// the profile is next fetched from Slack).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('user_profiles').addColumn('name', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table user_profiles drop column name`.execute(db);
}
