import { type Bank, LEVELS, type Level, QUESTION_KINDS, type QuestionKind } from './types.js';

export interface CoverageCell {
  level: Level;
  kind: QuestionKind;
  questions: number;
  minutes: number;
}

/** Minutes of eligible (active, non-sensitive) questions per level and kind. */
export function bankCoverage(bank: Bank, role?: string): CoverageCell[] {
  const cells: CoverageCell[] = [];
  for (const level of LEVELS) {
    for (const kind of QUESTION_KINDS) {
      const eligible = bank.questions.filter(
        (q) =>
          q.active &&
          !q.sensitive &&
          q.kind === kind &&
          q.levels.includes(level) &&
          (q.roles.length === 0 || role === undefined || q.roles.includes(role)),
      );
      cells.push({ level, kind, questions: eligible.length, minutes: eligible.reduce((sum, q) => sum + q.minutes, 0) });
    }
  }
  return cells;
}
