import type { Kysely } from 'kysely';
import { readBank } from '../db/repositories/bank.js';
import { notesOfLoop } from '../db/repositories/scorecards.js';
import type { Database } from '../db/schema.js';
import { canSeeRatings, type Viewer } from '../domain/scorecard-summary.js';
import { fail, ok, type Result } from '../domain/types.js';
import { type LoopState, loopState } from './loop-summary.js';

export interface FullScorecards {
  state: LoopState;
  notes: { interviewId: number; panelistId: string; questionId: string; note: string }[];
  questionText: Map<string, string>;
}

/** Every submitted scorecard of a loop in full, notes included, for the hiring lead and panelists who submitted. */
export async function fullScorecardsFor(
  db: Kysely<Database>,
  viewer: Viewer,
  loopId: number,
): Promise<Result<FullScorecards>> {
  const state = await loopState(db, loopId);
  if (!state) return fail('not_found', 'That loop no longer exists.');
  if (!canSeeRatings(viewer, state.loop.hiringLeadId, state.submitted)) {
    return fail(
      'blind',
      'The full scorecards open for the hiring lead and for panelists who have submitted their own: independent feedback comes first. Submit yours with `/interview scorecard`.',
    );
  }
  const [notes, bank] = await Promise.all([notesOfLoop(db, loopId), readBank(db)]);
  return ok({ state, notes, questionText: new Map(bank.questions.map((q) => [q.id, q.text])) });
}
