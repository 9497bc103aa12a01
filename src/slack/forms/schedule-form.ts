import type { ScheduleDraft, ScheduleField } from '../../domain/schedule.js';
import { SCHEDULE } from '../ids.js';
import { conversationOf, dateTimeOf, optionOf, type StateValues, textOf, userOf, usersOf } from './state.js';

export function readScheduleForm(values: StateValues): ScheduleDraft {
  const duration = optionOf(values, SCHEDULE.duration);
  return {
    candidateName: textOf(values, SCHEDULE.candidate),
    role: optionOf(values, SCHEDULE.role),
    level: optionOf(values, SCHEDULE.level),
    kind: optionOf(values, SCHEDULE.kind),
    startEpoch: dateTimeOf(values, SCHEDULE.start),
    durationMinutes: duration === null ? null : Number(duration),
    panelists: [...new Set(usersOf(values, SCHEDULE.panelists))],
    hiringLeadId: userOf(values, SCHEDULE.lead),
    decisionChannelId: conversationOf(values, SCHEDULE.channel),
    notes: textOf(values, SCHEDULE.notes),
  };
}

/** Field → the block that shows its error. */
export const SCHEDULE_BLOCKS: Record<ScheduleField, string> = {
  candidate: SCHEDULE.candidate,
  role: SCHEDULE.role,
  level: SCHEDULE.level,
  kind: SCHEDULE.kind,
  start: SCHEDULE.start,
  duration: SCHEDULE.duration,
  panelists: SCHEDULE.panelists,
  lead: SCHEDULE.lead,
  channel: SCHEDULE.channel,
  notes: SCHEDULE.notes,
};
