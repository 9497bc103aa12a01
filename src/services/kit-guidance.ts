import type { Kysely } from 'kysely';
import { readBank } from '../db/repositories/bank.js';
import type { Database } from '../db/schema.js';
import { candidateLabel } from '../domain/loop.js';
import type { Actor } from '../domain/permissions.js';
import { interviewRunningOrder } from '../domain/running-order.js';
import { type Bank, fail, isLevel, ok, type Result } from '../domain/types.js';
import { findKit } from './find-kit.js';

export interface KitGuidance {
  bank: Bank;
  title: string;
  items: { number: number; questionId: string; competencyId: string }[];
}

/**
 * The questions whose full guidance the "Guidance and rubric" button shows: `interview:N` is the reader's part of
 * that interview (every part for its hiring lead), numbered as in the kit; `adhoc:level:q~c,…` an ad hoc kit's.
 */
export async function kitGuidance(
  db: Kysely<Database>,
  actor: Actor,
  value: string,
  now: Date,
): Promise<Result<KitGuidance>> {
  const interview = /^interview:(\d{1,9})$/.exec(value);
  if (interview) {
    const found = await findKit(db, actor, interview[1] ?? '', now);
    if (!found.ok) return found;
    const { bank, loop, items, panelistId } = found.value;
    const slots = interviewRunningOrder(bank, found.value.interview, items, 0).flatMap((s) =>
      s.kind === 'question' && (panelistId === null || s.panelistId === panelistId) ? [s] : [],
    );
    return ok({
      bank,
      title: `Interview #${found.value.interview.id} · ${candidateLabel(loop)}`,
      items: slots.map((s) => ({ number: s.number, questionId: s.questionId, competencyId: s.competencyId })),
    });
  }
  const adHoc = /^adhoc:([a-z]+):(.*)$/.exec(value);
  if (adHoc && isLevel(adHoc[1] ?? '')) {
    const bank = await readBank(db);
    const items = (adHoc[2] ?? '')
      .split(',')
      .filter(Boolean)
      .map((pair, i) => {
        const [questionId = '', competencyId = ''] = pair.split('~');
        return { number: i + 1, questionId, competencyId };
      });
    return ok({ bank, title: 'Ad hoc kit', items });
  }
  return fail('bad_value', 'That button is from an older message: run `/interview questions` again.');
}
