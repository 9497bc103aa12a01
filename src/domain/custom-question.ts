import { uniqueQuestionId } from './bank-search.js';
import { isRoleId, MAX_ROLE_LENGTH } from './roles.js';
import type { FieldErrors } from './schedule.js';
import { type Bank, isLevel, type Level, QUESTION_KINDS, type Question, type QuestionKind } from './types.js';

export type CustomQuestionField =
  | 'text'
  | 'kind'
  | 'competencies'
  | 'levels'
  | 'minutes'
  | 'guidance'
  | 'strongAnswer'
  | 'redFlags'
  | 'roles';

/** The bank file format's limits (src/bank/schema.ts), so a question added in Slack exports and imports cleanly. */
/** Roles one question may name. */
const MAX_QUESTION_ROLES = 10;

export const CUSTOM_LIMITS = { text: 500, guidance: 1200, strongAnswer: 1200, redFlags: 900 } as const;

const tooLong = (what: string, value: string, max: number) =>
  value.length > max ? `Keep the ${what} under ${max} characters (${value.length} now).` : undefined;

export interface CustomQuestionDraft {
  text: string;
  kind: string | null;
  competencies: string[];
  levels: string[];
  minutes: number | null;
  guidance: string;
  strongAnswer: string;
  redFlags: string;
  roles: string;
}

/** A question typed in Slack, checked against the bank; errors are per field for the modal. */
export function validateCustomQuestion(
  draft: CustomQuestionDraft,
  bank: Bank,
): { ok: true; value: Question } | { ok: false; errors: FieldErrors<CustomQuestionField> } {
  const errors: FieldErrors<CustomQuestionField> = {};
  if (draft.text.length < 10) errors.text = 'Write the question as you would ask it (at least 10 characters).';
  const kind = QUESTION_KINDS.find((k) => k === draft.kind);
  if (!kind) errors.kind = 'Choose the kind.';
  const byId = new Map(bank.competencies.map((c) => [c.id, c]));
  if (draft.competencies.length === 0) errors.competencies = 'Choose at least one competency.';
  else if (kind) {
    const wrong = draft.competencies.filter((c) => !byId.get(c)?.kinds.includes(kind));
    if (wrong.length > 0) {
      errors.competencies = `${wrong.map((c) => byId.get(c)?.name ?? c).join(', ')} is not assessed in ${kind} interviews: choose competencies of that kind.`;
    }
  }
  const levels = draft.levels.filter(isLevel);
  if (levels.length === 0) errors.levels = 'Choose at least one level.';
  if (draft.minutes === null || draft.minutes < 1 || draft.minutes > 60) errors.minutes = 'Choose how long it takes.';
  if (draft.guidance.length < 20)
    errors.guidance = 'Tell the interviewer what the question reveals (at least 20 characters).';
  const lengths = [
    ['text', 'question'],
    ['guidance', 'guidance'],
    ['strongAnswer', 'strong answer'],
    ['redFlags', 'red flags'],
  ] as const;
  for (const [field, what] of lengths) {
    const message = tooLong(what, draft[field], CUSTOM_LIMITS[field]);
    if (message && !errors[field]) errors[field] = message;
  }
  const roles = draft.roles
    .split(',')
    .map((r) => r.trim().toLowerCase())
    .filter(Boolean);
  const badRole = roles.find((r) => !isRoleId(r));
  if (badRole && badRole.length > MAX_ROLE_LENGTH)
    errors.roles = `Keep each role id under ${MAX_ROLE_LENGTH + 1} characters (one has ${badRole.length}).`;
  else if (badRole)
    errors.roles = `"${badRole}" is not a role id: use lowercase words joined by dashes, e.g. backend-developer.`;
  else if (roles.length > MAX_QUESTION_ROLES) errors.roles = `Give at most ${MAX_QUESTION_ROLES} roles.`;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const taken = new Set(bank.questions.map((q) => q.id));
  return {
    ok: true,
    value: {
      id: uniqueQuestionId(draft.text, taken),
      text: draft.text,
      roles,
      kind: kind as QuestionKind,
      competencies: draft.competencies,
      levels: levels as Level[],
      minutes: draft.minutes ?? 0,
      guidance: draft.guidance,
      strongAnswer: draft.strongAnswer || null,
      redFlags: draft.redFlags
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
      followUps: [],
      source: 'custom',
      sensitive: false,
      active: true,
      style: null,
    },
  };
}
