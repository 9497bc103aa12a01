import { describe, expect, it } from 'vitest';
import { contributionOf, hoursBin, type InterviewFacts, inputFromTotals } from '../../src/domain/insight-ledger.js';

const facts = (over: Partial<InterviewFacts> = {}): InterviewFacts => ({
  interviewId: 1,
  cancelled: false,
  ended: true,
  endsAt: '2026-01-01T10:00:00.000Z',
  level: 'senior',
  outcome: 'hire',
  panelists: [
    { userId: 'UA', submittedAt: '2026-01-01T13:30:00.000Z', declined: false },
    { userId: 'UB', submittedAt: '2026-01-02T10:00:00.000Z', declined: false },
    { userId: 'UC', submittedAt: null, declined: true },
  ],
  ratings: [
    { raterId: 'UA', competencyId: 'design', rating: 3 },
    { raterId: 'UB', competencyId: 'design', rating: 3 },
    { raterId: 'UA', competencyId: 'testing', rating: 1 },
    { raterId: 'UB', competencyId: 'testing', rating: 4 },
  ],
  // Asked for design; the bank says it probes testing too.
  kit: [{ questionId: 'q1', competencyId: 'design', competencies: ['design', 'testing'] }],
  ...over,
});

const rows = (c: Map<string, [number, number, number]>) => [...c].map(([key, [a, b, c2]]) => ({ key, a, b, c: c2 }));

describe('one interview’s contribution to the insight report', () => {
  it('question agreement counts every competency the question probed, not only the one it was asked for', () => {
    const input = inputFromTotals(rows(contributionOf(facts())));
    const q = input.questions.find((x) => x.questionId === 'q1');
    expect(q?.tallies).toEqual(
      expect.arrayContaining([
        { counts: [0, 0, 2, 0], units: 1 }, // design: 3 and 3
        { counts: [1, 0, 0, 1], units: 1 }, // testing: 1 and 4
      ]),
    );
    expect(q?.tallies).toHaveLength(2);
    // How well it was answered, and separation: from the competency it was asked for (both 3s: mean 3).
    expect(q?.levels).toEqual([{ level: 'senior', good: 2, ratings: 2 }]);
    expect(q?.outcomes).toEqual([{ score: 3, positives: 1, negatives: 0 }]);
  });

  it('a panelist who said they did not take part owes no scorecard; hours run from the end to the first submission', () => {
    const input = inputFromTotals(rows(contributionOf(facts())));
    expect(input.completion).toEqual([
      { raterId: 'UA', expected: 1, submitted: 1 },
      { raterId: 'UB', expected: 1, submitted: 1 },
    ]);
    // 3.5 hours → the bin of hour 3 (stands for 3.5); 24 hours → the bin of hours 24 and 25 (stands for 25).
    expect(input.hours).toEqual([
      { raterId: 'UA', bins: [{ value: 3.5, count: 1 }] },
      { raterId: 'UB', bins: [{ value: 25, count: 1 }] },
    ]);
  });

  it.each([
    [0.2, 0],
    [11.9, 11],
    [12, 12],
    [13.9, 12],
    [47.9, 46],
    [48, 48],
    [90, 84],
    [335, 324],
    [900, 336],
    [-1, 0],
  ])('%s hours go in the bin %s', (hours, bin) => {
    expect(hoursBin(hours)).toBe(bin);
  });
});
