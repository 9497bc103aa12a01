import type { Kysely } from 'kysely';
import { transact } from '../db/database.js';
import { audit } from '../db/repositories/audit.js';
import { readBank, upsertQuestion } from '../db/repositories/bank.js';
import { firstDelivery } from '../db/repositories/deliveries.js';
import type { Database } from '../db/schema.js';
import {
  type CustomQuestionDraft,
  type CustomQuestionField,
  validateCustomQuestion,
} from '../domain/custom-question.js';
import type { FieldErrors } from '../domain/schedule.js';
import type { Question } from '../domain/types.js';

export type AddQuestionResult =
  | { ok: true; question: Question | null }
  | { ok: false; errors: FieldErrors<CustomQuestionField> };

/** Saves a question added in Slack (it survives bank reloads); `question: null` for a repeated delivery. */
export async function addCustomQuestion(
  db: Kysely<Database>,
  draft: CustomQuestionDraft,
  actor: string,
  deliveryKey: string,
  now: Date,
): Promise<AddQuestionResult> {
  return transact(db, async (trx): Promise<AddQuestionResult> => {
    const checked = validateCustomQuestion(draft, await readBank(trx));
    if (!checked.ok) return checked;
    if (!(await firstDelivery(trx, deliveryKey, 'bank_add', now))) return { ok: true, question: null };
    await upsertQuestion(trx, checked.value, actor, now);
    await audit(trx, { actor, action: 'question.added', entityType: 'question', entityId: checked.value.id }, now);
    return { ok: true, question: checked.value };
  });
}
