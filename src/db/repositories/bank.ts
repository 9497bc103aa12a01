import type { Selectable } from 'kysely';
import type {
  Bank,
  Competency,
  InterviewerTip,
  Level,
  Question,
  QuestionKind,
  QuestionStyle,
  Role,
  TipAudience,
} from '../../domain/types.js';
import { prepared } from '../compiled.js';
import { parseJsonArray } from '../json.js';
import type { CompetencyTable, Db, InterviewerTipTable, QuestionTable } from '../schema.js';

function toQuestion(row: Selectable<QuestionTable>): Question {
  return {
    id: row.id,
    text: row.text,
    roles: parseJsonArray(row.roles),
    kind: row.kind,
    competencies: parseJsonArray(row.competencies),
    levels: parseJsonArray(row.levels) as Level[],
    minutes: row.minutes,
    guidance: row.guidance,
    strongAnswer: row.strong_answer,
    redFlags: parseJsonArray(row.red_flags),
    followUps: parseJsonArray(row.follow_ups),
    source: row.source,
    sensitive: row.sensitive === 1,
    active: row.active === 1,
    style: (row.style as QuestionStyle | null) ?? null,
  };
}

function toTip(row: Selectable<InterviewerTipTable>): InterviewerTip {
  return {
    id: row.id,
    text: row.text,
    source: row.source,
    audience: row.audience as TipAudience,
    kinds: parseJsonArray(row.kinds) as QuestionKind[],
    levels: parseJsonArray(row.levels) as Level[],
  };
}

function toCompetency(row: Selectable<CompetencyTable>): Competency {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    kinds: parseJsonArray(row.kinds) as QuestionKind[],
    rubric: { 1: row.rubric_1, 2: row.rubric_2, 3: row.rubric_3, 4: row.rubric_4 },
  };
}

function questionColumns(q: Question) {
  return {
    text: q.text,
    roles: JSON.stringify(q.roles),
    kind: q.kind,
    competencies: JSON.stringify(q.competencies),
    levels: JSON.stringify(q.levels),
    minutes: q.minutes,
    guidance: q.guidance,
    strong_answer: q.strongAnswer,
    red_flags: JSON.stringify(q.redFlags),
    follow_ups: JSON.stringify(q.followUps),
    source: q.source,
    sensitive: q.sensitive ? 1 : 0,
    active: q.active ? 1 : 0,
    style: q.style,
  };
}

export interface SyncReport {
  roles: number;
  competencies: number;
  questions: number;
  tips: number;
  deactivated: number;
}

/**
 * Loads the YAML bank into the database by id: inserts new entries, updates changed ones, and
 * deactivates file questions that left the files. Questions added in Slack (created_by set) are untouched.
 */
export async function syncBank(db: Db, bank: Bank, now: Date): Promise<SyncReport> {
  const at = now.toISOString();
  for (const r of bank.roles) await upsertRole(db, r);
  for (const c of bank.competencies) {
    const columns = {
      name: c.name,
      description: c.description,
      kinds: JSON.stringify(c.kinds),
      rubric_1: c.rubric[1],
      rubric_2: c.rubric[2],
      rubric_3: c.rubric[3],
      rubric_4: c.rubric[4],
      updated_at: at,
    };
    await db
      .insertInto('competencies')
      .values({ id: c.id, ...columns })
      .onConflict((oc) => oc.column('id').doUpdateSet(columns))
      .execute();
  }
  for (const q of bank.questions) {
    const columns = questionColumns(q);
    await db
      .insertInto('questions')
      .values({ id: q.id, ...columns, created_by: null, created_at: at, updated_at: at })
      .onConflict((oc) => oc.column('id').doUpdateSet({ ...columns, updated_at: at }))
      .execute();
  }
  for (const t of bank.tips) {
    const columns = {
      text: t.text,
      source: t.source,
      audience: t.audience,
      kinds: JSON.stringify(t.kinds),
      levels: JSON.stringify(t.levels),
    };
    await db
      .insertInto('interviewer_tips')
      .values({ id: t.id, ...columns })
      .onConflict((oc) => oc.column('id').doUpdateSet(columns))
      .execute();
  }
  // Tips are file-only: one that left the files leaves the database too.
  const tipIds = bank.tips.map((t) => t.id);
  let dropTips = db.deleteFrom('interviewer_tips');
  if (tipIds.length > 0) dropTips = dropTips.where('id', 'not in', tipIds);
  await dropTips.execute();
  const ids = bank.questions.map((q) => q.id);
  let deactivate = db
    .updateTable('questions')
    .set({ active: 0, updated_at: at })
    .where('created_by', 'is', null)
    .where('active', '=', 1);
  if (ids.length > 0) deactivate = deactivate.where('id', 'not in', ids);
  const result = await deactivate.executeTakeFirst();
  return {
    roles: bank.roles.length,
    competencies: bank.competencies.length,
    questions: bank.questions.length,
    tips: bank.tips.length,
    deactivated: Number(result.numUpdatedRows),
  };
}

