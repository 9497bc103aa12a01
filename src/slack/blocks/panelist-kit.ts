import type { KnownBlock } from '@slack/types';
import { candidateLabel, type Interview, type KitItemRecord, type Loop } from '../../domain/loop.js';
import { escapeMrkdwn } from '../../domain/mrkdwn.js';
import type { Bank, Competency } from '../../domain/types.js';
import { ACTION } from '../ids.js';
import { questionText } from './kit.js';
import { context, divider, header, LIMITS, section } from './text.js';

export interface PanelistKitData {
  bank: Bank;
  loop: Loop;
  interview: Interview;
  panelistId: string;
  items: KitItemRecord[];
  /** Slack date markup for the start time. */
  when: string;
  swappable: boolean;
  /** A kit for one message (a DM): past this many blocks the questions share sections and lose their Swap buttons. */
  maxBlocks?: number;
}

const label = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);

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

/** One panelist's part of an interview's kit: one message, with a Swap button per question. */
export function panelistKitBlocks(data: PanelistKitData): KnownBlock[] {
  const { bank, loop, interview, panelistId, items } = data;
  const questions = new Map(bank.questions.map((q) => [q.id, q]));
  const competencies = new Map(bank.competencies.map((c) => [c.id, c]));
  const panelist = interview.panelists.find((p) => p.userId === panelistId);
  const focus = (panelist?.focus ?? []).flatMap((id) => competencies.get(id) ?? []);
  const mine = items.filter((i) => i.panelistId === panelistId).sort((a, b) => a.position - b.position);
  const minutes = mine.reduce((sum, i) => sum + (questions.get(i.questionId)?.minutes ?? 0), 0);

  const blocks: KnownBlock[] = [
    header(`Your questions: ${candidateLabel(loop)}`),
    context(
      `Interview #${interview.id} · ${label(interview.kind)} · ${data.when} · ${interview.durationMinutes} min · ${escapeMrkdwn(loop.role)}, ${loop.level} · ${mine.length} questions, ${minutes} min`,
    ),
  ];
  if (interview.status === 'cancelled') {
    blocks.push(section(':no_entry: *This interview was cancelled.* These questions are free for later interviews.'));
    return blocks;
  }
  if (focus.length > 0) {
    blocks.push(
      ...packedSections([
        `*Your focus and how to rate it* (1 strong no · 2 no · 3 yes · 4 strong yes)`,
        ...rubricLines(focus),
      ]),
    );
  }
  if (interview.notes) blocks.push(section(`*Notes from the scheduler*\n${escapeMrkdwn(interview.notes)}`));
  blocks.push(divider);
  if (mine.length === 0)
    blocks.push(section('No questions are planned for you in this interview: the time went to the rest of the panel.'));
  mine.forEach((item, index) => {
    const q = questions.get(item.questionId);
    if (!q) return;
    const block: KnownBlock = section(
      questionText(q, index + 1, competencies.get(item.competencyId)?.name ?? item.competencyId),
    );
    if (data.swappable && block.type === 'section') {
      block.block_id = `kit_item_${item.id}`;
      block.accessory = {
        type: 'button',
        action_id: ACTION.swapQuestion,
        value: String(item.id),
        text: { type: 'plain_text', text: 'Swap' },
      };
    }
    blocks.push(block);
  });
  if (bank.tips.length > 0) {
    blocks.push(
      divider,
      ...packedSections(['*Interviewer tips*', ...bank.tips.map((t) => `• ${escapeMrkdwn(t.text)}`)]),
    );
  }
  if (data.maxBlocks !== undefined && blocks.length > data.maxBlocks) return compact(blocks, data.maxBlocks);
  return blocks;
}

/** Packs the question sections together so a very long kit still fits one message. */
function compact(blocks: KnownBlock[], max: number): KnownBlock[] {
  const isQuestion = (b: KnownBlock) => b.type === 'section' && 'accessory' in b && b.accessory !== undefined;
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
