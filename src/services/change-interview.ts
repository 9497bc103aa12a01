import type { Kysely } from 'kysely';
import { transact } from '../db/database.js';
import { audit } from '../db/repositories/audit.js';
import { getInterview, moveInterview, setInterviewStatus } from '../db/repositories/interviews.js';
import { releaseKit } from '../db/repositories/kits.js';
import { getLoop } from '../db/repositories/loops.js';
import { progressOfInterview } from '../db/repositories/scorecards.js';
import type { Database, Db } from '../db/schema.js';
import { candidateLabel, endsAt, type Interview, type Loop } from '../domain/loop.js';
import { escapeMrkdwn } from '../domain/mrkdwn.js';
import { type Actor, canManageInterview } from '../domain/permissions.js';
import { fail, ok, type Result } from '../domain/types.js';
import { syncThreadSummary } from './loop-summary.js';
import { postThreadReply, refreshHomes, refreshKitDm, refreshLoopParent, sendDm } from './messages.js';

interface Target {
  interview: Interview;
  loop: Loop;
}

/**
 * The interview an actor may change. A past interview can still be cancelled while nobody has submitted a
 * scorecard for it (a no-show), so its prompts and reminders stop; it cannot be moved.
 */
async function manageable(
  db: Db,
  actor: Actor,
  interviewId: number,
  now: Date,
  change: 'cancel' | 'move',
): Promise<Result<Target>> {
  const interview = await getInterview(db, interviewId);
  const loop = interview && (await getLoop(db, interview.loopId));
  if (!interview || !loop) {
    return fail(
      'not_found',
      `There is no interview #${interviewId}. \`/interview upcoming\` lists yours with their numbers.`,
    );
  }
  if (!canManageInterview(actor, loop, interview)) {
    return fail(
      'forbidden',
      `Only the hiring lead, whoever scheduled it, or an admin can change interview #${interviewId}.`,
    );
  }
  if (interview.status === 'cancelled') return fail('cancelled', `Interview #${interviewId} is already cancelled.`);
  if (endsAt(interview) <= now) {
    if (change === 'move') return fail('over', `Interview #${interviewId} has already taken place.`);
    const { submitted } = await progressOfInterview(db, interview.id);
    if (submitted > 0)
      return fail('over', `Interview #${interviewId} took place and has scorecards: it cannot be cancelled.`);
  }
  return ok({ interview, loop });
}

export async function cancelInterview(
  db: Kysely<Database>,
  actor: Actor,
  interviewId: number,
  now: Date,
  describeTime: (date: Date) => string,
): Promise<Result<Target>> {
  return transact(db, async (trx) => {
    const target = await manageable(trx, actor, interviewId, now, 'cancel');
    if (!target.ok) return target;
    const { interview, loop } = target.value;
    await setInterviewStatus(trx, interview.id, 'cancelled', now);
    await releaseKit(trx, interview.id);
    await syncThreadSummary(trx, loop.id, loop.decisionChannelId, now);
    await audit(
      trx,
      { actor: actor.userId, action: 'interview.cancelled', entityType: 'interview', entityId: interview.id },
      now,
    );
    await refreshLoopParent(trx, loop.id, loop.decisionChannelId, now);
    await postThreadReply(
      trx,
      loop.id,
      loop.decisionChannelId,
      `:no_entry: <@${actor.userId}> cancelled interview #${interview.id}.`,
      now,
    );
    const when = describeTime(interview.startsAt);
    const notice = `:no_entry: Interview #${interview.id} with ${escapeMrkdwn(candidateLabel(loop))} (${when}) was cancelled by <@${actor.userId}>. Nothing to prepare.`;
    for (const p of interview.panelists) {
      await refreshKitDm(trx, interview.id, p.userId, now);
      await sendDm(trx, loop.id, p.userId, notice, now);
    }
    if (loop.hiringLeadId !== actor.userId && !interview.panelists.some((p) => p.userId === loop.hiringLeadId)) {
      await sendDm(trx, loop.id, loop.hiringLeadId, notice, now);
    }
    await refreshHomes(trx, [loop.hiringLeadId, ...interview.panelists.map((p) => p.userId)], now);
    return ok({ interview: { ...interview, status: 'cancelled' as const }, loop });
  });
}

export async function rescheduleInterview(
  db: Kysely<Database>,
  actor: Actor,
  interviewId: number,
  startsAt: Date,
  now: Date,
  describeTime: (date: Date) => string,
): Promise<Result<Target>> {
  if (startsAt <= now) return fail('past', `${describeTime(startsAt)} is in the past: choose a time from now on.`);
  return transact(db, async (trx) => {
    const target = await manageable(trx, actor, interviewId, now, 'move');
    if (!target.ok) return target;
    const { interview, loop } = target.value;
    // A repeated request (a retry, a double send) for the same time changes and tells nothing.
    if (interview.startsAt.getTime() === startsAt.getTime()) return ok({ interview, loop });
    await moveInterview(trx, interview.id, startsAt, interview.durationMinutes, now);
    await audit(
      trx,
      {
        actor: actor.userId,
        action: 'interview.rescheduled',
        entityType: 'interview',
        entityId: interview.id,
        details: { from: interview.startsAt.toISOString(), to: startsAt.toISOString() },
      },
      now,
    );
    const from = describeTime(interview.startsAt);
    const to = describeTime(startsAt);
    await refreshLoopParent(trx, loop.id, loop.decisionChannelId, now);
    await postThreadReply(
      trx,
      loop.id,
      loop.decisionChannelId,
      `:calendar: <@${actor.userId}> moved interview #${interview.id} to ${to}.`,
      now,
    );
    const notice = `:calendar: Interview #${interview.id} with ${escapeMrkdwn(candidateLabel(loop))} moved from ${from} to *${to}* (by <@${actor.userId}>).`;
    for (const p of interview.panelists) {
      await refreshKitDm(trx, interview.id, p.userId, now);
      await sendDm(trx, loop.id, p.userId, notice, now);
    }
    if (loop.hiringLeadId !== actor.userId && !interview.panelists.some((p) => p.userId === loop.hiringLeadId)) {
      await sendDm(trx, loop.id, loop.hiringLeadId, notice, now);
    }
    await refreshHomes(trx, [loop.hiringLeadId, ...interview.panelists.map((p) => p.userId)], now);
    return ok({ interview: { ...interview, startsAt }, loop });
  });
}
