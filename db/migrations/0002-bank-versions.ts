import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: never import application code here.
// Two version stamps the app reads before every kit instead of scanning the bank: the bank's content
// (questions, competencies, tips) and question usage (`questions.uses`). Triggers set them, so every writer
// counts, including another process such as `npm run cli -- bank import`. Each change draws a new random stamp
// rather than adding one: a rolled-back change can then never leave a stamp that a later change reuses.
const QUESTION_CONTENT =
  'text, roles, kind, competencies, levels, minutes, guidance, strong_answer, red_flags, follow_ups, source, sensitive, active, created_by';

export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return upPostgres(db);
  await db.schema
    .createTable('bank_versions')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('content', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('usage', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  const stamp = 'abs(random() % 9007199254740991)'; // a safe integer in JavaScript
  // Random from the start too: two databases (with their banks already loaded) never share a stamp.
  await sql`insert into bank_versions (id, content, usage) values (1, ${sql.raw(stamp)}, ${sql.raw(stamp)})`.execute(
    db,
  );
  const content = sql.raw(`update bank_versions set content = ${stamp} where id = 1;`);
  const both = sql.raw(`update bank_versions set content = ${stamp}, usage = ${stamp} where id = 1;`);
  const usage = sql.raw(`update bank_versions set usage = ${stamp} where id = 1;`);
  const triggers: [string, string, typeof content][] = [
    ['questions_inserted', 'after insert on questions', both],
    ['questions_deleted', 'after delete on questions', both],
    ['questions_changed', `after update of ${QUESTION_CONTENT} on questions`, content],
    ['questions_used', 'after update of uses on questions', usage],
    ['competencies_inserted', 'after insert on competencies', content],
    ['competencies_deleted', 'after delete on competencies', content],
    ['competencies_changed', 'after update on competencies', content],
    ['tips_inserted', 'after insert on interviewer_tips', content],
    ['tips_deleted', 'after delete on interviewer_tips', content],
    ['tips_changed', 'after update on interviewer_tips', content],
  ];
  for (const [name, when, body] of triggers) {
    await sql`create trigger ${sql.raw(name)} ${sql.raw(when)} begin ${body} end`.execute(db);
  }
}

/** The same stamps on PostgreSQL: bigint columns, trigger functions, one stamp per statement. */
async function upPostgres(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('bank_versions')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('content', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('usage', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  const stamp = 'floor(random() * 9007199254740991)::bigint';
  await sql`insert into bank_versions (id, content, usage) values (1, ${sql.raw(stamp)}, ${sql.raw(stamp)})`.execute(
    db,
  );
  const functions: [string, string][] = [
    ['bank_content_changed', `content = ${stamp}`],
    ['bank_both_changed', `content = ${stamp}, usage = ${stamp}`],
    ['bank_usage_changed', `usage = ${stamp}`],
  ];
  for (const [name, set] of functions) {
    await sql`create function ${sql.raw(name)}() returns trigger language plpgsql as ${sql.lit(
      `begin update bank_versions set ${set} where id = 1; return null; end`,
    )}`.execute(db);
  }
  const triggers: [string, string, string][] = [
    ['questions_inserted', 'after insert on questions', 'bank_both_changed'],
    ['questions_deleted', 'after delete on questions', 'bank_both_changed'],
    ['questions_changed', `after update of ${QUESTION_CONTENT} on questions`, 'bank_content_changed'],
    ['questions_used', 'after update of uses on questions', 'bank_usage_changed'],
    ['competencies_inserted', 'after insert on competencies', 'bank_content_changed'],
    ['competencies_deleted', 'after delete on competencies', 'bank_content_changed'],
    ['competencies_changed', 'after update on competencies', 'bank_content_changed'],
    ['tips_inserted', 'after insert on interviewer_tips', 'bank_content_changed'],
    ['tips_deleted', 'after delete on interviewer_tips', 'bank_content_changed'],
    ['tips_changed', 'after update on interviewer_tips', 'bank_content_changed'],
  ];
  for (const [name, when, fn] of triggers) {
    await sql`create trigger ${sql.raw(name)} ${sql.raw(when)} for each statement execute function ${sql.raw(fn)}()`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await db.schema.dropTable('bank_versions').execute();
    for (const table of ['questions', 'competencies', 'interviewer_tips']) {
      for (const name of ['inserted', 'deleted', 'changed', 'used']) {
        const trigger = `${table === 'interviewer_tips' ? 'tips' : table}_${name}`;
        await sql`drop trigger if exists ${sql.raw(trigger)} on ${sql.raw(table)}`.execute(db);
      }
    }
    for (const fn of ['bank_content_changed', 'bank_both_changed', 'bank_usage_changed'])
      await sql`drop function if exists ${sql.raw(fn)}`.execute(db);
    return;
  }
  for (const name of [
    'questions_inserted',
    'questions_deleted',
    'questions_changed',
    'questions_used',
    'competencies_inserted',
    'competencies_deleted',
    'competencies_changed',
    'tips_inserted',
    'tips_deleted',
    'tips_changed',
  ]) {
    await sql`drop trigger if exists ${sql.raw(name)}`.execute(db);
  }
  await db.schema.dropTable('bank_versions').execute();
}
