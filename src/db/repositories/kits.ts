import type { KitItemRecord } from '../../domain/loop.js';
import { prepared } from '../compiled.js';
import type { Db } from '../schema.js';

export interface NewKitItem {
  panelistId: string;
  questionId: string;
  competencyId: string;
  position: number;
}

export async function insertKitItems(
  db: Db,
  interviewId: number,
  loopId: number,
  items: NewKitItem[],
  now: Date,
): Promise<void> {
  if (items.length === 0) return;
  await db
    .insertInto('kit_items')
    .values(
      items.map((item) => ({
        interview_id: interviewId,
        loop_id: loopId,
        panelist_id: item.panelistId,
        question_id: item.questionId,
        competency_id: item.competencyId,
        position: item.position,
        created_at: now.toISOString(),
      })),
    )
    .execute();
  await countUses(
    db,
    items.map((i) => i.questionId),
    1,
  );
}

/** Keeps questions.uses (live kit items per question) in step with kit_items, for even exposure. */
async function countUses(db: Db, questionIds: string[], delta: 1 | -1): Promise<void> {
  const counts = new Map<string, number>();
  for (const id of questionIds) counts.set(id, (counts.get(id) ?? 0) + delta);
  for (const [id, change] of counts) {
    await db
      .updateTable('questions')
      .set((eb) => ({ uses: eb('uses', '+', change) }))
      .where('id', '=', id)
      .execute();
  }
}

/** The live kit of an interview, by panelist and position. */
const kitQuery = prepared((db, p: { interviewId: number }) =>
  db
    .selectFrom('kit_items')
    .select(['id', 'interview_id', 'panelist_id', 'question_id', 'competency_id', 'position'])
    .where('interview_id', '=', p.interviewId)
    .where('status', '=', 'active')
    .orderBy('panelist_id')
    .orderBy('position'),
);

export async function kitOf(db: Db, interviewId: number): Promise<KitItemRecord[]> {
  const rows = await kitQuery.all(db, { interviewId });
  return rows.map((r) => ({
    id: r.id,
    interviewId: r.interview_id,
    panelistId: r.panelist_id,
    questionId: r.question_id,
    competencyId: r.competency_id,
    position: r.position,
  }));
}

/** Questions the candidate has had or will have in this loop. */
export async function usedInLoop(db: Db, loopId: number): Promise<Set<string>> {
  const rows = await db
    .selectFrom('kit_items')
    .select('question_id')
    .where('loop_id', '=', loopId)
    .where('status', '=', 'active')
    .execute();
  return new Set(rows.map((r) => r.question_id));
}

export async function getKitItem(db: Db, id: number) {
  return db.selectFrom('kit_items').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Questions already swapped out of this panelist's kit, so swapping walks on instead of going back. */
export async function swappedOut(db: Db, interviewId: number, panelistId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('kit_items')
    .select('question_id')
    .where('interview_id', '=', interviewId)
    .where('panelist_id', '=', panelistId)
    .where('status', '=', 'swapped')
    .execute();
  return new Set(rows.map((r) => r.question_id));
}

export async function markKitItem(db: Db, id: number, status: 'swapped' | 'released'): Promise<void> {
  const item = await db
    .updateTable('kit_items')
    .set({ status })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .returning('question_id')
    .executeTakeFirst();
  if (item) await countUses(db, [item.question_id], -1);
}

/** Releases the live kit items of an interview, or of whole loops, and gives their questions' exposure back. */
async function release(db: Db, column: 'interview_id' | 'loop_id', ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const released = await db
    .updateTable('kit_items')
    .set({ status: 'released' })
    .where(column, 'in', ids)
    .where('status', '=', 'active')
    .returning('question_id')
    .execute();
  await countUses(
    db,
    released.map((r) => r.question_id),
    -1,
  );
}

/** Frees every question of a cancelled interview for the rest of the loop. */
export async function releaseKit(db: Db, interviewId: number): Promise<void> {
  await release(db, 'interview_id', [interviewId]);
}

/** Releases the live kits of loops about to be deleted, so question exposure counts stay true. */
export async function releaseKitsOfLoops(db: Db, loopIds: number[]): Promise<void> {
  await release(db, 'loop_id', loopIds);
}
