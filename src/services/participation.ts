import type { Kysely } from 'kysely';
import { transact } from '../db/database.js';
import { audit } from '../db/repositories/audit.js';
import { getInterview } from '../db/repositories/interviews.js';
import { getLoop } from '../db/repositories/loops.js';
import { enqueue } from '../db/repositories/outbox.js';
import { declinedPanelists, declinePanelist } from '../db/repositories/participation.js';
import { getScorecard } from '../db/repositories/scorecards.js';
import type { Database } from '../db/schema.js';
import { candidateLabel } from '../domain/loop.js';
import { escapeMrkdwn } from '../domain/mrkdwn.js';
import { fail, ok, type Result } from '../domain/types.js';
import { loopMessageRef, refreshHomes, refreshScorecardPrompt, sendDm } from './messages.js';
import { refreshLoopInsight } from './refresh-insight.js';

/**
 * "I did not take part": the panelist is no longer prompted, reminded or reported late, and the hiring lead is
 * told. Saying it twice changes nothing; a submitted scorecard cannot be taken back this way.
 */
export async function declineInterview(
  db: Kysely<Database>,
  input: { interviewId: number; userId: string; now: Date },
): Promise<Result<{ already: boolean }>> {
  return transact(db, async (trx) => {
    const interview = await getInterview(trx, input.interviewId);
    const loop = interview && (await getLoop(trx, interview.loopId));
    if (!interview || !loop) return fail('not_found', `There is no interview #${input.interviewId}.`);
    if (!interview.panelists.some((p) => p.userId === input.userId))
      return fail('forbidden', `You are not on the panel of interview #${interview.id}.`);
    if ((await getScorecard(trx, interview.id, input.userId))?.status === 'submitted')
      return fail('submitted', 'You already submitted a scorecard for this interview; edit it with *Edit scorecard*.');
    if (!(await declinePanelist(trx, interview.id, input.userId, input.now.toISOString())))
      return ok({ already: true });
    await audit(
      trx,
      { actor: input.userId, action: 'panelist.declined', entityType: 'interview', entityId: interview.id },
      input.now,
    );
    await sendDm(
      trx,
      loop.id,
      loop.hiringLeadId,
      `:information_source: <@${input.userId}> says they did not take part in interview #${interview.id} with ${escapeMrkdwn(candidateLabel(loop))}: no scorecard will come from them, and they are no longer reminded.`,
      input.now,
    );
    await refreshScorecardPrompt(trx, interview.id, input.userId, input.now);
    await refreshHomes(trx, [input.userId, loop.hiringLeadId], input.now);
    await refreshLoopInsight(trx, loop.id, input.now);
    return ok({ already: false });
  });
}

/** The hiring lead's Nudge: one more reminder to a panelist whose scorecard is late, once per panelist. */
export async function nudgePanelist(
  db: Kysely<Database>,
  input: { interviewId: number; panelistId: string; actorId: string; now: Date },
): Promise<Result<{ sent: boolean }>> {
  return transact(db, async (trx) => {
    const interview = await getInterview(trx, input.interviewId);
    const loop = interview && (await getLoop(trx, interview.loopId));
    if (!interview || !loop) return fail('not_found', `There is no interview #${input.interviewId}.`);
    if (loop.hiringLeadId !== input.actorId)
      return fail('forbidden', 'Only the hiring lead of this loop can nudge its panel.');
    if (interview.status === 'cancelled') return fail('cancelled', `Interview #${interview.id} was cancelled.`);
    if ((await getScorecard(trx, interview.id, input.panelistId))?.status === 'submitted')
      return fail('submitted', `<@${input.panelistId}> has submitted their scorecard since.`);
    if ((await declinedPanelists(trx, interview.id)).has(input.panelistId))
      return fail('declined', `<@${input.panelistId}> said they did not take part.`);
    await enqueue(
      trx,
      {
        method: 'chat.postMessage',
        channel: input.panelistId,
        payload: {
          channel: input.panelistId,
          $render: { name: 'scorecard_reminder', interviewId: interview.id, userId: input.panelistId },
        },
        ref: loopMessageRef(loop.id),
        dedupeKey: `nudge:${interview.id}:${input.panelistId}`,
      },
      input.now,
    );
    return ok({ sent: true });
  });
}
