import { RECOMMENDATION_LABELS, type ScorecardContent } from './scorecard.js';
import type { Rating } from './types.js';

const rating = (r: Rating | null | undefined) => (r === null || r === undefined ? 'not observed' : String(r));

/**
 * What an edit changed, in words for the decision thread once the summary is out (ratings may be shown there):
 * the recommendation, each rating, and whether the takeaways or notes were rewritten. Empty when nothing did.
 */
export function describeChanges(
  before: ScorecardContent,
  after: ScorecardContent,
  competencyName: (id: string) => string,
): string[] {
  const changes: string[] = [];
  if (before.recommendation !== after.recommendation) {
    changes.push(
      `changed their recommendation from ${RECOMMENDATION_LABELS[before.recommendation]} to ${RECOMMENDATION_LABELS[after.recommendation]}`,
    );
  }
  const ids = [...new Set([...Object.keys(before.ratings), ...Object.keys(after.ratings)])].sort();
  const moved = ids
    .filter((id) => (before.ratings[id] ?? null) !== (after.ratings[id] ?? null))
    .map((id) => `${competencyName(id)} ${rating(before.ratings[id])} → ${rating(after.ratings[id])}`);
  if (moved.length > 0) changes.push(`changed ${moved.length === 1 ? 'a rating' : 'ratings'}: ${moved.join(', ')}`);
  if (before.keyTakeaways !== after.keyTakeaways) changes.push('rewrote their key takeaways');
  const notes = (c: ScorecardContent) => JSON.stringify(Object.entries(c.notes).sort());
  if (notes(before) !== notes(after)) changes.push('edited their notes');
  return changes;
}
