import { sql } from 'kysely';
import type { Contribution, InterviewFacts, Sums } from '../../domain/insight-ledger.js';
import { dialectSql } from '../dialect.js';
import type { Db } from '../schema.js';

// The insight report's ledger: each interview's contribution to the report's sums, the running totals per
// scope, and where the refresh stands. All SQL of the report is here; the arithmetic is in the domain.

/** Whose loops the report covers: the whole team, or the loops one hiring lead leads. */
export type InsightScope = { kind: 'team' } | { kind: 'lead'; leadId: string };

/**
 * Holds the ledger until the transaction ends, so that two instances' rounds never move the totals at once (a
 * transaction lock on PostgreSQL; SQLite's single writer already does).
 */
export async function holdLedger(trx: Db): Promise<void> {
  const lock = dialectSql(trx).lockName('insight-ledger');
  if (lock) await lock.execute(trx);
}

export interface LedgerState {
  watermark: string | null;
  buildStartedAt: string | null;
  buildCursor: number;
  interviewsCount: number;
  maxInterviewId: number;
  /** The layout of the contributions held (see LEDGER_VERSION). */
  version: number;
}

export async function ledgerState(db: Db): Promise<LedgerState> {
  const row = await db.selectFrom('insight_state').selectAll().where('id', '=', 1).executeTakeFirst();
  return {
    watermark: row?.watermark ?? null,
    buildStartedAt: row?.build_started_at ?? null,
    buildCursor: Number(row?.build_cursor ?? 0),
    interviewsCount: Number(row?.interviews_count ?? 0),
    maxInterviewId: Number(row?.max_interview_id ?? 0),
    version: Number(row?.version ?? 0),
  };
}

export async function saveLedgerState(db: Db, state: LedgerState): Promise<void> {
  await db
    .updateTable('insight_state')
    .set({
      watermark: state.watermark,
      build_started_at: state.buildStartedAt,
      build_cursor: state.buildCursor,
      interviews_count: state.interviewsCount,
      max_interview_id: state.maxInterviewId,
      version: state.version,
    })
    .where('id', '=', 1)
    .execute();
}

/** Empties the ledger for a build from the start in the layout `version`. */
export async function resetLedger(db: Db, version: number): Promise<void> {
  await db.deleteFrom('insight_interviews').execute();
  await db.deleteFrom('insight_totals').execute();
  await saveLedgerState(db, {
    watermark: null,
    buildStartedAt: null,
    buildCursor: 0,
    interviewsCount: 0,
    maxInterviewId: 0,
    version,
  });
}

/** How far a build has come: interviews up to the cursor, of all of them. */
export async function buildProgress(db: Db, cursor: number): Promise<{ done: number; total: number }> {
  const row = await db
    .selectFrom('interviews')
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn.sum<number>(eb.case().when('id', '<=', cursor).then(1).else(0).end()).as('done'),
    ])
    .executeTakeFirst();
  return { done: Number(row?.done ?? 0), total: Number(row?.total ?? 0) };
}

export async function interviewIdsOfLoop(db: Db, loopId: number): Promise<number[]> {
  const rows = await db.selectFrom('interviews').select('id').where('loop_id', '=', loopId).orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** Interview ids after `cursor`, in order: the first full build goes through them in chunks. */
export async function interviewIdsAfter(db: Db, cursor: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('interviews')
    .select('id')
    .where('id', '>', cursor)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** How many interviews there are, the highest id, and how many are above `after` (a range of the primary key). */
export async function interviewCensus(db: Db, after: number): Promise<{ count: number; max: number; newer: number }> {
  const [all, newer] = await Promise.all([
    db
      .selectFrom('interviews')
      .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.max('id').as('max')])
      .executeTakeFirst(),
    db
      .selectFrom('interviews')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('id', '>', after)
      .executeTakeFirst(),
  ]);
  return { count: Number(all?.count ?? 0), max: Number(all?.max ?? 0), newer: Number(newer?.count ?? 0) };
}

/**
 * Interviews whose contribution may have changed since `since`: edited interviews, scorecards and kits, loops
 * (a new lead) and decisions (an outcome), interviews that ended in between, and ones deleted since.
 */
