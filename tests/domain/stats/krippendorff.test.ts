import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alphaWithInterval } from '../../../src/domain/stats/alpha-interval.js';
import { krippendorffAlpha, type Metric, talliesOf } from '../../../src/domain/stats/krippendorff.js';

const alpha = (metric: Metric, values: number[], units: (number | null)[][]) =>
  krippendorffAlpha(metric, values, talliesOf(values, units));

// Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for Communication,
// University of Pennsylvania, http://repository.upenn.edu/asc_papers/43. Section C: four observers, twelve units,
// missing values, values 1 to 5 (also the "C" data of the R packages irr::kripp.alpha and DescTools::KrippAlpha).
// Rows of the paper's table are observers; here each inner list is one unit (a column), null where missing.
const EXAMPLE_C: (number | null)[][] = [
  [1, 1, null, 1],
  [2, 2, 3, 2],
  [3, 3, 3, 3],
  [3, 3, 3, 3],
  [2, 2, 2, 2],
  [1, 2, 3, 4],
  [4, 4, 4, 4],
  [1, 1, 2, 1],
  [2, 2, 2, 2],
  [null, 5, 5, 5],
  [null, null, 1, 1],
  [null, null, 3, null],
];

// Section A of the same paper: two observers, ten units, binary (nominal) data.
const EXAMPLE_A: (number | null)[][] = [
  [0, 1],
  [1, 1],
  [0, 1],
  [0, 0],
  [0, 0],
  [0, 1],
  [0, 0],
  [0, 0],
  [1, 0],
  [0, 0],
];

describe("Krippendorff's alpha against published worked examples", () => {
  it.each([
    { metric: 'nominal', expected: 0.743 },
    { metric: 'ordinal', expected: 0.815 },
    { metric: 'interval', expected: 0.849 },
    { metric: 'ratio', expected: 0.797 },
  ] as const)('Krippendorff (2011) section C, $metric: alpha = $expected', ({ metric, expected }) => {
    const result = alpha(metric, [1, 2, 3, 4, 5], EXAMPLE_C);
    expect(result.value).toBeCloseTo(expected, 3);
    // The paper's n: 40 pairable values; unit 12 has a single value and is not pairable.
    expect(result.n).toBe(40);
    expect(result.units).toBe(11);
  });

  it('Krippendorff (2011) section A, two observers, binary data: alpha = 0.095', () => {
    const result = alpha('nominal', [0, 1], EXAMPLE_A);
    expect(result.value).toBeCloseTo(0.095, 3);
    expect(result.n).toBe(20);
  });
});

describe("Krippendorff's alpha, hand-computed cases on the 1-4 scale", () => {
  // Units (1,1), (2,3), (4,4): marginals n1=2, n2=1, n3=1, n4=2, n=6; the only disagreement is the 2-3 pair
  // (o23 = o32 = 1). Ordinal δ²: 12→2.25, 13→6.25, 14→16, 23→1, 24→6.25, 34→2.25, so D_o ∝ 2 and
  // Σ n_c·n_k·δ² = 198: alpha = 1 − 5·2/198 = 94/99. Interval: 1 − 5·2/114; nominal: 1 − 5·2/26.
  const units = [
    [1, 1],
    [2, 3],
    [4, 4],
    [3, null], // a single rating (the other panelist chose "not observed"): not pairable, changes nothing
  ];
  it.each([
    { metric: 'ordinal', expected: 94 / 99 },
    { metric: 'interval', expected: 1 - 10 / 114 },
    { metric: 'nominal', expected: 1 - 10 / 26 },
  ] as const)('$metric', ({ metric, expected }) => {
    const result = alpha(metric, [1, 2, 3, 4], units);
    expect(result.value).toBeCloseTo(expected, 10);
    expect(result.n).toBe(6);
    expect(result.units).toBe(3);
  });

  it('is undefined (null) when no unit has two ratings, or when every rating is the same', () => {
    expect(alpha('ordinal', [1, 2, 3, 4], [[3], [2, null]]).value).toBeNull();
    expect(
      alpha(
        'ordinal',
        [1, 2, 3, 4],
        [
          [3, 3],
          [3, 3, 3],
        ],
      ).value,
    ).toBeNull();
  });

  it('is below 0 when raters disagree more than chance would have them', () => {
    expect(
      alpha(
        'ordinal',
        [1, 2, 3, 4],
        [
          [1, 4],
          [4, 1],
          [1, 4],
        ],
      ).value,
    ).toBeLessThan(0);
  });
});

