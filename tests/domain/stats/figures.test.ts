import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aucOf, hanleyMcNeilSe, type ScoreCount } from '../../../src/domain/stats/auc.js';
import { averageDeviation, meanDeviationOfTallies } from '../../../src/domain/stats/deviation.js';
import { medianOfCounts, medianWithInterval, wilson } from '../../../src/domain/stats/intervals.js';
import { leniencyOf, offsetSums, pooledSigma, type SharedRating } from '../../../src/domain/stats/leniency.js';

describe('average deviation of one panel', () => {
  it.each([
    { ratings: [1, 2, 3, 4], value: 1, n: 4 }, // mean 2.5: (1.5 + .5 + .5 + 1.5) / 4
    { ratings: [2, 2, 4], value: 8 / 9, n: 3 }, // mean 8/3: (2/3 + 2/3 + 4/3) / 3
    { ratings: [3, null, 3], value: 0, n: 2 }, // "not observed" is no rating
    { ratings: [null], value: null, n: 0 },
  ])('$ratings → $value from $n ratings', ({ ratings, value, n }) => {
    const result = averageDeviation(ratings);
    expect(result.n).toBe(n);
    if (value === null) expect(result.value).toBeNull();
    else expect(result.value).toBeCloseTo(value, 12);
  });
});

describe('average deviation over many panels, from their tallies', () => {
  it('is the mean of each panel’s AD, weighted by how many panels had that tally; single ratings are no panel', () => {
    // Tallies of ratings 1..4: [0,2,0,0] two 2s → AD 0 (3 panels); [1,0,0,1] a 1 and a 4 → AD 1.5 (1 panel);
    // [0,0,1,0] one rating alone → not a panel. Mean (3·0 + 1.5) / 4 = 0.375; sd of [0,0,0,1.5] = 0.75.
    const spread = meanDeviationOfTallies([
      { counts: [0, 2, 0, 0], units: 3 },
      { counts: [1, 0, 0, 1], units: 1 },
      { counts: [0, 0, 1, 0], units: 5 },
    ]);
    expect(spread?.n).toBe(4);
    expect(spread?.value).toBeCloseTo(0.375, 12);
    expect(spread?.high).toBeCloseTo(0.375 + (1.959964 * 0.75) / 2, 6);
    expect(spread?.low).toBe(0); // never below 0
    expect(meanDeviationOfTallies([{ counts: [0, 1, 0, 0], units: 9 }])).toBeNull();
  });

  it('equals the average of averageDeviation over the panels the tallies stand for', () => {
    const tally = fc.record({
      counts: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }),
      units: fc.integer({ min: 1, max: 5 }),
    });
    fc.assert(
      fc.property(fc.array(tally, { minLength: 1, maxLength: 8 }), (tallies) => {
        const panels = tallies.flatMap((t) => {
          const ratings = t.counts.flatMap((c, i) => Array.from({ length: c }, () => i + 1));
          return ratings.length >= 2 ? Array.from({ length: t.units }, () => averageDeviation(ratings).value ?? 0) : [];
        });
        const spread = meanDeviationOfTallies(tallies);
        if (panels.length === 0) return spread === null;
        const mean = panels.reduce((a, b) => a + b, 0) / panels.length;
        return spread !== null && spread.n === panels.length && Math.abs(spread.value - mean) < 1e-9;
      }),
    );
  });
});

