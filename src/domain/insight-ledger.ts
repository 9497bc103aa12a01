// What one interview adds to the insight report's sums, and how the sums become the report's input. Keeping
// each interview's contribution lets a report refresh only what changed: new sums = old sums − old contribution
// + new contribution. Keys: 'a|competency|c1,c2,c3,c4' (units of that tally), 'o|rater' (offsets: n, sum,
// sum of squares), 'c|rater' (scorecards owed, submitted), 'x|question' (askings),
// 'q|question|level|outcome|c1,c2,c3,c4' (askings whose unit had that tally).
import type { InsightInput } from './insight-report.js';
import type { Tally } from './stats/krippendorff.js';

export type Sums = [a: number, b: number, c: number];
export type Contribution = Map<string, Sums>;

export interface InterviewFacts {
  interviewId: number;
  cancelled: boolean;
  /** The interview has taken place (it ended before the refresh). */
  ended: boolean;
  level: string;
  /** The loop's final decision, if hire or no hire. */
  outcome: 'hire' | 'no_hire' | null;
  panelists: { userId: string; submitted: boolean }[];
  /** Submitted ratings (not "not observed"). */
  ratings: { raterId: string; competencyId: string; rating: number }[];
  /** Live kit items: the question and the competency it was asked for. */
  kit: { questionId: string; competencyId: string }[];
}

function add(into: Contribution, key: string, a: number, b = 0, c = 0): void {
  const seen = into.get(key);
  if (seen) {
    seen[0] += a;
    seen[1] += b;
    seen[2] += c;
  } else into.set(key, [a, b, c]);
}

export function contributionOf(facts: InterviewFacts): Contribution {
  const out: Contribution = new Map();
  if (facts.cancelled) return out;
  if (facts.ended) {
    for (const p of facts.panelists) add(out, `c|${p.userId}`, 1, p.submitted ? 1 : 0);
    for (const k of facts.kit) add(out, `x|${k.questionId}`, 1);
  }
  const units = new Map<string, { raterId: string; rating: number }[]>();
  for (const r of facts.ratings) {
    if (r.rating < 1 || r.rating > 4) continue;
    units.set(r.competencyId, [...(units.get(r.competencyId) ?? []), { raterId: r.raterId, rating: r.rating }]);
  }
  const shapes = new Map<string, string>();
  for (const [competencyId, unit] of units) {
    const counts = [0, 0, 0, 0];
    for (const r of unit) counts[r.rating - 1] = (counts[r.rating - 1] ?? 0) + 1;
    const shape = counts.join(',');
    shapes.set(competencyId, shape);
    const m = unit.length;
    if (m < 2) continue;
    add(out, `a|${competencyId}|${shape}`, 1);
    const total = unit.reduce((sum, r) => sum + r.rating, 0);
    for (const r of unit) {
      const offset = r.rating - (total - r.rating) / (m - 1);
      add(out, `o|${r.raterId}`, 1, offset, offset * offset);
    }
  }
  for (const k of facts.kit) {
    const shape = shapes.get(k.competencyId);
    if (shape) add(out, `q|${k.questionId}|${facts.level}|${facts.outcome ?? '-'}|${shape}`, 1);
  }
  return out;
}

/** new − old, without the keys that did not change. */
export function difference(next: Contribution, previous: Contribution): Contribution {
  const out: Contribution = new Map();
  for (const [key, [a, b, c]] of next) {
    const [pa, pb, pc] = previous.get(key) ?? [0, 0, 0];
    if (a !== pa || b !== pb || c !== pc) out.set(key, [a - pa, b - pb, c - pc]);
  }
  for (const [key, [a, b, c]] of previous) if (!next.has(key)) out.set(key, [-a, -b, -c]);
  return out;
}

const shapeOf = (text: string): number[] => text.split(',').map(Number);

/** The report's input from the sums of one scope. Near-zero sums (what was added and taken away) are skipped. */
export function inputFromTotals(rows: Iterable<{ key: string; a: number; b: number; c: number }>): InsightInput {
  const agreement = new Map<string, Tally[]>();
  const offsets = new Map<string, { raterId: string; n: number; sum: number; sumSq: number }>();
  const completion = new Map<string, { raterId: string; expected: number; submitted: number }>();
  const questions = new Map<string, InsightInput['questions'][number]>();
  const question = (id: string) => {
    const q = questions.get(id) ?? { questionId: id, exposure: 0, tallies: [], outcomes: [], levels: [] };
    questions.set(id, q);
    return q;
  };
  for (const { key, a, b, c } of rows) {
    const units = Math.round(a);
    const parts = key.split('|');
    switch (parts[0]) {
      case 'a': {
        if (units <= 0) break;
        const list = agreement.get(parts[1] ?? '') ?? [];
        list.push({ counts: shapeOf(parts[2] ?? ''), units });
        agreement.set(parts[1] ?? '', list);
        break;
      }
      case 'o':
        if (units > 0) offsets.set(parts[1] ?? '', { raterId: parts[1] ?? '', n: units, sum: b, sumSq: c });
        break;
      case 'c':
        if (units > 0)
          completion.set(parts[1] ?? '', { raterId: parts[1] ?? '', expected: units, submitted: Math.round(b) });
        break;
      case 'x':
        if (units > 0) question(parts[1] ?? '').exposure = units;
        break;
      case 'q': {
        if (units <= 0) break;
        const [, id = '', level = '', outcome = '-', shape = ''] = parts;
        const counts = shapeOf(shape);
        const q = question(id);
        q.tallies.push({ counts, units });
        const m = counts.reduce((x, y) => x + y, 0);
        const score = counts.reduce((total, n, i) => total + n * (i + 1), 0) / m;
        if (outcome === 'hire') q.outcomes.push({ score, positives: units, negatives: 0 });
        if (outcome === 'no_hire') q.outcomes.push({ score, positives: 0, negatives: units });
        const good = ((counts[2] ?? 0) + (counts[3] ?? 0)) * units;
        const seen = q.levels.find((l) => l.level === level);
        if (seen) {
          seen.good += good;
          seen.ratings += m * units;
        } else q.levels.push({ level, good, ratings: m * units });
        break;
      }
      default:
        break;
    }
  }
  const byId = <T extends { raterId: string }>(xs: Iterable<T>) =>
    [...xs].sort((x, y) => (x.raterId < y.raterId ? -1 : x.raterId > y.raterId ? 1 : 0));
  return {
    agreement,
    offsets: byId(offsets.values()),
    completion: byId(completion.values()),
    questions: [...questions.values()],
  };
}
