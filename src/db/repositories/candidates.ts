import type { Db } from '../schema.js';
import { nameKey } from './loops.js';

export interface Candidate {
  id: number;
  name: string;
  loopIds: number[];
  leads: string[];
}

/** Candidates with this name (case-insensitive) that are not erased yet, with their loops and hiring leads. */
export async function candidatesNamed(db: Db, name: string): Promise<Candidate[]> {
  const rows = await db
    .selectFrom('candidates as c')
    .leftJoin('loops as l', 'l.candidate_id', 'c.id')
    .select(['c.id', 'c.name', 'l.id as loopId', 'l.hiring_lead_id'])
    .where('c.name_key', '=', nameKey(name))
    .where('c.erased_at', 'is', null)
    .orderBy('c.id')
    .orderBy('l.id')
    .execute();
  return collect(rows);
}

/** The candidate whose loop holds this interview, erased or not. */
export async function candidateOfInterview(
  db: Db,
  interviewId: number,
): Promise<{ id: number; loopId: number } | null> {
  const row = await db
    .selectFrom('interviews as i')
    .innerJoin('loops as l', 'l.id', 'i.loop_id')
    .select(['l.candidate_id', 'l.id'])
    .where('i.id', '=', interviewId)
    .executeTakeFirst();
  return row ? { id: row.candidate_id, loopId: row.id } : null;
}

function collect(
  rows: { id: number; name: string | null; loopId: number | null; hiring_lead_id: string | null }[],
): Candidate[] {
  const byId = new Map<number, Candidate>();
  for (const r of rows) {
    const c = byId.get(r.id) ?? { id: r.id, name: r.name ?? '', loopIds: [], leads: [] };
    if (r.loopId !== null) c.loopIds.push(r.loopId);
    if (r.hiring_lead_id && !c.leads.includes(r.hiring_lead_id)) c.leads.push(r.hiring_lead_id);
    byId.set(r.id, c);
  }
  return [...byId.values()];
}

export interface CandidateRecord {
  id: number;
  name: string | null;
  erasedAt: string | null;
  loops: { id: number; hiringLeadId: string }[];
}

export async function getCandidate(db: Db, id: number): Promise<CandidateRecord | null> {
  const row = await db
    .selectFrom('candidates')
    .select(['id', 'name', 'erased_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const loops = await db
    .selectFrom('loops')
    .select(['id', 'hiring_lead_id'])
    .where('candidate_id', '=', id)
    .orderBy('id')
    .execute();
  return {
    id: row.id,
    name: row.name,
    erasedAt: row.erased_at,
    loops: loops.map((l) => ({ id: l.id, hiringLeadId: l.hiring_lead_id })),
  };
}

/** Blanks the candidate's own record: name, the key it is found by, links. */
export async function markErased(db: Db, id: number, at: string): Promise<void> {
  await db
    .updateTable('candidates')
    .set({ name: null, name_key: null, links: null, erased_at: at })
    .where('id', '=', id)
    .execute();
}

export interface Rewrite {
  /** For free text (notes, takeaways, rationales). */
  text: (value: string) => string;
  /** For JSON documents (drafts, revisions, audit details): every string inside them. */
  json: (value: string) => string;
}

/**
 * Rewrites every free text stored about these loops: interview notes, scorecard takeaways, drafts, notes and
 * revisions, decision rationales and the audit trail's details. Only rows that change are written.
 * Returns the interviews of the loops.
 */
export async function rewriteLoopTexts(db: Db, loopIds: number[], rewrite: Rewrite): Promise<number[]> {
  if (loopIds.length === 0) return [];
  const changed = (before: string | null, after: string | null) => before !== after;
  const apply = <T extends string | null>(value: T, f: (v: string) => string): T =>
    (value === null ? value : f(value)) as T;

  const interviews = await db
    .selectFrom('interviews')
    .select(['id', 'notes'])
    .where('loop_id', 'in', loopIds)
    .execute();
  for (const i of interviews) {
    const notes = apply(i.notes, rewrite.text);
    if (changed(i.notes, notes)) await db.updateTable('interviews').set({ notes }).where('id', '=', i.id).execute();
  }
  const interviewIds = interviews.map((i) => i.id);

  const cards =
    interviewIds.length > 0
      ? await db
          .selectFrom('scorecards')
          .select(['id', 'key_takeaways', 'draft'])
          .where('interview_id', 'in', interviewIds)
          .execute()
      : [];
  for (const c of cards) {
    const keyTakeaways = apply(c.key_takeaways, rewrite.text);
    const draft = apply(c.draft, rewrite.json);
    if (changed(c.key_takeaways, keyTakeaways) || changed(c.draft, draft))
      await db.updateTable('scorecards').set({ key_takeaways: keyTakeaways, draft }).where('id', '=', c.id).execute();
  }
  const cardIds = cards.map((c) => c.id);
  if (cardIds.length > 0) {
    const notes = await db.selectFrom('scorecard_notes').selectAll().where('scorecard_id', 'in', cardIds).execute();
    for (const n of notes) {
      const note = rewrite.text(n.note);
      if (changed(n.note, note))
        await db
          .updateTable('scorecard_notes')
          .set({ note })
          .where('scorecard_id', '=', n.scorecard_id)
          .where('question_id', '=', n.question_id)
          .execute();
    }
    const revisions = await db
      .selectFrom('scorecard_revisions')
      .select(['id', 'content'])
      .where('scorecard_id', 'in', cardIds)
      .execute();
    for (const r of revisions) {
      const content = rewrite.json(r.content);
      if (changed(r.content, content))
        await db.updateTable('scorecard_revisions').set({ content }).where('id', '=', r.id).execute();
    }
  }

  const decisions = await db
    .selectFrom('decisions')
    .select(['id', 'rationale'])
    .where('loop_id', 'in', loopIds)
    .execute();
  for (const d of decisions) {
    const rationale = rewrite.text(d.rationale);
    if (changed(d.rationale, rationale))
      await db.updateTable('decisions').set({ rationale }).where('id', '=', d.id).execute();
  }

  const entries = await db
    .selectFrom('audit_log')
    .select(['id', 'details'])
    .where('details', 'is not', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('entity_type', '=', 'loop'), eb('entity_id', 'in', loopIds.map(String))]),
        ...(interviewIds.length > 0
          ? [eb.and([eb('entity_type', '=', 'interview'), eb('entity_id', 'in', interviewIds.map(String))])]
          : []),
      ]),
    )
    .execute();
  for (const a of entries) {
    const details = apply(a.details, rewrite.json);
    if (changed(a.details, details))
      await db.updateTable('audit_log').set({ details }).where('id', '=', a.id).execute();
  }
  return interviewIds;
}

/** Replaces a queued or delivered message's stored arguments (its text once scrubbed). */
export async function setMessagePayload(db: Db, id: number, payload: string): Promise<void> {
  await db.updateTable('outbox').set({ payload }).where('id', '=', id).execute();
}