export async function changedInterviews(db: Db, since: string, now: string, deletions: boolean): Promise<number[]> {
  // Separate statements, each answered from its index: as one UNION, SQLite merges sorted full scans instead.
  const lists = await Promise.all([
    db.selectFrom('interviews').select('id as interview_id').where('updated_at', '>=', since).execute(),
    db
      .selectFrom('interviews')
      .select('id as interview_id')
      .where('status', '=', 'scheduled')
      .where('ends_at', '>=', since)
      .where('ends_at', '<=', now)
      .execute(),
    db.selectFrom('scorecards').select('interview_id').where('updated_at', '>=', since).execute(),
    db.selectFrom('kit_items').select('interview_id').where('created_at', '>=', since).execute(),
    db
      .selectFrom('loops as l')
      .innerJoin('interviews as i', 'i.loop_id', 'l.id')
      .select('i.id as interview_id')
      .where('l.updated_at', '>=', since)
      .execute(),
    db
      .selectFrom('decisions as d')
      .innerJoin('interviews as i', 'i.loop_id', 'd.loop_id')
      .select('i.id as interview_id')
      .where('d.decided_at', '>=', since)
      .execute(),
    deletions
      ? db
          .selectFrom('insight_interviews as x')
          .select('x.interview_id')
          .where(({ not, exists, selectFrom }) =>
            not(exists(selectFrom('interviews').select('id').whereRef('interviews.id', '=', 'x.interview_id'))),
          )
          .execute()
      : Promise.resolve([]),
  ]);
  const ids = new Set<number>();
  for (const list of lists) for (const row of list) ids.add(Number(row.interview_id));
  return [...ids].sort((a, b) => a - b);
}

/** What the ledger needs to know of each interview (missing ones are left out: they were deleted). */
export async function interviewFacts(
  db: Db,
  ids: number[],
  now: string,
): Promise<Map<number, InterviewFacts & { leadId: string }>> {
  const facts = new Map<number, InterviewFacts & { leadId: string }>();
  if (ids.length === 0) return facts;
  const interviews = await db
    .selectFrom('interviews as i')
    .innerJoin('loops as l', 'l.id', 'i.loop_id')
    .leftJoin('decisions as d', (join) =>
      join.onRef('d.loop_id', '=', 'l.id').on('d.outcome', 'in', ['hire', 'no_hire']),
    )
    .select(['i.id', 'i.status', 'i.ends_at', 'l.level', 'l.hiring_lead_id', 'd.outcome'])
    .where('i.id', 'in', ids)
    .execute();
  for (const i of interviews) {
    facts.set(i.id, {
      interviewId: i.id,
      leadId: i.hiring_lead_id,
      cancelled: i.status === 'cancelled',
      ended: i.ends_at <= now,
      endsAt: i.ends_at,
      level: i.level,
      outcome: i.outcome === 'hire' || i.outcome === 'no_hire' ? i.outcome : null,
      panelists: [],
      ratings: [],
      kit: [],
    });
  }
  const [panelists, ratings, kit] = await Promise.all([
    db
      .selectFrom('interview_panelists as p')
      .leftJoin('scorecards as s', (join) =>
        join
          .onRef('s.interview_id', '=', 'p.interview_id')
          .onRef('s.panelist_id', '=', 'p.user_id')
          .on('s.status', '=', 'submitted'),
      )
      // The first submission's time (an edit moves the scorecard's own submitted_at).
      .leftJoin('scorecard_revisions as v', (join) =>
        join.onRef('v.scorecard_id', '=', 's.id').on('v.revision', '=', 1),
      )
      .select([
        'p.interview_id',
        'p.user_id',
        'p.declined_at',
        's.id as scorecard_id',
        's.submitted_at',
        'v.submitted_at as first_at',
      ])
      .where('p.interview_id', 'in', ids)
      .execute(),
    db
      .selectFrom('scorecard_ratings as r')
      .innerJoin('scorecards as s', 's.id', 'r.scorecard_id')
      .select(['s.interview_id', 's.panelist_id', 'r.competency_id', 'r.rating'])
      .where('s.interview_id', 'in', ids)
      .where('s.status', '=', 'submitted')
      .where('r.rating', 'is not', null)
      .execute(),
    db
      .selectFrom('kit_items as k')
      .leftJoin('questions as q', 'q.id', 'k.question_id')
      .select(['k.interview_id', 'k.question_id', 'k.competency_id', 'q.competencies'])
      .where('k.interview_id', 'in', ids)
      .where('k.status', '=', 'active')
      .execute(),
  ]);
  for (const p of panelists) {
    const submittedAt = p.scorecard_id === null ? null : (p.first_at ?? p.submitted_at ?? null);
    facts.get(p.interview_id)?.panelists.push({ userId: p.user_id, submittedAt, declined: p.declined_at !== null });
  }
  for (const r of ratings) {
    if (r.rating === null) continue;
    facts
      .get(r.interview_id)
      ?.ratings.push({ raterId: r.panelist_id, competencyId: r.competency_id, rating: r.rating });
  }
  for (const k of kit) {
    // Every competency the question probes (the bank's list).
    const probed = competenciesOf(k.competencies);
    facts.get(k.interview_id)?.kit.push({
      questionId: k.question_id,
      competencyId: k.competency_id,
      competencies: probed,
    });
  }
  return facts;
}

