// The spread of one panel's ratings of one competency, and its average over many panels.
import { Z95 } from './intervals.js';
import type { Tally } from './krippendorff.js';

/** Average deviation from the mean (Burke & Dunlap's AD_M): Σ|x − x̄| / n; null without ratings. */
export function averageDeviation(ratings: readonly (number | null)[]): { value: number | null; n: number } {
  const xs = ratings.filter((r): r is number => r !== null);
  if (xs.length === 0) return { value: null, n: 0 };
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { value: xs.reduce((total, x) => total + Math.abs(x - mean), 0) / xs.length, n: xs.length };
}

/**
 * The average deviation of a panel's ratings over many panels (units of two or more ratings), from their tallies:
 * the mean of each unit's AD_M with a normal ~95% interval. n is the number of panels (units).
 */
export function meanDeviationOfTallies(
  tallies: readonly Tally[],
  values: readonly number[] = [1, 2, 3, 4],
  z = Z95,
): { value: number; low: number; high: number; n: number } | null {
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  for (const t of tallies) {
    const ratings = t.counts.flatMap((count, i) => Array.from({ length: count }, () => values[i] ?? null));
    if (ratings.length < 2 || t.units <= 0) continue;
    const ad = averageDeviation(ratings).value ?? 0;
    n += t.units;
    sum += t.units * ad;
    sumSq += t.units * ad * ad;
  }
  if (n === 0) return null;
  const mean = sum / n;
  const sd = n > 1 ? Math.sqrt(Math.max(0, (sumSq - n * mean * mean) / (n - 1))) : 0;
  const half = (z * sd) / Math.sqrt(n);
  return { value: mean, low: Math.max(0, mean - half), high: mean + half, n };
}
