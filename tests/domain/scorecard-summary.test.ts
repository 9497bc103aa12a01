import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canSeeRatings,
  channelMayShowRatings,
  type ExpectedScorecard,
  isSplit,
  type SubmittedScorecard,
  summarize,
} from '../../src/domain/scorecard-summary.js';
import { type Rating, RECOMMENDATIONS } from '../../src/domain/types.js';

const card = (
  interviewId: number,
  panelistId: string,
  ratings: Record<string, Rating | null>,
  recommendation: SubmittedScorecard['recommendation'] = 'yes',
): SubmittedScorecard => ({
  interviewId,
  panelistId,
  ratings,
  focus: [],
  recommendation,
  keyTakeaways: `${panelistId} says so`,
  round: 1,
  revision: 1,
  submittedAt: new Date('2026-12-01T12:00:00Z'),
});

describe('summarize', () => {
  it('lists every rating of a competency with its rater, "not observed" and own focus included', () => {
    const summary = summarize(
      [
        { interviewId: 1, panelistId: 'A' },
        { interviewId: 1, panelistId: 'B' },
      ],
      [{ ...card(1, 'A', { db: 4 }), focus: ['db'] }, card(1, 'B', { db: null })],
    );
    expect(summary.competencies[0]?.ratings).toEqual([
      { interviewId: 1, panelistId: 'A', rating: 4, own: true },
      { interviewId: 1, panelistId: 'B', rating: null, own: false },
    ]);
  });

  it.each([
    [['yes', 'yes', 'no'], true],
    [['strong_yes', 'strong_no'], true],
    [['yes', 'strong_yes'], false],
    [['no', 'strong_no'], false],
    [[], false],
  ] as const)('a split recommendation: %j → %s', (recommendations, split) => {
    expect(isSplit(recommendations)).toBe(split);
  });

  it.each([
    {
      name: 'mean, min, max and count per competency; a spread of 2 flags disagreement',
      expected: [
        { interviewId: 1, panelistId: 'A' },
        { interviewId: 1, panelistId: 'B' },
        { interviewId: 2, panelistId: 'C' },
      ],
      submitted: [
        card(1, 'A', { db: 4, api: 3 }, 'strong_yes'),
        card(1, 'B', { db: 2, api: 3 }, 'no'),
        card(2, 'C', { db: 3 }, 'yes'),
      ],
      competencies: [
        { competencyId: 'api', mean: 3, min: 3, max: 3, spread: 0, count: 2, disagreement: false },
        { competencyId: 'db', mean: 3, min: 2, max: 4, spread: 2, count: 3, disagreement: true },
      ],
      tally: { strong_no: 0, no: 1, yes: 1, strong_yes: 1 },
      split: true,
      missing: [],
      complete: true,
    },
    {
      name: '"not assessed" is not a rating, and a spread of 1 is agreement',
      expected: [
        { interviewId: 1, panelistId: 'A' },
        { interviewId: 1, panelistId: 'B' },
      ],
      submitted: [card(1, 'A', { db: null, api: 1 }), card(1, 'B', { db: null, api: 2 })],
      competencies: [{ competencyId: 'api', mean: 1.5, min: 1, max: 2, spread: 1, count: 2, disagreement: false }],
      tally: { strong_no: 0, no: 0, yes: 2, strong_yes: 0 },
      split: false,
      missing: [],
      complete: true,
    },
    {
      name: 'who is missing, and a scorecard of a cancelled interview is ignored',
      expected: [
        { interviewId: 1, panelistId: 'A' },
        { interviewId: 1, panelistId: 'B' },
      ],
      submitted: [card(1, 'A', { db: 3 }), card(9, 'Z', { db: 1 }, 'strong_no')],
      competencies: [{ competencyId: 'db', mean: 3, min: 3, max: 3, spread: 0, count: 1, disagreement: false }],
      tally: { strong_no: 0, no: 0, yes: 1, strong_yes: 0 },
      split: false,
      missing: [{ interviewId: 1, panelistId: 'B' }],
      complete: false,
    },
    {
      name: 'nothing expected is never complete',
      expected: [],
      submitted: [],
      competencies: [],
      tally: { strong_no: 0, no: 0, yes: 0, strong_yes: 0 },
      split: false,
      missing: [],
      complete: false,
    },
  ])('$name', ({ expected, submitted, competencies, tally, split, missing, complete }) => {
    const summary = summarize(expected, submitted);
    expect(summary.competencies).toEqual(competencies.map((c) => expect.objectContaining(c)));
    expect(summary.split).toBe(split);
    expect(summary.tally).toEqual(tally);
    expect(summary.missing).toEqual(missing);
    expect(summary.complete).toBe(complete);
  });

  const panelArb = fc
    .uniqueArray(fc.tuple(fc.integer({ min: 1, max: 3 }), fc.constantFrom('A', 'B', 'C', 'D', 'E')), {
      minLength: 1,
      maxLength: 10,
      selector: ([i, p]) => `${i}:${p}`,
    })
    .map((pairs) => pairs.map(([interviewId, panelistId]): ExpectedScorecard => ({ interviewId, panelistId })));
  const ratingArb = fc.option(fc.constantFrom<Rating>(1, 2, 3, 4), { nil: null });
  const scenarioArb = panelArb.chain((expected) =>
    fc.record({
      expected: fc.constant(expected),
      submitted: fc.subarray(expected).chain((who) =>
        fc.tuple(
          ...who.map((e) =>
            fc.record({
              interviewId: fc.constant(e.interviewId),
              panelistId: fc.constant(e.panelistId),
              ratings: fc.record({ db: ratingArb, api: ratingArb, sys: ratingArb }),
              recommendation: fc.constantFrom(...RECOMMENDATIONS),
              keyTakeaways: fc.string(),
              focus: fc.constant<string[]>([]),
              round: fc.constant(1),
              revision: fc.constant(1),
              submittedAt: fc.constant(new Date('2026-12-01T12:00:00Z')),
            }),
          ),
        ),
      ),
    }),
  );

  it('does not depend on the order scorecards were submitted in', () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), ({ expected, submitted }, seed) => {
        const shuffled = [...submitted].sort(
          (a, b) =>
            ((a.panelistId.charCodeAt(0) * 31 + a.interviewId + seed) % 7) -
            ((b.panelistId.charCodeAt(0) * 31 + b.interviewId + seed) % 7),
        );
        expect(summarize(expected, shuffled)).toEqual(summarize(expected, submitted));
      }),
    );
  });

  it('never counts "not assessed": each count is the number of real ratings given', () => {
    fc.assert(
      fc.property(scenarioArb, ({ expected, submitted }) => {
        const summary = summarize(expected, submitted);
        for (const c of summary.competencies) {
          const real = submitted
            .map((s) => (s.ratings as Record<string, Rating | null>)[c.competencyId])
            .filter((r) => r !== null && r !== undefined);
          expect(c.count).toBe(real.length);
          expect(c.mean).toBeGreaterThanOrEqual(c.min);
          expect(c.mean).toBeLessThanOrEqual(c.max);
        }
        const tallied = Object.values(summary.tally).reduce((a, b) => a + b, 0);
        expect(tallied + summary.missing.length).toBe(expected.length);
      }),
    );
  });
});

