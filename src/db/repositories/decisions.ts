import type { DecisionOutcome } from '../../domain/types.js';
import type { Db } from '../schema.js';

export interface Decision {
  id: number;
  loopId: number;
  outcome: DecisionOutcome;
  rationale: string;
  decidedBy: string;
  decidedAt: Date;
}

export async function decisionsOf(db: Db, loopId: number): Promise<Decision[]> {
  const rows = await db.selectFrom('decisions').selectAll().where('loop_id', '=', loopId).orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    loopId: r.loop_id,
    outcome: r.outcome,
    rationale: r.rationale,
    decidedBy: r.decided_by,
    decidedAt: new Date(r.decided_at),
  }));
}

export async function insertDecision(
  db: Db,
  input: { loopId: number; outcome: DecisionOutcome; rationale: string; decidedBy: string },
  now: Date,
): Promise<number> {
  const { id } = await db
    .insertInto('decisions')
    .values({
      loop_id: input.loopId,
      outcome: input.outcome,
      rationale: input.rationale,
      decided_by: input.decidedBy,
      decided_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function setLoopStatus(
  db: Db,
  loopId: number,
  status: 'open' | 'decided' | 'withdrawn',
  now: Date,
): Promise<void> {
  await db.updateTable('loops').set({ status, updated_at: now.toISOString() }).where('id', '=', loopId).execute();
}
