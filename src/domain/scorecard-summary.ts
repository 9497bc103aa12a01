import { type Rating, RECOMMENDATIONS, type Recommendation } from './types.js';

export interface ExpectedScorecard {
  interviewId: number;
  panelistId: string;
}

export interface SubmittedScorecard extends ExpectedScorecard {
  /** Competency id → 1..4, or null for "not observed". */
  ratings: Record<string, Rating | null>;
  /** The competencies that were the rater's own focus (they asked its questions). */
  focus: string[];
  recommendation: Recommendation;
  keyTakeaways: string;
  /** The round of the loop the interview belongs to (1, then one more per "another round"). */
  round: number;
  revision: number;
  submittedAt: Date;
}

/** One rater's rating of a competency: 1..4, or null when they did not observe it. */
export interface RaterRating {
  interviewId: number;
  panelistId: string;
  rating: Rating | null;
  /** The competency was the rater's own focus (they asked its questions). */
  own: boolean;
}

export interface CompetencySummary {
  competencyId: string;
  /** Every rating with its rater, "not observed" included, in panel order. */
  ratings: RaterRating[];
  mean: number;
  min: Rating;
  max: Rating;
  /** max − min of the real ratings. */
  spread: number;
  /** Real ratings (not "not observed"). */
  count: number;
  /** The panel disagrees: ratings 2 or more points apart. */
  disagreement: boolean;
}

export interface PanelistView {
  interviewId: number;
  panelistId: string;
  recommendation: Recommendation;
  keyTakeaways: string;
  round: number;
}

export interface PanelSummary {
  tally: Record<Recommendation, number>;
  competencies: CompetencySummary[];
  panelists: PanelistView[];
  /** The panel is split: a hire recommendation beside a no hire or worse. */
  split: boolean;
  missing: ExpectedScorecard[];
  complete: boolean;
}

const HIRE: readonly Recommendation[] = ['yes', 'strong_yes'];

/** A split recommendation: someone says (strong) hire while someone else says no hire or strong no hire. */
export function isSplit(recommendations: readonly Recommendation[]): boolean {
  return recommendations.some((r) => HIRE.includes(r)) && recommendations.some((r) => !HIRE.includes(r));
}

const key = (s: ExpectedScorecard) => `${s.interviewId}:${s.panelistId}`;
const byKey = (a: ExpectedScorecard, b: ExpectedScorecard) =>
  a.interviewId - b.interviewId || (a.panelistId < b.panelistId ? -1 : a.panelistId > b.panelistId ? 1 : 0);

/**
 * Aggregates a loop's submitted scorecards: pure and independent of submission order.
 * "Not observed" (null) never counts as a rating, but is listed with its rater.
 */
export function summarize(expected: ExpectedScorecard[], submitted: SubmittedScorecard[]): PanelSummary {
  const expectedKeys = new Set(expected.map(key));
  const cards = submitted.filter((s) => expectedKeys.has(key(s))).sort(byKey);
  const tally = Object.fromEntries(RECOMMENDATIONS.map((r) => [r, 0])) as Record<Recommendation, number>;
  const ratings = new Map<string, RaterRating[]>();
  for (const card of cards) {
    tally[card.recommendation] += 1;
    for (const [competency, rating] of Object.entries(card.ratings)) {
      const entry = {
        interviewId: card.interviewId,
        panelistId: card.panelistId,
        rating,
        own: card.focus.includes(competency),
      };
      ratings.set(competency, [...(ratings.get(competency) ?? []), entry]);
    }
  }
  const competencies = [...ratings.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap(([competencyId, entries]): CompetencySummary[] => {
      const values = entries.flatMap((e) => (e.rating === null ? [] : [e.rating]));
      // A competency nobody observed has no figures; its "not observed" entries still show who was asked.
      if (values.length === 0) return [];
      const min = Math.min(...values) as Rating;
      const max = Math.max(...values) as Rating;
      const sum = values.reduce((total, v) => total + v, 0);
      return [
        {
          competencyId,
          ratings: entries,
          mean: Math.round((sum / values.length) * 100) / 100,
          min,
          max,
          spread: max - min,
          count: values.length,
          disagreement: max - min >= 2,
        },
      ];
    });
  const submittedKeys = new Set(cards.map(key));
  const missing = expected.filter((e) => !submittedKeys.has(key(e))).sort(byKey);
  return {
    tally,
    competencies,
    panelists: cards.map(({ interviewId, panelistId, recommendation, keyTakeaways, round }) => ({
      interviewId,
      panelistId,
      recommendation,
      keyTakeaways,
      round,
    })),
    split: isSplit(cards.map((c) => c.recommendation)),
    missing,
    complete: expected.length > 0 && missing.length === 0,
  };
}

export interface Viewer {
  userId: string;
}

/**
 * The blind rule: the hiring lead sees every rating; a panelist sees others' ratings only after submitting
 * their own scorecard in this loop; anyone else (admins included) sees none.
 */
export function canSeeRatings(viewer: Viewer, hiringLeadId: string, submitted: ExpectedScorecard[]): boolean {
  if (viewer.userId === hiringLeadId) return true;
  return submitted.some((s) => s.panelistId === viewer.userId);
}

/** Ratings may be posted in the loop's channel only when every scorecard of the loop is in. */
export function channelMayShowRatings(expected: ExpectedScorecard[], submitted: ExpectedScorecard[]): boolean {
  const done = new Set(submitted.map(key));
  return expected.length > 0 && expected.every((e) => done.has(key(e)));
}