describe('rater leniency', () => {
  // Unit 1: A 4, B 2 → A +2, B −2. Unit 2: A, B, C all 3 → 0 each. A: n 2, mean offset 1, shrunk 2/(2+10).
  // Pooled σ: A and B each contribute (4 − 2²/2) = 2 on one degree of freedom → σ = √2.
  const units: SharedRating[][] = [
    [
      { raterId: 'A', rating: 4 },
      { raterId: 'B', rating: 2 },
    ],
    [
      { raterId: 'A', rating: 3 },
      { raterId: 'B', rating: 3 },
      { raterId: 'C', rating: 3 },
    ],
    [{ raterId: 'C', rating: 1 }], // nobody else rated this: no shared rating
  ];
  it('is the mean offset from the rest of the panel, shrunk toward 0 for few ratings, with an interval', () => {
    const sums = offsetSums(units);
    expect(sums).toEqual([
      { raterId: 'A', n: 2, sum: 2, sumSq: 4 },
      { raterId: 'B', n: 2, sum: -2, sumSq: 4 },
      { raterId: 'C', n: 1, sum: 0, sumSq: 0 },
    ]);
    expect(pooledSigma(sums)).toBeCloseTo(Math.SQRT2, 12);
    const [a, b] = leniencyOf(sums);
    expect(a?.raw).toBe(1);
    expect(a?.value).toBeCloseTo(2 / 12, 12);
    expect(b?.value).toBeCloseTo(-2 / 12, 12);
    const half = (1.959964 * Math.SQRT2) / Math.sqrt(12);
    expect(a?.low).toBeCloseTo(2 / 12 - half, 6);
    expect(a?.high).toBeCloseTo(2 / 12 + half, 6);
  });

  it('takes the raw mean as the ratings grow: 1,000 ratings a point above move it to about 0.99', () => {
    const [one] = leniencyOf([{ raterId: 'A', n: 1000, sum: 1000, sumSq: 1000 }], { sigma: 0.8 });
    expect(one?.value).toBeCloseTo(1000 / 1010, 12);
    expect((one?.high ?? 0) - (one?.low ?? 0)).toBeLessThan(0.1);
  });

  const panel = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 5 });
  const history = fc.array(panel, { minLength: 1, maxLength: 30 });
  const toUnits = (h: number[][], raterOf: (i: number, j: number) => string) =>
    h.map((ratings, i) => ratings.map((rating, j) => ({ raterId: raterOf(i, j), rating })));

  it('does not depend on the order of raters in a panel; offsets of a panel add up to 0', () => {
    fc.assert(
      fc.property(history, (h) => {
        const raterOf = (i: number, j: number) => `R${(i * 3 + j) % 7}`;
        const units = toUnits(h, raterOf);
        const reversed = units.map((u) => [...u].reverse()).reverse();
        const a = offsetSums(units);
        const b = offsetSums(reversed);
        expect(b.map((s) => s.raterId)).toEqual(a.map((s) => s.raterId));
        b.forEach((s, i) => {
          expect(s.n).toBe(a[i]?.n);
          expect(s.sum).toBeCloseTo(a[i]?.sum ?? 0, 9);
        });
        expect(a.reduce((total, s) => total + s.sum, 0)).toBeCloseTo(0, 9);
      }),
    );
  });

  it('shrinks: the estimate lies between 0 and the raw mean, and its interval holds it', () => {
    fc.assert(
      fc.property(history, (h) => {
        for (const l of leniencyOf(offsetSums(toUnits(h, (i, j) => `R${(i + j) % 4}`)))) {
          expect(Math.abs(l.value)).toBeLessThanOrEqual(Math.abs(l.raw) + 1e-12);
          expect(l.value * l.raw).toBeGreaterThanOrEqual(0);
          expect(l.low).toBeLessThanOrEqual(l.value);
          expect(l.high).toBeGreaterThanOrEqual(l.value);
        }
      }),
    );
  });
});

