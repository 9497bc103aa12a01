export const LEVELS = ['junior', 'mid', 'senior', 'lead'] as const;
export type Level = (typeof LEVELS)[number];

export const QUESTION_KINDS = ['technical', 'behavioral', 'situational', 'soft-skills', 'general'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const INTERVIEW_KINDS = [...QUESTION_KINDS, 'mixed'] as const;
export type InterviewKind = (typeof INTERVIEW_KINDS)[number];

export const RECOMMENDATIONS = ['strong_no', 'no', 'yes', 'strong_yes'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

export const DECISIONS = ['hire', 'no_hire', 'another_round'] as const;
export type DecisionOutcome = (typeof DECISIONS)[number];

export const DECISION_LABELS: Record<DecisionOutcome, string> = {
  hire: 'Hire',
  no_hire: 'No hire',
  another_round: 'Another round',
};

export type Rating = 1 | 2 | 3 | 4;

export interface Rubric {
  1: string;
  2: string;
  3: string;
  4: string;
}

export interface Competency {
  id: string;
  name: string;
  description: string;
  /** The interview kinds whose questions assess this competency. */
  kinds: QuestionKind[];
  rubric: Rubric;
}

export interface Question {
  id: string;
  text: string;
  /** Empty means any role. */
  roles: string[];
  kind: QuestionKind;
  competencies: string[];
  levels: Level[];
  minutes: number;
  guidance: string;
  strongAnswer: string | null;
  redFlags: string[];
  followUps: string[];
  /** Seed file name, or 'custom'. */
  source: string;
  sensitive: boolean;
  active: boolean;
}

export interface InterviewerTip {
  id: string;
  text: string;
  source: string;
}

export interface Bank {
  competencies: Competency[];
  questions: Question[];
  tips: InterviewerTip[];
}

export type Result<T, E = UserError> = { ok: true; value: T } | { ok: false; error: E };

export interface UserError {
  code: string;
  message: string;
}

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = (code: string, message: string): Result<never> => ({ ok: false, error: { code, message } });

export function isLevel(value: string): value is Level {
  return (LEVELS as readonly string[]).includes(value);
}

export function isInterviewKind(value: string): value is InterviewKind {
  return (INTERVIEW_KINDS as readonly string[]).includes(value);
}
