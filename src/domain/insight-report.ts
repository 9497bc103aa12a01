// The insight report (spec §8), assembled from tallies: descriptive only, every figure with its n and an
// interval, nothing below a minimum sample. Pure: the repository adds up, this decides what may be shown.
import { type AlphaWithInterval, alphaWithInterval } from './stats/alpha-interval.js';
import { type Auc, aucOf, type ScoreCount } from './stats/auc.js';
import { type Estimate, wilson } from './stats/intervals.js';
import type { Tally } from './stats/krippendorff.js';
import { type Leniency, leniencyOf, type OffsetSums, pooledSigma } from './stats/leniency.js';

/** About 30 shared ratings or askings before a figure about one person or question is shown. */
export const MIN_SAMPLE = 30;
/** Alpha below this even at the top of its interval: raters disagree persistently on the question. */
export const DISAGREEMENT_ALPHA = 0.4;
/** Under this share of ratings 3 or 4 at every level it was asked at: never answered well. */
export const WELL_ANSWERED_SHARE = 0.1;

const VALUES = [1, 2, 3, 4];

export interface Gated<T> {
  n: number;
  /** null while n is below the minimum; `needed` says how many more. */
  figure: T | null;
  needed: number;
}

const gate = <T>(n: number, make: () => T | null, min = MIN_SAMPLE): Gated<T> =>
  n >= min ? { n, figure: make(), needed: 0 } : { n, figure: null, needed: min - n };

export interface InterviewerFigures {
  raterId: string;
  leniency: Gated<Leniency>;
  completion: Estimate | null;
}

export type ReviewReason = 'disagreement' | 'never_answered_well';

export interface QuestionFigures {
  questionId: string;
  /** Times asked in interviews that took place. */
  exposure: number;
  /** Agreement of the panels on the competency it was asked for, from its askings with two or more ratings. */
  agreement: Gated<AlphaWithInterval>;
  /** Exploratory: how its mean rating separates hire from no-hire decisions (decided from these ratings). */
  separation: Gated<Auc>;
  /** Share of ratings 3 or 4, per level of the loops it was asked in. */
  levels: { level: string; good: number; ratings: number }[];
  review: ReviewReason[];
}

export interface AgreementFigures {
  overall: Gated<AlphaWithInterval>;
  competencies: ({ competencyId: string } & Gated<AlphaWithInterval>)[];
}

export interface InsightReport {
  agreement: AgreementFigures;
  interviewers: InterviewerFigures[];
  questions: QuestionFigures[];
}

export interface InsightInput {
  agreement: Map<string, Tally[]>;
  offsets: OffsetSums[];
  completion: { raterId: string; expected: number; submitted: number }[];
  questions: {
    questionId: string;
    exposure: number;
    tallies: Tally[];
    outcomes: ScoreCount[];
    levels: { level: string; good: number; ratings: number }[];
  }[];
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Adds up tallies of the same shape. */
export function mergeTallies(lists: Iterable<readonly Tally[]>): Tally[] {
  const byShape = new Map<string, Tally>();
  for (const list of lists) {
    for (const t of list) {
      const key = t.counts.join(',');
      const seen = byShape.get(key);
      if (seen) seen.units += t.units;
      else byShape.set(key, { counts: [...t.counts], units: t.units });
    }
  }
  return [...byShape.values()].sort((a, b) => byId(a.counts.join(','), b.counts.join(',')));
}

const unitsOf = (tallies: readonly Tally[]) => tallies.reduce((total, t) => total + t.units, 0);
const alphaOf = (tallies: Tally[]) => alphaWithInterval('ordinal', VALUES, tallies);

export function buildInsightReport(input: InsightInput): InsightReport {
  const all = mergeTallies(input.agreement.values());
  const competencies = [...input.agreement.entries()]
    .sort(([a], [b]) => byId(a, b))
    .map(([competencyId, tallies]) => ({ competencyId, ...gate(unitsOf(tallies), () => alphaOf(tallies)) }));
  const sigma = pooledSigma(input.offsets);
  const leniency = new Map(leniencyOf(input.offsets, { sigma }).map((l) => [l.raterId, l]));
  const completion = new Map(input.completion.map((c) => [c.raterId, c]));
  const raters = [...new Set([...leniency.keys(), ...completion.keys()])].sort(byId);
  const interviewers = raters.map((raterId): InterviewerFigures => {
    const l = leniency.get(raterId);
    const c = completion.get(raterId);
    return {
      raterId,
      leniency: gate(l?.n ?? 0, () => l ?? null),
      completion: c ? wilson(c.submitted, c.expected) : null,
    };
  });
  const questions = input.questions
    .map((q): QuestionFigures => {
      const tallies = mergeTallies([q.tallies.filter((t) => t.counts.reduce((a, b) => a + b, 0) >= 2)]);
      const agreement = gate(unitsOf(tallies), () => alphaOf(tallies));
      const decided = q.outcomes.reduce((total, o) => total + o.positives + o.negatives, 0);
      const separation = gate(decided, () => aucOf(q.outcomes));
      const review: ReviewReason[] = [];
      const high = agreement.figure?.high;
      if (high !== undefined && high !== null && high < DISAGREEMENT_ALPHA) review.push('disagreement');
      const rated = q.levels.reduce((total, l) => total + l.ratings, 0);
      if (
        unitsOf(q.tallies) >= MIN_SAMPLE &&
        rated > 0 &&
        q.levels.every((l) => l.ratings === 0 || l.good / l.ratings < WELL_ANSWERED_SHARE)
      ) {
        review.push('never_answered_well');
      }
      return {
        questionId: q.questionId,
        exposure: q.exposure,
        agreement,
        separation,
        levels: [...q.levels].sort((a, b) => byId(a.level, b.level)),
        review,
      };
    })
    .sort((a, b) => b.exposure - a.exposure || byId(a.questionId, b.questionId));
  return {
    agreement: { overall: gate(unitsOf(all), () => alphaOf(all)), competencies },
    interviewers,
    questions,
  };
}
