import type { Kysely } from 'kysely';
import { readBank } from '../db/repositories/bank.js';
import type { Database } from '../db/schema.js';
import { type BankLint, lintBank, MIN_PER_CELL } from '../domain/bank-lint.js';
import type { Bank } from '../domain/types.js';

/** `bank check`: the lint as lines a bank editor can act on; `passed` is false when any problem is found. */
export function formatBankLint(bank: Bank, lint: BankLint): { passed: boolean; text: string } {
  const competency = new Map(bank.competencies.map((c) => [c.id, c.name]));
  const problems =
    lint.missingStrongAnswer.length + lint.duplicates.length + lint.thinCells.length + lint.seniorTrivia.length;
  const lines = [
    `Bank check for ${lint.role}: ${lint.questions} questions, ${lint.withStrongAnswer} with a strong answer, ` +
      `${lint.thinCells.length} thin cells, ${lint.duplicates.length} near-duplicates, ` +
      `${lint.seniorTrivia.length} technical trivia questions offered to senior or lead.`,
  ];
  if (lint.missingStrongAnswer.length > 0) {
    lines.push(`Without a strong answer (${lint.missingStrongAnswer.length}): ${lint.missingStrongAnswer.join(', ')}`);
  }
  for (const d of lint.duplicates)
    lines.push(`Near-duplicate texts: ${d.a} and ${d.b} (${Math.round(d.similarity * 100)}% of words shared)`);
  for (const c of lint.thinCells) {
    lines.push(
      `Thin cell: ${c.level} ${c.kind} ${competency.get(c.competency) ?? c.competency} has ${c.questions} eligible questions (needs ${MIN_PER_CELL})`,
    );
  }
  if (lint.seniorTrivia.length > 0) {
    lines.push(
      `Technical recall or preference questions listed for senior or lead (ask for judgement instead, or drop those levels): ${lint.seniorTrivia.join(', ')}`,
    );
  }
  if (lint.unstyled.length > 0) {
    lines.push(`Note: questions without a style (counted as approach questions): ${lint.unstyled.join(', ')}`);
  }
  if (lint.unnamedRoles.length > 0) {
    lines.push(`Note: roles without a name (add them under roles: with bank import): ${lint.unnamedRoles.join(', ')}`);
  }
  lines.push(problems === 0 ? 'The bank passes.' : `${problems} problems to fix.`);
  return { passed: problems === 0, text: lines.join('\n') };
}

export async function bankCheck(db: Kysely<Database>, role: string): Promise<{ passed: boolean; text: string }> {
  const bank = await readBank(db);
  return formatBankLint(bank, lintBank(bank, role));
}
