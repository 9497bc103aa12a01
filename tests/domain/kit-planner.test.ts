import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isEligible, type KitRequest, kindsOf, planKit } from '../../src/domain/kit-planner.js';
import {
  type Bank,
  type Competency,
  INTERVIEW_KINDS,
  LEVELS,
  type Level,
  QUESTION_KINDS,
  type Question,
} from '../../src/domain/types.js';

const competencyArb = (id: string): fc.Arbitrary<Competency> =>
  fc.record({
    id: fc.constant(id),
    name: fc.constant(`Competency ${id}`),
    description: fc.constant('d'),
    kinds: fc.uniqueArray(fc.constantFrom(...QUESTION_KINDS), { minLength: 1, maxLength: 3 }),
    rubric: fc.constant({ 1: 'a', 2: 'b', 3: 'c', 4: 'd' }),
  });

const bankArb: fc.Arbitrary<Bank> = fc.integer({ min: 1, max: 10 }).chain((count) => {
  const ids = Array.from({ length: count }, (_, i) => `c${i}`);
  return fc.record({
    competencies: fc.tuple(...ids.map(competencyArb)),
    questions: fc.uniqueArray(
      fc.record({
        id: fc.stringMatching(/^q[a-z0-9]{1,6}$/),
        text: fc.constant('Question?'),
        roles: fc.constantFrom([], ['backend-developer'], ['data-engineer']),
        kind: fc.constantFrom(...QUESTION_KINDS),
        competencies: fc.uniqueArray(fc.constantFrom(...ids), { minLength: 1, maxLength: 2 }),
        levels: fc.uniqueArray(fc.constantFrom(...LEVELS), { minLength: 1, maxLength: 4 }),
        minutes: fc.integer({ min: 2, max: 20 }),
        guidance: fc.constant('g'),
        strongAnswer: fc.constant(null),
        redFlags: fc.constant([]),
        followUps: fc.constant([]),
        source: fc.constant('custom'),
        sensitive: fc.boolean(),
        active: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
        style: fc.constantFrom(null, 'recall', 'preference', 'approach', 'judgement', 'experience'),
      }) as fc.Arbitrary<Question>,
      { selector: (q) => q.id, maxLength: 150 },
    ),
    tips: fc.constant([]),
    roles: fc.constant([]),
  });
});

const requestArb: fc.Arbitrary<KitRequest> = bankArb.chain((bank) =>
  fc.record({
    bank: fc.constant(bank),
    role: fc.constantFrom('backend-developer', 'data-engineer'),
    level: fc.constantFrom(...LEVELS) as fc.Arbitrary<Level>,
    kind: fc.constantFrom(...INTERVIEW_KINDS),
    minutes: fc.integer({ min: 10, max: 120 }),
    allowanceMinutes: fc.integer({ min: 0, max: 15 }),
    panelists: fc.integer({ min: 1, max: 8 }).map((n) => Array.from({ length: n }, (_, i) => `U${i}`)),
    usedQuestionIds: fc.subarray(bank.questions.map((q) => q.id)).map((ids) => new Set(ids)),
    usage: fc
      .array(fc.tuple(fc.constantFrom(...bank.questions.map((q) => q.id), 'none'), fc.integer({ min: 0, max: 9 })))
      .map((pairs) => new Map(pairs)),
    seed: fc.string({ maxLength: 8 }),
  }),
);

function picked(kit: ReturnType<typeof planKit>) {
  return kit.panelists.flatMap((p) => p.items.map((item) => ({ ...item, panelist: p.panelist, focus: p.focus })));
}

