import type { CompiledQuery } from 'kysely';
import type { ScorecardContent, ScorecardDraft } from '../../domain/scorecard.js';
import type { ExpectedScorecard, SubmittedScorecard } from '../../domain/scorecard-summary.js';
import type { Rating, Recommendation } from '../../domain/types.js';
import type { Db } from '../schema.js';

/** Scorecards in / scorecards owed, over the loop's interviews that are still on. */
export async function progressOfLoop(db: Db, loopId: number): Promise<{ submitted: number; expected: number }> {
  const row = await db
    .selectFrom('interview_panelists as p')
    .innerJoin('interviews as i', 'i.id', 'p.interview_id')
    .leftJoin('scorecards as s', (join) =>
      join
        .onRef('s.interview_id', '=', 'p.interview_id')
        .onRef('s.panelist_id', '=', 'p.user_id')
        .on('s.status', '=', 'submitted'),
    )
    .select((eb) => [eb.fn.countAll<number>().as('expected'), eb.fn.count<number>('s.id').as('submitted')])
    .where('i.loop_id', '=', loopId)
    .where('i.status', '=', 'scheduled')
    .executeTakeFirst();
  return { submitted: Number(row?.submitted ?? 0), expected: Number(row?.expected ?? 0) };
}

export interface StoredScorecard {
  id: number;
  status: 'draft' | 'submitted';
  revision: number;
  submittedAt: Date | null;
  content: ScorecardContent | null;
  draft: ScorecardDraft | null;
}

function parseDraft(text: string | null): ScorecardDraft | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as ScorecardDraft;
  } catch {
    return null;
  }
}

export async function getScorecard(
  db: Db,
  interviewId: number,
  panelistId: string,
): Promise<StoredScorecard | undefined> {
  const row = await db
    .selectFrom('scorecards')
    .selectAll()
    .where('interview_id', '=', interviewId)
    .where('panelist_id', '=', panelistId)
    .executeTakeFirst();
  if (!row) return undefined;
  let content: ScorecardContent | null = null;
  if (row.status === 'submitted') {
    const [ratings, notes] = await Promise.all([
      db
        .selectFrom('scorecard_ratings')
        .select(['competency_id', 'rating'])
        .where('scorecard_id', '=', row.id)
        .execute(),
      db.selectFrom('scorecard_notes').select(['question_id', 'note']).where('scorecard_id', '=', row.id).execute(),
    ]);
    content = {
      ratings: Object.fromEntries(ratings.map((r) => [r.competency_id, (r.rating as Rating | null) ?? null])),
      notes: Object.fromEntries(notes.map((n) => [n.question_id, n.note])),
      keyTakeaways: row.key_takeaways ?? '',
      recommendation: row.recommendation as Recommendation,
    };
  }
  return {
    id: row.id,
    status: row.status as 'draft' | 'submitted',
    revision: row.revision,
    submittedAt: row.submitted_at ? new Date(row.submitted_at) : null,
    content,
    draft: parseDraft(row.draft),
  };
}

