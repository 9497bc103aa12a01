import { type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: never import application code here.
// Runs on SQLite and PostgreSQL; where they differ (generated ids, the audit trail's trigger) it asks which.

/** An integer id the database numbers: SQLite's `integer primary key autoincrement`, PostgreSQL's serial. */
function withId<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? table.addColumn('id', 'serial', (c: ColumnDefinitionBuilder) => c.primaryKey())
    : table.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement());
}

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('competencies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('kinds', 'text', (c) => c.notNull()) // JSON array of question kinds
    .addColumn('rubric_1', 'text', (c) => c.notNull())
    .addColumn('rubric_2', 'text', (c) => c.notNull())
    .addColumn('rubric_3', 'text', (c) => c.notNull())
    .addColumn('rubric_4', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('questions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('roles', 'text', (c) => c.notNull()) // JSON array; empty = any role
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('competencies', 'text', (c) => c.notNull()) // JSON array of competency ids
    .addColumn('levels', 'text', (c) => c.notNull()) // JSON array
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('guidance', 'text', (c) => c.notNull())
    .addColumn('strong_answer', 'text')
    .addColumn('red_flags', 'text', (c) => c.notNull())
    .addColumn('follow_ups', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('sensitive', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('uses', 'integer', (c) => c.notNull().defaultTo(0)) // live kit items using it, kept by the kit repository
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('questions_kind_active').on('questions').columns(['kind', 'active']).execute();

  await db.schema
    .createTable('interviewer_tips')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('candidates'))
    .addColumn('name', 'text') // null once erased
    .addColumn('name_key', 'text') // lower-cased name for look-ups; null once erased
    .addColumn('links', 'text') // JSON array of URLs
    .addColumn('erased_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('candidates_name_key').on('candidates').column('name_key').execute();

  await withId(db, db.schema.createTable('loops'))
    .addColumn('candidate_id', 'integer', (c) => c.notNull().references('candidates.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('hiring_lead_id', 'text', (c) => c.notNull())
    .addColumn('decision_channel_id', 'text', (c) => c.notNull())
    .addColumn('thread_ts', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open')) // open | decided | withdrawn
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('loops_candidate').on('loops').columns(['candidate_id', 'role', 'status']).execute();
  await db.schema.createIndex('loops_lead').on('loops').columns(['hiring_lead_id', 'status']).execute();
  await db.schema.createIndex('loops_status_updated').on('loops').columns(['status', 'updated_at']).execute();

  await withId(db, db.schema.createTable('interviews'))
    .addColumn('loop_id', 'integer', (c) => c.notNull().references('loops.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull()) // UTC ISO
    .addColumn('ends_at', 'text', (c) => c.notNull()) // UTC ISO, derived at write time for due-work queries
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('scheduled')) // scheduled | cancelled
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('interviews_loop').on('interviews').column('loop_id').execute();
  await db.schema.createIndex('interviews_status_ends').on('interviews').columns(['status', 'ends_at']).execute();
  await db.schema.createIndex('interviews_starts').on('interviews').column('starts_at').execute();

  await db.schema
    .createTable('interview_panelists')
    .addColumn('interview_id', 'integer', (c) => c.notNull().references('interviews.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('focus', 'text', (c) => c.notNull()) // JSON array of competency ids
    .addColumn('prompted_at', 'text')
    .addColumn('reminded_at', 'text')
    .addColumn('escalated_at', 'text')
    .addPrimaryKeyConstraint('interview_panelists_pk', ['interview_id', 'user_id'])
    .execute();
  await db.schema.createIndex('interview_panelists_user').on('interview_panelists').column('user_id').execute();

  await withId(db, db.schema.createTable('kit_items'))
    .addColumn('interview_id', 'integer', (c) => c.notNull().references('interviews.id').onDelete('cascade'))
    .addColumn('loop_id', 'integer', (c) => c.notNull().references('loops.id').onDelete('cascade'))
    .addColumn('panelist_id', 'text', (c) => c.notNull())
    .addColumn('question_id', 'text', (c) => c.notNull().references('questions.id'))
    .addColumn('competency_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active')) // active | swapped | released
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('kit_items_interview').on('kit_items').columns(['interview_id', 'panelist_id']).execute();
  await db.schema.createIndex('kit_items_loop').on('kit_items').columns(['loop_id', 'status']).execute();
  await db.schema.createIndex('kit_items_question').on('kit_items').column('question_id').execute();
  // One live use of a question per loop: the candidate never gets it twice.
  await sql`create unique index kit_items_loop_question_active on kit_items (loop_id, question_id) where status = 'active'`.execute(
    db,
  );

  await withId(db, db.schema.createTable('scorecards'))
    .addColumn('interview_id', 'integer', (c) => c.notNull().references('interviews.id').onDelete('cascade'))
    .addColumn('panelist_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft')) // draft | submitted
    .addColumn('draft', 'text') // JSON of unsent modal state
    .addColumn('key_takeaways', 'text')
    .addColumn('recommendation', 'text')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('submitted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('scorecards_interview_panelist', ['interview_id', 'panelist_id'])
    .execute();

  await db.schema
    .createTable('scorecard_ratings')
    .addColumn('scorecard_id', 'integer', (c) => c.notNull().references('scorecards.id').onDelete('cascade'))
    .addColumn('competency_id', 'text', (c) => c.notNull())
    .addColumn('rating', 'integer') // 1..4, null = not assessed
    .addPrimaryKeyConstraint('scorecard_ratings_pk', ['scorecard_id', 'competency_id'])
    .execute();

  await db.schema
    .createTable('scorecard_notes')
    .addColumn('scorecard_id', 'integer', (c) => c.notNull().references('scorecards.id').onDelete('cascade'))
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('scorecard_notes_pk', ['scorecard_id', 'question_id'])
    .execute();

  await withId(db, db.schema.createTable('scorecard_revisions'))
    .addColumn('scorecard_id', 'integer', (c) => c.notNull().references('scorecards.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull()) // JSON: ratings, notes, takeaways, recommendation
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('scorecard_revisions_unique', ['scorecard_id', 'revision'])
    .execute();

  await withId(db, db.schema.createTable('decisions'))
    .addColumn('loop_id', 'integer', (c) => c.notNull().references('loops.id').onDelete('cascade'))
    .addColumn('outcome', 'text', (c) => c.notNull()) // hire | no_hire | another_round
    .addColumn('rationale', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('decisions_loop').on('decisions').column('loop_id').execute();

  await withId(db, db.schema.createTable('audit_log'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull()) // Slack user ID, 'cli' or 'system'
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('details', 'text') // JSON
    .execute();
  await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity_type', 'entity_id']).execute();
  // Append-only: the database itself refuses edits and deletes of the trail.
  if (postgres) {
    await sql`create function audit_log_append_only() returns trigger language plpgsql as $$ begin raise exception 'audit_log is append-only'; end $$`.execute(
      db,
    );
    await sql`create trigger audit_log_no_update before update on audit_log for each row execute function audit_log_append_only()`.execute(
      db,
    );
  } else {
    await sql`create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(
      db,
    );
  }

  await db.schema
    .createTable('slack_deliveries')
    .addColumn('key', 'text', (c) => c.primaryKey()) // e.g. view id + hash, or action ts + user
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('outbox'))
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('method', 'text', (c) => c.notNull()) // chat.postMessage | chat.update | views.publish ...
    .addColumn('channel', 'text') // for per-channel pacing
    .addColumn('payload', 'text', (c) => c.notNull()) // JSON arguments
    .addColumn('ref_type', 'text') // what the delivered message belongs to, e.g. 'loop_thread'
    .addColumn('ref_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending')) // pending | sending | sent | failed
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('claimed_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('result_channel', 'text') // where Slack put it (a DM's D… id), for later edits
    .addColumn('result_ts', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('outbox_lane').on('outbox').columns(['channel', 'status', 'id']).execute();
  await db.schema.createIndex('outbox_ref').on('outbox').columns(['ref_type', 'ref_id']).execute();

  await db.schema
    .createTable('user_profiles')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('tz', 'text', (c) => c.notNull())
    .addColumn('is_bot', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fetched_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'user_profiles',
    'outbox',
    'slack_deliveries',
    'audit_log',
    'decisions',
    'scorecard_revisions',
    'scorecard_notes',
    'scorecard_ratings',
    'scorecards',
    'kit_items',
    'interview_panelists',
    'interviews',
    'loops',
    'candidates',
    'interviewer_tips',
    'questions',
    'competencies',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    await sql`drop function if exists audit_log_append_only`.execute(db);
}
