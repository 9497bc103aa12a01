import type { Kysely } from 'kysely';
import { transact } from '../db/database.js';
import { audit } from '../db/repositories/audit.js';
import { questionUsage, readBank } from '../db/repositories/bank.js';
import { firstDelivery } from '../db/repositories/deliveries.js';
import { insertInterview, insertPanelists } from '../db/repositories/interviews.js';
import { insertKitItems, usedInLoop } from '../db/repositories/kits.js';
import { createLoop, findOpenLoop, lockCandidateLoop } from '../db/repositories/loops.js';
import type { Database } from '../db/schema.js';
import { planKit } from '../domain/kit-planner.js';
import { kindName, levelName } from '../domain/labels.js';
import type { Loop } from '../domain/loop.js';
import { escapeMrkdwn } from '../domain/mrkdwn.js';
import type { FieldErrors, ScheduleField, ScheduleRequest } from '../domain/schedule.js';
import { syncThreadSummary } from './loop-summary.js';
import { postLoopParent, postThreadReply, refreshHomes, refreshLoopParent, sendDm, sendKitDm } from './messages.js';
import { scheduleRoles } from './roles.js';

export interface Scheduled {
  interviewId: number;
  loop: Loop;
  createdLoop: boolean;
  gaps: string[];
  plannedMinutes: number;
  budgetMinutes: number;
}

export interface ScheduleContext {
  requesterId: string;
  requesterIsAdmin: boolean;
  /** Identifies the Slack delivery: the same key twice schedules once. */
  deliveryKey: string;
  allowanceMinutes: number;
  now: Date;
  /** Slack date markup for the start, for the messages. */
  describeTime: (date: Date) => string;
}

/**
 * A new interview for a candidate who has an open loop for the role joins that loop: only its hiring lead
 * (or an admin) may add to it, and level and lead must stay the loop's.
 */
function joinErrors(loop: Loop, request: ScheduleRequest, ctx: ScheduleContext): FieldErrors<ScheduleField> {
  const errors: FieldErrors<ScheduleField> = {};
  if (ctx.requesterId !== loop.hiringLeadId && !ctx.requesterIsAdmin) {
    // Someone outside the loop learns that it exists, not who leads it or who is on its panel.
    errors.candidate = `${request.candidateName} already has an open loop for this role: only its hiring lead or an admin can add an interview to it.`;
    return errors;
  }
  if (request.level !== loop.level)
    errors.level = `The open loop for ${request.candidateName} is at ${levelName(loop.level)} level: choose ${levelName(loop.level)}.`;
  if (request.hiringLeadId !== loop.hiringLeadId)
    errors.lead = `The open loop for ${request.candidateName} is led by <@${loop.hiringLeadId}>: keep them as hiring lead.`;
  return errors;
}

export type ScheduleOutcome = Scheduled | 'duplicate' | { errors: FieldErrors<ScheduleField> };

