import type { Selectable } from 'kysely';
import type { Loop, LoopStatus } from '../../domain/loop.js';
import type { Level } from '../../domain/types.js';
import type { Db, LoopTable } from '../schema.js';

type LoopRow = Selectable<LoopTable> & { candidate_name: string | null };

function toLoop(row: LoopRow): Loop {
  return {
    id: row.id,
    candidateId: row.candidate_id,
    candidateName: row.candidate_name,
    role: row.role,
    level: row.level as Level,
    hiringLeadId: row.hiring_lead_id,
    decisionChannelId: row.decision_channel_id,
    threadTs: row.thread_ts,
    status: row.status as LoopStatus,
  };
}

const loopQuery = (db: Db) =>
  db
    .selectFrom('loops')
    .innerJoin('candidates', 'candidates.id', 'loops.candidate_id')
    .selectAll('loops')
    .select('candidates.name as candidate_name');

export async function getLoop(db: Db, id: number): Promise<Loop | undefined> {
  const row = await loopQuery(db).where('loops.id', '=', id).executeTakeFirst();
  return row ? toLoop(row) : undefined;
}

export const nameKey = (name: string) => name.trim().toLowerCase().replace(/\s+/g, ' ');

/** Loops whose candidate name matches (case-insensitive), open ones and newest first. */
export async function findLoopsByCandidate(db: Db, name: string): Promise<Loop[]> {
  const rows = await loopQuery(db)
    .where('candidates.name_key', '=', nameKey(name))
    .orderBy((eb) => eb.case().when('loops.status', '=', 'open').then(0).else(1).end())
    .orderBy('loops.id', 'desc')
    .execute();
  return rows.map(toLoop);
}

export async function loopsLedBy(db: Db, userId: string, status: LoopStatus = 'open'): Promise<Loop[]> {
  const rows = await loopQuery(db)
    .where('loops.hiring_lead_id', '=', userId)
    .where('loops.status', '=', status)
    .orderBy('loops.id', 'desc')
    .execute();
  return rows.map(toLoop);
}

export async function isHiringLead(db: Db, userId: string): Promise<boolean> {
  const row = await db.selectFrom('loops').select('id').where('hiring_lead_id', '=', userId).executeTakeFirst();
  return row !== undefined;
}

export interface NewLoop {
  candidateName: string;
  role: string;
  level: Level;
  hiringLeadId: string;
  decisionChannelId: string;
  createdBy: string;
}

/** The candidate's open loop for the role, or a new one (and a new candidate record when none matches). */
export async function openLoopFor(db: Db, input: NewLoop, now: Date): Promise<{ loop: Loop; created: boolean }> {
  const at = now.toISOString();
  const key = nameKey(input.candidateName);
  const existing = await loopQuery(db)
    .where('candidates.name_key', '=', key)
    .where('loops.role', '=', input.role)
    .where('loops.status', '=', 'open')
    .orderBy('loops.id', 'desc')
    .executeTakeFirst();
  if (existing) return { loop: toLoop(existing), created: false };
  const candidate =
    (await db
      .selectFrom('candidates')
      .select('id')
      .where('name_key', '=', key)
      .orderBy('id', 'desc')
      .executeTakeFirst()) ??
    (await db
      .insertInto('candidates')
      .values({ name: input.candidateName.trim(), name_key: key, links: null, erased_at: null, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow());
  const { id } = await db
    .insertInto('loops')
    .values({
      candidate_id: candidate.id,
      role: input.role,
      level: input.level,
      hiring_lead_id: input.hiringLeadId,
      decision_channel_id: input.decisionChannelId,
      created_by: input.createdBy,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const loop = await getLoop(db, id);
  if (!loop) throw new Error(`loop ${id} vanished after insert`);
  return { loop, created: true };
}

export async function setThreadTs(db: Db, loopId: number, ts: string): Promise<void> {
  await db
    .updateTable('loops')
    .set({ thread_ts: ts })
    .where('id', '=', loopId)
    .where('thread_ts', 'is', null)
    .execute();
}

export async function touchLoop(db: Db, loopId: number, now: Date): Promise<void> {
  await db.updateTable('loops').set({ updated_at: now.toISOString() }).where('id', '=', loopId).execute();
}
