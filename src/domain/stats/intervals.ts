// Intervals for the simple figures: a share (Wilson) and a median (distribution-free, from order statistics).
import { quantileOfSorted } from './random.js';

export const Z95 = 1.959964;

export interface Estimate {
  value: number;
  low: number;
  high: number;
  n: number;
}

/** Wilson's score interval for successes out of n (null when n is 0). */
export function wilson(successes: number, n: number, z = Z95): Estimate | null {
  if (n <= 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { value: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half), n };
}

/** Ranks (0-based) of the order statistics that bound a ~95% interval of the median of n values. */
function medianRanks(n: number, z: number): [number, number] {
  const half = (z * Math.sqrt(n)) / 2;
  return [Math.max(0, Math.round(n / 2 - half) - 1), Math.min(n - 1, Math.round(1 + n / 2 + half) - 1)];
}

/**
 * The median with a ~95% interval between two order statistics, ranks n/2 − z·√n/2 and
 * 1 + n/2 + z·√n/2, rounded (the binomial's normal approximation; for small n the interval is the whole range).
 */
export function medianWithInterval(values: readonly number[], z = Z95): Estimate | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const [lo, hi] = medianRanks(n, z);
  return { value: quantileOfSorted(sorted, 0.5), low: sorted[lo] ?? 0, high: sorted[hi] ?? 0, n };
}

/**
 * The same from counted values (a histogram: `count` values equal to `value`), without listing them one by one:
 * what a ledger of sums can keep. Equals medianWithInterval of the values the counts stand for.
 */
export function medianOfCounts(bins: readonly { value: number; count: number }[], z = Z95): Estimate | null {
  const sorted = bins.filter((b) => b.count > 0).sort((a, b) => a.value - b.value);
  const n = sorted.reduce((total, b) => total + b.count, 0);
  if (n === 0) return null;
  const at = (rank: number): number => {
    let seen = 0;
    for (const b of sorted) {
      seen += b.count;
      if (rank < seen) return b.value;
    }
    return sorted.at(-1)?.value ?? 0;
  };
  const [lo, hi] = medianRanks(n, z);
  const pos = (n - 1) / 2;
  const value = (at(Math.floor(pos)) + at(Math.ceil(pos))) / 2;
  return { value, low: at(lo), high: at(hi), n };
}
