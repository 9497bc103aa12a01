import type { Kysely } from 'kysely';
import { transact } from '../db/database.js';
import { audit } from '../db/repositories/audit.js';
import { questionUsage, readBank } from '../db/repositories/bank.js';
import { getInterview, setPanelistFocus } from '../db/repositories/interviews.js';
import { getKitItem, insertKitItems, kitOf, markKitItem, swappedOut, usedInLoop } from '../db/repositories/kits.js';
import { getLoop } from '../db/repositories/loops.js';
import type { Database } from '../db/schema.js';
import { pickReplacement, probedBy } from '../domain/kit-planner.js';
import { endsAt } from '../domain/loop.js';
import { fail, ok, type Result } from '../domain/types.js';
import { refreshKitDm } from './messages.js';

export interface Swapped {
  interviewId: number;
  oldQuestionId: string;
  newQuestionId: string;
}

/** Replaces one question of a panelist's kit with the next eligible one for the same competency, and saves it. */
export async function swapQuestion(
  db: Kysely<Database>,
  input: { itemId: number; userId: string; allowanceMinutes: number; now: Date },
): Promise<Result<Swapped>> {
  return transact(db, async (trx): Promise<Result<Swapped>> => {
    const item = await getKitItem(trx, input.itemId);
    if (!item) return fail('not_found', 'That question is no longer in a kit.');
    if (item.panelist_id !== input.userId) {
      return fail('forbidden', 'Only the panelist whose kit this is can swap its questions.');
    }
    if (item.status !== 'active') {
      return fail(
        'stale',
        'That question was already swapped; this message shows an older kit. Run `/interview questions` for the current one.',
      );
    }
    const interview = await getInterview(trx, item.interview_id);
    const loop = interview && (await getLoop(trx, interview.loopId));
    if (!interview || !loop) return fail('not_found', 'That interview no longer exists.');
    if (interview.status === 'cancelled') return fail('cancelled', `Interview #${interview.id} was cancelled.`);
    if (endsAt(interview) <= input.now) return fail('over', `Interview #${interview.id} has already taken place.`);
    const [bank, usage, used, excluded, kit] = await Promise.all([
      readBank(trx),
      questionUsage(trx),
      usedInLoop(trx, loop.id),
      swappedOut(trx, interview.id, input.userId),
      kitOf(trx, interview.id),
    ]);
    const minutes = new Map(bank.questions.map((q) => [q.id, q.minutes]));
    const planned = kit.reduce((sum, k) => sum + (minutes.get(k.questionId) ?? 0), 0);
    const budget = Math.max(0, interview.durationMinutes - input.allowanceMinutes);
    const current = minutes.get(item.question_id) ?? 0;
    const replacement = pickReplacement({
      bank,
      role: loop.role,
      level: loop.level,
      kind: interview.kind,
      competencyId: item.competency_id,
      usedQuestionIds: used,
      excludedQuestionIds: new Set([...excluded, item.question_id]),
      maxMinutes: Math.max(current, budget - planned + current),
      usage,
      seed: `interview:${interview.id}:${input.userId}:${excluded.size}`,
    });
    const competency = bank.competencies.find((c) => c.id === item.competency_id)?.name ?? item.competency_id;
    if (!replacement) {
      return fail(
        'none_left',
        `No other ${loop.level} ${competency} question fits this interview. Keep this one, or ask an admin to add one with \`/interview bank add\`.`,
      );
    }
    await markKitItem(trx, item.id, 'swapped');
    await insertKitItems(
      trx,
      interview.id,
      loop.id,
      [
        {
          panelistId: input.userId,
          questionId: replacement.id,
          competencyId: item.competency_id,
          position: item.position,
        },
      ],
      input.now,
    );
    // The panelist's focus follows the questions they now ask.
    const asked = kit.filter((k) => k.panelistId === input.userId).map((k) => k.questionId);
    await setPanelistFocus(
      trx,
      interview.id,
      input.userId,
      probedBy(
        asked.map((id) => (id === item.question_id ? replacement.id : id)),
        bank,
      ),
    );
    await audit(
      trx,
      {
        actor: input.userId,
        action: 'kit.swapped',
        entityType: 'interview',
        entityId: interview.id,
        details: { from: item.question_id, to: replacement.id, competency: item.competency_id },
      },
      input.now,
    );
    await refreshKitDm(trx, interview.id, input.userId, input.now);
    return ok({ interviewId: interview.id, oldQuestionId: item.question_id, newQuestionId: replacement.id });
  });
}
