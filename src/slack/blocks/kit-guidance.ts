import type { KnownBlock, View } from '@slack/types';
import { type Bank, questionsById } from '../../domain/types.js';
import { CALLBACK } from '../ids.js';
import { questionGuidance } from './kit-parts.js';
import { packedSections, rubricLines } from './panelist-kit.js';
import { context, divider, header, LIMITS, section } from './text.js';

export interface GuidanceItem {
  number: number;
  questionId: string;
  competencyId: string;
}

/**
 * The full guidance of a kit's questions (what it reveals, strong answer, red flags, follow-ups) and the rubric of
 * the competencies they probe: one click from the kit, so the kit itself starts with the questions.
 */
export function kitGuidanceView(bank: Bank, title: string, items: GuidanceItem[]): View {
  const questions = questionsById(bank);
  const competencies = new Map(bank.competencies.map((c) => [c.id, c]));
  const name = (id: string) => competencies.get(id)?.name ?? id;
  const guidance = items.flatMap((item) => {
    const q = questions.get(item.questionId);
    return q ? [questionGuidance(q, item.number, name(item.competencyId))] : [];
  });
  const probed = [...new Set(items.map((i) => i.competencyId))].flatMap((id) => competencies.get(id) ?? []);
  const rubric = [
    header('How to rate'),
    context('1 strong no · 2 no · 3 yes · 4 strong yes, for each competency the questions probe'),
    ...packedSections(rubricLines(probed)),
  ];
  const room = LIMITS.modalBlocks - rubric.length - 3;
  const questionBlocks: KnownBlock[] =
    guidance.length <= room ? guidance.map((text) => section(text)) : packedSections(guidance);
  const blocks: KnownBlock[] = [context(title), ...questionBlocks, divider, ...rubric].slice(0, LIMITS.modalBlocks);
  return {
    type: 'modal',
    callback_id: CALLBACK.kitGuidance,
    title: { type: 'plain_text', text: 'Guidance and rubric' },
    close: { type: 'plain_text', text: 'Close' },
    blocks,
  };
}