describe('AUC of hire against no-hire', () => {
  it('hand-computed: hires scored 3 and 4, no-hires 1 and 3 → 3.5 of 4 pairs, DeLong SE √0.03125', () => {
    const auc = aucOf([
      { score: 1, positives: 0, negatives: 1 },
      { score: 3, positives: 1, negatives: 1 },
      { score: 4, positives: 1, negatives: 0 },
    ]);
    expect(auc?.value).toBeCloseTo(0.875, 12);
    expect(auc?.low).toBeCloseTo(0.875 - 1.959964 * Math.sqrt(0.03125), 6);
    expect(auc?.high).toBe(1);
  });

  // Hanley, J. A. & McNeil, B. J. (1982). The meaning and use of the area under a receiver operating
  // characteristic (ROC) curve. Radiology 143:29-36, table 1: 109 CT images rated on a 5-point scale,
  // 58 normal (33, 6, 6, 11, 2) and 51 abnormal (3, 2, 2, 11, 33); area 0.893, standard error 0.032.
  it('Hanley & McNeil (1982), table 1: area 0.893, SE 0.032', () => {
    const normal = [33, 6, 6, 11, 2];
    const abnormal = [3, 2, 2, 11, 33];
    const counts = normal.map((q, i) => ({ score: i + 1, positives: abnormal[i] ?? 0, negatives: q }));
    const auc = aucOf(counts);
    expect(auc?.value).toBeCloseTo(0.893, 3);
    expect(hanleyMcNeilSe(auc?.value ?? 0, 51, 58)).toBeCloseTo(0.032, 3);
    // DeLong's variance, which handles the ties of a rating scale, comes out close to theirs.
    const half = ((auc?.value ?? 0) - (auc?.low ?? 0)) / 1.959964;
    expect(half).toBeGreaterThan(0.025);
    expect(half).toBeLessThan(0.04);
  });

  it('needs two of each outcome', () => {
    expect(aucOf([{ score: 3, positives: 5, negatives: 1 }])).toBeNull();
  });

  const counts = fc.array(
    fc.record({
      score: fc.integer({ min: 1, max: 8 }).map((s) => s / 2),
      positives: fc.nat(4),
      negatives: fc.nat(4),
    }),
    { minLength: 1, maxLength: 12 },
  );
  it('equals the share of (hire, no-hire) pairs ordered right, ties half; swapping outcomes gives 1 − AUC', () => {
    fc.assert(
      fc.property(counts, (cs: ScoreCount[]) => {
        const auc = aucOf(cs);
        const p = cs.flatMap((c) => Array<number>(c.positives).fill(c.score));
        const q = cs.flatMap((c) => Array<number>(c.negatives).fill(c.score));
        if (p.length < 2 || q.length < 2) {
          expect(auc).toBeNull();
          return;
        }
        let wins = 0;
        for (const x of p) for (const y of q) wins += x > y ? 1 : x === y ? 0.5 : 0;
        expect(auc?.value).toBeCloseTo(wins / (p.length * q.length), 12);
        const swapped = aucOf(cs.map((c) => ({ score: c.score, positives: c.negatives, negatives: c.positives })));
        expect(swapped?.value).toBeCloseTo(1 - wins / (p.length * q.length), 12);
        expect(auc?.low).toBeLessThanOrEqual(auc?.value ?? 0);
      }),
    );
  });
});

describe('intervals of shares and medians', () => {
  it('Wilson: 8 of 10 → 0.49 to 0.94 (hand-computed from the formula)', () => {
    const w = wilson(8, 10);
    expect(w?.value).toBe(0.8);
    expect(w?.low).toBeCloseTo(0.4902, 3);
    expect(w?.high).toBeCloseTo(0.9433, 3);
    expect(wilson(0, 0)).toBeNull();
  });

  it('median of 1..9 is 5, between order statistics 2 and 8', () => {
    const m = medianWithInterval([9, 1, 8, 2, 7, 3, 6, 4, 5]);
    expect(m).toEqual({ value: 5, low: 2, high: 8, n: 9 });
  });
});

describe('the median of counted values (hours to submit, as the ledger keeps them)', () => {
  it('equals medianWithInterval over the values the counts stand for', () => {
    const bin = fc.record({ value: fc.integer({ min: 0, max: 80 }), count: fc.integer({ min: 0, max: 6 }) });
    fc.assert(
      fc.property(fc.array(bin, { maxLength: 12 }), (bins) => {
        const values = bins.flatMap((b) => Array.from({ length: b.count }, () => b.value));
        expect(medianOfCounts(bins)).toEqual(medianWithInterval(values));
      }),
    );
  });

  it.each([
    { bins: [{ value: 5, count: 3 }], value: 5, n: 3 },
    // 1, 1, 2, 9: the middle two are 1 and 2.
    {
      bins: [
        { value: 9, count: 1 },
        { value: 1, count: 2 },
        { value: 2, count: 1 },
      ],
      value: 1.5,
      n: 4,
    },
  ])('$bins → $value from $n', ({ bins, value, n }) => {
    expect(medianOfCounts(bins)).toMatchObject({ value, n });
  });
});
