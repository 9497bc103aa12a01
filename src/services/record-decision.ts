import type { Kysely } from 'kysely';
import { transact } from '../db/database.js';
import { audit } from '../db/repositories/audit.js';
import { insertDecision, setLoopStatus } from '../db/repositories/decisions.js';
import { firstDelivery } from '../db/repositories/deliveries.js';
import { getLoop, lockLoop } from '../db/repositories/loops.js';
import { hasPending, wasPosted } from '../db/repositories/outbox.js';
import type { Database } from '../db/schema.js';
import { candidateLabel } from '../domain/loop.js';
import { escapeMrkdwn } from '../domain/mrkdwn.js';
import { DECISION_LABELS, DECISIONS, type DecisionOutcome, fail, ok, type Result } from '../domain/types.js';
import { refreshLoopMessages } from './loop-summary.js';
import { loopSummaryRef, postThreadReply, refreshHomes, sendDm } from './messages.js';
import { refreshLoopInsight } from './refresh-insight.js';

export const MAX_RATIONALE = 3000;

export function isDecision(value: string): value is DecisionOutcome {
  return (DECISIONS as readonly string[]).includes(value);
}

/** Only the loop's hiring lead decides; returns the loop's lead for a clear refusal. */
export async function mayDecide(
  db: Kysely<Database>,
  loopId: number,
  userId: string,
): Promise<Result<{ hiringLeadId: string }>> {
  const loop = await getLoop(db, loopId);
  if (!loop) return fail('not_found', 'That loop no longer exists.');
  if (loop.hiringLeadId !== userId) {
    return fail('forbidden', 'Only the hiring lead of this loop can record the decision for this candidate.');
  }
  if (loop.status !== 'open') return fail('decided', 'This loop is already decided.');
  return ok({ hiringLeadId: loop.hiringLeadId });
}

/** Saves and audits the decision, posts it in the thread, edits the parent, and closes the loop unless it is another round. */
export async function recordDecision(
  db: Kysely<Database>,
  input: {
    loopId: number;
    outcome: DecisionOutcome;
    rationale: string;
    userId: string;
    deliveryKey: string;
    now: Date;
  },
): Promise<Result<{ duplicate: boolean }>> {
  const rationale = input.rationale.trim();
  if (!rationale) return fail('rationale', 'Write the rationale: why this decision, for the record.');
  if (rationale.length > MAX_RATIONALE)
    return fail('rationale', `Keep the rationale under ${MAX_RATIONALE} characters (${rationale.length} now).`);
  return transact(db, async (trx): Promise<Result<{ duplicate: boolean }>> => {
    await lockLoop(trx, input.loopId);
    const allowed = await mayDecide(trx, input.loopId, input.userId);
    if (!allowed.ok) return allowed;
    if (!(await firstDelivery(trx, input.deliveryKey, 'decision', input.now))) return ok({ duplicate: true });
    const loop = await getLoop(trx, input.loopId);
    if (!loop) return fail('not_found', 'That loop no longer exists.');
    await insertDecision(
      trx,
      { loopId: loop.id, outcome: input.outcome, rationale, decidedBy: input.userId },
      input.now,
    );
    if (input.outcome !== 'another_round') await setLoopStatus(trx, loop.id, 'decided', input.now);
    await refreshLoopInsight(trx, loop.id, input.now);
    await audit(
      trx,
      {
        actor: input.userId,
        action: 'decision.recorded',
        entityType: 'loop',
        entityId: loop.id,
        details: { outcome: input.outcome },
      },
      input.now,
    );
    // The decision is stated once in the thread: the summary shows it in place of its buttons; without a summary
    // (decided before every scorecard was in) a reply says it. The parent shows it too.
    const summary = loopSummaryRef(loop.id);
    if (!(await wasPosted(trx, summary)) && !(await hasPending(trx, summary, 'chat.postMessage')))
      await postThreadReply(
        trx,
        loop.id,
        loop.decisionChannelId,
        `:scales: *Decision: ${DECISION_LABELS[input.outcome]}* by <@${input.userId}>.\n> ${escapeMrkdwn(rationale).replace(/\n/g, '\n> ')}`,
        input.now,
      );
    // What to do next is for the lead alone, not the channel.
    if (input.outcome === 'another_round')
      await sendDm(
        trx,
        loop.id,
        loop.hiringLeadId,
        `Another round for ${escapeMrkdwn(candidateLabel(loop))}: the loop stays open. Schedule the next interview with \`/interview schedule\`; its questions will not repeat this loop's.`,
        input.now,
      );
    await refreshLoopMessages(trx, { id: loop.id, channel: loop.decisionChannelId }, input.now);
    await refreshHomes(trx, [loop.hiringLeadId], input.now);
    return ok({ duplicate: false });
  });
}
