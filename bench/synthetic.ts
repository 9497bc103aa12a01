// Deterministic synthetic data shared by the planner and database benchmarks.
import { loadBankDir } from '../src/bank/load.js';
import { DEFAULT_ROLE } from '../src/domain/roles.js';
import { type Bank, type Competency, LEVELS, type Level, type Question } from '../src/domain/types.js';

/** mulberry32: a small seeded PRNG so every run benchmarks the same data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rand: () => number, list: readonly T[]): T => {
  const value = list[Math.floor(rand() * list.length)];
  if (value === undefined) throw new Error('pick from an empty list');
  return value;
};

/** The competencies of the real bank (db/questions). */
export function realCompetencies(): Competency[] {
  return loadBankDir().competencies;
}

const MINUTES = [5, 5, 10, 10, 10, 15];

/** `count` questions spread over the real competencies and their kinds, shaped like the seed files. */
export function syntheticBank(count: number, competencies: Competency[] = realCompetencies(), seed = 1): Bank {
  const rand = prng(seed);
  const questions: Question[] = [];
  for (let i = 0; i < count; i++) {
    const main = competencies[i % competencies.length];
    if (!main) throw new Error('no competencies');
    const kind = pick(rand, main.kinds);
    const peers = competencies.filter((c) => c.id !== main.id && c.kinds.includes(kind));
    const extra = peers.length > 0 && rand() < 0.4 ? [pick(rand, peers).id] : [];
    const levels = LEVELS.filter(() => rand() < 0.6);
    const roll = rand();
    questions.push({
      id: `syn-${String(i).padStart(5, '0')}`,
      text: `Synthetic question ${i} about ${main.name}: walk me through a time you dealt with it.`,
      roles: roll < 0.7 ? [] : roll < 0.9 ? [DEFAULT_ROLE] : ['frontend-developer'],
      kind,
      competencies: [main.id, ...extra],
      levels: levels.length > 0 ? levels : [pick(rand, LEVELS) as Level],
      minutes: pick(rand, MINUTES),
      guidance: 'Listen for specifics, trade-offs and what they would do differently.',
      strongAnswer: null,
      redFlags: ['Blames others'],
      followUps: ['What would you change?'],
      source: 'synthetic',
      sensitive: rand() < 0.02,
      active: rand() > 0.03,
      style: null,
    });
  }
  return { competencies, questions, tips: [], roles: [] };
}
