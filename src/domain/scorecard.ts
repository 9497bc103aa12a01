import type { KitItemRecord, Panelist } from './loop.js';
import { type Bank, questionsById, type Rating, RECOMMENDATIONS, type Recommendation } from './types.js';

/** The form value of "not observed" (kept from when it read "not assessed", so stored drafts still restore). */
export const NOT_OBSERVED = 'not_assessed';
export const MAX_TAKEAWAYS = 3000;
export const MAX_NOTE = 3000;

export const RATING_LABELS: Record<Rating, string> = { 1: 'Strong no', 2: 'No', 3: 'Yes', 4: 'Strong yes' };
export const RECOMMENDATION_LABELS: Record<Recommendation, string> = {
  strong_no: 'Strong no hire',
  no: 'No hire',
  yes: 'Hire',
  strong_yes: 'Strong hire',
};
/** The one order ratings and recommendations are shown in everywhere: the strongest yes first. */
export const RATINGS_BEST_FIRST: readonly Rating[] = [4, 3, 2, 1];
export const RECOMMENDATIONS_BEST_FIRST: readonly Recommendation[] = [...RECOMMENDATIONS].reverse();

export interface ScorecardContent {
  /** Competency id → 1..4, or null for "not observed". */
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

/** What a panelist's scorecard asks for: every competency the interview probed, and a note per question. */
export interface ScorecardFields {
  /** The panelist's own focus first (they asked its questions), then the rest the interview probed. */
  competencies: { id: string; own: boolean }[];
  /** The panelist's own questions first, then the other panelists' in panel order. */
  questions: { questionId: string; askedBy: string; own: boolean }[];
}

/**
 * Everyone on the panel hears every answer, so each panelist rates every competency the interview's questions
 * probed (SPEC §5), not only the ones their own questions were picked for.
 */
export function scorecardFields(
  bank: Pick<Bank, 'questions'>,
  panel: Pick<Panelist, 'userId' | 'position'>[],
  items: Pick<KitItemRecord, 'panelistId' | 'questionId' | 'competencyId' | 'position'>[],
  panelistId: string,
): ScorecardFields {
  const seat = new Map(panel.map((p) => [p.userId, p.position]));
  const ordered = [...items].sort(
    (a, b) =>
      Number(b.panelistId === panelistId) - Number(a.panelistId === panelistId) ||
      (seat.get(a.panelistId) ?? 99) - (seat.get(b.panelistId) ?? 99) ||
      a.position - b.position,
  );
  const byId = questionsById(bank);
  const competencies: ScorecardFields['competencies'] = [];
  for (const item of ordered) {
    const own = item.panelistId === panelistId;
    for (const id of [item.competencyId, ...(byId.get(item.questionId)?.competencies ?? [])]) {
      const known = competencies.find((c) => c.id === id);
      if (!known) competencies.push({ id, own });
      else if (own) known.own = true;
    }
  }
  const seen = new Set<string>();
  const questions = ordered.flatMap((item) => {
    if (seen.has(item.questionId)) return [];
    seen.add(item.questionId);
    return [{ questionId: item.questionId, askedBy: item.panelistId, own: item.panelistId === panelistId }];
  });
  return {
    competencies: [...competencies.filter((c) => c.own), ...competencies.filter((c) => !c.own)],
    questions,
  };
}

export function isRecommendation(value: string | null): value is Recommendation {
  return value !== null && (RECOMMENDATIONS as readonly string[]).includes(value);
}

/**
 * Checks a submitted form: a rating (or "not observed") for every competency to rate, takeaways, a
 * recommendation. Notes count only for the interview's questions. Errors name the field.
 */
export function validateScorecard(
  draft: ScorecardDraft,
  toRate: readonly string[],
  questionIds: ReadonlySet<string>,
): { ok: true; value: ScorecardContent } | { ok: false; errors: ScorecardErrors } {
  const errors: ScorecardErrors = { ratings: {} };
  const ratings: Record<string, Rating | null> = {};
  for (const competency of toRate) {
    const raw = draft.ratings[competency] ?? null;
    if (raw === NOT_OBSERVED) ratings[competency] = null;
    else if (raw === '1' || raw === '2' || raw === '3' || raw === '4') ratings[competency] = Number(raw) as Rating;
    else errors.ratings[competency] = 'Choose a rating, or “Not observed” if the interview showed you nothing of it.';
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
    if (!questionIds.has(question)) continue;
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
      Object.entries(content.ratings).map(([c, r]) => [c, r === null ? NOT_OBSERVED : String(r)]),
    ),
    notes: content.notes,
    keyTakeaways: content.keyTakeaways,
    recommendation: content.recommendation,
  };
}

/**
 * What a paged form holds: the fields of the page on screen (`shown`) over what was kept from the other pages.
 * Takeaways and the recommendation live on the first page only; `shownPage0` says whether they were on screen.
 */
export function mergeDraft(kept: ScorecardDraft | null, shown: ScorecardDraft, shownPage0: boolean): ScorecardDraft {
  if (!kept) return shown;
  return {
    ratings: { ...kept.ratings, ...shown.ratings },
    notes: { ...kept.notes, ...shown.notes },
    keyTakeaways: shownPage0 ? shown.keyTakeaways : kept.keyTakeaways,
    recommendation: shownPage0 ? shown.recommendation : kept.recommendation,
  };
}
