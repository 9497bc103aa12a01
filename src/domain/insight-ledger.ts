// What one interview adds to the insight report's sums, and how the sums become the report's input. Keeping
// each interview's contribution lets a report refresh only what changed: new sums = old sums − old contribution
// + new contribution. Keys: 'a|competency|c1,c2,c3,c4' (units of that tally), 'o|rater' (offsets: n, sum,
// sum of squares), 'c|rater' (scorecards owed, submitted), 'h|rater|hours' (scorecards submitted that many
// hours after the interview, binned), 'x|question' (askings), 'q|question|c1,c2,c3,c4' (units of that tally among
// the competencies the question probes), 's|question|outcome|score' (decided askings whose ratings on those
// competencies averaged `score`), 'l|question|level' (ratings on them, and how many were 3 or 4).
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
  /** When the interview ended (ISO). */
  endsAt: string;
  /** `submittedAt`: the first submission (ISO); `declined`: said they did not take part. */
  panelists: { userId: string; submittedAt: string | null; declined: boolean }[];
  /** Submitted ratings (not "not observed"). */
  ratings: { raterId: string; competencyId: string; rating: number }[];
  /** Live kit items: the question, the competency it was asked for, and every one it probes (the bank's list). */
  kit: { questionId: string; competencyId: string; competencies: string[] }[];
}

const HOUR = 3_600_000;

/**
 * Hours to submit, binned (a bin is named by its first hour): each hour up to 12, two hours up to 2 days, half
 * days up to 2 weeks, then "2 weeks or more". Each interviewer has a few dozen bins in the ledger, not one row per
 * scorecard, and the median stays within an hour or so of the exact one where most scorecards come in.
 */
export function hoursBin(hours: number): number {
  const h = Math.max(0, hours);
  if (h < 12) return Math.floor(h);
  if (h < 48) return 12 + 2 * Math.floor((h - 12) / 2);
  if (h < 336) return 48 + 12 * Math.floor((h - 48) / 12);
  return 336;
}

/** The hours a bin stands for (its middle; the last bin, its start). */
export function binHours(bin: number): number {
  if (bin < 12) return bin + 0.5;
  if (bin < 48) return bin + 1;
  if (bin < 336) return bin + 6;
  return 336;
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
    for (const p of facts.panelists) {
      if (p.declined && p.submittedAt === null) continue; // did not take part: no scorecard was owed
      add(out, `c|${p.userId}`, 1, p.submittedAt !== null ? 1 : 0);
      if (p.submittedAt !== null) {
        const hours = (Date.parse(p.submittedAt) - Date.parse(facts.endsAt)) / HOUR;
        add(out, `h|${p.userId}|${hoursBin(hours)}`, 1);
      }
    }
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
    // Agreement: on every competency the question probed. How well it was answered, and how that separates
    // hires from no-hires: on the competency it was asked for, the one its answer speaks to (another competency
    // it probes may be rated from other questions of the interview too).
    for (const competencyId of new Set([k.competencyId, ...k.competencies])) {
      const shape = shapes.get(competencyId);
      if (shape) add(out, `q|${k.questionId}|${shape}`, 1);
    }
    const unit = units.get(k.competencyId);
    if (!unit || unit.length === 0) continue;
    const sum = unit.reduce((total, r) => total + r.rating, 0);
    add(out, `l|${k.questionId}|${facts.level}`, unit.length, unit.filter((r) => r.rating >= 3).length);
    if (facts.outcome) add(out, `s|${k.questionId}|${facts.outcome}|${(sum / unit.length).toFixed(4)}`, 1);
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
  const hours = new Map<string, { raterId: string; bins: { value: number; count: number }[] }>();
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
      case 'h': {
        if (units <= 0) break;
        const id = parts[1] ?? '';
        const seen = hours.get(id) ?? { raterId: id, bins: [] };
        seen.bins.push({ value: binHours(Number(parts[2] ?? 0)), count: units });
        hours.set(id, seen);
        break;
      }
      case 'q':
        if (units > 0) question(parts[1] ?? '').tallies.push({ counts: shapeOf(parts[2] ?? ''), units });
        break;
      case 's': {
        if (units <= 0) break;
        const [, id = '', outcome = '', score = '0'] = parts;
        const q = question(id);
        if (outcome === 'hire') q.outcomes.push({ score: Number(score), positives: units, negatives: 0 });
        if (outcome === 'no_hire') q.outcomes.push({ score: Number(score), positives: 0, negatives: units });
        break;
      }
      case 'l':
        if (units > 0)
          question(parts[1] ?? '').levels.push({ level: parts[2] ?? '', good: Math.round(b), ratings: units });
        break;
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
    hours: byId(hours.values()),
    questions: [...questions.values()],
  };
}
