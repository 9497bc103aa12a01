import { type Rating, RECOMMENDATIONS, type Recommendation } from './types.js';

export const NOT_ASSESSED = 'not_assessed';
export const MAX_TAKEAWAYS = 3000;
export const MAX_NOTE = 3000;

export const RATING_LABELS: Record<Rating, string> = { 1: 'Strong no', 2: 'No', 3: 'Yes', 4: 'Strong yes' };
export const RECOMMENDATION_LABELS: Record<Recommendation, string> = {
  strong_no: 'Strong no hire',
  no: 'No hire',
  yes: 'Hire',
  strong_yes: 'Strong hire',
};

export interface ScorecardContent {
  /** Competency id → 1..4, or null for "not assessed". */
  ratings: Record<string, Rating | null>;
  /** Question id → note. */
  notes: Record<string, string>;
  keyTakeaways: string;
  recommendation: Recommendation;
}

export interface Scorecard extends ScorecardContent {
  id: number;
  interviewId: number;
  panelistId: string;
  status: 'draft' | 'submitted';
  revision: number;
  submittedAt: Date | null;
}

export interface ScorecardDraft {
  ratings: Record<string, string | null>;
  notes: Record<string, string>;
  keyTakeaways: string;
  recommendation: string | null;
}

export type ScorecardErrors = {
  ratings: Record<string, string>;
  notes?: Record<string, string>;
  keyTakeaways?: string;
  recommendation?: string;
};

export function isRecommendation(value: string | null): value is Recommendation {
  return value !== null && (RECOMMENDATIONS as readonly string[]).includes(value);
}

/** Checks a submitted form against the panelist's focus competencies; errors name the field. */
export function validateScorecard(
  draft: ScorecardDraft,
  focus: string[],
): { ok: true; value: ScorecardContent } | { ok: false; errors: ScorecardErrors } {
  const errors: ScorecardErrors = { ratings: {} };
  const ratings: Record<string, Rating | null> = {};
  for (const competency of focus) {
    const raw = draft.ratings[competency] ?? null;
    if (raw === NOT_ASSESSED) ratings[competency] = null;
    else if (raw === '1' || raw === '2' || raw === '3' || raw === '4') ratings[competency] = Number(raw) as Rating;
    else errors.ratings[competency] = 'Choose a rating, or “Not assessed” if the interview did not cover it.';
  }
  const keyTakeaways = draft.keyTakeaways.trim();
  if (!keyTakeaways) errors.keyTakeaways = 'Write your key takeaways: what the hiring lead should know.';
  else if (keyTakeaways.length > MAX_TAKEAWAYS) {
    errors.keyTakeaways = `Keep key takeaways under ${MAX_TAKEAWAYS} characters (${keyTakeaways.length} now); put details in the notes.`;
  }
  if (!isRecommendation(draft.recommendation)) errors.recommendation = 'Choose your overall recommendation.';
  const notes: Record<string, string> = {};
  const noteErrors: Record<string, string> = {};
  for (const [question, note] of Object.entries(draft.notes)) {
    const text = note.trim();
    if (text.length > MAX_NOTE)
      noteErrors[question] = `Keep each note under ${MAX_NOTE} characters (${text.length} now).`;
    else if (text) notes[question] = text;
  }
  if (Object.keys(noteErrors).length > 0) errors.notes = noteErrors;
  if (Object.keys(errors.ratings).length > 0 || errors.notes || errors.keyTakeaways || errors.recommendation) {
    return { ok: false, errors };
  }
  return { ok: true, value: { ratings, notes, keyTakeaways, recommendation: draft.recommendation as Recommendation } };
}

/** A submitted scorecard as the form's initial values. */
export function contentToDraft(content: ScorecardContent): ScorecardDraft {
  return {
    ratings: Object.fromEntries(
      Object.entries(content.ratings).map(([c, r]) => [c, r === null ? NOT_ASSESSED : String(r)]),
    ),
    notes: content.notes,
    keyTakeaways: content.keyTakeaways,
    recommendation: content.recommendation,
  };
}
