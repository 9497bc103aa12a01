import type { Db } from '../schema.js';

export interface DuePanelist {
  interviewId: number;
  loopId: number;
  userId: string;
  hiringLeadId: string;
}

type Stage = 'prompted_at' | 'reminded_at' | 'escalated_at';

/** Due work this far past its time is stale (the app was off for weeks): it is not sent any more. */
const STALE_MS = 14 * 24 * 3_600_000;

/**
 * Panelists of scheduled interviews of open loops whose interview ended before `cutoff` (and not more than
 * two weeks before it), who have not had `stage` yet and (for reminders and escalation) have not submitted.
 */
export async function duePanelists(db: Db, stage: Stage, cutoffIso: string, limit = 200): Promise<DuePanelist[]> {
  const staleIso = new Date(Date.parse(cutoffIso) - STALE_MS).toISOString();
  let query = db
    .selectFrom('interview_panelists as p')
    .innerJoin('interviews as i', 'i.id', 'p.interview_id')
    .innerJoin('loops as l', 'l.id', 'i.loop_id')
    .select([
      'p.interview_id as interviewId',
      'i.loop_id as loopId',
      'p.user_id as userId',
      'l.hiring_lead_id as hiringLeadId',
    ])
    .where('i.status', '=', 'scheduled')
    .where('l.status', '=', 'open')
    .where('i.ends_at', '<=', cutoffIso)
    .where('i.ends_at', '>', staleIso)
    .where(`p.${stage}`, 'is', null)
    .where('p.declined_at', 'is', null);
  if (stage !== 'prompted_at') {
    query = query.where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('scorecards as s')
            .select('s.id')
            .whereRef('s.interview_id', '=', 'p.interview_id')
            .whereRef('s.panelist_id', '=', 'p.user_id')
            .where('s.status', '=', 'submitted'),
        ),
      ),
    );
  }
  return query.orderBy('i.ends_at').limit(limit).execute();
}

/**
 * Marks a stage done for one panelist; false if another instance (or an earlier run) already did. A conditional
 * update only one instance can win, like the outbox's claim (repositories/outbox.ts).
 */
export async function claimStage(
  db: Db,
  stage: Stage,
  interviewId: number,
  userId: string,
  nowIso: string,
): Promise<boolean> {
  const result = await db
    .updateTable('interview_panelists')
    .set({ [stage]: nowIso })
    .where('interview_id', '=', interviewId)
    .where('user_id', '=', userId)
    .where(stage, 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface DueKitReminder {
  interviewId: number;
  loopId: number;
  userId: string;
  startsAt: string;
}

/**
 * Panelists of scheduled interviews of open loops that start after `nowIso` and no later than `untilIso`, not yet
 * reminded for that start time (a moved interview is due again for its new time).
 */
export async function dueKitReminders(
  db: Db,
  nowIso: string,
  untilIso: string,
  limit = 200,
): Promise<DueKitReminder[]> {
  return db
    .selectFrom('interview_panelists as p')
    .innerJoin('interviews as i', 'i.id', 'p.interview_id')
    .innerJoin('loops as l', 'l.id', 'i.loop_id')
    .select(['p.interview_id as interviewId', 'i.loop_id as loopId', 'p.user_id as userId', 'i.starts_at as startsAt'])
    .where('i.status', '=', 'scheduled')
    .where('l.status', '=', 'open')
    .where('i.starts_at', '>', nowIso)
    .where('i.starts_at', '<=', untilIso)
    .where('p.declined_at', 'is', null)
    .where((eb) => eb.or([eb('p.kit_reminded_for', 'is', null), eb('p.kit_reminded_for', '!=', eb.ref('i.starts_at'))]))
    .orderBy('i.starts_at')
    .limit(limit)
    .execute();
}

/** Claims the reminder for one panelist and start time; false if it was sent for that time already. */
export async function claimKitReminder(
  db: Db,
  interviewId: number,
  userId: string,
  startsAtIso: string,
): Promise<boolean> {
  const result = await db
    .updateTable('interview_panelists')
    .set({ kit_reminded_for: startsAtIso })
    .where('interview_id', '=', interviewId)
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('kit_reminded_for', 'is', null), eb('kit_reminded_for', '!=', startsAtIso)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
