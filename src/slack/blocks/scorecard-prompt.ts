import type { KnownBlock } from '@slack/types';
import { roleLine } from '../../domain/labels.js';
import { candidateLabel, type Interview, type Loop } from '../../domain/loop.js';
import { escapeMrkdwn } from '../../domain/mrkdwn.js';
import { ACTION } from '../ids.js';
import { plain } from './inputs.js';
import { section } from './text.js';

export interface PromptData {
  loop: Loop;
  interview: Interview;
  when: string;
  submittedRevision: number | null;
  kind: 'prompt' | 'reminder';
  /** The panelist said they did not take part. */
  declined?: boolean;
}

function withButton(text: string, label: string, interviewId: number): KnownBlock {
  const block = section(text);
  if (block.type === 'section') {
    block.accessory = {
      type: 'button',
      action_id: ACTION.openScorecard,
      value: String(interviewId),
      text: plain(label),
      style: 'primary',
    };
  }
  return block;
}

/** The DM that asks for a scorecard after the interview (and shows it done once submitted). */
export function scorecardPromptBlocks(data: PromptData): KnownBlock[] {
  const { loop, interview } = data;
  const who = `*${escapeMrkdwn(candidateLabel(loop))}* · ${escapeMrkdwn(roleLine(loop.role, loop.level, interview.kind))} · interview #${interview.id}, ${data.when}`;
  if (interview.status === 'cancelled')
    return [section(`${who}\nThis interview was cancelled: no scorecard is needed.`)];
  if (data.declined && data.submittedRevision === null)
    return [section(`:information_source: You said you did not take part: no scorecard is needed.\n${who}`)];
  if (data.submittedRevision !== null) {
    const edited = data.submittedRevision > 1 ? ` (revision ${data.submittedRevision})` : '';
    return [
      withButton(`:white_check_mark: You submitted your scorecard${edited}.\n${who}`, 'Edit scorecard', interview.id),
    ];
  }
  const lead =
    data.kind === 'reminder'
      ? ':alarm_clock: *Reminder:* your scorecard is still missing; the hiring lead is waiting for it.'
      : ':memo: *Time for your scorecard*, while the interview is fresh.';
  return [
    withButton(`${lead}\n${who}`, 'Open scorecard', interview.id),
    {
      type: 'actions',
      block_id: 'prompt_decline',
      elements: [
        {
          type: 'button',
          action_id: ACTION.declineInterview,
          value: String(interview.id),
          text: plain('I did not take part'),
        },
      ],
    },
  ];
}

/** The DM to the hiring lead about late scorecards, with a Nudge button per late panelist. */
export function escalationBlocks(loop: Loop, interview: Interview, late: string[], when: string): KnownBlock[] {
  const blocks: KnownBlock[] = [section(escalationText(loop, interview, late, when))];
  if (interview.status === 'cancelled') return blocks;
  for (const userId of late.slice(0, 8)) {
    const block = section(`<@${userId}> has not sent their scorecard.`);
    if (block.type === 'section')
      block.accessory = {
        type: 'button',
        action_id: ACTION.nudgePanelist,
        value: `${interview.id}:${userId}`,
        text: plain('Nudge'),
      };
    blocks.push(block);
  }
  return blocks;
}

/** The DM to the hiring lead about late scorecards; when edited later, it says what became of them. */
export function escalationText(loop: Loop, interview: Interview, late: string[], when: string): string {
  const candidate = `*${escapeMrkdwn(candidateLabel(loop))}*`;
  if (interview.status === 'cancelled')
    return `:hourglass: Interview #${interview.id} with ${candidate} (${when}) was cancelled: no scorecards are owed.`;
  if (late.length === 0)
    return `:white_check_mark: The late scorecards for ${candidate} (interview #${interview.id}, ${when}) are in now.`;
  return `:hourglass: Scorecards for ${candidate} (interview #${interview.id}, ${when}) are late: ${late.map((id) => `<@${id}>`).join(', ')}. *Nudge* reminds one of them once more.`;
}
