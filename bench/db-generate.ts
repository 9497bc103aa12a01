// Fills a migrated database with 100,000 loops and 1,000,000 scorecards using raw prepared statements in one
// transaction. Shape: 3 interviews per loop with 3, 3 and 4 panelists (10 scorecards a loop), 2 rated focus
// competencies per panelist, one kit item per panelist, the loop's parent and summary messages in the outbox.
import type SQLite from 'better-sqlite3';
import type { Competency } from '../src/domain/types.js';
import { pick, prng } from './synthetic.js';

export const LOOPS = 100_000;
export const PANEL_SIZES = [3, 3, 4] as const;
/** The most recent fifth of the loops is still open; in them 30% of scorecards are drafts. */
export const firstOpenLoop = (loops: number): number => Math.floor(loops * 0.8) + 1;
const USERS = 2_000;
const BASE = Date.parse('2025-01-06T09:00:00Z');
const RECOMMENDATIONS = ['strong_no', 'no', 'yes', 'strong_yes'];

export interface Generated {
  loops: number;
  interviews: number;
  scorecards: number;
  ratings: number;
  kitItems: number;
  seconds: number;
}

export const userId = (n: number): string => `U${String(n % USERS).padStart(6, '0')}`;

export function generate(
  sqlite: SQLite.Database,
  competencies: Competency[],
  questionIds: string[],
  loops = LOOPS,
): Generated {
  const started = Date.now();
  const rand = prng(42);
  const ins = {
    candidate: sqlite.prepare(
      'insert into candidates (id, name, name_key, links, erased_at, created_at) values (?, ?, ?, null, null, ?)',
    ),
    loop: sqlite.prepare(
      `insert into loops (id, candidate_id, role, level, hiring_lead_id, decision_channel_id, thread_ts, status,
        created_by, created_at, updated_at) values (?, ?, 'backend-developer', ?, ?, 'C0HIRING', ?, ?, ?, ?, ?)`,
    ),
    interview: sqlite.prepare(
      `insert into interviews (id, loop_id, kind, starts_at, ends_at, duration_minutes, notes, status, created_by,
        created_at, updated_at) values (?, ?, ?, ?, ?, 60, null, ?, ?, ?, ?)`,
    ),
    panelist: sqlite.prepare(
      `insert into interview_panelists (interview_id, user_id, position, focus, prompted_at, reminded_at, escalated_at)
        values (?, ?, ?, ?, ?, null, null)`,
    ),
    kitItem: sqlite.prepare(
      `insert into kit_items (interview_id, loop_id, panelist_id, question_id, competency_id, position, status, created_at)
        values (?, ?, ?, ?, ?, 0, 'active', ?)`,
    ),
    scorecard: sqlite.prepare(
      `insert into scorecards (id, interview_id, panelist_id, status, draft, key_takeaways, recommendation, revision,
        submitted_at, created_at, updated_at) values (?, ?, ?, ?, null, ?, ?, ?, ?, ?, ?)`,
    ),
    rating: sqlite.prepare('insert into scorecard_ratings (scorecard_id, competency_id, rating) values (?, ?, ?)'),
    outbox: sqlite.prepare(
      `insert into outbox (dedupe_key, method, channel, payload, ref_type, ref_id, status, attempts, next_attempt_at,
        result_channel, result_ts, created_at, sent_at) values (?, 'chat.postMessage', 'C0HIRING', ?, ?, ?, 'sent', 1,
        ?, 'C0HIRING', ?, ?, ?)`,
    ),
    decision: sqlite.prepare(
      `insert into decisions (loop_id, outcome, rationale, decided_by, decided_at) values (?, ?, 'Consistent signal.', ?, ?)`,
    ),
  };
  const compIds = competencies.map((c) => c.id);
  let interviewId = 0;
  let scorecardId = 0;
  let ratings = 0;
  let kitItems = 0;
  const firstOpen = firstOpenLoop(loops);
  const fill = sqlite.transaction(() => {
    for (let loop = 1; loop <= loops; loop++) {
      const at = new Date(BASE + loop * 5 * 60_000).toISOString();
      const open = loop >= firstOpen;
      const lead = userId(loop * 7);
      const ts = `${(BASE + loop * 300_000) / 1000}.000100`;
      ins.candidate.run(loop, `Candidate ${loop}`, `candidate ${loop}`, at);
      ins.loop.run(
        loop,
        loop,
        pick(rand, ['mid', 'senior', 'lead']),
        lead,
        ts,
        open ? 'open' : 'decided',
        lead,
        at,
        at,
      );
      ins.outbox.run(`parent:${loop}`, '{}', 'loop_parent', String(loop), at, ts, at, at);
      let position = 0;
      for (const [round, size] of PANEL_SIZES.entries()) {
        interviewId++;
        const start = new Date(BASE + loop * 300_000 + (round + 1) * 86_400_000);
        const starts = start.toISOString();
        const ends = new Date(start.getTime() + 3_600_000).toISOString();
        const status = rand() < 0.03 ? 'cancelled' : 'scheduled';
        ins.interview.run(
          interviewId,
          loop,
          pick(rand, ['technical', 'behavioral', 'mixed']),
          starts,
          ends,
          status,
          lead,
          at,
          at,
        );
        for (let p = 0; p < size; p++) {
          const user = userId(loop * 13 + round * 5 + p);
          const focus = [pick(rand, compIds), pick(rand, compIds)].filter((c, i, all) => all.indexOf(c) === i);
          ins.panelist.run(interviewId, user, p, JSON.stringify(focus), ends);
          const question = questionIds[(loop * 11 + position++) % questionIds.length] ?? '';
          ins.kitItem.run(interviewId, loop, user, question, focus[0] ?? '', at);
          kitItems++;
          scorecardId++;
          const draft = open && rand() < 0.3;
          ins.scorecard.run(
            scorecardId,
            interviewId,
            user,
            draft ? 'draft' : 'submitted',
            draft ? null : 'Clear thinker; strong on data modelling, a little vague on testing strategy.',
            draft ? null : pick(rand, RECOMMENDATIONS),
            draft ? 0 : 1,
            draft ? null : ends,
            ends,
            ends,
          );
          if (draft) continue;
          for (const competency of focus) {
            ins.rating.run(scorecardId, competency, 1 + Math.floor(rand() * 4));
            ratings++;
          }
        }
      }
      if (!open) {
        ins.outbox.run(`summary:${loop}`, '{}', 'loop_summary', String(loop), at, `${ts}1`, at, at);
        ins.decision.run(loop, pick(rand, ['hire', 'no_hire']), lead, at);
      }
    }
  });
  fill();
  return {
    loops,
    interviews: interviewId,
    scorecards: scorecardId,
    ratings,
    kitItems,
    seconds: (Date.now() - started) / 1000,
  };
}