/** What the app last loaded from the bank's files: their fingerprint and counts (none before the first load). */
export async function filesLoaded(db: Db): Promise<{ fingerprint: string; report: SyncReport } | null> {
  const row = await db.selectFrom('bank_versions').select('files_loaded').where('id', '=', 1).executeTakeFirst();
  if (!row?.files_loaded) return null;
  try {
    const loaded = JSON.parse(row.files_loaded) as { fingerprint?: unknown; report?: SyncReport };
    return typeof loaded.fingerprint === 'string' && loaded.report
      ? { fingerprint: loaded.fingerprint, report: loaded.report }
      : null;
  } catch {
    return null; // unreadable: the files are loaded again
  }
}

export async function rememberFilesLoaded(db: Db, fingerprint: string, report: SyncReport): Promise<void> {
  await db
    .updateTable('bank_versions')
    .set({ files_loaded: JSON.stringify({ fingerprint, report }) })
    .where('id', '=', 1)
    .execute();
}

export async function competencyIds(db: Db): Promise<string[]> {
  return (await db.selectFrom('competencies').select('id').execute()).map((c) => c.id);
}

/** Questions a kit may use (the health check reads it). */
export async function activeQuestionCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom('questions')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const versions = prepared((db, _p: Record<string, never>) =>
  db.selectFrom('bank_versions').select(['content', 'usage']).where('id', '=', 1),
);
const usedQuestions = prepared((db, _p: Record<string, never>) =>
  db.selectFrom('questions').select(['id', 'uses']).where('uses', '>', 0),
);

/**
 * The bank and question usage, read once and reused until their version stamps change (database triggers
 * stamp every write, from this process or another one): every kit, swap, form and summary reads them.
 */
let cachedBank: { version: number; bank: Bank } | null = null;
let cachedUsage: { version: number; usage: ReadonlyMap<string, number> } | null = null;

/**
 * The stamps as they stand. They are random (from the migration on) and so tell databases apart too: the caches
 * below are shared by every database a process opens (tests, the benchmark).
 */
export async function bankVersions(db: Db): Promise<{ content: number; usage: number }> {
  const row = await versions.first(db, {});
  if (!row) throw new Error('bank_versions has no row: run the migrations');
  return row;
}

/** The whole bank, parsed once and reused until it changes. */
export async function readBank(db: Db): Promise<Bank> {
  const { content } = await bankVersions(db);
  if (cachedBank?.version === content) return cachedBank.bank;
  const [competencies, questions, tips, roles] = await Promise.all([
    db.selectFrom('competencies').selectAll().orderBy('id').execute(),
    db.selectFrom('questions').selectAll().orderBy('id').execute(),
    db.selectFrom('interviewer_tips').selectAll().orderBy('id').execute(),
    db.selectFrom('roles').selectAll().orderBy('id').execute(),
  ]);
  const bank: Bank = {
    competencies: competencies.map(toCompetency),
    questions: questions.map(toQuestion),
    tips: tips.map(toTip),
    roles: roles.map((r): Role => ({ id: r.id, name: r.name, description: r.description })),
  };
  cachedBank = { version: content, bank };
  return bank;
}

/** How often each question is planned in live kits across all loops (for even exposure); do not modify. */
export async function questionUsage(db: Db): Promise<ReadonlyMap<string, number>> {
  const { usage: version } = await bankVersions(db);
  if (cachedUsage?.version === version) return cachedUsage.usage;
  const rows = await usedQuestions.all(db, {});
  const usage = new Map(rows.map((r) => [r.id, r.uses]));
  cachedUsage = { version, usage };
  return usage;
}

/** Upserts one question, e.g. from `bank import`; keeps who created a custom question. */
export async function upsertQuestion(
  db: Db,
  q: Question,
  actor: string | null,
  now: Date,
): Promise<'added' | 'updated' | 'unchanged'> {
  const at = now.toISOString();
  const existing = await db.selectFrom('questions').selectAll().where('id', '=', q.id).executeTakeFirst();
  const columns = questionColumns(q);
  if (existing) {
    const same = Object.entries(columns).every(([k, v]) => existing[k as keyof typeof existing] === v);
    if (same) return 'unchanged';
    await db
      .updateTable('questions')
      .set({ ...columns, updated_at: at })
      .where('id', '=', q.id)
      .execute();
    return 'updated';
  }
  await db
    .insertInto('questions')
    .values({ id: q.id, ...columns, created_by: actor, created_at: at, updated_at: at })
    .execute();
  return 'added';
}

/**
 * Adds a role or renames it (the bank files, `bank import`); roles are never deleted, loops keep their slug.
 * A change draws a new content stamp, as the triggers do for questions and tips, so every process rereads the bank.
 */
export async function upsertRole(db: Db, role: Role): Promise<'added' | 'updated' | 'unchanged'> {
  const existing = await db.selectFrom('roles').selectAll().where('id', '=', role.id).executeTakeFirst();
  const columns = { name: role.name, description: role.description };
  if (existing && existing.name === role.name && existing.description === role.description) return 'unchanged';
  if (existing) await db.updateTable('roles').set(columns).where('id', '=', role.id).execute();
  else
    await db
      .insertInto('roles')
      .values({ id: role.id, ...columns })
      .execute();
  await db
    .updateTable('bank_versions')
    .set({ content: Math.floor(Math.random() * Number.MAX_SAFE_INTEGER) })
    .where('id', '=', 1)
    .execute();
  return existing ? 'updated' : 'added';
}
