// Krippendorff's alpha for any number of raters with missing values (Krippendorff 2011, "Computing
// Krippendorff's Alpha-Reliability"). Units are summarised as tallies (how many raters gave each value), which
// is all alpha needs: the coincidence matrix is a sum over units, so identical tallies can be counted once.

export type Metric = 'nominal' | 'ordinal' | 'interval' | 'ratio';

/** One tally shape and how many units had it: counts[i] raters gave values[i]. */
export interface Tally {
  counts: readonly number[];
  units: number;
}

export interface Alpha {
  /** null when undefined: fewer than two pairable values, or every pairable value the same. */
  value: number | null;
  /** Pairable values (values in units rated by two or more raters). */
  n: number;
  /** Units rated by two or more raters. */
  units: number;
}

/** Tallies of raw units: each unit lists its ratings, null (missing) entries skipped. */
export function talliesOf(values: readonly number[], units: readonly (readonly (number | null)[])[]): Tally[] {
  const index = new Map(values.map((v, i) => [v, i]));
  const byShape = new Map<string, Tally>();
  for (const unit of units) {
    const counts = values.map(() => 0);
    for (const rating of unit) {
      if (rating === null) continue;
      const i = index.get(rating);
      if (i === undefined) throw new Error(`rating ${rating} is not one of ${values.join(', ')}`);
      counts[i] = (counts[i] ?? 0) + 1;
    }
    const key = counts.join(',');
    const seen = byShape.get(key);
    if (seen) seen.units += 1;
    else byShape.set(key, { counts, units: 1 });
  }
  return [...byShape.values()];
}

/** The coincidence matrix o[c][k] of pairable units, weighted per tally (units, or a bootstrap weight). */
export function coincidences(size: number, tallies: readonly Tally[], weights?: readonly number[]): number[][] {
  const o = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  tallies.forEach((tally, t) => {
    const m = tally.counts.reduce((a, b) => a + b, 0);
    const w = weights ? (weights[t] ?? 0) : tally.units;
    if (m < 2 || w === 0) return;
    for (let c = 0; c < size; c++) {
      const nc = tally.counts[c] ?? 0;
      if (nc === 0) continue;
      const row = o[c] as number[];
      for (let k = 0; k < size; k++) {
        const nk = tally.counts[k] ?? 0;
        const pairs = c === k ? nc * (nc - 1) : nc * nk;
        if (pairs > 0) row[k] = (row[k] ?? 0) + (w * pairs) / (m - 1);
      }
    }
  });
  return o;
}

/** The squared difference function δ² of the metric, given the values and their marginal frequencies. */
function delta(
  metric: Metric,
  values: readonly number[],
  marginals: readonly number[],
): (c: number, k: number) => number {
  switch (metric) {
    case 'nominal':
      return (c, k) => (c === k ? 0 : 1);
    case 'ordinal':
      return (c, k) => {
        const [lo, hi] = c < k ? [c, k] : [k, c];
        let between = 0;
        for (let g = lo; g <= hi; g++) between += marginals[g] ?? 0;
        const d = between - ((marginals[c] ?? 0) + (marginals[k] ?? 0)) / 2;
        return d * d;
      };
    case 'interval':
      return (c, k) => ((values[c] ?? 0) - (values[k] ?? 0)) ** 2;
    case 'ratio':
      return (c, k) => {
        const sum = (values[c] ?? 0) + (values[k] ?? 0);
        return sum === 0 ? 0 : (((values[c] ?? 0) - (values[k] ?? 0)) / sum) ** 2;
      };
    default: {
      const never: never = metric;
      throw new Error(`unknown metric ${String(never)}`);
    }
  }
}

/** Alpha from a coincidence matrix: 1 − (n − 1) Σ o·δ² / Σ n_c·n_k·δ². Values must be sorted ascending. */
export function alphaOfMatrix(
  metric: Metric,
  values: readonly number[],
  o: readonly (readonly number[])[],
): number | null {
  const marginals = o.map((row) => row.reduce((a, b) => a + b, 0));
  const n = marginals.reduce((a, b) => a + b, 0);
  if (n < 2) return null;
  const d = delta(metric, values, marginals);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < values.length; c++) {
    for (let k = 0; k < values.length; k++) {
      if (c === k) continue;
      const dd = d(c, k);
      observed += (o[c]?.[k] ?? 0) * dd;
      expected += (marginals[c] ?? 0) * (marginals[k] ?? 0) * dd;
    }
  }
  if (expected === 0) return null;
  return 1 - ((n - 1) * observed) / expected;
}

/** Alpha of tallied units over the given values (sorted ascending; ratings 1 to 4 for scorecards). */
export function krippendorffAlpha(metric: Metric, values: readonly number[], tallies: readonly Tally[]): Alpha {
  let n = 0;
  let units = 0;
  for (const t of tallies) {
    const m = t.counts.reduce((a, b) => a + b, 0);
    if (m < 2) continue;
    n += m * t.units;
    units += t.units;
  }
  return { value: alphaOfMatrix(metric, values, coincidences(values.length, tallies)), n, units };
}
