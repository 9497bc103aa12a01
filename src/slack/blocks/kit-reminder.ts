import type { KnownBlock } from '@slack/types';
import { roleLine } from '../../domain/labels.js';
import { candidateLabel, type Interview, type KitItemRecord, type Loop } from '../../domain/loop.js';
import { escapeMrkdwn } from '../../domain/mrkdwn.js';
import { interviewRunningOrder, minuteMark } from '../../domain/running-order.js';
import { type Bank, questionsById } from '../../domain/types.js';
import { ACTION } from '../ids.js';
import { context, section } from './text.js';

export interface KitReminderData {
  bank: Bank;
  loop: Loop;
  interview: Interview;
  items: KitItemRecord[];
  panelistId: string;
  /** Slack date markup for the start time. */
  when: string;
  allowanceMinutes: number;
}

/** The DM shortly before an interview: when, the reader's part in the running order, and a button to take notes. */
export function kitReminderBlocks(data: KitReminderData): KnownBlock[] {
  const { bank, loop, interview, panelistId } = data;
  const questions = questionsById(bank);
  const slots = interviewRunningOrder(bank, interview, data.items, data.allowanceMinutes);
  const mine = slots.filter((s) => s.panelistId === panelistId);
  const lines = mine.map((s) => {
    const mark = `\`${minuteMark(s.start)}\``;
    if (s.kind === 'opening') return `${mark} Opening: introductions and the plan`;
    if (s.kind === 'close') return `${mark} Close: the candidate's questions, next steps`;
    return `${mark} *${s.number}. ${escapeMrkdwn(questions.get(s.questionId)?.text ?? s.questionId)}* (${s.minutes} min)`;
  });
  const panel = interview.panelists.length;
  return [
    section(
      `:alarm_clock: *Your interview with ${escapeMrkdwn(candidateLabel(loop))} starts ${data.when}*\n${escapeMrkdwn(roleLine(loop.role, loop.level, interview.kind))} · interview #${interview.id} · ${interview.durationMinutes} min${panel > 1 ? ` · panel of ${panel}` : ''}`,
    ),
    section(
      lines.length > 0
        ? `*Your part*\n${lines.join('\n')}`
        : 'No questions are planned for you: listen, and rate what you observe.',
    ),
    {
      type: 'actions',
      block_id: 'kit_reminder',
      elements: [
        {
          type: 'button',
          action_id: ACTION.openScorecard,
          value: String(interview.id),
          style: 'primary',
          text: { type: 'plain_text', text: 'Take notes' },
        },
        {
          type: 'button',
          action_id: ACTION.openKitGuidance,
          value: `interview:${interview.id}`,
          text: { type: 'plain_text', text: 'Guidance and rubric' },
        },
      ],
    },
    context('Notes you take are kept as your scorecard draft: close the form at any time, submit after the interview.'),
  ];
}
