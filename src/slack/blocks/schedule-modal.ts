import type { View } from '@slack/types';
import { kindName, levelName } from '../../domain/labels.js';
import { escapeMrkdwn } from '../../domain/mrkdwn.js';
import type { RoleChoice } from '../../domain/roles.js';
import {
  DURATIONS,
  MAX_CANDIDATE_NAME,
  MAX_NOTES,
  MAX_PANELISTS,
  type SchedulePrefill,
} from '../../domain/schedule.js';
import { INTERVIEW_KINDS, LEVELS } from '../../domain/types.js';
import { CALLBACK, SCHEDULE } from '../ids.js';
import {
  channelInput,
  dateTimeInput,
  externalSelectInput,
  option,
  plain,
  selectInput,
  textInput,
  userInput,
  usersInput,
} from './inputs.js';
import { context, LIMITS } from './text.js';

export interface ScheduleModalInput {
  prefill: SchedulePrefill;
  /** Every role one can schedule for, by name; past 100 the select searches them instead of listing them. */
  roles: RoleChoice[];
  defaultRole: string;
  requesterId: string;
  defaultChannel: string | null;
  /** Suggested start, epoch seconds (e.g. tomorrow 10:00 in the requester's zone). */
  suggestedStart: number;
  /** Where the command was typed, to tell the requester afterwards. */
  privateMetadata: string;
  /** Recruiting and loop-design advice from the bank, for the person scheduling (never in a panelist's kit). */
  tips: string[];
}

function roleInput(roles: RoleChoice[], initial: string) {
  const options = roles.map((r) => option(r.id, r.name));
  if (options.length <= LIMITS.selectOptions)
    return selectInput({ id: SCHEDULE.role, label: 'Role', options, initial });
  const chosen = options.find((o) => o.value === initial);
  return externalSelectInput({
    id: SCHEDULE.role,
    label: 'Role',
    hint: `${roles.length} roles: type part of the name to find one.`,
    placeholder: 'Search roles',
    ...(chosen ? { initial: chosen } : {}),
  });
}

export function scheduleModal(input: ScheduleModalInput): View {
  const { prefill } = input;
  return {
    type: 'modal',
    callback_id: CALLBACK.schedule,
    private_metadata: input.privateMetadata,
    title: plain('Schedule an interview'),
    submit: plain('Schedule'),
    close: plain('Cancel'),
    blocks: [
      textInput({
        id: SCHEDULE.candidate,
        label: 'Candidate',
        maxLength: MAX_CANDIDATE_NAME,
        placeholder: 'Full name',
        ...(prefill.candidateName ? { initial: prefill.candidateName } : {}),
      }),
      roleInput(input.roles, input.defaultRole),
      selectInput({
        id: SCHEDULE.level,
        label: 'Level',
        options: LEVELS.map((l) => option(l, levelName(l))),
        initial: prefill.level ?? 'mid',
      }),
      selectInput({
        id: SCHEDULE.kind,
        label: 'Interview kind',
        options: INTERVIEW_KINDS.map((k) => option(k, kindName(k))),
        initial: prefill.kind ?? 'technical',
      }),
      dateTimeInput({ id: SCHEDULE.start, label: 'Starts', hint: 'In your time zone.', initial: input.suggestedStart }),
      selectInput({
        id: SCHEDULE.duration,
        label: 'Length',
        options: DURATIONS.map((d) =>
          option(String(d), d < 60 || d % 60 ? `${d} minutes` : `${d / 60} hour${d > 60 ? 's' : ''}`),
        ),
        initial: String(
          prefill.minutes && (DURATIONS as readonly number[]).includes(prefill.minutes) ? prefill.minutes : 60,
        ),
      }),
      usersInput({
        id: SCHEDULE.panelists,
        label: 'Panel',
        hint: `1 to ${MAX_PANELISTS} interviewers; each gets their own part of the question kit.`,
        max: MAX_PANELISTS,
        initial: prefill.panelists.slice(0, MAX_PANELISTS),
      }),
      userInput({ id: SCHEDULE.lead, label: 'Hiring lead', initial: input.requesterId }),
      channelInput({
        id: SCHEDULE.channel,
        label: 'Decision channel',
        hint: 'The decision thread is posted here; invite the app to the channel first.',
        initial: prefill.channel ?? input.defaultChannel,
      }),
      textInput({
        id: SCHEDULE.notes,
        label: 'Notes for the panel',
        optional: true,
        multiline: true,
        maxLength: MAX_NOTES,
      }),
      ...(input.tips.length > 0
        ? [
            context(
              `*Before you schedule* ${input.tips.map((t) => `• ${escapeMrkdwn(t.replace(/\s+/g, ' '))}`).join('  ')}`,
            ),
          ]
        : []),
    ],
  };
}
