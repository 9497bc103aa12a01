// Rater leniency: how far a rater's ratings sit from the rest of the same panel on the same candidate and
// competency. A rating r in a unit of m ratings summing to S is offset by r − (S − r)/(m − 1) from the others'
// mean. A rater's mean offset is shrunk toward 0 as if `prior` more ratings with offset 0 had been seen (a
// normal prior whose variance is σ²/prior), and the interval is the posterior's: shrunk ± z·σ/√(n + prior).
import { Z95 } from './intervals.js';

/** One rating of a unit shared with other raters. */
export interface SharedRating {
  raterId: string;
  rating: number;
}

/** Sums of one rater's offsets: what the database can add up without returning every rating. */
export interface OffsetSums {
  raterId: string;
  n: number;
  sum: number;
  sumSq: number;
}

export interface Leniency {
  raterId: string;
  /** Shared ratings: ratings of units that another panelist also rated. */
  n: number;
  /** The plain mean offset. */
  raw: number;
  /** The mean offset shrunk toward 0. */
  value: number;
  low: number;
  high: number;
}

export const DEFAULT_PRIOR = 10;

/** Offset sums per rater from raw units (each unit: the ratings of one competency in one interview). */
export function offsetSums(units: readonly (readonly SharedRating[])[]): OffsetSums[] {
  const byRater = new Map<string, OffsetSums>();
  for (const unit of units) {
    const m = unit.length;
    if (m < 2) continue;
    const total = unit.reduce((a, r) => a + r.rating, 0);
    for (const { raterId, rating } of unit) {
      const offset = rating - (total - rating) / (m - 1);
      const sums = byRater.get(raterId) ?? { raterId, n: 0, sum: 0, sumSq: 0 };
      sums.n += 1;
      sums.sum += offset;
      sums.sumSq += offset * offset;
      byRater.set(raterId, sums);
    }
  }
  return [...byRater.values()].sort((a, b) => (a.raterId < b.raterId ? -1 : a.raterId > b.raterId ? 1 : 0));
}

/** The spread σ of single offsets, pooled over every rater (each rater's own mean removed). */
export function pooledSigma(sums: readonly OffsetSums[]): number | null {
  let ss = 0;
  let df = 0;
  for (const s of sums) {
    if (s.n < 2) continue;
    ss += s.sumSq - (s.sum * s.sum) / s.n;
    df += s.n - 1;
  }
  return df > 0 ? Math.sqrt(Math.max(0, ss / df)) : null;
}

export function leniencyOf(
  sums: readonly OffsetSums[],
  options: { prior?: number; sigma?: number | null } = {},
): Leniency[] {
  const prior = options.prior ?? DEFAULT_PRIOR;
  const sigma = options.sigma ?? pooledSigma(sums) ?? 1;
  return sums
    .filter((s) => s.n > 0)
    .map((s) => {
      const raw = s.sum / s.n;
      const value = s.sum / (s.n + prior);
      const half = (Z95 * sigma) / Math.sqrt(s.n + prior);
      return { raterId: s.raterId, n: s.n, raw, value, low: value - half, high: value + half };
    });
}
