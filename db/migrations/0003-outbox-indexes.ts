import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.
// The outbox keeps every message it sent (later edits and erasure find them by ref), so an index of all its
// lanes grows with history. Messages still owed are few: a partial index of them finds the head of each
// channel's lane without reading past the sent ones, and replaces the full lanes index (one index fewer to
// write on every message).
// A message's ref (the loop parent, a scorecard prompt) collects an edit per change over the loop's life; the
// checks made on every submission ("is an edit of it still waiting?") are answered by the index alone.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index outbox_open on outbox (channel, id) where status in ('pending', 'sending')`.execute(db);
  await sql`drop index if exists outbox_lane`.execute(db);
  await sql`create index outbox_ref_method on outbox (ref_type, ref_id, method, status)`.execute(db);
  await sql`drop index if exists outbox_ref`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index if not exists outbox_ref on outbox (ref_type, ref_id)`.execute(db);
  await sql`drop index if exists outbox_ref_method`.execute(db);
  await sql`create index if not exists outbox_lane on outbox (channel, status, id)`.execute(db);
  await sql`drop index if exists outbox_open`.execute(db);
}
