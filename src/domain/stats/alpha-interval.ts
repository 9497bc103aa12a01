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
  const replicates = options.replicates ?? 400;
  const draws: number[] = [];
  for (let r = 0; r < replicates; r++) {
    const weights = pairable.map((t) => poisson(rand, t.units));
    const value = alphaOfMatrix(metric, values, coincidences(values.length, pairable, weights));
    if (value !== null) draws.push(value);
  }
  if (draws.length < replicates / 2) return { ...point, low: null, high: null };
  draws.sort((a, b) => a - b);
  return { ...point, low: quantileOfSorted(draws, 0.025), high: quantileOfSorted(draws, 0.975) };
}