/** Saves the loop, interview, panel and kit, and queues the thread, DMs and confirmation: one transaction. */
export async function scheduleInterview(
  db: Kysely<Database>,
  request: ScheduleRequest,
  ctx: ScheduleContext,
): Promise<ScheduleOutcome> {
  return transact(db, async (trx): Promise<ScheduleOutcome> => {
    // The form offers only these; anything else was typed into a forged payload.
    if (!(await scheduleRoles(trx)).some((r) => r.id === request.role)) {
      return { errors: { role: 'That role is not in the question bank: choose one from the list.' } };
    }
    await lockCandidateLoop(trx, request.candidateName, request.role);
    const existing = await findOpenLoop(trx, request.candidateName, request.role);
    if (existing) {
      const errors = joinErrors(existing, request, ctx);
      if (Object.keys(errors).length > 0) return { errors };
    }
    if (!(await firstDelivery(trx, ctx.deliveryKey, 'schedule', ctx.now))) return 'duplicate';
    const created = existing === undefined;
    const loop =
      existing ??
      (await createLoop(
        trx,
        {
          candidateName: request.candidateName,
          role: request.role,
          level: request.level,
          hiringLeadId: request.hiringLeadId,
          decisionChannelId: request.decisionChannelId,
          createdBy: ctx.requesterId,
        },
        ctx.now,
      ));
    const interviewId = await insertInterview(
      trx,
      {
        loopId: loop.id,
        kind: request.kind,
        startsAt: request.startsAt,
        durationMinutes: request.durationMinutes,
        notes: request.notes,
        createdBy: ctx.requesterId,
      },
      ctx.now,
    );
    const [bank, usage, used] = await Promise.all([readBank(trx), questionUsage(trx), usedInLoop(trx, loop.id)]);
    const kit = planKit({
      bank,
      role: loop.role,
      level: loop.level,
      kind: request.kind,
      minutes: request.durationMinutes,
      allowanceMinutes: ctx.allowanceMinutes,
      panelists: request.panelists,
      usedQuestionIds: used,
      usage,
      seed: `interview:${interviewId}`,
    });
    await insertPanelists(
      trx,
      interviewId,
      kit.panelists.map((p, position) => ({ userId: p.panelist, position, focus: p.focus })),
    );
    await insertKitItems(
      trx,
      interviewId,
      loop.id,
      kit.panelists.flatMap((p) =>
        p.items.map((item, position) => ({
          panelistId: p.panelist,
          questionId: item.questionId,
          competencyId: item.competencyId,
          position,
        })),
      ),
      ctx.now,
    );
    await audit(
      trx,
      {
        actor: ctx.requesterId,
        action: 'interview.scheduled',
        entityType: 'interview',
        entityId: interviewId,
        details: {
          loopId: loop.id,
          kind: request.kind,
          startsAt: request.startsAt.toISOString(),
          durationMinutes: request.durationMinutes,
          panelists: request.panelists,
          questions: kit.panelists.reduce((n, p) => n + p.items.length, 0),
        },
      },
      ctx.now,
    );
    if (created) {
      await audit(
        trx,
        { actor: ctx.requesterId, action: 'loop.opened', entityType: 'loop', entityId: loop.id },
        ctx.now,
      );
      await postLoopParent(trx, loop.id, loop.decisionChannelId, ctx.now);
    } else {
      await refreshLoopParent(trx, loop.id, loop.decisionChannelId, ctx.now);
    }
    const when = ctx.describeTime(request.startsAt);
    const panel = request.panelists.map((id) => `<@${id}>`).join(', ');
    // The parent of a new loop already lists its first interview: the thread hears only of later ones.
    if (!created)
      await postThreadReply(
        trx,
        loop.id,
        loop.decisionChannelId,
        `:calendar: <@${ctx.requesterId}> scheduled interview #${interviewId} (${kindName(request.kind)}, ${request.durationMinutes} min) for ${when} with ${panel}.`,
        ctx.now,
      );
    for (const panelist of request.panelists) await sendKitDm(trx, interviewId, panelist, ctx.now);
    await refreshHomes(trx, [loop.hiringLeadId, ...request.panelists], ctx.now);
    // A new panel owes scorecards: an existing summary in the thread hides its ratings again.
    await syncThreadSummary(trx, loop.id, loop.decisionChannelId, ctx.now);
    const gaps = kit.gaps.length > 0 ? `\n:warning: ${kit.gaps.join(' ')}` : '';
    const reused = created
      ? ''
      : ` It joins the open loop for this candidate (decision thread in <#${loop.decisionChannelId}>).`;
    await sendDm(
      trx,
      loop.id,
      loop.hiringLeadId,
      `:white_check_mark: Interview #${interviewId} with ${escapeMrkdwn(request.candidateName)} is scheduled for ${when} (${kindName(request.kind)}, ${request.durationMinutes} min) with ${panel}. Each panelist has their questions by DM: ${kit.plannedMinutes} of ${kit.budgetMinutes} minutes planned.${reused}${gaps}`,
      ctx.now,
    );
    return {
      interviewId,
      loop,
      createdLoop: created,
      gaps: kit.gaps,
      plannedMinutes: kit.plannedMinutes,
      budgetMinutes: kit.budgetMinutes,
    };
  });
}
