import type { KnownBlock } from '@slack/types';
import type { LoopState } from '../services/loop-summary.js';
import { summaryBlocks } from './blocks/summary.js';

/** The summary as a given viewer may see it (the blind rule decides `showRatings`). */
export function summaryFor(state: LoopState, showRatings: boolean, isLead: boolean): KnownBlock[] {
  return summaryBlocks({
    loop: state.loop,
    summary: state.summary,
    competencyNames: state.competencyNames,
    decisions: state.decisions,
    showRatings,
    decisionButtons: isLead,
    progress: { submitted: state.expected.length - state.summary.missing.length, expected: state.expected.length },
  });
}
