// The spread of one panel's ratings of one competency.

/** Average deviation from the mean (Burke & Dunlap's AD_M): Σ|x − x̄| / n; null without ratings. */
export function averageDeviation(ratings: readonly (number | null)[]): { value: number | null; n: number } {
  const xs = ratings.filter((r): r is number => r !== null);
  if (xs.length === 0) return { value: null, n: 0 };
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { value: xs.reduce((total, x) => total + Math.abs(x - mean), 0) / xs.length, n: xs.length };
}
