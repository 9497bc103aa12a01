// A synthetic interview history for the insight report: loops of three interviews, every panelist rating every
// competency the interview's questions probed (a few "not observed"), raters with a known leniency, one question
// that panels cannot agree on and one that nobody answers well. Written with raw statements in one transaction,
// so that the benchmark can make 100,000 loops of it.
import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
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

export function generateHistory(sqlite: SQLite.Database, options: HistoryOptions): History {
  const rand = prng(options.seed ?? 7);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const raters = options.raters ?? 40;
  const bias = Array.from({ length: raters }, (_, i) => (i === 0 ? 0.6 : i === 1 ? -0.5 : gauss() * 0.12));
  const end = (options.end ?? new Date('2026-06-01T00:00:00Z')).getTime();
  const leadOf = options.leadOf ?? ((loop: number) => `ULEAD${loop % 4}`);
  // Questions with distinct first competencies, so that each interview probes each competency once.
  const questions = (
    sqlite.prepare('select id, competencies from questions where active = 1 order by id').all() as {
      id: string;
      competencies: string;
    }[]
  ).map((q) => ({ id: q.id, competency: (JSON.parse(q.competencies) as string[])[0] ?? '' }));
  const byCompetency = new Map<string, string[]>();
  for (const q of questions) byCompetency.set(q.competency, [...(byCompetency.get(q.competency) ?? []), q.id]);
  const competencies = [...byCompetency.keys()].sort();
  const noisyQuestion = byCompetency.get(competencies[0] ?? '')?.[0] ?? '';
  const hardQuestion = byCompetency.get(competencies[1] ?? '')?.[0] ?? '';
  const ins = {
    candidate: sqlite.prepare(
      'insert into candidates (id, name, name_key, links, created_at) values (?, ?, ?, null, ?)',
    ),
    loop: sqlite.prepare(
      `insert into loops (id, candidate_id, role, level, hiring_lead_id, decision_channel_id, thread_ts, status,
        created_by, created_at, updated_at) values (?, ?, 'backend-developer', ?, ?, 'C0HIRING', null, ?, ?, ?, ?)`,
    ),
    interview: sqlite.prepare(
      `insert into interviews (id, loop_id, kind, starts_at, ends_at, duration_minutes, status, created_by,
        created_at, updated_at) values (?, ?, 'technical', ?, ?, 60, 'scheduled', ?, ?, ?)`,
    ),
    panelist: sqlite.prepare(
      'insert into interview_panelists (interview_id, user_id, position, focus, prompted_at) values (?, ?, ?, ?, ?)',
    ),
    kit: sqlite.prepare(
      `insert into kit_items (interview_id, loop_id, panelist_id, question_id, competency_id, position, created_at)
        values (?, ?, ?, ?, ?, ?, ?)`,
    ),
    scorecard: sqlite.prepare(
      `insert into scorecards (id, interview_id, panelist_id, status, key_takeaways, recommendation, revision,
        submitted_at, created_at, updated_at) values (?, ?, ?, 'submitted', 'Synthetic.', ?, 1, ?, ?, ?)`,
    ),
    rating: sqlite.prepare(
      'insert into scorecard_ratings (scorecard_id, competency_id, rating, in_focus) values (?, ?, ?, ?)',
    ),
    decision: sqlite.prepare(
      `insert into decisions (loop_id, outcome, rationale, decided_by, decided_at) values (?, ?, 'Synthetic.', ?, ?)`,
    ),
  };
  let interviewId = (sqlite.prepare('select coalesce(max(id), 0) as n from interviews').get() as { n: number }).n;
  let scorecardId = (sqlite.prepare('select coalesce(max(id), 0) as n from scorecards').get() as { n: number }).n;
  const firstLoop = (sqlite.prepare('select coalesce(max(id), 0) as n from loops').get() as { n: number }).n + 1;
  let ratings = 0;
  // Room for three interviews a day apart and submissions up to 42 hours later: everything is over by `end`.
  const span = 5 * 86_400_000 + options.loops * 3_600_000;
  sqlite.transaction(() => {
    for (let loop = firstLoop; loop < firstLoop + options.loops; loop++) {
      const at = new Date(end - span + (loop - firstLoop) * 3_600_000).toISOString();
      const open = rand() < 0.15;
      const lead = leadOf(loop);
      ins.candidate.run(loop, `Candidate ${loop}`, `candidate ${loop}`, at);
      ins.loop.run(loop, loop, ['mid', 'senior', 'lead'][loop % 3], lead, open ? 'open' : 'decided', lead, at, at);
      const ability = 2.5 + gauss() * 0.7;
      const used = new Set<string>();
      let sum = 0;
      let count = 0;
      for (const [round, size] of PANEL_SIZES.entries()) {
        interviewId++;
        const starts = new Date(Date.parse(at) + (round + 1) * 86_400_000);
        const ends = new Date(starts.getTime() + 3_600_000).toISOString();
        ins.interview.run(interviewId, loop, starts.toISOString(), ends, lead, at, at);
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
            ins.kit.run(interviewId, loop, raterId(rater), question, competency, p, at);
            break;
          }
        }
        const truth = new Map(
          asked.map((a) => [a.competency, ability + gauss() * 0.4 - (a.question === hardQuestion ? 2.2 : 0)]),
        );
        for (const [p, rater] of distinct.entries()) {
          scorecardId++;
          ins.panelist.run(
            interviewId,
            raterId(rater),
            p,
            JSON.stringify(asked.filter((a) => a.panelist === rater).map((a) => a.competency)),
            ends,
          );
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
            RECOMMENDATION[Math.min(3, Math.max(0, Math.round((ownCount ? own / ownCount : 2.5) - 1)))];
          ins.scorecard.run(scorecardId, interviewId, raterId(rater), recommendation, submitted, submitted, submitted);
          for (const [competency, rating, focus] of rows) {
            ins.rating.run(scorecardId, competency, rating, focus);
            ratings++;
          }
          sum += own;
          count += ownCount;
        }
      }
      if (!open) {
        const mean = count ? sum / count : 2.5;
        ins.decision.run(loop, mean + gauss() * 0.2 > 2.6 ? 'hire' : 'no_hire', lead, at);
      }
    }
  })();
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

/**
 * A history written behind the app's back (as above) is in no ledger: marks the ledger as of an older layout and
 * runs the background round, which rebuilds it, as after an upgrade.
 */
export async function rebuildInsight(db: Kysely<Database>, now: Date): Promise<LedgerRound> {
  await db.updateTable('insight_state').set({ version: 0 }).execute();
  return keepInsightCurrent(db, now);
}
