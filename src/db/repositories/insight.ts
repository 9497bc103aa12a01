import { type ExpressionBuilder, sql } from 'kysely';
import type { ScoreCount } from '../../domain/stats/auc.js';
import type { Tally } from '../../domain/stats/krippendorff.js';
import type { OffsetSums } from '../../domain/stats/leniency.js';
import type { Database, Db } from '../schema.js';

// The insight report's reads. They add up in the database and return tallies, never single ratings: a unit is
// one competency of one interview, summarised by how many of its panelists gave each rating (1 to 4), which is
// all that agreement, leniency and separation need. Ratings count once their scorecard is submitted, in
// interviews that were not cancelled; "not observed" (null) is no rating.

/** Whose loops the report covers: the whole team, or the loops one hiring lead leads. */
export type InsightScope = { kind: 'team' } | { kind: 'lead'; leadId: string };

export const RATING_VALUES = [1, 2, 3, 4] as const;

const count = (value: number) => sql<number>`sum(case when r.rating = ${sql.lit(value)} then 1 else 0 end)`;

function inScope(scope: InsightScope) {
  return (eb: ExpressionBuilder<Database & { i: Database['interviews'] }, 'i'>) =>
    scope.kind === 'team'
      ? eb.lit(true)
      : eb(
          'i.loop_id',
          'in',
          eb.selectFrom('loops').select('loops.id').where('loops.hiring_lead_id', '=', scope.leadId),
        );
}

/** Units: per interview and competency, the count of each rating, their total and number. */
function units(db: Db, scope: InsightScope) {
  return db
    .selectFrom('scorecard_ratings as r')
    .innerJoin('scorecards as s', 's.id', 'r.scorecard_id')
    .innerJoin('interviews as i', 'i.id', 's.interview_id')
    .where('s.status', '=', 'submitted')
    .where('i.status', '!=', 'cancelled')
    .where('r.rating', 'is not', null)
    .where(inScope(scope))
    .groupBy(['s.interview_id', 'r.competency_id'])
    .select([
      's.interview_id as interview_id',
      'r.competency_id as competency_id',
      count(1).as('c1'),
      count(2).as('c2'),
      count(3).as('c3'),
      count(4).as('c4'),
      sql<number>`count(r.rating)`.as('m'),
      sql<number>`sum(r.rating)`.as('total'),
    ]);
}

const tally = (row: { c1: unknown; c2: unknown; c3: unknown; c4: unknown; units: unknown }): Tally => ({
  counts: [Number(row.c1), Number(row.c2), Number(row.c3), Number(row.c4)],
  units: Number(row.units),
});

/** Tallies of shared units (two or more ratings) per competency. */
export async function agreementTallies(db: Db, scope: InsightScope): Promise<Map<string, Tally[]>> {
  const rows = await db
    .selectFrom(units(db, scope).as('u'))
    .where('u.m', '>=', 2)
    .groupBy(['u.competency_id', 'u.c1', 'u.c2', 'u.c3', 'u.c4'])
    .select(['u.competency_id', 'u.c1', 'u.c2', 'u.c3', 'u.c4', (eb) => eb.fn.countAll<number>().as('units')])
    .execute();
  const byCompetency = new Map<string, Tally[]>();
  for (const row of rows) {
    const list = byCompetency.get(row.competency_id) ?? [];
    list.push(tally(row));
    byCompetency.set(row.competency_id, list);
  }
  return byCompetency;
}

/** Per rater: shared ratings and the sum and sum of squares of their offsets from the rest of the panel. */
export async function offsetSumsByRater(db: Db, scope: InsightScope): Promise<OffsetSums[]> {
  const offset = sql<number>`(u.m * r.rating - u.total) / cast(u.m - 1 as double precision)`;
  const rows = await db
    .selectFrom('scorecard_ratings as r')
    .innerJoin('scorecards as s', 's.id', 'r.scorecard_id')
    .innerJoin(units(db, scope).as('u'), (join) =>
      join.onRef('u.interview_id', '=', 's.interview_id').onRef('u.competency_id', '=', 'r.competency_id'),
    )
    .where('s.status', '=', 'submitted')
    .where('r.rating', 'is not', null)
    .where('u.m', '>=', 2)
    .groupBy('s.panelist_id')
    .select([
      's.panelist_id',
      (eb) => eb.fn.countAll<number>().as('n'),
      sql<number>`sum(${offset})`.as('sum'),
      sql<number>`sum(${offset} * ${offset})`.as('sum_sq'),
    ])
    .orderBy('s.panelist_id')
    .execute();
  return rows.map((r) => ({ raterId: r.panelist_id, n: Number(r.n), sum: Number(r.sum), sumSq: Number(r.sum_sq) }));
}

