export const LEVELS = ['junior', 'mid', 'senior', 'lead'] as const;
export type Level = (typeof LEVELS)[number];

export const QUESTION_KINDS = ['technical', 'behavioral', 'situational', 'soft-skills', 'general'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const INTERVIEW_KINDS = [...QUESTION_KINDS, 'mixed'] as const;
export type InterviewKind = (typeof INTERVIEW_KINDS)[number];

/**
 * What a question asks the candidate for (SPEC §4.8): to recall a fact or definition, to state a preference, to
 * describe how they go about something, to weigh trade-offs, or to give evidence from their own work.
 */
export const QUESTION_STYLES = ['recall', 'preference', 'approach', 'judgement', 'experience'] as const;
export type QuestionStyle = (typeof QUESTION_STYLES)[number];

/** Who a tip is for: the panelist running the interview, or the hiring lead designing the loop. */
export const TIP_AUDIENCES = ['interviewer', 'hiring-lead'] as const;
export type TipAudience = (typeof TIP_AUDIENCES)[number];

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
  /** What the question asks for; null for a question nobody has marked yet (custom ones added in Slack). */
  style: QuestionStyle | null;
}

/** A role questions can be written for; a custom role slug without an entry still works (see roleName). */
export interface Role {
  id: string;
  name: string;
  description: string;
}

export interface InterviewerTip {
  id: string;
  text: string;
  source: string;
  audience: TipAudience;
  /** Interview kinds the tip suits; empty means any. */
  kinds: QuestionKind[];
  /** Levels the tip suits; empty means any. */
  levels: Level[];
}

export interface Bank {
  competencies: Competency[];
  questions: Question[];
  tips: InterviewerTip[];
  roles: Role[];
}

const questionMaps = new WeakMap<readonly Question[], ReadonlyMap<string, Question>>();

/**
 * The bank's questions by id. The bank is read once and kept until it changes, so the map is built once per bank
 * rather than on every scorecard or kit (hundreds of questions each time).
 */
export function questionsById(bank: Pick<Bank, 'questions'>): ReadonlyMap<string, Question> {
  let byId = questionMaps.get(bank.questions);
  if (!byId) {
    byId = new Map(bank.questions.map((q) => [q.id, q]));
    questionMaps.set(bank.questions, byId);
  }
  return byId;
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
