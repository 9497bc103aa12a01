import type { Selectable } from 'kysely';
import type { Loop, LoopStatus } from '../../domain/loop.js';
import type { Level } from '../../domain/types.js';
import { prepared } from '../compiled.js';
import { dialectSql } from '../dialect.js';
import type { Db, LoopTable } from '../schema.js';

type LoopRow = Selectable<LoopTable> & { candidate_name: string | null };

function toLoop(row: LoopRow): Loop {
  return {
    id: row.id,
    candidateId: row.candidate_id,
    candidateName: row.candidate_name,
    role: row.role,
    level: row.level,
    hiringLeadId: row.hiring_lead_id,
    decisionChannelId: row.decision_channel_id,
    threadTs: row.thread_ts,
    status: row.status,
  };
}

const loopQuery = (db: Db) =>
  db
    .selectFrom('loops')
    .innerJoin('candidates', 'candidates.id', 'loops.candidate_id')
    .selectAll('loops')
    .select('candidates.name as candidate_name');

const loopById = prepared((db, p: { id: number }) => loopQuery(db).where('loops.id', '=', p.id));

export async function getLoop(db: Db, id: number): Promise<Loop | undefined> {
  const row = await loopById.first(db, { id });
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

/**
 * Makes the use cases that look for (or create) the open loop of one candidate name and role take turns until their
 * transactions end: two schedules for a new candidate at once create one loop, not two.
 */
export async function lockCandidateLoop(db: Db, candidateName: string, role: string): Promise<void> {
  const lock = dialectSql(db).lockName(`open-loop:${nameKey(candidateName)}:${role}`);
  if (lock) await lock.execute(db);
}

/** Locks a loop's row until the transaction ends: two decisions at once are recorded one after the other. */
export async function lockLoop(db: Db, loopId: number): Promise<void> {
  if (!dialectSql(db).locksRows) return;
  await db.selectFrom('loops').select('id').where('id', '=', loopId).forUpdate().execute();
}

/** The open loop for a candidate of this name and role, if there is one. */
export async function findOpenLoop(db: Db, candidateName: string, role: string): Promise<Loop | undefined> {
  const row = await loopQuery(db)
    .where('candidates.name_key', '=', nameKey(candidateName))
    .where('loops.role', '=', role)
    .where('loops.status', '=', 'open')
    .orderBy('loops.id', 'desc')
    .executeTakeFirst();
  return row ? toLoop(row) : undefined;
}

/**
 * A new loop with a new candidate record: two people may share a name, so a candidate is never matched
 * by name alone (the open loop for a name and role is reused by the caller, on purpose).
 */
export async function createLoop(db: Db, input: NewLoop, now: Date): Promise<Loop> {
  const at = now.toISOString();
  const candidate = await db
    .insertInto('candidates')
    .values({
      name: input.candidateName.trim(),
      name_key: nameKey(input.candidateName),
      links: null,
      erased_at: null,
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
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
  return loop;
}

export async function setThreadTs(db: Db, loopId: number, ts: string): Promise<void> {
  await db
    .updateTable('loops')
    .set({ thread_ts: ts })
    .where('id', '=', loopId)
    .where('thread_ts', 'is', null)
    .execute();
}