function competenciesOf(json: unknown): string[] {
  if (Array.isArray(json)) return json.filter((c): c is string => typeof c === 'string');
  if (typeof json !== 'string') return [];
  try {
    return competenciesOf(JSON.parse(json) as unknown);
  } catch {
    return [];
  }
}

export interface StoredContribution {
  leadId: string;
  contribution: Contribution;
}

const parseContribution = (json: string): Contribution =>
  new Map((JSON.parse(json) as [string, ...Sums][]).map(([k, a, b, c]) => [k, [a, b, c]]));

export async function storedContributions(db: Db, ids: number[]): Promise<Map<number, StoredContribution>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('insight_interviews').selectAll().where('interview_id', 'in', ids).execute();
  return new Map(
    rows.map((r) => [r.interview_id, { leadId: r.lead_id, contribution: parseContribution(r.contribution) }]),
  );
}

/** Stores the interviews' new contributions (null or empty: none), up to 100 rows a statement. */
export async function saveContributions(
  db: Db,
  items: { interviewId: number; stored: StoredContribution | null }[],
  at: string,
): Promise<void> {
  const gone = items.filter((i) => !i.stored || i.stored.contribution.size === 0).map((i) => i.interviewId);
  for (let i = 0; i < gone.length; i += 500) {
    await db
      .deleteFrom('insight_interviews')
      .where('interview_id', 'in', gone.slice(i, i + 500))
      .execute();
  }
  const rows = items.flatMap(({ interviewId, stored }) =>
    stored && stored.contribution.size > 0
      ? [
          {
            interview_id: interviewId,
            lead_id: stored.leadId,
            contribution: JSON.stringify([...stored.contribution].map(([k, [a, b, c]]) => [k, a, b, c])),
            refreshed_at: at,
          },
        ]
      : [],
  );
  for (let i = 0; i < rows.length; i += 100) {
    await db
      .insertInto('insight_interviews')
      .values(rows.slice(i, i + 100))
      .onConflict((oc) =>
        oc.column('interview_id').doUpdateSet({
          lead_id: sql`excluded.lead_id`,
          contribution: sql`excluded.contribution`,
          refreshed_at: sql`excluded.refreshed_at`,
        }),
      )
      .execute();
  }
}

/** Adds the change to the team's totals, in statements of up to 200 rows. */
export async function addToTotals(db: Db, change: Contribution): Promise<void> {
  const rows = [...change].map(([key, [a, b, c]]) => ({ scope: 'team', key, a, b, c }));
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('insight_totals')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) =>
        oc.columns(['scope', 'key']).doUpdateSet({
          a: sql`insight_totals.a + excluded.a`,
          b: sql`insight_totals.b + excluded.b`,
          c: sql`insight_totals.c + excluded.c`,
        }),
      )
      .execute();
  }
}

export interface TotalRow {
  key: string;
  a: number;
  b: number;
  c: number;
}

/** The sums over the loops of the scope: the team's running totals, or a lead's loops' contributions added up. */
export async function totalsOf(db: Db, scope: InsightScope): Promise<TotalRow[]> {
  if (scope.kind === 'team') {
    const rows = await db
      .selectFrom('insight_totals')
      .select(['key', 'a', 'b', 'c'])
      .where('scope', '=', 'team')
      .execute();
    return rows.map((r) => ({ key: r.key, a: Number(r.a), b: Number(r.b), c: Number(r.c) }));
  }
  const rows = await db
    .selectFrom('insight_interviews')
    .select('contribution')
    .where('lead_id', '=', scope.leadId)
    .execute();
  const sums = new Map<string, TotalRow>();
  for (const row of rows) {
    for (const [key, [a, b, c]] of parseContribution(row.contribution)) {
      const seen = sums.get(key);
      if (seen) {
        seen.a += a;
        seen.b += b;
        seen.c += c;
      } else sums.set(key, { key, a, b, c });
    }
  }
  return [...sums.values()];
}