export interface QuestionRows {
  questionId: string;
  /** Askings with a shared rating of the competency the question was asked for, as tallies. */
  tallies: Tally[];
  /** The mean rating of those askings, by the loop's final decision (hire positive, no hire negative). */
  outcomes: ScoreCount[];
  /** Per level of the loop: ratings of 3 or 4 ("answered well") among all ratings of the asking. */
  levels: { level: string; good: number; ratings: number }[];
}

/** Per question: the units of the competency each asking was for, with the loop's level and final decision. */
export async function questionTallies(db: Db, scope: InsightScope): Promise<QuestionRows[]> {
  const rows = await db
    .selectFrom('kit_items as k')
    .innerJoin(units(db, scope).as('u'), (join) =>
      join.onRef('u.interview_id', '=', 'k.interview_id').onRef('u.competency_id', '=', 'k.competency_id'),
    )
    .innerJoin('loops as l', 'l.id', 'k.loop_id')
    .leftJoin('decisions as d', (join) =>
      join.onRef('d.loop_id', '=', 'k.loop_id').on('d.outcome', 'in', ['hire', 'no_hire']),
    )
    .where('k.status', '=', 'active')
    .groupBy(['k.question_id', 'l.level', 'd.outcome', 'u.c1', 'u.c2', 'u.c3', 'u.c4'])
    .select([
      'k.question_id',
      'l.level',
      'd.outcome',
      'u.c1',
      'u.c2',
      'u.c3',
      'u.c4',
      (eb) => eb.fn.countAll<number>().as('units'),
    ])
    .execute();
  const byQuestion = new Map<string, QuestionRows>();
  for (const row of rows) {
    const q = byQuestion.get(row.question_id) ?? {
      questionId: row.question_id,
      tallies: [],
      outcomes: [],
      levels: [],
    };
    byQuestion.set(row.question_id, q);
    const t = tally(row);
    const [c1, c2, c3, c4] = t.counts as [number, number, number, number];
    const m = c1 + c2 + c3 + c4;
    q.tallies.push(t);
    if (row.outcome === 'hire' || row.outcome === 'no_hire') {
      const score = (c1 + 2 * c2 + 3 * c3 + 4 * c4) / m;
      q.outcomes.push({
        score,
        positives: row.outcome === 'hire' ? t.units : 0,
        negatives: row.outcome === 'no_hire' ? t.units : 0,
      });
    }
    const level = q.levels.find((l) => l.level === row.level);
    const good = (c3 + c4) * t.units;
    if (level) {
      level.good += good;
      level.ratings += m * t.units;
    } else q.levels.push({ level: row.level, good, ratings: m * t.units });
  }
  return [...byQuestion.values()];
}

/** Per question: how often it was asked (a live kit item of an interview that has taken place). */
export async function exposureByQuestion(db: Db, scope: InsightScope, now: Date): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('kit_items as k')
    .innerJoin('interviews as i', 'i.id', 'k.interview_id')
    .where('k.status', '=', 'active')
    .where('i.status', '!=', 'cancelled')
    .where('i.ends_at', '<=', now.toISOString())
    .where(inScope(scope))
    .groupBy('k.question_id')
    .select(['k.question_id', (eb) => eb.fn.countAll<number>().as('askings')])
    .execute();
  return new Map(rows.map((r) => [r.question_id, Number(r.askings)]));
}

/** Per panelist: scorecards owed for interviews that have taken place, and how many were submitted. */
export async function completionByPanelist(
  db: Db,
  scope: InsightScope,
  now: Date,
): Promise<{ raterId: string; expected: number; submitted: number }[]> {
  const rows = await db
    .selectFrom('interview_panelists as p')
    .innerJoin('interviews as i', 'i.id', 'p.interview_id')
    .leftJoin('scorecards as s', (join) =>
      join
        .onRef('s.interview_id', '=', 'p.interview_id')
        .onRef('s.panelist_id', '=', 'p.user_id')
        .on('s.status', '=', 'submitted'),
    )
    .where('i.status', '!=', 'cancelled')
    .where('i.ends_at', '<=', now.toISOString())
    .where(inScope(scope))
    .groupBy('p.user_id')
    .select([
      'p.user_id',
      (eb) => eb.fn.countAll<number>().as('expected'),
      (eb) => eb.fn.count<number>('s.id').as('submitted'),
    ])
    .execute();
  return rows.map((r) => ({ raterId: r.user_id, expected: Number(r.expected), submitted: Number(r.submitted) }));
}