describe('planKit properties', () => {
  // fast-check's default number of cases; each generates a whole bank and panel, so 250 took 6 s a property.
  const runs = { numRuns: 100 };

  it('never repeats a question for the candidate, within the kit or across the loop', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const ids = picked(planKit(request)).map((i) => i.questionId);
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of ids) expect(request.usedQuestionIds.has(id)).toBe(false);
      }),
      runs,
    );
  });

  it('picks only eligible questions: level, kind, role, active, never sensitive', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const byId = new Map(request.bank.questions.map((q) => [q.id, q]));
        for (const item of picked(planKit(request))) {
          const q = byId.get(item.questionId);
          expect(q && isEligible(q, request.role, request.level, kindsOf(request.kind))).toBe(true);
          expect(q?.sensitive).toBe(false);
        }
      }),
      runs,
    );
  });

  it('fits the duration less the allowance, and leaves no room that an eligible question of a wanted competency could fill', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const kit = planKit(request);
        const items = picked(kit);
        const total = items.reduce((sum, i) => sum + i.minutes, 0);
        const budget = Math.max(0, request.minutes - request.allowanceMinutes);
        expect(total).toBe(kit.plannedMinutes);
        expect(total).toBeLessThanOrEqual(budget);
        const taken = new Set(items.map((i) => i.questionId));
        const kinds = kindsOf(request.kind);
        const wanted = new Set(
          request.bank.competencies.filter((c) => c.kinds.some((k) => kinds.includes(k))).map((c) => c.id),
        );
        const couldStillFit = request.bank.questions.filter(
          (q) =>
            isEligible(q, request.role, request.level, kindsOf(request.kind)) &&
            !request.usedQuestionIds.has(q.id) &&
            !taken.has(q.id) &&
            q.competencies.some((c) => wanted.has(c)) &&
            q.minutes <= budget - total,
        );
        expect(couldStillFit).toEqual([]);
      }),
      runs,
    );
  });

  it('makes a panelist’s focus exactly the competencies of the questions they ask', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const kit = planKit(request);
        const byId = new Map(request.bank.questions.map((q) => [q.id, q]));
        for (const part of kit.panelists) {
          const asked = new Set(part.items.flatMap((item) => byId.get(item.questionId)?.competencies ?? []));
          expect(new Set(part.focus)).toEqual(asked);
          expect(part.focus.length).toBe(asked.size);
          for (const item of part.items) expect(part.focus).toContain(item.competencyId);
        }
      }),
      runs,
    );
  });

  it('reports as gaps exactly the wanted competencies no question probes, never one a panelist will rate', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const kit = planKit(request);
        const probed = new Set(kit.panelists.flatMap((p) => p.focus));
        const kinds = kindsOf(request.kind);
        const wanted = request.bank.competencies.filter((c) => c.kinds.some((k) => kinds.includes(k)));
        expect(new Set(kit.uncovered)).toEqual(new Set(wanted.filter((c) => !probed.has(c.id)).map((c) => c.id)));
        for (const id of kit.uncovered) expect(probed.has(id)).toBe(false);
        const gapText = kit.gaps.join('\n');
        for (const id of kit.uncovered) expect(gapText).toContain(`Competency ${id}`);
        for (const c of request.bank.competencies.filter((c) => probed.has(c.id))) {
          expect(gapText).not.toMatch(new RegExp(`Competency ${c.id}(?![0-9])`));
        }
      }),
      runs,
    );
  });

  it('is deterministic for equal inputs', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        expect(planKit(request)).toEqual(planKit({ ...request, bank: structuredClone(request.bank) }));
      }),
      runs,
    );
  });

  it('prefers the least-used question of a competency when a less-used one would have fit as well', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const kit = planKit(request);
        const items = picked(kit);
        const taken = new Set(items.map((i) => i.questionId));
        const byId = new Map(request.bank.questions.map((q) => [q.id, q]));
        const uses = (id: string) => request.usage.get(id) ?? 0;
        for (const item of items) {
          const q = byId.get(item.questionId);
          if (!q) continue;
          const better = request.bank.questions.find(
            (other) =>
              !taken.has(other.id) &&
              !request.usedQuestionIds.has(other.id) &&
              isEligible(other, request.role, request.level, kindsOf(request.kind)) &&
              other.competencies.includes(item.competencyId) &&
              other.minutes <= q.minutes &&
              uses(other.id) < uses(q.id),
          );
          expect(better).toBeUndefined();
        }
      }),
      runs,
    );
  });

  it('reports a gap for every wanted competency that has no eligible question, and never returns an empty kit silently', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const kit = planKit(request);
        const kinds = kindsOf(request.kind);
        for (const c of request.bank.competencies.filter((c) => c.kinds.some((k) => kinds.includes(k)))) {
          const available = request.bank.questions.some(
            (q) =>
              isEligible(q, request.role, request.level, kinds) &&
              !request.usedQuestionIds.has(q.id) &&
              q.competencies.includes(c.id),
          );
          if (!available) expect(kit.gaps.join('\n')).toContain(c.name);
        }
        if (picked(kit).length === 0 && kit.budgetMinutes > 0) expect(kit.gaps.length).toBeGreaterThan(0);
      }),
      runs,
    );
  });
});
