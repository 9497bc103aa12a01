// How well a score separates two groups: the area under the ROC curve (the chance that a random member of the
// positive group scores above a random member of the negative one, ties counting half), with DeLong's variance
// (DeLong, DeLong & Clarke-Pearson 1988), computed from midranks as in Sun & Xu (2014) so that it costs a sort.
import { Z95 } from './intervals.js';

export interface Auc {
  value: number;
  low: number;
  high: number;
  positives: number;
  negatives: number;
}

/** Scores with how many times each occurred in each group (grouped data, as the database returns it). */
export interface ScoreCount {
  score: number;
  positives: number;
  negatives: number;
}

/** AUC with a DeLong 95% interval; null unless each group has at least two members. */
export function aucOf(counts: readonly ScoreCount[]): Auc | null {
  const byScore = new Map<number, { p: number; q: number }>();
  for (const c of counts) {
    const seen = byScore.get(c.score) ?? { p: 0, q: 0 };
    seen.p += c.positives;
    seen.q += c.negatives;
    byScore.set(c.score, seen);
  }
  const scores = [...byScore.entries()].sort(([a], [b]) => a - b);
  const m = scores.reduce((total, [, g]) => total + g.p, 0);
  const n = scores.reduce((total, [, g]) => total + g.q, 0);
  if (m < 2 || n < 2) return null;
  // For each score: the share of negatives below it (ties half) is each positive's placement V10, and the share
  // of positives above it (ties half) is each negative's placement V01.
  let negativesBelow = 0;
  let positivesBelow = 0;
  let sum10 = 0;
  let sumSq10 = 0;
  let sumSq01 = 0;
  for (const [, g] of scores) {
    const v10 = (negativesBelow + g.q / 2) / n;
    const v01 = (m - positivesBelow - g.p + g.p / 2) / m;
    sum10 += g.p * v10;
    sumSq10 += g.p * v10 * v10;
    sumSq01 += g.q * v01 * v01;
    negativesBelow += g.q;
    positivesBelow += g.p;
  }
  const auc = sum10 / m;
  const s10 = (sumSq10 - m * auc * auc) / (m - 1);
  const s01 = (sumSq01 - n * auc * auc) / (n - 1);
  const se = Math.sqrt(Math.max(0, s10 / m + s01 / n));
  return {
    value: auc,
    low: Math.max(0, auc - Z95 * se),
    high: Math.min(1, auc + Z95 * se),
    positives: m,
    negatives: n,
  };
}

/** Hanley & McNeil's (1982) standard error of an AUC, for comparison: it assumes no ties. */
export function hanleyMcNeilSe(auc: number, positives: number, negatives: number): number {
  const q1 = auc / (2 - auc);
  const q2 = (2 * auc * auc) / (1 + auc);
  return Math.sqrt(
    (auc * (1 - auc) + (positives - 1) * (q1 - auc * auc) + (negatives - 1) * (q2 - auc * auc)) /
      (positives * negatives),
  );
}
