// The insight report (spec §8), assembled from tallies: descriptive only, every figure with its n and an
// interval, nothing below a minimum sample. Pure: the repository adds up, this decides what may be shown.
import { type AlphaWithInterval, alphaWithInterval } from './stats/alpha-interval.js';
import { type Auc, aucOf, type ScoreCount } from './stats/auc.js';
import { meanDeviationOfTallies } from './stats/deviation.js';
import { type Estimate, medianOfCounts, wilson } from './stats/intervals.js';
import type { Tally } from './stats/krippendorff.js';
import { type Leniency, leniencyOf, type OffsetSums, pooledSigma } from './stats/leniency.js';

/** About 30 shared ratings or askings before a figure about one person or question is shown. */
export const MIN_SAMPLE = 30;
/** Scorecards owed (or submitted) before one interviewer's completion and time to submit are shown. */
export const MIN_SCORECARDS = 10;
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
  /** Share of the scorecards owed (interviews that took place, not declined) that were submitted. */
  completion: Gated<Estimate>;
  /** Median hours from the interview's end to the first submission, over the scorecards submitted. */
  hoursToSubmit: Gated<Estimate>;
}

export type ReviewReason = 'disagreement' | 'never_answered_well';

export interface QuestionFigures {
  questionId: string;
  /** Times asked in interviews that took place. */
  exposure: number;
  /** Agreement of the panels on every competency it probed, from its askings' units of two or more ratings. */
  agreement: Gated<AlphaWithInterval>;
  /** Exploratory: how its mean rating separates hire from no-hire decisions (decided from these ratings). */
  separation: Gated<Auc>;
  /** Share of ratings 3 or 4, per level of the loops it was asked in. */
  levels: { level: string; good: number; ratings: number }[];
  review: ReviewReason[];
}

/** How far one panel's ratings sit from their mean (average deviation), averaged over the panels. */
export type Spread = Estimate;

export interface AgreementFigures {
  overall: Gated<AlphaWithInterval> & { spread: Gated<Spread> };
  competencies: ({ competencyId: string; spread: Gated<Spread> } & Gated<AlphaWithInterval>)[];
}

export interface InsightReport {
  /** Set while the ledger is first built (in the background): no figures yet, only how far it has come. */
  preparing: { done: number; total: number } | null;
  agreement: AgreementFigures;
  /** Every interviewer's scorecards together: completion and median hours to submit. */
  scorecards: { completion: Gated<Estimate>; hoursToSubmit: Gated<Estimate> };
  interviewers: InterviewerFigures[];
  questions: QuestionFigures[];
}

export interface InsightInput {
  agreement: Map<string, Tally[]>;
  offsets: OffsetSums[];
  completion: { raterId: string; expected: number; submitted: number }[];
  hours: { raterId: string; bins: { value: number; count: number }[] }[];
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
const spreadOf = (tallies: Tally[]): Gated<Spread> =>
  gate(unitsOf(tallies), () => meanDeviationOfTallies(tallies, VALUES));

/** The report while the ledger is still being built: nothing to show but how far the build has come. */
export function preparingReport(done: number, total: number): InsightReport {
  return {
    ...buildInsightReport({ agreement: new Map(), offsets: [], completion: [], hours: [], questions: [] }),
    preparing: { done, total },
  };
}

export function buildInsightReport(input: InsightInput): InsightReport {
  const all = mergeTallies(input.agreement.values());
  // Tallies in one order whatever order the sums came in (the bootstrap's draws follow it): PostgreSQL and
  // SQLite return the ledger's rows in different orders.
  const competencies = [...input.agreement.entries()]
    .sort(([a], [b]) => byId(a, b))
    .map(([competencyId, unordered]) => {
      const tallies = mergeTallies([unordered]);
      return { competencyId, ...gate(unitsOf(tallies), () => alphaOf(tallies)), spread: spreadOf(tallies) };
    });
  const sigma = pooledSigma(input.offsets);
  const leniency = new Map(leniencyOf(input.offsets, { sigma }).map((l) => [l.raterId, l]));
  const completion = new Map(input.completion.map((c) => [c.raterId, c]));
  const hours = new Map(input.hours.map((h) => [h.raterId, h.bins]));
  const raters = [...new Set([...leniency.keys(), ...completion.keys(), ...hours.keys()])].sort(byId);
  const owed = input.completion.reduce((total, c) => total + c.expected, 0);
  const allBins = input.hours.flatMap((h) => h.bins);
  const scorecards = {
    completion: gate(
      owed,
      () =>
        wilson(
          input.completion.reduce((total, c) => total + c.submitted, 0),
          owed,
        ),
      MIN_SCORECARDS,
    ),
    hoursToSubmit: gate(
      allBins.reduce((total, b) => total + b.count, 0),
      () => medianOfCounts(allBins),
      MIN_SCORECARDS,
    ),
  };
  const interviewers = raters.map((raterId): InterviewerFigures => {
    const l = leniency.get(raterId);
    const c = completion.get(raterId);
    const bins = hours.get(raterId) ?? [];
    const submitted = bins.reduce((total, b) => total + b.count, 0);
    return {
      raterId,
      leniency: gate(l?.n ?? 0, () => l ?? null),
      completion: gate(c?.expected ?? 0, () => (c ? wilson(c.submitted, c.expected) : null), MIN_SCORECARDS),
      hoursToSubmit: gate(submitted, () => medianOfCounts(bins), MIN_SCORECARDS),
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
    preparing: null,
    agreement: { overall: { ...gate(unitsOf(all), () => alphaOf(all)), spread: spreadOf(all) }, competencies },
    scorecards,
    interviewers,
    questions,
  };
}
