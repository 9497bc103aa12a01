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

export interface CompetencySummary {
  competencyId: string;
  mean: number;
  min: Rating;
  max: Rating;
  count: number;
  /** The panel disagrees: ratings 2 or more points apart. */
  disagreement: boolean;
}

export interface PanelSummary {
  tally: Record<Recommendation, number>;
  competencies: CompetencySummary[];
  panelists: { interviewId: number; panelistId: string; recommendation: Recommendation; keyTakeaways: string }[];
  missing: ExpectedScorecard[];
  complete: boolean;
}

const key = (s: ExpectedScorecard) => `${s.interviewId}:${s.panelistId}`;
const byKey = (a: ExpectedScorecard, b: ExpectedScorecard) =>
  a.interviewId - b.interviewId || (a.panelistId < b.panelistId ? -1 : a.panelistId > b.panelistId ? 1 : 0);

/**
 * Aggregates a loop's submitted scorecards: pure and independent of submission order.
 * "Not assessed" (null) never counts as a rating.
 */
export function summarize(expected: ExpectedScorecard[], submitted: SubmittedScorecard[]): PanelSummary {
  const expectedKeys = new Set(expected.map(key));
  const cards = submitted.filter((s) => expectedKeys.has(key(s))).sort(byKey);
  const tally = Object.fromEntries(RECOMMENDATIONS.map((r) => [r, 0])) as Record<Recommendation, number>;
  const ratings = new Map<string, Rating[]>();
  for (const card of cards) {
    tally[card.recommendation] += 1;
    for (const [competency, rating] of Object.entries(card.ratings)) {
      if (rating === null) continue;
      ratings.set(competency, [...(ratings.get(competency) ?? []), rating]);
    }
  }
  const competencies = [...ratings.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([competencyId, values]): CompetencySummary => {
      const min = Math.min(...values) as Rating;
      const max = Math.max(...values) as Rating;
      const sum = values.reduce((total, v) => total + v, 0);
      return {
        competencyId,
        mean: Math.round((sum / values.length) * 100) / 100,
        min,
        max,
        count: values.length,
        disagreement: max - min >= 2,
      };
    });
  const submittedKeys = new Set(cards.map(key));
  const missing = expected.filter((e) => !submittedKeys.has(key(e))).sort(byKey);
  return {
    tally,
    competencies,
    panelists: cards.map(({ interviewId, panelistId, recommendation, keyTakeaways }) => ({
      interviewId,
      panelistId,
      recommendation,
      keyTakeaways,
    })),
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
