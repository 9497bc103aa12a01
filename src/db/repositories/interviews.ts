import type { Selectable } from 'kysely';
import type { Interview, InterviewStatus, LoopStatus, Panelist } from '../../domain/loop.js';
import type { InterviewKind } from '../../domain/types.js';
import { prepared } from '../compiled.js';
import { parseJsonArray } from '../json.js';
import type { Db, InterviewTable } from '../schema.js';

function toInterview(row: Selectable<InterviewTable>, panelists: Panelist[]): Interview {
  return {
    id: row.id,
    loopId: row.loop_id,
    kind: row.kind,
    startsAt: new Date(row.starts_at),
    durationMinutes: row.duration_minutes,
    notes: row.notes,
    status: row.status,
    round: row.round,
    createdBy: row.created_by,
    panelists,
  };
}

async function withPanelists(db: Db, rows: Selectable<InterviewTable>[]): Promise<Interview[]> {
  if (rows.length === 0) return [];
  const panel = await db
    .selectFrom('interview_panelists')
    .selectAll()
    .where(
      'interview_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('position')
    .execute();
  return rows.map((row) =>
    toInterview(
      row,
      panel
        .filter((p) => p.interview_id === row.id)
        .map((p) => ({ userId: p.user_id, position: p.position, focus: parseJsonArray(p.focus) })),
    ),
  );
}

const interviewById = prepared((db, p: { id: number }) =>
  db.selectFrom('interviews').selectAll().where('id', '=', p.id),
);
const panelOf = prepared((db, p: { id: number }) =>
  db
    .selectFrom('interview_panelists')
    .select(['user_id', 'position', 'focus'])
    .where('interview_id', '=', p.id)
    .orderBy('position'),
);

/** An interview's panel, in order. */
export async function panelOfInterview(db: Db, id: number): Promise<Panelist[]> {
  const panel = await panelOf.all(db, { id });
  return panel.map((p) => ({ userId: p.user_id, position: p.position, focus: parseJsonArray(p.focus) }));
}

export async function getInterview(db: Db, id: number): Promise<Interview | undefined> {
  const row = await interviewById.first(db, { id });
  if (!row) return undefined;
  return toInterview(row, await panelOfInterview(db, id));
}

/** A user's place on an interview's panel, with what a scorecard submission is checked against. */
export interface PanelSeat {
  interviewId: number;
  interviewStatus: InterviewStatus;
  startsAt: Date;
  loopId: number;
  loopStatus: LoopStatus;
  decisionChannelId: string;
  hiringLeadId: string;
  /** The user's focus competencies; null when the user is not on the panel. */
  focus: string[] | null;
}

const seatOf = prepared((db, p: { interviewId: number; userId: string }) =>
  db
    .selectFrom('interviews as i')
    .innerJoin('loops as l', 'l.id', 'i.loop_id')
    .leftJoin('interview_panelists as p', (join) =>
      join.onRef('p.interview_id', '=', 'i.id').on('p.user_id', '=', p.userId),
    )
    .select([
      'i.id',
      'i.status',
      'i.starts_at',
      'i.loop_id',
      'l.status as loop_status',
      'l.decision_channel_id',
      'l.hiring_lead_id',
    ])
    .select('p.focus')
    .where('i.id', '=', p.interviewId),
);

/** One statement for what a submission needs (the form's reads load the whole interview and loop instead). */
export async function panelSeat(db: Db, interviewId: number, userId: string): Promise<PanelSeat | undefined> {
  const row = await seatOf.first(db, { interviewId, userId });
  if (!row) return undefined;
  return {
    interviewId: row.id,
    interviewStatus: row.status,
    startsAt: new Date(row.starts_at),
    loopId: row.loop_id,
    loopStatus: row.loop_status,
    decisionChannelId: row.decision_channel_id,
    hiringLeadId: row.hiring_lead_id,
    focus: row.focus === null ? null : parseJsonArray(row.focus),
  };
}

const latestRoundQuery = prepared((db, p: { loopId: number }) =>
  db
    .selectFrom('interviews')
    .select((eb) => eb.fn.max('round').as('round'))
    .where('loop_id', '=', p.loopId)
    .where('status', '=', 'scheduled'),
);

/** The loop's latest round with an interview still on (1 when none is). */
export async function latestRoundOf(db: Db, loopId: number): Promise<number> {
  const row = await latestRoundQuery.first(db, { loopId });
  return Math.max(1, Number(row?.round ?? 1));
}

export async function interviewsOfLoop(db: Db, loopId: number): Promise<Interview[]> {
  const rows = await db
    .selectFrom('interviews')
    .selectAll()
    .where('loop_id', '=', loopId)
    .orderBy('starts_at')
    .execute();
  return withPanelists(db, rows);
}

/** Scheduled interviews not yet over where the user is on the panel or leads the loop, soonest first. */
export async function upcomingFor(db: Db, userId: string, now: Date, limit = 20): Promise<Interview[]> {
  const rows = await db
    .selectFrom('interviews')
    .innerJoin('loops', 'loops.id', 'interviews.loop_id')
    .selectAll('interviews')
    .where('interviews.status', '=', 'scheduled')
    .where('interviews.ends_at', '>', now.toISOString())
    .where((eb) =>
      eb.or([
        eb('loops.hiring_lead_id', '=', userId),
        eb.exists(
          eb
            .selectFrom('interview_panelists as p')
            .select('p.user_id')
            .whereRef('p.interview_id', '=', 'interviews.id')
            .where('p.user_id', '=', userId),
        ),
      ]),
    )
    .orderBy('interviews.starts_at')
    .limit(limit)
    .execute();
  return withPanelists(db, rows);
}

export interface NewInterview {
  loopId: number;
  kind: InterviewKind;
  startsAt: Date;
  durationMinutes: number;
  notes: string | null;
  createdBy: string;
}

/** An interview joins the loop's current round: one more than its "another round" decisions so far. */
async function currentRound(db: Db, loopId: number): Promise<number> {
  const row = await db
    .selectFrom('decisions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('loop_id', '=', loopId)
    .where('outcome', '=', 'another_round')
    .executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

export async function insertInterview(db: Db, input: NewInterview, now: Date): Promise<number> {
  const at = now.toISOString();
  const round = await currentRound(db, input.loopId);
  const { id } = await db
    .insertInto('interviews')
    .values({
      loop_id: input.loopId,
      kind: input.kind,
      starts_at: input.startsAt.toISOString(),
      ends_at: new Date(input.startsAt.getTime() + input.durationMinutes * 60_000).toISOString(),
      duration_minutes: input.durationMinutes,
      notes: input.notes,
      round,
      created_by: input.createdBy,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function insertPanelists(db: Db, interviewId: number, panelists: Panelist[]): Promise<void> {
  if (panelists.length === 0) return;
  await db
    .insertInto('interview_panelists')
    .values(
      panelists.map((p) => ({
        interview_id: interviewId,
        user_id: p.userId,
        position: p.position,
        focus: JSON.stringify(p.focus),
      })),
    )
    .execute();
}

/** A panelist's focus: the competencies of the questions they ask (kept in step with swaps). */
export async function setPanelistFocus(db: Db, interviewId: number, userId: string, focus: string[]): Promise<void> {
  await db
    .updateTable('interview_panelists')
    .set({ focus: JSON.stringify(focus) })
    .where('interview_id', '=', interviewId)
    .where('user_id', '=', userId)
    .execute();
}

export async function setInterviewStatus(db: Db, id: number, status: InterviewStatus, now: Date): Promise<void> {
  await db.updateTable('interviews').set({ status, updated_at: now.toISOString() }).where('id', '=', id).execute();
}

export async function moveInterview(
  db: Db,
  id: number,
  startsAt: Date,
  durationMinutes: number,
  now: Date,
): Promise<void> {
  await db
    .updateTable('interviews')
    .set({
      starts_at: startsAt.toISOString(),
      ends_at: new Date(startsAt.getTime() + durationMinutes * 60_000).toISOString(),
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .execute();
}
