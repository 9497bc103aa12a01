// A bootstrap interval for alpha, resampling units: each tally shape's weight is a Poisson draw with its unit
// count as mean (the Poisson bootstrap, which treats units as independent as the ordinary bootstrap does, and
// costs one draw per shape instead of one per unit).
import { type Alpha, alphaOfMatrix, coincidences, krippendorffAlpha, type Metric, type Tally } from './krippendorff.js';
import { poisson, quantileOfSorted, seeded } from './random.js';

export interface AlphaWithInterval extends Alpha {
  low: number | null;
  high: number | null;
}

export function alphaWithInterval(
  metric: Metric,
  values: readonly number[],
  tallies: readonly Tally[],
  options: { replicates?: number; seed?: number } = {},
): AlphaWithInterval {
  const point = krippendorffAlpha(metric, values, tallies);
  if (point.value === null) return { ...point, low: null, high: null };
  const pairable = tallies.filter((t) => t.counts.reduce((a, b) => a + b, 0) >= 2 && t.units > 0);
  const rand = seeded(options.seed ?? 1);
  const replicates = options.replicates ?? 250;
  const size = values.length;
  // Each shape's coincidences for one unit, computed once: a replicate is then a weighted sum of them.
  // Typed arrays: this loop runs replicates × shapes times for every figure of the report.
  const perUnit = pairable.map((t) => Float64Array.from(coincidences(size, [{ counts: t.counts, units: 1 }]).flat()));
  const units = pairable.map((t) => t.units);
  const draws: number[] = [];
  const flat = new Float64Array(size * size);
  const matrix = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (let r = 0; r < replicates; r++) {
    flat.fill(0);
    for (let t = 0; t < perUnit.length; t++) {
      const w = poisson(rand, units[t] as number);
      if (w === 0) continue;
      const unit = perUnit[t] as Float64Array;
      for (let i = 0; i < flat.length; i++) flat[i] = (flat[i] as number) + w * (unit[i] as number);
    }
    for (let c = 0; c < size; c++)
      for (let k = 0; k < size; k++) (matrix[c] as number[])[k] = flat[c * size + k] as number;
    const value = alphaOfMatrix(metric, values, matrix);
    if (value !== null) draws.push(value);
  }
  if (draws.length < replicates / 2) return { ...point, low: null, high: null };
  draws.sort((a, b) => a - b);
  return { ...point, low: quantileOfSorted(draws, 0.025), high: quantileOfSorted(draws, 0.975) };
}
