import type { Level, Question } from './types.js';

const LEVEL_WORDS: Record<Level, RegExp> = {
  junior: /\bjuniors?\b/i,
  mid: /\bmid(-level)?\b/i,
  senior: /\bseniors?\b/i,
  lead: /\bleads?\b|\bstaff\b/i,
};

const CUE = /^(expect|listen for|look for|a good|good|strong|the candidate should|they should)/i;

function sentences(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?])\s+(?=[A-Z'"(])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[,;:]$/, '')}…`;
}

/**
 * One line of what to listen for, from the question's guidance: the sentence written for the kit's level if there
 * is one, else the first that says what to expect, else the first sentence.
 */
export function listenFor(question: Pick<Question, 'guidance'>, level: Level, max = 180): string {
  const all = sentences(question.guidance);
  const pick = all.find((s) => LEVEL_WORDS[level].test(s)) ?? all.find((s) => CUE.test(s)) ?? all[0] ?? '';
  return shorten(pick, max);
}
