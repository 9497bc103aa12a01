import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { stringify } from 'yaml';
import { BankError, entryToQuestion, parseBankFile, questionToEntry } from '../bank/load.js';
import { transact } from '../db/database.js';
import { audit } from '../db/repositories/audit.js';
import { competencyIds, readBank, upsertQuestion, upsertRole } from '../db/repositories/bank.js';
import type { Database } from '../db/schema.js';
import { counted } from '../domain/plural.js';
import { UsageError } from './usage.js';

export async function bankExport(db: Kysely<Database>, json: boolean): Promise<string> {
  const bank = await readBank(db);
  if (json) {
    return JSON.stringify(
      bank.questions.map((q) => ({
        id: q.id,
        text: q.text,
        kind: q.kind,
        competencies: q.competencies,
        levels: q.levels,
        minutes: q.minutes,
        guidance: q.guidance,
        sensitive: q.sensitive,
        source: q.source,
      })),
      null,
      2,
    );
  }
  return stringify({ roles: bank.roles, questions: bank.questions.map(questionToEntry) }, { lineWidth: 0 });
}

/** Adds or updates the file's roles and questions; every entry is checked before anything is written. */
export async function bankImport(db: Kysely<Database>, path: string, now: Date): Promise<string> {
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read "${path}": check the path`);
  }
  const file = parseBankFile(path, source);
  if ((file.competencies?.length ?? 0) > 0 || (file.tips?.length ?? 0) > 0) {
    throw new BankError(`${path}: only questions can be imported; competencies and tips live in db/questions/`);
  }
  const questions = (file.questions ?? []).map(entryToQuestion);
  const known = new Set(await competencyIds(db));
  for (const q of questions) {
    const unknown = q.competencies.filter((c) => !known.has(c));
    if (unknown.length > 0) throw new BankError(`${path}: question "${q.id}": unknown competency "${unknown[0]}"`);
  }
  const roles = file.roles ?? [];
  // The work may run more than once (see transact): it counts afresh each time.
  const { counts, roleCounts } = await transact(db, async (trx) => {
    const counts = { added: 0, updated: 0, unchanged: 0 };
    const roleCounts = { added: 0, updated: 0, unchanged: 0 };
    for (const r of roles) {
      const result = await upsertRole(trx, r);
      roleCounts[result] += 1;
      if (result !== 'unchanged') {
        await audit(trx, { actor: 'cli', action: `role.${result}`, entityType: 'role', entityId: r.id }, now);
      }
    }
    for (const q of questions) {
      const result = await upsertQuestion(trx, q, 'cli', now);
      counts[result] += 1;
      if (result !== 'unchanged')
        await audit(trx, { actor: 'cli', action: `question.${result}`, entityType: 'question', entityId: q.id }, now);
    }
    return { counts, roleCounts };
  });
  const roleNote =
    roles.length > 0
      ? ` Roles: ${roleCounts.added} added, ${roleCounts.updated} updated, ${roleCounts.unchanged} unchanged (${roles.map((r) => r.name).join(', ')}).`
      : '';
  if (questions.length === 0 && roles.length === 0) return `${path} holds no questions: nothing was imported.`;
  if (questions.length === 0) return `Imported no questions from ${path}.${roleNote}`;
  if (counts.added + counts.updated === 0)
    return `No changes: the bank already has the ${counted(questions.length, 'question')} of ${path} as they are.${roleNote}`;
  const unchanged = counts.unchanged > 0 ? `, ${counts.unchanged} unchanged` : '';
  return `Imported ${counted(questions.length, 'question')} from ${path}: ${counts.added} added, ${counts.updated} updated${unchanged}.${roleNote}`;
}
