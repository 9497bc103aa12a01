import type { KnownBlock } from '@slack/types';
import type { Kit } from '../../domain/kit-planner.js';
import { escapeMrkdwn } from '../../domain/mrkdwn.js';
import type { Bank, Question } from '../../domain/types.js';
import { context, divider, header, section } from './text.js';

export interface KitView {
  title: string;
  subtitle: string;
  /** When set, only this panelist's part is shown (a scheduled interview); null shows all. */
  panelist: string | null;
  showTips: boolean;
}

function competencyName(bank: Bank, id: string): string {
  return bank.competencies.find((c) => c.id === id)?.name ?? id;
}

export function questionText(q: Question, index: number, competency: string): string {
  const lines = [`*${index}. ${escapeMrkdwn(q.text)}*`, `_${q.minutes} min · ${competency}_`];
  lines.push(`*What it reveals:* ${escapeMrkdwn(q.guidance)}`);
  if (q.strongAnswer) lines.push(`*Strong answer:* ${escapeMrkdwn(q.strongAnswer)}`);
  if (q.redFlags.length > 0) lines.push(`*Red flags:* ${q.redFlags.map(escapeMrkdwn).join('; ')}`);
  if (q.followUps.length > 0) lines.push(`*Follow-ups:* ${q.followUps.map(escapeMrkdwn).join(' · ')}`);
  return lines.join('\n');
}

/** A kit as blocks: per panelist their focus, then each question with guidance and minutes. */
export function kitBlocks(bank: Bank, kit: Kit, view: KitView): KnownBlock[] {
  const byId = new Map(bank.questions.map((q) => [q.id, q]));
  const blocks: KnownBlock[] = [header(view.title), context(view.subtitle)];
  const parts = view.panelist ? kit.panelists.filter((p) => p.panelist === view.panelist) : kit.panelists;
  let index = 0;
  for (const part of parts) {
    const minutes = part.items.reduce((sum, item) => sum + item.minutes, 0);
    const focus = part.focus.map((id) => competencyName(bank, id)).join(', ') || 'none';
    blocks.push(divider);
    blocks.push(section(`*${escapeMrkdwn(part.panelist)}* · ${minutes} min · focus: ${focus}`));
    for (const item of part.items) {
      const q = byId.get(item.questionId);
      if (!q) continue;
      index += 1;
      blocks.push(section(questionText(q, index, competencyName(bank, item.competencyId))));
    }
  }
  if (kit.gaps.length > 0) {
    blocks.push(divider);
    blocks.push(section(`:warning: *Gaps*\n${kit.gaps.map((g) => `• ${escapeMrkdwn(g)}`).join('\n')}`));
  }
  if (view.showTips && bank.tips.length > 0) {
    blocks.push(divider);
    blocks.push(section(`*Interviewer tips*\n${bank.tips.map((t) => `• ${escapeMrkdwn(t.text)}`).join('\n')}`));
  }
  return blocks;
}

export function kitFallbackText(kit: Kit, title: string): string {
  const count = kit.panelists.reduce((sum, p) => sum + p.items.length, 0);
  return `${title}: ${count} questions, ${kit.plannedMinutes} of ${kit.budgetMinutes} minutes planned.`;
}