describe('the blind rule', () => {
  it('over any submission order and any viewer: a panelist sees ratings only after their own submission; the lead always', () => {
    const people = ['LEAD', 'A', 'B', 'C', 'OUT'];
    fc.assert(
      fc.property(
        fc.shuffledSubarray(['A', 'B', 'C'], { minLength: 0, maxLength: 3 }),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom(...people),
        (order, steps, viewer) => {
          const expected = ['A', 'B', 'C'].map((p) => ({ interviewId: 1, panelistId: p }));
          const submitted = order.slice(0, steps).map((p) => ({ interviewId: 1, panelistId: p }));
          const sees = canSeeRatings({ userId: viewer }, 'LEAD', submitted);
          if (viewer === 'LEAD') expect(sees).toBe(true);
          else if (viewer === 'OUT') expect(sees).toBe(false);
          else expect(sees).toBe(submitted.some((s) => s.panelistId === viewer));
          expect(channelMayShowRatings(expected, submitted)).toBe(submitted.length === 3);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('admins see no ratings; a scorecard still owed, even by someone who submitted for another round, keeps the channel blind', () => {
    expect(canSeeRatings({ userId: 'ADM' }, 'LEAD', [])).toBe(false);
    expect(
      channelMayShowRatings(
        [
          { interviewId: 1, panelistId: 'A' },
          { interviewId: 3, panelistId: 'A' },
        ],
        [{ interviewId: 1, panelistId: 'A' }],
      ),
    ).toBe(false);
    const expected = [
      { interviewId: 1, panelistId: 'A' },
      { interviewId: 2, panelistId: 'N' },
    ];
    expect(channelMayShowRatings(expected, [{ interviewId: 1, panelistId: 'A' }])).toBe(false);
  });
});
