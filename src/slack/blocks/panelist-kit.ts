import type { KnownBlock } from '@slack/types';
import { roleLine } from '../../domain/labels.js';
import { candidateLabel, type Interview, type KitItemRecord, type Loop } from '../../domain/loop.js';
import { escapeMrkdwn } from '../../domain/mrkdwn.js';
import { counted } from '../../domain/plural.js';
import { roleNames } from '../../domain/roles.js';
import { interviewRunningOrder } from '../../domain/running-order.js';
import { chooseTips } from '../../domain/tips.js';
import { type Bank, type Competency, questionsById } from '../../domain/types.js';
import { ACTION } from '../ids.js';
import {
  guidanceButton,
  questionSummary,
  runningOrderLines,
  runningOrderSection,
  span,
  tipsBlock,
} from './kit-parts.js';
import { context, divider, header, LIMITS, section } from './text.js';

export interface PanelistKitData {
  bank: Bank;
  loop: Loop;
  interview: Interview;
  /** The reader's own part; null shows every part once (the hiring lead's view). */
  panelistId: string | null;
  items: KitItemRecord[];
  /** Slack date markup for the start time. */
  when: string;
  /** Swap buttons on the reader's own questions. */
  swappable: boolean;
  /** Minutes of the interview kept for the opening and the close. */
  allowanceMinutes?: number;
  /** A kit for one message (a DM): past this many blocks the questions share sections and lose their Swap buttons. */
  maxBlocks?: number;
}

/** Lines packed into as few sections as Slack's 3000-character limit allows. */
export function packedSections(lines: string[], max: number = LIMITS.sectionText): KnownBlock[] {
  const sections: KnownBlock[] = [];
  let current = '';
  for (const line of lines) {
    if (current && current.length + line.length + 1 > max) {
      sections.push(section(current));
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) sections.push(section(current));
  return sections;
}

export function rubricLines(competencies: Competency[]): string[] {
  return competencies.map(
    (c) =>
      `*${escapeMrkdwn(c.name)}*\n  1 ${escapeMrkdwn(c.rubric[1])}\n  2 ${escapeMrkdwn(c.rubric[2])}\n  3 ${escapeMrkdwn(c.rubric[3])}\n  4 ${escapeMrkdwn(c.rubric[4])}`,
  );
}

/**
 * An interview's kit for the live interview: the reader's questions first, in the running order, each with its
 * minutes and what to listen for; the panel's running order; notes, the guidance button and three tips after.
 */
export function panelistKitBlocks(data: PanelistKitData): KnownBlock[] {
  const { bank, loop, interview, panelistId } = data;
  const questions = questionsById(bank);
  const competencies = new Map(bank.competencies.map((c) => [c.id, c]));
  const slots = interviewRunningOrder(bank, interview, data.items, data.allowanceMinutes ?? 10);
  const asked = slots.flatMap((s) => (s.kind === 'question' ? [s] : []));
  const mine = panelistId ? asked.filter((s) => s.panelistId === panelistId) : asked;
  const minutes = mine.reduce((sum, s) => sum + s.minutes, 0);
  const whole = panelistId === null;
  const yours = whole
    ? `${counted(mine.length, 'question')}, ${minutes} min`
    : `your part: ${counted(mine.length, 'question')}, ${minutes} min`;

  const blocks: KnownBlock[] = [
    header(`${whole ? 'Interview kit' : 'Your questions'}: ${candidateLabel(loop)}`),
    context(
      `Interview #${interview.id} · ${data.when} · ${interview.durationMinutes} min · ${escapeMrkdwn(roleLine(loop.role, loop.level, interview.kind, roleNames(bank)))} · ${yours}`,
    ),
  ];
  if (interview.status === 'cancelled') {
    blocks.push(section(':no_entry: *This interview was cancelled.* These questions are free for later interviews.'));
    return blocks;
  }
  if (mine.length === 0)
    blocks.push(section('No questions are planned for you in this interview: the time went to the rest of the panel.'));
  let part: string | null = null;
  for (const slot of mine) {
    const q = questions.get(slot.questionId);
    if (!q) continue;
    if (whole && slot.panelistId !== part) {
      part = slot.panelistId;
      const theirs = mine.filter((s) => s.panelistId === part);
      const last = theirs.at(-1) ?? slot;
      const focus = interview.panelists.find((p) => p.userId === part)?.focus ?? [];
      const names = focus.map((id) => competencies.get(id)?.name ?? id).join(', ');
      blocks.push(
        divider,
        section(
          `*Part of <@${part}>* · ${span({ start: slot.start, end: last.end })}${names ? ` · focus: ${escapeMrkdwn(names)}` : ''}`,
        ),
      );
    }
    const competency = competencies.get(slot.competencyId)?.name ?? slot.competencyId;
    const block = section(questionSummary(q, slot.number, competency, loop.level, slot));
    if (data.swappable && !whole && slot.itemId !== undefined && block.type === 'section') {
      block.block_id = `kit_item_${slot.itemId}`;
      block.accessory = {
        type: 'button',
        action_id: ACTION.swapQuestion,
        value: String(slot.itemId),
        text: { type: 'plain_text', text: 'Swap' },
      };
    }
    blocks.push(block);
  }
  blocks.push(divider);
  const text = (id: string) => questions.get(id)?.text ?? id;
  if (interview.panelists.length > 1 && !whole) {
    blocks.push(runningOrderSection(runningOrderLines(slots, text, panelistId)));
  } else {
    const ends = slots.filter((s) => s.kind !== 'question');
    if (ends.length > 0) blocks.push(context(runningOrderLines(ends, text, panelistId).join('  ·  ')));
  }
  if (interview.notes) blocks.push(section(`*Notes from the scheduler*\n${escapeMrkdwn(interview.notes)}`));
  blocks.push(guidanceButton(`interview:${interview.id}`));
  blocks.push(
    ...tipsBlock(chooseTips(bank.tips, { kind: interview.kind, level: loop.level, seed: String(interview.id) })),
  );
  if (data.maxBlocks !== undefined && blocks.length > data.maxBlocks) return compact(blocks, data.maxBlocks);
  return blocks;
}

/** Packs the question sections together so a very long kit still fits one message. */
function compact(blocks: KnownBlock[], max: number): KnownBlock[] {
  const isQuestion = (b: KnownBlock) => b.type === 'section' && (b.text?.text ?? '').includes('*Listen for:*');
  const first = blocks.findIndex(isQuestion);
  const questions = blocks.filter(isQuestion).map((b) => (b.type === 'section' ? (b.text?.text ?? '') : ''));
  const packed = [
    ...blocks.slice(0, first),
    context('This kit is too long for Swap buttons in one message: `/interview questions` shows it with them.'),
    ...packedSections(questions),
    ...blocks.slice(first).filter((b) => !isQuestion(b)),
  ];
  return packed.slice(0, max);
}
