import type { Db } from '../schema.js';

/** Records that a panelist did not take part; false if they had said so already. */
export async function declinePanelist(db: Db, interviewId: number, userId: string, nowIso: string): Promise<boolean> {
  const result = await db
    .updateTable('interview_panelists')
    .set({ declined_at: nowIso })
    .where('interview_id', '=', interviewId)
    .where('user_id', '=', userId)
    .where('declined_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The panelists of an interview who said they did not take part. */
export async function declinedPanelists(db: Db, interviewId: number): Promise<Set<string>> {
  const rows = await db
    .selectFrom('interview_panelists')
    .select('user_id')
    .where('interview_id', '=', interviewId)
    .where('declined_at', 'is not', null)
    .execute();
  return new Set(rows.map((r) => r.user_id));
}
