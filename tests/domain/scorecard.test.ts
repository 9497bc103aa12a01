import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeDraft, NOT_OBSERVED, scorecardFields, validateScorecard } from '../../src/domain/scorecard.js';

const bank = {
  questions: [
    { id: 'q-db', competencies: ['databases', 'system-design'] },
    { id: 'q-api', competencies: ['api-design'] },
    { id: 'q-team', competencies: ['collaboration'] },
  ],
} as unknown as Parameters<typeof scorecardFields>[0];
const panel = [
  { userId: 'UPIA', position: 0 },
  { userId: 'UOLA', position: 1 },
];
const items = [
  { panelistId: 'UPIA', questionId: 'q-db', competencyId: 'databases', position: 0 },
  { panelistId: 'UOLA', questionId: 'q-api', competencyId: 'api-design', position: 0 },
  { panelistId: 'UOLA', questionId: 'q-team', competencyId: 'collaboration', position: 1 },
];

describe('scorecardFields', () => {
  it.each([
    {
      name: 'a panelist rates everything the interview probed, own focus first and marked',
      panelist: 'UOLA',
      competencies: [
        { id: 'api-design', own: true },
        { id: 'collaboration', own: true },
        { id: 'databases', own: false },
        { id: 'system-design', own: false },
      ],
      questions: ['q-api', 'q-team', 'q-db'],
    },
    {
      name: 'the other panelist rates the same competencies, with their own first',
      panelist: 'UPIA',
      competencies: [
        { id: 'databases', own: true },
        { id: 'system-design', own: true },
        { id: 'api-design', own: false },
        { id: 'collaboration', own: false },
      ],
      questions: ['q-db', 'q-api', 'q-team'],
    },
  ])('$name', ({ panelist, competencies, questions }) => {
    const fields = scorecardFields(bank, panel, items, panelist);
    expect(fields.competencies).toEqual(competencies);
    expect(fields.questions.map((q) => q.questionId)).toEqual(questions);
  });

  it('never asks for a competency no question of the interview probes, and always for every one that is', () => {
    const ids = ['q-db', 'q-api', 'q-team'];
    fc.assert(
      fc.property(
        fc.array(fc.record({ panelistId: fc.constantFrom('UPIA', 'UOLA'), questionId: fc.constantFrom(...ids) }), {
          maxLength: 6,
        }),
        fc.constantFrom('UPIA', 'UOLA'),
        (picked, panelist) => {
          const kit = picked.map((p, position) => ({ ...p, competencyId: p.questionId.slice(2), position }));
          const probed = new Set(
            kit.flatMap((k) => bank.questions.find((q) => q.id === k.questionId)?.competencies ?? []),
          );
          const fields = scorecardFields(
            bank,
            panel,
            kit.map((k) => ({ ...k, competencyId: [...probed][0] ?? '' })),
            panelist,
          );
          expect(new Set(fields.competencies.map((c) => c.id))).toEqual(probed);
        },
      ),
    );
  });
});

describe('validateScorecard', () => {
  const draft = {
    ratings: { databases: '4', 'api-design': NOT_OBSERVED },
    notes: { 'q-db': ' Solid. ', forged: 'x' },
    keyTakeaways: 'Good.',
    recommendation: 'yes',
  };
  it('takes "not observed" as a choice and keeps notes only for the interview’s questions', () => {
    expect(validateScorecard(draft, ['databases', 'api-design'], new Set(['q-db']))).toEqual({
      ok: true,
      value: {
        ratings: { databases: 4, 'api-design': null },
        notes: { 'q-db': 'Solid.' },
        keyTakeaways: 'Good.',
        recommendation: 'yes',
      },
    });
  });
  it('asks for every competency to rate, naming the field', () => {
    const result = validateScorecard(draft, ['databases', 'api-design', 'collaboration'], new Set());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors.ratings)).toEqual(['collaboration']);
  });
});

describe('mergeDraft', () => {
  it('puts the page on screen over what was kept from the other pages', () => {
    const kept = { ratings: { a: '3' }, notes: { q1: 'kept', q2: 'old' }, keyTakeaways: 'T', recommendation: 'yes' };
    const shown = { ratings: {}, notes: { q2: 'new' }, keyTakeaways: '', recommendation: null };
    expect(mergeDraft(kept, shown, false)).toEqual({
      ratings: { a: '3' },
      notes: { q1: 'kept', q2: 'new' },
      keyTakeaways: 'T',
      recommendation: 'yes',
    });
    expect(mergeDraft(kept, shown, true).recommendation).toBeNull();
  });
});
