import { parseDuration } from './command-parser.js';
import { isRoleId } from './roles.js';
import { type InterviewKind, isInterviewKind, isLevel, type Level } from './types.js';

export const MAX_PANELISTS = 8;
export const DURATIONS = [30, 45, 60, 75, 90, 120, 180, 240] as const;
export const MAX_CANDIDATE_NAME = 120;
export const MAX_NOTES = 2000;

export interface SchedulePrefill {
  candidateName: string | null;
  level: Level | null;
  kind: InterviewKind | null;
  minutes: number | null;
  panelists: string[];
  channel: string | null;
}

/**
 * Reads what may follow `/interview schedule`: level, kind, length, @mentions (panel), a #channel;
 * the other words are the candidate's name. E.g. `Ada Lovelace senior technical 60m @U1 @U2 #C9`.
 */
export function parseSchedulePrefill(text: string): SchedulePrefill {
  const prefill: SchedulePrefill = {
    candidateName: null,
    level: null,
    kind: null,
    minutes: null,
    panelists: [],
    channel: null,
  };
  const name: string[] = [];
  for (const token of text.split(/\s+/).filter(Boolean)) {
    const lower = token.toLowerCase();
    const minutes = parseDuration(lower);
    if (isLevel(lower)) prefill.level = lower;
    else if (isInterviewKind(lower)) prefill.kind = lower;
    else if (minutes !== null) prefill.minutes = minutes;
    else if (/^@[UW][A-Z0-9]+$/.test(token)) {
      if (!prefill.panelists.includes(token.slice(1))) prefill.panelists.push(token.slice(1));
    } else if (/^#[CG][A-Z0-9]+$/.test(token)) prefill.channel = token.slice(1);
    else name.push(token);
  }
  prefill.candidateName = name.length > 0 ? name.join(' ').slice(0, MAX_CANDIDATE_NAME) : null;
  return prefill;
}

export interface ScheduleRequest {
  candidateName: string;
  role: string;
  level: Level;
  kind: InterviewKind;
  startsAt: Date;
  durationMinutes: number;
  panelists: string[];
  hiringLeadId: string;
  decisionChannelId: string;
  notes: string | null;
}

/** Field → message, for inline errors in the modal. */
export type FieldErrors<K extends string = string> = Partial<Record<K, string>>;

export type ScheduleField =
  | 'candidate'
  | 'role'
  | 'level'
  | 'kind'
  | 'start'
  | 'duration'
  | 'panelists'
  | 'lead'
  | 'channel'
  | 'notes';

export interface ScheduleDraft {
  candidateName: string;
  role: string | null;
  level: string | null;
  kind: string | null;
  startEpoch: number | null;
  durationMinutes: number | null;
  panelists: string[];
  hiringLeadId: string | null;
  decisionChannelId: string | null;
  notes: string;
}

/** Slack ids as Slack sends them: a user (U…/W…), a public or private channel (C…/G…). */
const USER_ID = /^[UW][A-Z0-9]{2,20}$/;
const CHANNEL_ID = /^[CG][A-Z0-9]{2,20}$/;

/** Checks what needs no Slack look-up; `now` decides what is in the past. */
export function validateSchedule(
  draft: ScheduleDraft,
  now: Date,
): { ok: true; value: ScheduleRequest } | { ok: false; errors: FieldErrors<ScheduleField> } {
  const errors: FieldErrors<ScheduleField> = {};
  if (!draft.candidateName) errors.candidate = 'Enter the candidate’s name.';
  else if (draft.candidateName.length > MAX_CANDIDATE_NAME)
    errors.candidate = `Keep the name under ${MAX_CANDIDATE_NAME} characters.`;
  if (!draft.role) errors.role = 'Choose the role.';
  else if (!isRoleId(draft.role)) errors.role = 'That is not a role of the question bank: choose one from the list.';
  if (!draft.level || !isLevel(draft.level)) errors.level = 'Choose a level.';
  if (!draft.kind || !isInterviewKind(draft.kind)) errors.kind = 'Choose the kind of interview.';
  if (draft.startEpoch === null) errors.start = 'Choose the date and time.';
  else if (draft.startEpoch * 1000 <= now.getTime())
    errors.start = 'That time is in the past: choose a time from now on.';
  if (draft.durationMinutes === null || !(DURATIONS as readonly number[]).includes(draft.durationMinutes)) {
    errors.duration = 'Choose how long the interview is.';
  }
  if (draft.panelists.length === 0) errors.panelists = 'Add at least one panelist.';
  else if (!draft.panelists.every((id) => USER_ID.test(id))) {
    errors.panelists = 'Choose the panelists from the list: one of them is not a Slack user.';
  } else if (draft.panelists.length > MAX_PANELISTS) {
    errors.panelists = `A panel has at most ${MAX_PANELISTS} people; you chose ${draft.panelists.length}.`;
  }
  if (!draft.hiringLeadId) errors.lead = 'Choose the hiring lead.';
  else if (!USER_ID.test(draft.hiringLeadId)) errors.lead = 'Choose the hiring lead from the list.';
  if (!draft.decisionChannelId) errors.channel = 'Choose the channel for the decision thread.';
  else if (!CHANNEL_ID.test(draft.decisionChannelId)) errors.channel = 'Choose a channel, not a direct message.';
  if (draft.notes.length > MAX_NOTES)
    errors.notes = `Keep notes under ${MAX_NOTES} characters (${draft.notes.length} now).`;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      candidateName: draft.candidateName,
      role: draft.role ?? '',
      level: draft.level as Level,
      kind: draft.kind as InterviewKind,
      startsAt: new Date((draft.startEpoch ?? 0) * 1000),
      durationMinutes: draft.durationMinutes ?? 0,
      panelists: draft.panelists,
      hiringLeadId: draft.hiringLeadId ?? '',
      decisionChannelId: draft.decisionChannelId ?? '',
      notes: draft.notes || null,
    },
  };
}