async function ensureRow(db: Db, interviewId: number, panelistId: string, now: Date): Promise<number> {
  const at = now.toISOString();
  await db
    .insertInto('scorecards')
    .values({ interview_id: interviewId, panelist_id: panelistId, created_at: at, updated_at: at })
    .onConflict((oc) => oc.columns(['interview_id', 'panelist_id']).doNothing())
    .execute();
  const row = await db
    .selectFrom('scorecards')
    .select('id')
    .where('interview_id', '=', interviewId)
    .where('panelist_id', '=', panelistId)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Keeps what was typed in a closed modal; a submitted scorecard stays as it was until the next submission. */
export async function saveDraft(db: Db, interviewId: number, panelistId: string, draft: ScorecardDraft, now: Date) {
  const id = await ensureRow(db, interviewId, panelistId, now);
  await db
    .updateTable('scorecards')
    .set({ draft: JSON.stringify(draft), updated_at: now.toISOString() })
    .where('id', '=', id)
    .execute();
}

/** Saves a submission as the new revision; earlier revisions stay in scorecard_revisions. */
export async function saveSubmission(
  db: Db,
  interviewId: number,
  panelistId: string,
  content: ScorecardContent,
  now: Date,
): Promise<{ revision: number }> {
  const at = now.toISOString();
  const id = await ensureRow(db, interviewId, panelistId, now);
  const current = await db.selectFrom('scorecards').select('revision').where('id', '=', id).executeTakeFirstOrThrow();
  const revision = current.revision + 1;
  await db
    .updateTable('scorecards')
    .set({
      status: 'submitted',
      draft: null,
      key_takeaways: content.keyTakeaways,
      recommendation: content.recommendation,
      revision,
      submitted_at: at,
      updated_at: at,
    })
    .where('id', '=', id)
    .execute();
  await db.deleteFrom('scorecard_ratings').where('scorecard_id', '=', id).execute();
  const ratings = Object.entries(content.ratings);
  if (ratings.length > 0) {
    await db
      .insertInto('scorecard_ratings')
      .values(ratings.map(([competency, rating]) => ({ scorecard_id: id, competency_id: competency, rating })))
      .execute();
  }
  await db.deleteFrom('scorecard_notes').where('scorecard_id', '=', id).execute();
  const notes = Object.entries(content.notes);
  if (notes.length > 0) {
    await db
      .insertInto('scorecard_notes')
      .values(notes.map(([question, note]) => ({ scorecard_id: id, question_id: question, note })))
      .execute();
  }
  await db
    .insertInto('scorecard_revisions')
    .values({
      scorecard_id: id,
      revision,
      content: JSON.stringify(content),
      submitted_by: panelistId,
      submitted_at: at,
    })
    .execute();
  return { revision };
}

export interface OwedScorecard {
  interviewId: number;
  loopId: number;
  startsAt: Date;
  endsAt: Date;
  kind: string;
}

/** Scorecards the user owes: interviews on their panel that have started and have no submission from them. */
export async function owedBy(db: Db, userId: string, now: Date): Promise<OwedScorecard[]> {
  const rows = await db
    .selectFrom('interview_panelists as p')
    .innerJoin('interviews as i', 'i.id', 'p.interview_id')
    .innerJoin('loops as l', 'l.id', 'i.loop_id')
    .leftJoin('scorecards as s', (join) =>
      join.onRef('s.interview_id', '=', 'p.interview_id').onRef('s.panelist_id', '=', 'p.user_id'),
    )
    .select(['i.id', 'i.loop_id', 'i.starts_at', 'i.ends_at', 'i.kind'])
    .where('p.user_id', '=', userId)
    .where('i.status', '=', 'scheduled')
    .where('l.status', '=', 'open')
    .where('i.starts_at', '<=', now.toISOString())
    .where((eb) => eb.or([eb('s.status', 'is', null), eb('s.status', '!=', 'submitted')]))
    .orderBy('i.starts_at', 'desc')
    .execute();
  return rows.map((r) => ({
    interviewId: r.id,
    loopId: r.loop_id,
    startsAt: new Date(r.starts_at),
    endsAt: new Date(r.ends_at),
    kind: r.kind,
  }));
}

/** Who owes a scorecard in the loop: panelists of its interviews that are still on. */
export async function expectedInLoop(db: Db, loopId: number): Promise<ExpectedScorecard[]> {
  const rows = await db
    .selectFrom('interview_panelists as p')
    .innerJoin('interviews as i', 'i.id', 'p.interview_id')
    .select(['p.interview_id', 'p.user_id'])
    .where('i.loop_id', '=', loopId)
    .where('i.status', '=', 'scheduled')
    .execute();
  return rows.map((r) => ({ interviewId: r.interview_id, panelistId: r.user_id }));
}

/** Every submitted scorecard of the loop's interviews that are still on, with ratings. */
const cardsQuery = (db: Db, loopId: number) =>
  db
    .selectFrom('scorecards as s')
    .innerJoin('interviews as i', 'i.id', 's.interview_id')
    .select(['s.id', 's.interview_id', 's.panelist_id', 's.recommendation', 's.key_takeaways'])
    .where('i.loop_id', '=', loopId)
    .where('i.status', '=', 'scheduled')
    .where('s.status', '=', 'submitted');
let compiledCards: CompiledQuery<CardRow> | null = null;
type CardRow = {
  id: number;
  interview_id: number;
  panelist_id: string;
  recommendation: string | null;
  key_takeaways: string | null;
};

/**
 * The submitted scorecards of a loop: the hottest query (every summary and status), compiled once, since
 * building a Kysely query costs more than SQLite takes to run it.
 */
export async function submittedCards(db: Db, loopId: number): Promise<CardRow[]> {
  compiledCards ??= cardsQuery(db, 0).compile();
  const result = await db.executeQuery<CardRow>({ ...compiledCards, parameters: [loopId, 'scheduled', 'submitted'] });
  return result.rows;
}

export async function submittedInLoop(db: Db, loopId: number): Promise<SubmittedScorecard[]> {
  const cards = await submittedCards(db, loopId);
  if (cards.length === 0) return [];
  const ratings = await db
    .selectFrom('scorecard_ratings')
    .selectAll()
    .where(
      'scorecard_id',
      'in',
      cards.map((c) => c.id),
    )
    .execute();
  return cards.map((c) => ({
    interviewId: c.interview_id,
    panelistId: c.panelist_id,
    recommendation: c.recommendation as Recommendation,
    keyTakeaways: c.key_takeaways ?? '',
    ratings: Object.fromEntries(
      ratings.filter((r) => r.scorecard_id === c.id).map((r) => [r.competency_id, (r.rating as Rating | null) ?? null]),
    ),
  }));
}

/** Scorecards submitted for one interview. */
export async function progressOfInterview(db: Db, interviewId: number): Promise<{ submitted: number }> {
  const row = await db
    .selectFrom('scorecards')
    .select((eb) => eb.fn.countAll<number>().as('submitted'))
    .where('interview_id', '=', interviewId)
    .where('status', '=', 'submitted')
    .executeTakeFirst();
  return { submitted: Number(row?.submitted ?? 0) };
}
