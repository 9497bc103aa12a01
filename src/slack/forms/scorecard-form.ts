import type { ScorecardDraft } from '../../domain/scorecard.js';
import { SCORECARD } from '../ids.js';
import { optionOf, type StateValues, textOf } from './state.js';

/** Reads the scorecard modal: every rating and note block present in the state, plus takeaways and recommendation. */
export function readScorecardForm(values: StateValues): ScorecardDraft {
  const ratings: Record<string, string | null> = {};
  const notes: Record<string, string> = {};
  for (const blockId of Object.keys(values)) {
    if (blockId.startsWith(SCORECARD.ratingPrefix))
      ratings[blockId.slice(SCORECARD.ratingPrefix.length)] = optionOf(values, blockId);
    else if (blockId.startsWith(SCORECARD.notePrefix))
      notes[blockId.slice(SCORECARD.notePrefix.length)] = textOf(values, blockId);
  }
  return {
    ratings,
    notes,
    keyTakeaways: textOf(values, SCORECARD.takeaways),
    recommendation: optionOf(values, SCORECARD.recommendation),
  };
}
