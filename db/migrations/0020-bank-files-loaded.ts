import type { Kysely } from 'kysely';

// Frozen in time: never import application code here.
// What the app last loaded from the bank's YAML files: a fingerprint of their text and what they held (JSON).
// A start whose files have the same fingerprint skips parsing and loading them again.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('bank_versions').addColumn('files_loaded', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('bank_versions').dropColumn('files_loaded').execute();
}
