import type { Db } from '../schema.js';

/**
 * The rows of a loop's full record, each in the order the export lists them: the kits, scorecards, their ratings,
 * notes and revisions of the given interviews, and the audit trail of the loop and those interviews.
 */
export async function loopRecordRows(db: Db, loopId: number, interviewIds: number[]) {
  const ids = interviewIds.length > 0 ? interviewIds : [-1];
  const [kit, cards, ratings, notes, revisions, audit, loopTimes] = await Promise.all([
    db
      .selectFrom('kit_items')
      .selectAll()
      .where('interview_id', 'in', ids)
      .orderBy('interview_id')
      .orderBy('panelist_id')
      .orderBy('position')
      .orderBy('id')
      .execute(),
    db.selectFrom('scorecards').selectAll().where('interview_id', 'in', ids).orderBy('id').execute(),
    db
      .selectFrom('scorecard_ratings')
      .innerJoin('scorecards', 'scorecards.id', 'scorecard_ratings.scorecard_id')
      .selectAll('scorecard_ratings')
      .where('scorecards.interview_id', 'in', ids)
      .orderBy('scorecard_ratings.scorecard_id')
      .orderBy('scorecard_ratings.competency_id')
      .execute(),
    db
      .selectFrom('scorecard_notes')
      .innerJoin('scorecards', 'scorecards.id', 'scorecard_notes.scorecard_id')
      .selectAll('scorecard_notes')
      .where('scorecards.interview_id', 'in', ids)
      .orderBy('scorecard_notes.scorecard_id')
      .orderBy('scorecard_notes.question_id')
      .execute(),
    db
      .selectFrom('scorecard_revisions')
      .innerJoin('scorecards', 'scorecards.id', 'scorecard_revisions.scorecard_id')
      .selectAll('scorecard_revisions')
      .where('scorecards.interview_id', 'in', ids)
      .orderBy('scorecard_revisions.id')
      .execute(),
    db
      .selectFrom('audit_log')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb.and([eb('entity_type', '=', 'loop'), eb('entity_id', '=', String(loopId))]),
          eb.and([eb('entity_type', '=', 'interview'), eb('entity_id', 'in', ids.map(String))]),
        ]),
      )
      .orderBy('id')
      .execute(),
    db.selectFrom('loops').select(['created_at', 'updated_at']).where('id', '=', loopId).executeTakeFirstOrThrow(),
  ]);
  return { kit, cards, ratings, notes, revisions, audit, loopTimes };
}
