import type { Kysely } from 'kysely';
import { readBank } from '../db/repositories/bank.js';
import { type Decision, decisionsOf } from '../db/repositories/decisions.js';
import { interviewsOfLoop, latestRoundOf } from '../db/repositories/interviews.js';
import { findLoopsByCandidate, getLoop } from '../db/repositories/loops.js';
import { type RefState, refStates } from '../db/repositories/outbox.js';
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
  refreshLoopSummary,
  refreshScorecardPrompt,
  scorecardPromptRef,
  tellLeadSummaryReady,
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
  /** The loop's latest round with an interview on (1, then one more per "another round"). */
  round: number;
}

/** The latest round with an interview still on. */
export function latestRound(interviews: Pick<Interview, 'round' | 'status'>[]): number {
  return Math.max(1, ...interviews.filter((i) => i.status === 'scheduled').map((i) => i.round));
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
    round: latestRound(interviews),
  };
}

/**
 * Keeps the summaries in the decision thread current. When every scorecard of the loop's latest round is in, a
 * summary of the whole loop is posted for that round (once) and the hiring lead is told; summaries already posted
 * are edited in place, which hides their ratings again while a new round's panelists have not submitted.
 */
export async function syncThreadSummary(db: Db, loopId: number, channel: string, now: Date): Promise<void> {
  await refreshLoopMessages(db, { id: loopId, channel }, now, { parent: false });
}

export interface LoopMessagesOptions {
  /** A panelist's scorecard prompt to bring up to date too. */
  prompt?: { interviewId: number; userId: string };
  /** The parent message too (the default). */
  parent?: boolean;
}

/** What the outbox holds of a loop's messages, and the loop's progress: what refreshLoopMessages acts on. */
export interface LoopMessages {
  round: number;
  progress: { submitted: number; expected: number };
  /** The summary of each round, 1 first. */
  summaries: RefState[];
  parent: RefState | undefined;
  prompt: RefState | undefined;
}

/** One outbox lookup for the summaries of every round, the parent and the prompt. */
export async function readLoopMessages(
  db: Db,
  loopId: number,
  options: LoopMessagesOptions = {},
): Promise<LoopMessages> {
  const { prompt, parent = true } = options;
  const [round, progress] = await Promise.all([latestRoundOf(db, loopId), progressOfLoop(db, loopId)]);
  const refs = Array.from({ length: round }, (_, i) => loopSummaryRef(loopId, i + 1));
  if (parent) refs.push(loopParentRef(loopId));
  if (prompt) refs.push(scorecardPromptRef(prompt.interviewId, prompt.userId));
  const states = await refStates(db, refs);
  return {
    round,
    progress,
    summaries: states.slice(0, round),
    parent: parent ? states[round] : undefined,
    prompt: prompt ? states.at(-1) : undefined,
  };
}

/**
 * After a change to a loop: its parent message (unless `parent: false`) and the thread's summaries (see
 * syncThreadSummary) are brought up to date, and so is a panelist's scorecard prompt when given. `read` is what
 * readLoopMessages found, when the caller has already looked (nothing of these messages queued since).
 */
export async function refreshLoopMessages(
  db: Db,
  loop: { id: number; channel: string },
  now: Date,
  options: LoopMessagesOptions & { read?: LoopMessages } = {},
): Promise<void> {
  const { prompt } = options;
  const {
    round,
    progress,
    summaries,
    parent,
    prompt: promptState,
  } = options.read ?? (await readLoopMessages(db, loop.id, options));
  if (options.parent !== false) await refreshLoopParent(db, loop.id, loop.channel, now, parent);
  if (prompt) await refreshScorecardPrompt(db, prompt.interviewId, prompt.userId, now, promptState);
  for (const [i, state] of summaries.entries()) {
    if (state.posted) await refreshLoopSummary(db, loop.id, loop.channel, now, i + 1, state);
  }
  const complete = progress.expected > 0 && progress.submitted === progress.expected;
  if (complete && !summaries[round - 1]?.posted) {
    const lead = (await getLoop(db, loop.id))?.hiringLeadId;
    if (!lead) return;
    await postLoopSummary(db, loop.id, loop.channel, now, round);
    await tellLeadSummaryReady(db, loop.id, lead, round, loop.channel, now);
  }
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
