import type { Db } from '../schema.js';

/** Decided or withdrawn loops last changed before the cutoff: at most `limit`. */
export async function expiredLoops(db: Db, cutoffIso: string, limit: number) {
  const rows = await db
    .selectFrom('loops')
    .select(['id', 'candidate_id'])
    .where('status', 'in', ['decided', 'withdrawn'])
    .where('updated_at', '<', cutoffIso)
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, candidateId: r.candidate_id }));
}

export async function interviewIdsOfLoops(db: Db, loopIds: number[]): Promise<number[]> {
  if (loopIds.length === 0) return [];
  const rows = await db.selectFrom('interviews').select('id').where('loop_id', 'in', loopIds).execute();
  return rows.map((r) => r.id);
}

export async function deleteMessages(db: Db, ids: number[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('outbox').where('id', 'in', ids).execute();
}

/** Deletes the loops; the schema's foreign keys take their interviews, kits, scorecards and decisions along. */
export async function deleteLoops(db: Db, loopIds: number[]): Promise<void> {
  if (loopIds.length > 0) await db.deleteFrom('loops').where('id', 'in', loopIds).execute();
}

/** Deletes those of these candidates that no loop refers to any more; returns how many went. */
export async function deleteCandidatesWithoutLoops(db: Db, candidateIds: number[]): Promise<number> {
  if (candidateIds.length === 0) return 0;
  const orphaned = await db
    .selectFrom('candidates as c')
    .select('c.id')
    .where('c.id', 'in', candidateIds)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('loops as l').select('l.id').whereRef('l.candidate_id', '=', 'c.id'))),
    )
    .execute();
  if (orphaned.length > 0)
    await db
      .deleteFrom('candidates')
      .where(
        'id',
        'in',
        orphaned.map((c) => c.id),
      )
      .execute();
  return orphaned.length;
}

/** Delivery records received before the cutoff go. */
export async function deleteDeliveriesBefore(db: Db, cutoffIso: string): Promise<void> {
  await db.deleteFrom('slack_deliveries').where('received_at', '<', cutoffIso).execute();
}
