// A synthetic interview history for the insight report: loops of three interviews, every panelist rating every
// competency the interview's questions probed (a few "not observed"), raters with a known leniency, one question
// that panels cannot agree on and one that nobody answers well. Written with raw statements in one transaction
// (generateHistory), so that the benchmark can make 100,000 loops of it, or through Kysely on either dialect
// (writeHistory).
import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { dialectOf } from '../../src/db/dialect.js';
import { continueSequences } from '../../src/db/postgres/sequences.js';
import type { Database } from '../../src/db/schema.js';
import { keepInsightCurrent, type LedgerRound } from '../../src/services/refresh-insight.js';

export interface HistoryOptions {
  loops: number;
  /** Raters U000000…; the first is lenient (+0.6), the second severe (−0.5), the rest close to 0. */
  raters?: number;
  seed?: number;
  /** Interviews end before this moment. */
  end?: Date;
  /** Who leads each loop (default: one of four leads). */
  leadOf?: (loop: number) => string;
}

export interface History {
  loops: number;
  interviews: number;
  scorecards: number;
  ratings: number;
  /** The question panels disagree on, and the one nobody answers well. */
  noisyQuestion: string;
  hardQuestion: string;
  lenient: string;
  severe: string;
}

export const raterId = (n: number): string => `U${String(n).padStart(6, '0')}`;

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PANEL_SIZES = [3, 3, 4];
const RECOMMENDATION = ['strong_no', 'no', 'yes', 'strong_yes'];

/** What the generator needs to know of the database before it writes. */
interface Start {
  questions: { id: string; competencies: string }[];
  interviewId: number;
  scorecardId: number;
  lastLoop: number;
}

type Table =
  | 'candidates'
  | 'loops'
  | 'interviews'
  | 'interview_panelists'
  | 'kit_items'
  | 'scorecards'
  | 'scorecard_ratings'
  | 'decisions';

/** The rows of a history, in the order they must be written, handed to `emit` one by one. */
function planHistory(
  start: Start,
  options: HistoryOptions,
  emit: (table: Table, row: Record<string, string | number | null>) => void,
): History {
  const rand = prng(options.seed ?? 7);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const raters = options.raters ?? 40;
  const bias = Array.from({ length: raters }, (_, i) => (i === 0 ? 0.6 : i === 1 ? -0.5 : gauss() * 0.12));
  const end = (options.end ?? new Date('2026-06-01T00:00:00Z')).getTime();
  const leadOf = options.leadOf ?? ((loop: number) => `ULEAD${loop % 4}`);
  // Questions with distinct first competencies, so that each interview probes each competency once.
  const questions = start.questions.map((q) => ({
    id: q.id,
    competency: (JSON.parse(q.competencies) as string[])[0] ?? '',
  }));
  const byCompetency = new Map<string, string[]>();
  for (const q of questions) byCompetency.set(q.competency, [...(byCompetency.get(q.competency) ?? []), q.id]);
  const competencies = [...byCompetency.keys()].sort();
  const noisyQuestion = byCompetency.get(competencies[0] ?? '')?.[0] ?? '';
  const hardQuestion = byCompetency.get(competencies[1] ?? '')?.[0] ?? '';
  let interviewId = start.interviewId;
  let scorecardId = start.scorecardId;
  const firstLoop = start.lastLoop + 1;
  let ratings = 0;
  // Room for three interviews a day apart and submissions up to 42 hours later: everything is over by `end`.
  const span = 5 * 86_400_000 + options.loops * 3_600_000;
  for (let loop = firstLoop; loop < firstLoop + options.loops; loop++) {
    const at = new Date(end - span + (loop - firstLoop) * 3_600_000).toISOString();
    const open = rand() < 0.15;
    const lead = leadOf(loop);
    emit('candidates', {
      id: loop,
      name: `Candidate ${loop}`,
      name_key: `candidate ${loop}`,
      links: null,
      created_at: at,
    });
    emit('loops', {
      id: loop,
      candidate_id: loop,
      role: 'backend-developer',
      level: ['mid', 'senior', 'lead'][loop % 3] ?? 'mid',
      hiring_lead_id: lead,
      decision_channel_id: 'C0HIRING',
      thread_ts: null,
      status: open ? 'open' : 'decided',
      created_by: lead,
      created_at: at,
      updated_at: at,
    });
    const ability = 2.5 + gauss() * 0.7;
    const used = new Set<string>();
    let sum = 0;
    let count = 0;
    for (const [round, size] of PANEL_SIZES.entries()) {
      interviewId++;
      const starts = new Date(Date.parse(at) + (round + 1) * 86_400_000);
      const ends = new Date(starts.getTime() + 3_600_000).toISOString();
      emit('interviews', {
        id: interviewId,
        loop_id: loop,
        kind: 'technical',
        starts_at: starts.toISOString(),
        ends_at: ends,
        duration_minutes: 60,
        status: 'scheduled',
        created_by: lead,
        created_at: at,
        updated_at: at,
      });
      const panel = Array.from({ length: size }, (_, p) => (loop * 7 + round * 3 + p * 11) % raters);
      const distinct = [...new Set(panel)];
      // One question per panelist, each for a different competency not yet probed in this loop.
      const asked: { question: string; competency: string; panelist: number }[] = [];
      for (const [p, rater] of distinct.entries()) {
        for (let tries = 0; tries < 20; tries++) {
          const competency = competencies[Math.floor(rand() * competencies.length)] ?? '';
          const pool = byCompetency.get(competency) ?? [];
          const question = pool[Math.floor(rand() * Math.min(pool.length, 2))] ?? '';
          if (used.has(question) || asked.some((a) => a.competency === competency)) continue;
          used.add(question);
          asked.push({ question, competency, panelist: rater });
          emit('kit_items', {
            interview_id: interviewId,
            loop_id: loop,
            panelist_id: raterId(rater),
            question_id: question,
            competency_id: competency,
            position: p,
            created_at: at,
          });
          break;
        }
      }
      const truth = new Map(
        asked.map((a) => [a.competency, ability + gauss() * 0.4 - (a.question === hardQuestion ? 2.2 : 0)]),
      );
      for (const [p, rater] of distinct.entries()) {
        scorecardId++;
        emit('interview_panelists', {
          interview_id: interviewId,
          user_id: raterId(rater),
          position: p,
          focus: JSON.stringify(asked.filter((a) => a.panelist === rater).map((a) => a.competency)),
          prompted_at: ends,
        });
        const submitted = new Date(Date.parse(ends) + (2 + rand() * 40) * 3_600_000).toISOString();
        let own = 0;
        let ownCount = 0;
        const rows: [string, number | null, number][] = [];
        for (const a of asked) {
          const noisy = a.question === noisyQuestion;
          const value = noisy
            ? 1 + rand() * 4 - 0.5
            : (truth.get(a.competency) ?? 2.5) + (bias[rater] ?? 0) + gauss() * 0.45;
          const rating = rand() < 0.05 ? null : Math.min(4, Math.max(1, Math.round(value)));
          rows.push([a.competency, rating, a.panelist === rater ? 1 : 0]);
          if (rating !== null) {
            own += rating;
            ownCount++;
          }
        }
        const recommendation =
          RECOMMENDATION[Math.min(3, Math.max(0, Math.round((ownCount ? own / ownCount : 2.5) - 1)))] ?? 'yes';
        emit('scorecards', {
          id: scorecardId,
          interview_id: interviewId,
          panelist_id: raterId(rater),
          status: 'submitted',
          key_takeaways: 'Synthetic.',
          recommendation,
          revision: 1,
          submitted_at: submitted,
          created_at: submitted,
          updated_at: submitted,
        });
        for (const [competency, rating, focus] of rows) {
          emit('scorecard_ratings', { scorecard_id: scorecardId, competency_id: competency, rating, in_focus: focus });
          ratings++;
        }
        sum += own;
        count += ownCount;
      }
    }
    if (!open) {
      const mean = count ? sum / count : 2.5;
      emit('decisions', {
        loop_id: loop,
        outcome: mean + gauss() * 0.2 > 2.6 ? 'hire' : 'no_hire',
        rationale: 'Synthetic.',
        decided_by: lead,
        decided_at: at,
      });
    }
  }
  return {
    loops: options.loops,
    interviews: interviewId,
    scorecards: scorecardId,
    ratings,
    noisyQuestion,
    hardQuestion,
    lenient: raterId(0),
    severe: raterId(1),
  };
}

