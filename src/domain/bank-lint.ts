import type { Bank, Level, Question, QuestionKind } from './types.js';
import { LEVELS } from './types.js';

/** Fewer eligible questions than this in a level × competency cell and two rounds plus a swap run dry. */
export const MIN_PER_CELL = 4;
/** Word-set overlap (Jaccard) from which two question texts count as near-duplicates. */
export const NEAR_DUPLICATE = 0.75;

export interface ThinCell {
  kind: QuestionKind;
  level: Level;
  competency: string;
  questions: number;
}

export interface NearDuplicate {
  a: string;
  b: string;
  similarity: number;
}

export interface BankLint {
  role: string;
  questions: number;
  withStrongAnswer: number;
  missingStrongAnswer: string[];
  duplicates: NearDuplicate[];
  thinCells: ThinCell[];
  /**
   * Technical recall (trivia, definitions) or preference ("best language") questions offered to senior or lead
   * candidates. Preference questions about motivation (what energises you) suit every level and are not counted.
   */
  seniorTrivia: string[];
  /** Questions nobody has marked with a style yet (advice, not a failure: custom ones start that way). */
  unstyled: string[];
  /** Role slugs questions use that the bank gives no name (advice, not a failure). */
  unnamedRoles: string[];
}

const STOP = new Set(
  'a an and are as at be by can could do does did for from have has how i if in is it its me of on or our so that the their them then there these this to us was we what when where which who why will with would you your yourself'.split(
    ' ',
  ),
);

/** The content words of a question's text, lightly stemmed, so rewordings of one question compare equal. */
export function contentWords(text: string): Set<string> {
  const words = text
    .toLowerCase()
    .replace(/[’']s\b/g, '')
    .replace(/[’']/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !STOP.has(w))
    .map((w) => w.replace(/(ing|ed|es|s)$/, ''));
  return new Set(words);
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared += 1;
  return shared / (a.size + b.size - shared);
}

function eligible(q: Question, role: string): boolean {
  return q.active && !q.sensitive && (q.roles.length === 0 || q.roles.includes(role));
}

/** What a careful editor of the bank wants to know before shipping it (pure; `bank check` prints it). */
export function lintBank(bank: Bank, role: string): BankLint {
  const active = bank.questions.filter((q) => q.active);
  const missingStrongAnswer = active.filter((q) => !q.strongAnswer?.trim()).map((q) => q.id);

  const words = active.map((q) => ({ id: q.id, words: contentWords(q.text) }));
  const duplicates: NearDuplicate[] = [];
  for (let i = 0; i < words.length; i++) {
    for (let j = i + 1; j < words.length; j++) {
      const a = words[i];
      const b = words[j];
      if (!a || !b) continue;
      const similarity = jaccard(a.words, b.words);
      if (similarity >= NEAR_DUPLICATE)
        duplicates.push({ a: a.id, b: b.id, similarity: Math.round(similarity * 100) / 100 });
    }
  }

  const thinCells: ThinCell[] = [];
  for (const c of bank.competencies) {
    for (const kind of c.kinds) {
      for (const level of LEVELS) {
        const count = active.filter(
          (q) => eligible(q, role) && q.kind === kind && q.levels.includes(level) && q.competencies.includes(c.id),
        ).length;
        if (count < MIN_PER_CELL) thinCells.push({ kind, level, competency: c.id, questions: count });
      }
    }
  }

  const seniorTrivia = active
    .filter(
      (q) =>
        q.kind === 'technical' &&
        (q.style === 'recall' || q.style === 'preference') &&
        q.levels.some((l) => l === 'senior' || l === 'lead'),
    )
    .map((q) => q.id);

  const named = new Set(bank.roles.map((r) => r.id));
  const unnamedRoles = [...new Set(active.flatMap((q) => q.roles))].filter((r) => !named.has(r)).sort();
  const unstyled = active.filter((q) => q.style === null || q.style === undefined).map((q) => q.id);

  return {
    role,
    questions: active.length,
    withStrongAnswer: active.length - missingStrongAnswer.length,
    missingStrongAnswer,
    duplicates,
    thinCells,
    seniorTrivia,
    unstyled,
    unnamedRoles,
  };
}