const rating = fc.integer({ min: 1, max: 4 });
const unit = fc.array(fc.option(rating, { nil: null, freq: 5 }), { minLength: 1, maxLength: 6 });
const metric = fc.constantFrom<Metric>('nominal', 'ordinal', 'interval');

describe("Krippendorff's alpha, properties", () => {
  it('does not depend on the order of raters within a unit, or of the units', () => {
    fc.assert(
      fc.property(fc.array(unit, { minLength: 1, maxLength: 30 }), metric, fc.integer(), (units, m, seed) => {
        const shuffle = <T>(xs: T[], s: number): T[] =>
          xs
            .map((x, i) => ({ x, k: Math.sin(s + i * 7.13) }))
            .sort((a, b) => a.k - b.k)
            .map((e) => e.x);
        const permuted = shuffle(
          units.map((u, i) => shuffle(u, seed + i)),
          seed,
        );
        const a = alpha(m, [1, 2, 3, 4], units).value;
        const b = alpha(m, [1, 2, 3, 4], permuted).value;
        if (a === null) expect(b).toBeNull();
        else expect(b).toBeCloseTo(a, 9);
      }),
    );
  });

  it('is 1 when every unit is rated the same by all its raters (and ratings vary across units)', () => {
    const agreed = fc.tuple(rating, fc.integer({ min: 2, max: 5 })).map(([r, m]) => Array<number>(m).fill(r));
    fc.assert(
      fc.property(fc.array(agreed, { minLength: 2, maxLength: 20 }), metric, (units, m) => {
        fc.pre(new Set(units.map((u) => u[0])).size > 1);
        expect(alpha(m, [1, 2, 3, 4], units).value).toBeCloseTo(1, 12);
      }),
    );
  });

  it('is at most 1, and its bootstrap interval holds the estimate', () => {
    fc.assert(
      fc.property(fc.array(unit, { minLength: 3, maxLength: 25 }), (units) => {
        const tallies = talliesOf([1, 2, 3, 4], units);
        const result = alphaWithInterval('ordinal', [1, 2, 3, 4], tallies, { replicates: 100 });
        if (result.value === null) return;
        expect(result.value).toBeLessThanOrEqual(1 + 1e-12);
        if (result.low !== null && result.high !== null) {
          expect(result.low).toBeLessThanOrEqual(result.high);
          expect(result.high).toBeLessThanOrEqual(1 + 1e-12);
        }
      }),
      { numRuns: 50 },
    );
  });
});

describe('the bootstrap interval of alpha', () => {
  it('is the same on every run for the same data, and narrows with more units', () => {
    const tallies = talliesOf([1, 2, 3, 4, 5], EXAMPLE_C);
    const once = alphaWithInterval('ordinal', [1, 2, 3, 4, 5], tallies);
    expect(alphaWithInterval('ordinal', [1, 2, 3, 4, 5], tallies)).toEqual(once);
    expect(once.low).toBeLessThan(0.815);
    expect(once.high).toBeGreaterThan(0.815);
    const many = alphaWithInterval(
      'ordinal',
      [1, 2, 3, 4, 5],
      tallies.map((t) => ({ ...t, units: t.units * 50 })),
    );
    expect(many.value).toBeCloseTo(once.value ?? 0, 2);
    expect((many.high ?? 0) - (many.low ?? 0)).toBeLessThan(((once.high ?? 0) - (once.low ?? 0)) / 3);
  });
});
