import type { KnownBlock } from '@slack/types';
import { listenFor } from '../../domain/listen-for.js';
import { escapeMrkdwn } from '../../domain/mrkdwn.js';
import { minuteMark, type RunningSlot } from '../../domain/running-order.js';
import type { TaggedTip } from '../../domain/tips.js';
import type { Level, Question } from '../../domain/types.js';
import { ACTION } from '../ids.js';
import { clip, context, section } from './text.js';

// The pieces every kit shares: a question as the panelist reads it live, the running order, the tips and the
// button that opens the full guidance.

export const span = (slot: { start: number; end: number }) => `${minuteMark(slot.start)}–${minuteMark(slot.end)}`;

/** A question for the live interview: its number, text, when and how long, and one line of what to listen for. */
export function questionSummary(
  q: Question,
  number: number,
  competency: string,
  level: Level,
  slot?: { start: number; end: number },
): string {
  const when = slot ? `${span(slot)} · ` : '';
  return [
    `*${number}. ${escapeMrkdwn(q.text)}*`,
    `_${when}${q.minutes} min · ${escapeMrkdwn(competency)}_`,
    `*Listen for:* ${escapeMrkdwn(listenFor(q, level))}`,
  ].join('\n');
}

/** Everything the bank says about a question: shown in the guidance modal, one click from the kit. */
export function questionGuidance(q: Question, number: number, competency: string): string {
  const lines = [`*${number}. ${escapeMrkdwn(q.text)}*`, `_${q.minutes} min · ${escapeMrkdwn(competency)}_`];
  lines.push(`*What it reveals:* ${escapeMrkdwn(q.guidance)}`);
  if (q.strongAnswer) lines.push(`*Strong answer:* ${escapeMrkdwn(q.strongAnswer)}`);
  if (q.redFlags.length > 0) lines.push(`*Red flags:* ${q.redFlags.map(escapeMrkdwn).join('; ')}`);
  if (q.followUps.length > 0) lines.push(`*Follow-ups:* ${q.followUps.map(escapeMrkdwn).join(' · ')}`);
  return lines.join('\n');
}

/** A Slack user's mention; ad hoc kits name their panelists "Panelist 1" and so on. */
export const mention = (panelistId: string) =>
  /^[UW][A-Z0-9]+$/.test(panelistId) ? `<@${panelistId}>` : escapeMrkdwn(panelistId);

/** One line per slot; the reader's own questions in bold. */
export function runningOrderLines(
  slots: RunningSlot[],
  questionText: (id: string) => string,
  reader: string | null,
): string[] {
  const who = (id: string | null) => (id ? ` · ${mention(id)}` : '');
  return slots.map((slot) => {
    const mark = `\`${minuteMark(slot.start)}\``;
    if (slot.kind !== 'question')
      return slot.kind === 'opening'
        ? `${mark} Opening: introductions and the plan${who(slot.panelistId)}`
        : `${mark} Close: the candidate's questions, next steps${who(slot.panelistId)}`;
    const line = `${slot.number}. ${escapeMrkdwn(clip(questionText(slot.questionId), 60))}${who(slot.panelistId)}`;
    return `${mark} ${slot.panelistId === reader ? `*${line}*` : line}`;
  });
}

export function runningOrderSection(lines: string[]): KnownBlock {
  return section(`*Running order*\n${lines.join('\n')}`);
}

export function tipsBlock(tips: readonly TaggedTip[]): KnownBlock[] {
  if (tips.length === 0) return [];
  return [context(`*Tips* ${tips.map((t) => `• ${escapeMrkdwn(t.text.replace(/\s+/g, ' '))}`).join('  ')}`)];
}

/** The button that opens the strong answers, red flags, follow-ups and rubric in a modal. */
export function guidanceButton(value: string, label = 'Guidance and rubric'): KnownBlock {
  return {
    type: 'actions',
    block_id: 'kit_guidance',
    elements: [
      {
        type: 'button',
        action_id: ACTION.openKitGuidance,
        value: clip(value, 2000),
        text: { type: 'plain_text', text: label },
      },
    ],
  };
}
