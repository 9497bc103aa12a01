import type { Kysely } from 'kysely';
import { readBank } from '../db/repositories/bank.js';
import { type Decision, decisionsOf } from '../db/repositories/decisions.js';
import { interviewsOfLoop } from '../db/repositories/interviews.js';
import { findLoopsByCandidate, getLoop } from '../db/repositories/loops.js';
import { type RefState, refStates, wasPosted } from '../db/repositories/outbox.js';
import { expectedInLoop, progressOfLoop, submittedInLoop } from '../db/repositories/scorecards.js';
import type { Database, Db } from '../db/schema.js';
import type { Interview, Loop } from '../domain/loop.js';
import { escapeMrkdwn } from '../domain/mrkdwn.js';
import {
  canSeeRatings,
  channelMayShowRatings,
  type ExpectedScorecard,
  type PanelSummary,
  type SubmittedScorecard,
  summarize,
  type Viewer,
} from '../domain/scorecard-summary.js';
import { fail, ok, type Result } from '../domain/types.js';
import {
  loopParentRef,
  loopSummaryRef,
  postLoopSummary,
  refreshLoopParent,
  refreshRendered,
  refreshScorecardPrompt,
  scorecardPromptRef,
} from './messages.js';

export interface LoopState {
  loop: Loop;
  interviews: Interview[];
  expected: ExpectedScorecard[];
  submitted: SubmittedScorecard[];
  summary: PanelSummary;
  decisions: Decision[];
  competencyNames: Map<string, string>;
  /** Ratings may appear in the decision channel (nobody on the panel still owes a scorecard). */
  channelMayShowRatings: boolean;
}

export async function loopState(db: Db, loopId: number): Promise<LoopState | undefined> {
  const loop = await getLoop(db, loopId);
  if (!loop) return undefined;
  const [interviews, expected, submitted, decisions, bank] = await Promise.all([
    interviewsOfLoop(db, loopId),
    expectedInLoop(db, loopId),
    submittedInLoop(db, loopId),
    decisionsOf(db, loopId),
    readBank(db),
  ]);
  return {
    loop,
    interviews,
    expected,
    submitted,
    summary: summarize(expected, submitted),
    decisions,
    competencyNames: new Map(bank.competencies.map((c) => [c.id, c.name])),
    channelMayShowRatings: channelMayShowRatings(expected, submitted),
  };
}

/**
 * Keeps the summary in the decision thread current: posted once every scorecard of the loop is in,
 * then edited in place (the renderer hides ratings again if a new panelist joins the loop).
 */
export async function syncThreadSummary(
  db: Db,
  loopId: number,
  channel: string,
  now: Date,
  state?: RefState,
): Promise<void> {
  if (state ? state.posted : await wasPosted(db, loopSummaryRef(loopId))) {
    await refreshRendered(db, loopSummaryRef(loopId), channel, { name: 'loop_summary', loopId }, now, state);
    return;
  }
  const { submitted, expected } = await progressOfLoop(db, loopId);
  if (expected > 0 && submitted === expected) await postLoopSummary(db, loopId, channel, now);
}

/**
 * After a change to a loop: its parent message and thread summary are brought up to date, and so is a panelist's
 * scorecard prompt when given. One outbox lookup tells what was posted and which edits already wait, for all
 * three.
 */
export async function refreshLoopMessages(
  db: Db,
  loop: { id: number; channel: string },
  now: Date,
  prompt?: { interviewId: number; userId: string },
): Promise<void> {
  const refs = [loopParentRef(loop.id), loopSummaryRef(loop.id)];
  if (prompt) refs.push(scorecardPromptRef(prompt.interviewId, prompt.userId));
  const [parent, summary, promptState] = await refStates(db, refs);
  await refreshLoopParent(db, loop.id, loop.channel, now, parent);
  if (prompt) await refreshScorecardPrompt(db, prompt.interviewId, prompt.userId, now, promptState);
  await syncThreadSummary(db, loop.id, loop.channel, now, summary);
}

/** `/interview status <candidate>`: the loop a viewer may look at, and whether they may see ratings. */
export async function statusFor(
  db: Kysely<Database>,
  viewer: Viewer & { isAdmin: boolean },
  candidate: string,
): Promise<Result<{ state: LoopState; showRatings: boolean }>> {
  const loops = await findLoopsByCandidate(db, candidate);
  for (const loop of loops) {
    const state = await loopState(db, loop.id);
    if (!state) continue;
    const involved =
      viewer.isAdmin ||
      loop.hiringLeadId === viewer.userId ||
      state.interviews.some((i) => i.panelists.some((p) => p.userId === viewer.userId));
    if (!involved) continue;
    return ok({ state, showRatings: canSeeRatings({ userId: viewer.userId }, loop.hiringLeadId, state.submitted) });
  }
  return fail(
    'not_found',
    `I found no loop for a candidate named "${escapeMrkdwn(candidate)}" that you are part of. Check the spelling; \`/interview upcoming\` lists your interviews.`,
  );
}
