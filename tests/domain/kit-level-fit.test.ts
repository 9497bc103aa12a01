import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadBankDir } from '../../src/bank/load.js';
import { isEligible, kindsOf, planKit, styleTier } from '../../src/domain/kit-planner.js';
import {
  type Bank,
  LEVELS,
  type Level,
  QUESTION_KINDS,
  QUESTION_STYLES,
  type Question,
  type QuestionStyle,
} from '../../src/domain/types.js';

const question = (id: string, over: Partial<Question>): Question => ({
  id,
  text: `${id}?`,
  roles: [],
  kind: 'technical',
  competencies: ['c0'],
  levels: ['senior'],
  minutes: 5,
  guidance: 'g',
  strongAnswer: 's',
  redFlags: [],
  followUps: [],
  source: 'custom',
  sensitive: false,
  active: true,
  style: null,
  ...over,
});

const bankArb: fc.Arbitrary<Bank> = fc.integer({ min: 1, max: 4 }).chain((count) => {
  const ids = Array.from({ length: count }, (_, i) => `c${i}`);
  return fc.record({
    competencies: fc.constant(
      ids.map((id) => ({
        id,
        name: id,
        description: 'd',
        kinds: [...QUESTION_KINDS],
        rubric: { 1: 'a', 2: 'b', 3: 'c', 4: 'd' },
      })),
    ),
    questions: fc
      .uniqueArray(
        fc.record({
          id: fc.stringMatching(/^q[a-z0-9]{1,5}$/),
          kind: fc.constantFrom(...QUESTION_KINDS),
          competencies: fc.uniqueArray(fc.constantFrom(...ids), { minLength: 1, maxLength: 2 }),
          levels: fc.uniqueArray(fc.constantFrom(...LEVELS), { minLength: 1, maxLength: 4 }),
          minutes: fc.integer({ min: 2, max: 15 }),
          style: fc.constantFrom<QuestionStyle | null>(null, ...QUESTION_STYLES),
        }),
        { selector: (q) => q.id, maxLength: 80 },
      )
      .map((qs) => qs.map((q) => question(q.id, q))),
    tips: fc.constant([]),
    roles: fc.constant([]),
  });
});

describe('level fit in the planner (SPEC §4.8)', () => {
  it.each([
    ['junior', 'recall', 0],
    ['mid', 'preference', 0],
    ['senior', 'judgement', 0],
    ['senior', 'experience', 0],
    ['lead', 'approach', 1],
    ['lead', null, 1],
    ['senior', 'recall', 2],
    ['lead', 'preference', 2],
  ] as const)('a %s kit ranks a %s question in tier %i', (level, style, tier) => {
    expect(styleTier(level, style)).toBe(tier);
  });

  it('a senior kit asks for trade-offs and experience before definitions, where both fit', () => {
    const bank: Bank = {
      competencies: [
        { id: 'c0', name: 'C0', description: 'd', kinds: ['technical'], rubric: { 1: 'a', 2: 'b', 3: 'c', 4: 'd' } },
      ],
      questions: [
        question('define-it', { style: 'recall', levels: ['junior', 'senior'] }),
        question('favourite', { style: 'preference', levels: ['senior'] }),
        question('how-do-you', { style: 'approach' }),
        question('weigh-it', { style: 'judgement' }),
        question('tell-me-when', { style: 'experience' }),
      ],
      tips: [],
      roles: [],
    };
    const plan = (level: Level, minutes: number) =>
      planKit({
        bank,
        role: 'backend-developer',
        level,
        kind: 'technical',
        minutes,
        allowanceMinutes: 0,
        panelists: ['U1'],
        usedQuestionIds: new Set(),
        usage: new Map([
          ['weigh-it', 5],
          ['tell-me-when', 5],
        ]),
        seed: 'x',
      }).panelists.flatMap((p) => p.items.map((i) => i.questionId));
    // Used more often, the judgement and experience questions still come first for a senior…
    expect(plan('senior', 10).sort()).toEqual(['tell-me-when', 'weigh-it']);
    expect(plan('senior', 15)).toContain('how-do-you');
    expect(plan('senior', 15)).not.toContain('define-it');
    // …while a junior kit simply takes the least used.
    expect(plan('junior', 5)).toEqual(['define-it']);
  });

  it('never passes over a better-fitting question for the same competency that would have fit', () => {
    fc.assert(
      fc.property(
        bankArb,
        fc.constantFrom<Level>('senior', 'lead'),
        fc.integer({ min: 15, max: 120 }),
        fc.integer({ min: 1, max: 4 }),
        fc.string({ maxLength: 6 }),
        (bank, level, minutes, panelists, seed) => {
          const kit = planKit({
            bank,
            role: 'backend-developer',
            level,
            kind: 'technical',
            minutes,
            allowanceMinutes: 5,
            panelists: Array.from({ length: panelists }, (_, i) => `U${i}`),
            usedQuestionIds: new Set(),
            usage: new Map(),
            seed,
          });
          const byId = new Map(bank.questions.map((q) => [q.id, q]));
          const items = kit.panelists.flatMap((p) => p.items);
          const inKit = new Set(items.map((i) => i.questionId));
          const eligible = bank.questions.filter((q) =>
            isEligible(q, 'backend-developer', level, kindsOf('technical')),
          );
          for (const item of items) {
            const q = byId.get(item.questionId);
            if (!q) throw new Error('unknown question in kit');
            const better = eligible.filter(
              (r) =>
                !inKit.has(r.id) &&
                r.competencies.includes(item.competencyId) &&
                r.minutes <= q.minutes &&
                styleTier(level, r.style) < styleTier(level, q.style),
            );
            expect(
              better.map((r) => r.id),
              `${q.id} (${q.style}) for ${item.competencyId}`,
            ).toEqual([]);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a senior or lead technical kit from the shipped bank holds no trivia or preference question, and mostly asks for judgement and experience', () => {
    const shipped = loadBankDir();
    const byId = new Map(shipped.questions.map((q) => [q.id, q]));
    const technical = shipped.questions.filter((q) => q.kind === 'technical' && !q.sensitive).map((q) => q.id);
    fc.assert(
      fc.property(
        fc.constantFrom<Level>('senior', 'lead'),
        fc.integer({ min: 30, max: 120 }),
        fc.integer({ min: 1, max: 4 }),
        fc.string({ maxLength: 8 }),
        fc.subarray(technical, { maxLength: 25 }),
        (level, minutes, panelists, seed, used) => {
          const kit = planKit({
            bank: shipped,
            role: 'backend-developer',
            level,
            kind: 'technical',
            minutes,
            allowanceMinutes: 10,
            panelists: Array.from({ length: panelists }, (_, i) => `U${i}`),
            usedQuestionIds: new Set(used),
            usage: new Map(),
            seed,
          });
          const questions = kit.panelists.flatMap((p) => p.items.map((i) => byId.get(i.questionId)));
          expect(questions.length).toBeGreaterThan(0);
          for (const q of questions) {
            expect(q?.levels, q?.id).toContain(level);
            expect(['recall', 'preference'], q?.id).not.toContain(q?.style);
          }
          const weighs = questions.filter((q) => q?.style === 'judgement' || q?.style === 'experience').length;
          expect(weighs / questions.length).toBeGreaterThanOrEqual(0.5);
        },
      ),
      { numRuns: 60 },
    );
  });
});
