import { seededRank } from './kit-planner.js';
import type { InterviewKind, Level } from './types.js';

/**
 * A tip as the bank describes it. The tags are optional: a tip without an audience is for interviewers, and one
 * without kinds or levels suits any interview.
 */
export interface TaggedTip {
  id: string;
  text: string;
  audience?: string | readonly string[] | null;
  kinds?: readonly string[] | null;
  levels?: readonly string[] | null;
}

export interface TipRequest {
  kind: InterviewKind;
  level: Level;
  /** The interview id (or another stable text), so one interview always shows the same tips. */
  seed: string;
  max?: number;
}

const asList = (value: string | readonly string[] | null | undefined): readonly string[] =>
  value == null ? [] : typeof value === 'string' ? [value] : value;

/**
 * At most three tips written for interviewers, the ones tagged for the interview's kind (and level) first.
 * Recruiting advice (audience without `interviewer`) is never shown in a kit.
 */
export function chooseTips<T extends TaggedTip>(tips: readonly T[], request: TipRequest): T[] {
  const max = request.max ?? 3;
  const scored = tips
    .filter((tip) => {
      const audience = asList(tip.audience);
      return audience.length === 0 || audience.includes('interviewer') || audience.includes('interviewers');
    })
    .map((tip) => {
      const kinds = asList(tip.kinds);
      const levels = asList(tip.levels);
      const kindFit = kinds.length === 0 ? 1 : kinds.includes(request.kind) || request.kind === 'mixed' ? 2 : 0;
      const levelFit = levels.length === 0 ? 1 : levels.includes(request.level) ? 2 : 0;
      return { tip, kindFit, levelFit, rank: seededRank(request.seed, tip.id) };
    })
    .filter((entry) => entry.kindFit > 0 && entry.levelFit > 0);
  scored.sort((a, b) => b.kindFit - a.kindFit || b.levelFit - a.levelFit || a.rank - b.rank);
  return scored.slice(0, max).map((entry) => entry.tip);
}

/** Recruiting and loop-design advice for the hiring lead when they schedule (never shown in a kit). */
export function hiringLeadTips<T extends TaggedTip>(tips: readonly T[]): T[] {
  return tips.filter((tip) => asList(tip.audience).includes('hiring-lead'));
}
