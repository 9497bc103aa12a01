import type { Kysely } from 'kysely';

// Frozen in time: never import application code here.
// Roles get a display name and a description; questions say what they ask for (style: recall, preference,
// approach, judgement, experience); tips say whom they are for (interviewer or hiring lead) and which kinds and
// levels they suit. No new triggers: the existing ones stamp the bank's version on every question and tip
// write, and the roles repository stamps it itself when a role changes.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('roles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('questions').addColumn('style', 'text').execute();
  await db.schema
    .alterTable('interviewer_tips')
    .addColumn('audience', 'text', (c) => c.notNull().defaultTo('interviewer'))
    .execute();
  await db.schema
    .alterTable('interviewer_tips')
    .addColumn('kinds', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema
    .alterTable('interviewer_tips')
    .addColumn('levels', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('interviewer_tips').dropColumn('levels').execute();
  await db.schema.alterTable('interviewer_tips').dropColumn('kinds').execute();
  await db.schema.alterTable('interviewer_tips').dropColumn('audience').execute();
  await db.schema.alterTable('questions').dropColumn('style').execute();
  await db.schema.dropTable('roles').execute();
}
