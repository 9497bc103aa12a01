import type { Kysely } from 'kysely';

// Frozen in time: never import application code here.
// Slack takes about one message a second per channel. With several instances delivering from one database, the
// pace is kept where all of them see it: the time before which a channel takes no message from another instance
// (set when Slack answers a call, checked by the claim of the next one), and which instance set it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('outbox_channels')
    .addColumn('channel', 'text', (c) => c.primaryKey())
    .addColumn('paced_until', 'text', (c) => c.notNull())
    .addColumn('paced_by', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('outbox_channels').execute();
}