/** Writes a history with raw SQLite statements in one transaction: fast enough for the benchmark's 100,000 loops. */
export function generateHistory(sqlite: SQLite.Database, options: HistoryOptions): History {
  const max = (table: string) =>
    (sqlite.prepare(`select coalesce(max(id), 0) as n from ${table}`).get() as { n: number }).n;
  const start: Start = {
    questions: sqlite.prepare('select id, competencies from questions where active = 1 order by id').all() as {
      id: string;
      competencies: string;
    }[],
    interviewId: max('interviews'),
    scorecardId: max('scorecards'),
    lastLoop: max('loops'),
  };
  const statements = new Map<string, SQLite.Statement>();
  const insert = (table: Table, row: Record<string, string | number | null>) => {
    const columns = Object.keys(row);
    const key = `${table}:${columns.join(',')}`;
    let statement = statements.get(key);
    if (!statement) {
      statement = sqlite.prepare(
        `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
      );
      statements.set(key, statement);
    }
    statement.run(...Object.values(row));
  };
  return sqlite.transaction(() => planHistory(start, options, insert))();
}

/** The same history written through Kysely, on either dialect (the tests that run on PostgreSQL too). */
export async function writeHistory(db: Kysely<Database>, options: HistoryOptions): Promise<History> {
  const max = async (table: 'interviews' | 'scorecards' | 'loops') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.max('id').as('n'))
          .executeTakeFirst()
      )?.n ?? 0,
    );
  const start: Start = {
    questions: await db
      .selectFrom('questions')
      .select(['id', 'competencies'])
      .where('active', '=', 1)
      .orderBy('id')
      .execute(),
    interviewId: await max('interviews'),
    scorecardId: await max('scorecards'),
    lastLoop: await max('loops'),
  };
  const rows = new Map<Table, Record<string, string | number | null>[]>();
  const history = planHistory(start, options, (table, row) => {
    rows.set(table, [...(rows.get(table) ?? []), row]);
  });
  await db.transaction().execute(async (trx) => {
    for (const [table, list] of rows) {
      for (let i = 0; i < list.length; i += 500) {
        await trx
          .insertInto(table)
          // biome-ignore lint/suspicious/noExplicitAny: rows of several tables, checked by the database itself
          .values(list.slice(i, i + 500) as any)
          .execute();
      }
    }
    if (dialectOf(trx) === 'postgres')
      await continueSequences(trx, ['candidates', 'loops', 'interviews', 'scorecards']);
  });
  return history;
}

/**
 * A history written behind the app's back (as above) is in no ledger: marks the ledger as of an older layout and
 * runs the background round, which rebuilds it, as after an upgrade.
 */
export async function rebuildInsight(db: Kysely<Database>, now: Date): Promise<LedgerRound> {
  await db.updateTable('insight_state').set({ version: 0 }).execute();
  return keepInsightCurrent(db, now);
}
