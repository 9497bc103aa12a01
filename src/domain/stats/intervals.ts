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

/**
 * The median with a ~95% interval between two order statistics, ranks n/2 − z·√n/2 and
 * 1 + n/2 + z·√n/2, rounded (the binomial's normal approximation; for small n the interval is the whole range).
 */
export function medianWithInterval(values: readonly number[], z = Z95): Estimate | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const half = (z * Math.sqrt(n)) / 2;
  const lo = Math.max(0, Math.round(n / 2 - half) - 1);
  const hi = Math.min(n - 1, Math.round(1 + n / 2 + half) - 1);
  return { value: quantileOfSorted(sorted, 0.5), low: sorted[lo] ?? 0, high: sorted[hi] ?? 0, n };
}
