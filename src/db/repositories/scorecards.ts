import { sql } from 'kysely';
import type { ScorecardContent, ScorecardDraft } from '../../domain/scorecard.js';
import type { ExpectedScorecard, SubmittedScorecard } from '../../domain/scorecard-summary.js';
import type { Recommendation } from '../../domain/types.js';
import { prepared } from '../compiled.js';
import { dialectSql } from '../dialect.js';
import type { Db } from '../schema.js';

/** Scorecards in / scorecards owed, over the loop's interviews that are still on. */
const loopProgress = prepared((db, p: { loopId: number }) =>
  db
    .selectFrom('interview_panelists as p')
    .innerJoin('interviews as i', 'i.id', 'p.interview_id')
    .leftJoin('scorecards as s', (join) =>
      join
        .onRef('s.interview_id', '=', 'p.interview_id')
        .onRef('s.panelist_id', '=', 'p.user_id')
        .on('s.status', '=', 'submitted'),
    )
    .select((eb) => [eb.fn.countAll<number>().as('expected'), eb.fn.count<number>('s.id').as('submitted')])
    .where('i.loop_id', '=', p.loopId)
    .where('i.status', '=', 'scheduled'),
);

export async function progressOfLoop(db: Db, loopId: number): Promise<{ submitted: number; expected: number }> {
  const row = await loopProgress.first(db, { loopId });
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

const scorecardOf = prepared((db, p: { interviewId: number; panelistId: string }) =>
  db
    .selectFrom('scorecards')
    .selectAll()
    .where('interview_id', '=', p.interviewId)
    .where('panelist_id', '=', p.panelistId),
);
const ratingsOf = prepared((db, p: { scorecardId: number }) =>
  db.selectFrom('scorecard_ratings').select(['competency_id', 'rating']).where('scorecard_id', '=', p.scorecardId),
);
const notesOf = prepared((db, p: { scorecardId: number }) =>
  db.selectFrom('scorecard_notes').select(['question_id', 'note']).where('scorecard_id', '=', p.scorecardId),
);

export async function getScorecard(
  db: Db,
  interviewId: number,
  panelistId: string,
): Promise<StoredScorecard | undefined> {
  const row = await scorecardOf.first(db, { interviewId, panelistId });
  if (!row) return undefined;
  let content: ScorecardContent | null = null;
  if (row.status === 'submitted') {
    const [ratings, notes] = await Promise.all([
      ratingsOf.all(db, { scorecardId: row.id }),
      notesOf.all(db, { scorecardId: row.id }),
    ]);
    content = {
      ratings: Object.fromEntries(ratings.map((r) => [r.competency_id, r.rating ?? null])),
      notes: Object.fromEntries(notes.map((n) => [n.question_id, n.note])),
      keyTakeaways: row.key_takeaways ?? '',
      recommendation: row.recommendation as Recommendation, // set on every submitted card
    };
  }
  return {
    id: row.id,
    status: row.status,
    revision: row.revision,
    submittedAt: row.submitted_at ? new Date(row.submitted_at) : null,
    content,
    draft: parseDraft(row.draft),
  };
}

/** The panelist's scorecard row, created on first use: its id and current revision, in one statement. */
const upsertRow = prepared((db, p: { interviewId: number; panelistId: string; at: string }) =>
  db
    .insertInto('scorecards')
    .values({ interview_id: p.interviewId, panelist_id: p.panelistId, created_at: p.at, updated_at: p.at })
    .onConflict((oc) => oc.columns(['interview_id', 'panelist_id']).doUpdateSet({ updated_at: p.at }))
    .returning(['id', 'revision']),
);

async function ensureRow(
  db: Db,
  interviewId: number,
  panelistId: string,
  now: Date,
): Promise<{ id: number; revision: number }> {
  const row = await upsertRow.first(db, { interviewId, panelistId, at: now.toISOString() });
  if (!row) throw new Error(`no scorecard row for interview ${interviewId} and ${panelistId}`);
  return row;
}

const setDraft = prepared((db, p: { id: number; draft: string; at: string }) =>
  db.updateTable('scorecards').set({ draft: p.draft, updated_at: p.at }).where('id', '=', p.id),
);
/**
 * A submission in one statement: the row is created (revision 1) or becomes the next revision, and its id and
 * revision come back.
 */
const submitRow = prepared(
  (db, p: { interviewId: number; panelistId: string; takeaways: string; recommendation: Recommendation; at: string }) =>
    db
      .insertInto('scorecards')
      .values({
        interview_id: p.interviewId,
        panelist_id: p.panelistId,
        status: 'submitted',
        draft: null,
        key_takeaways: p.takeaways,
        recommendation: p.recommendation,
        revision: 1,
        submitted_at: p.at,
        created_at: p.at,
        updated_at: p.at,
      })
      .onConflict((oc) =>
        oc.columns(['interview_id', 'panelist_id']).doUpdateSet((eb) => ({
          status: 'submitted',
          draft: null,
          key_takeaways: eb.ref('excluded.key_takeaways'),
          recommendation: eb.ref('excluded.recommendation'),
          revision: eb('scorecards.revision', '+', 1),
          submitted_at: eb.ref('excluded.submitted_at'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .returning(['id', 'revision']),
);
const clearRatings = prepared((db, p: { id: number }) =>
  db.deleteFrom('scorecard_ratings').where('scorecard_id', '=', p.id),
);
const clearNotes = prepared((db, p: { id: number }) =>
  db.deleteFrom('scorecard_notes').where('scorecard_id', '=', p.id),
);
/** Every note of a submission in one statement (a JSON object of question id → note). */
const insertNoteRows = prepared((db, p: { id: number; notes: string }) =>
  db
    .insertInto('scorecard_notes')
    .columns(['scorecard_id', 'question_id', 'note'])
    .expression((eb) =>
      eb
        .selectFrom(sql<{ key: string; value: string }>`${dialectSql(db).jsonObjectRows(p.notes)}`.as('r'))
        .select([sql<number>`cast(${p.id} as integer)`.as('scorecard_id'), 'r.key', 'r.value']),
    ),
);

/**
 * Every rating of a submission in one statement (a JSON array of [competency id, rating or null, 1 when it was
 * the rater's own focus]).
 */
const insertRatingRows = prepared((db, p: { id: number; ratings: string }) =>
  db
    .insertInto('scorecard_ratings')
    .columns(['scorecard_id', 'competency_id', 'rating', 'in_focus'])
    .expression((eb) =>
      eb
        .selectFrom(sql<{ value: string }>`${dialectSql(db).jsonArrayRows(p.ratings)}`.as('r'))
        .select([
          sql<number>`cast(${p.id} as integer)`.as('scorecard_id'),
          sql<string>`r.value ->> 0`.as('competency_id'),
          sql<number | null>`cast(r.value ->> 1 as integer)`.as('rating'),
          sql<number>`cast(r.value ->> 2 as integer)`.as('in_focus'),
        ]),
    ),
);

const insertRevision = prepared((db, p: { id: number; revision: number; content: string; by: string; at: string }) =>
  db.insertInto('scorecard_revisions').values({
    scorecard_id: p.id,
    revision: p.revision,
    content: p.content,
    submitted_by: p.by,
    submitted_at: p.at,
  }),
);

/** Keeps what was typed in a closed modal; a submitted scorecard stays as it was until the next submission. */
export async function saveDraft(db: Db, interviewId: number, panelistId: string, draft: ScorecardDraft, now: Date) {
  const { id } = await ensureRow(db, interviewId, panelistId, now);
  await setDraft.run(db, { id, draft: JSON.stringify(draft), at: now.toISOString() });
}

/** Saves a submission as the new revision; earlier revisions stay in scorecard_revisions. */
export async function saveSubmission(
  db: Db,
  interviewId: number,
  panelistId: string,
  content: ScorecardContent,
  focus: readonly string[],
  now: Date,
): Promise<{ revision: number }> {
  const at = now.toISOString();
  const row = await submitRow.first(db, {
    interviewId,
    panelistId,
    takeaways: content.keyTakeaways,
    recommendation: content.recommendation,
    at,
  });
  if (!row) throw new Error(`no scorecard row for interview ${interviewId} and ${panelistId}`);
  const { id, revision } = row;
  // A first submission has no ratings or notes to replace (a draft keeps what was typed in its own column).
  if (revision > 1) {
    await clearRatings.run(db, { id });
    await clearNotes.run(db, { id });
  }
  const own = new Set(focus);
  const ratings = Object.entries(content.ratings).map(([c, rating]) => [c, rating, own.has(c) ? 1 : 0]);
  if (ratings.length > 0) await insertRatingRows.run(db, { id, ratings: JSON.stringify(ratings) });
  if (Object.keys(content.notes).length > 0) await insertNoteRows.run(db, { id, notes: JSON.stringify(content.notes) });
  await insertRevision.run(db, { id, revision, content: JSON.stringify(content), by: panelistId, at });
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

/**
 * The submitted scorecards of a loop's interviews that are still on: the hottest query (every summary and status),
 * compiled once, since building a Kysely query costs more than SQLite takes to run it.
 */
/** Exported for the benchmark, which runs its SQL on the raw driver to compare. */
export const cardsOfLoop = prepared((db, p: { loopId: number }) =>
  db
    .selectFrom('scorecards as s')
    .innerJoin('interviews as i', 'i.id', 's.interview_id')
    .select(['s.id', 's.interview_id', 's.panelist_id', 's.recommendation', 's.key_takeaways', 's.revision'])
    .select(['i.round', 's.submitted_at'])
    .where('i.loop_id', '=', p.loopId)
    .where('i.status', '=', 'scheduled')
    .where('s.status', '=', 'submitted'),
);

export async function submittedCards(db: Db, loopId: number) {
  return cardsOfLoop.all(db, { loopId });
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
  return cards.map((c) => {
    const own = ratings.filter((r) => r.scorecard_id === c.id);
    return {
      interviewId: c.interview_id,
      panelistId: c.panelist_id,
      round: c.round,
      revision: c.revision,
      submittedAt: new Date(c.submitted_at ?? 0),
      recommendation: c.recommendation as Recommendation, // submitted cards only
      keyTakeaways: c.key_takeaways ?? '',
      ratings: Object.fromEntries(own.map((r) => [r.competency_id, r.rating ?? null])),
      focus: own.filter((r) => r.in_focus === 1).map((r) => r.competency_id),
    };
  });
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

/** The notes of a loop's submitted scorecards, per question, with who wrote them. */
export async function notesOfLoop(
  db: Db,
  loopId: number,
): Promise<{ interviewId: number; panelistId: string; questionId: string; note: string }[]> {
  const rows = await db
    .selectFrom('scorecard_notes as n')
    .innerJoin('scorecards as s', 's.id', 'n.scorecard_id')
    .innerJoin('interviews as i', 'i.id', 's.interview_id')
    .select(['s.interview_id', 's.panelist_id', 'n.question_id', 'n.note'])
    .where('i.loop_id', '=', loopId)
    .where('i.status', '=', 'scheduled')
    .where('s.status', '=', 'submitted')
    .execute();
  return rows.map((r) => ({
    interviewId: r.interview_id,
    panelistId: r.panelist_id,
    questionId: r.question_id,
    note: r.note,
  }));
}
