import type { KnownBlock } from '@slack/types';
import type { Kit } from '../../domain/kit-planner.js';
import { escapeMrkdwn } from '../../domain/mrkdwn.js';
import { counted } from '../../domain/plural.js';
import { runningOrder } from '../../domain/running-order.js';
import { chooseTips } from '../../domain/tips.js';
import { type Bank, type InterviewKind, type Level, questionsById } from '../../domain/types.js';
import { guidanceButton, mention, questionSummary, runningOrderLines, span, tipsBlock } from './kit-parts.js';
import { context, divider, header, section } from './text.js';

export interface KitView {
  title: string;
  subtitle: string;
  level: Level;
  kind: InterviewKind;
  durationMinutes: number;
  allowanceMinutes: number;
  /** Makes the tips stable for equal requests. */
  seed: string;
}

function competencyName(bank: Bank, id: string): string {
  return bank.competencies.find((c) => c.id === id)?.name ?? id;
}

/** The button's value: the level and each question with the competency it probes here. */
export function adHocGuidanceValue(level: Level, items: { questionId: string; competencyId: string }[]): string {
  let value = `adhoc:${level}:`;
  for (const [i, item] of items.entries()) {
    const next = `${i > 0 ? ',' : ''}${item.questionId}~${item.competencyId}`;
    if (value.length + next.length > 2000) break;
    value += next;
  }
  return value;
}

/** An ad hoc kit: the questions first, numbered through each panelist's part, then the close, guidance and tips. */
export function kitBlocks(bank: Bank, kit: Kit, view: KitView): KnownBlock[] {
  const byId = questionsById(bank);
  const blocks: KnownBlock[] = [header(view.title), context(view.subtitle)];
  const slots = runningOrder({
    durationMinutes: view.durationMinutes,
    allowanceMinutes: view.allowanceMinutes,
    parts: kit.panelists.map((p) => ({ panelistId: p.panelist, items: p.items })),
  });
  const asked = slots.flatMap((s) => (s.kind === 'question' ? [s] : []));
  const panel = kit.panelists.length > 1;
  for (const part of kit.panelists) {
    const theirs = asked.filter((s) => s.panelistId === part.panelist);
    const first = theirs[0];
    const last = theirs.at(-1);
    if (panel && first && last) {
      const focus = part.focus.map((id) => competencyName(bank, id)).join(', ');
      blocks.push(
        divider,
        section(
          `*${mention(part.panelist)}* · ${span({ start: first.start, end: last.end })} · focus: ${escapeMrkdwn(focus)}`,
        ),
      );
    }
    for (const slot of theirs) {
      const q = byId.get(slot.questionId);
      if (q)
        blocks.push(
          section(questionSummary(q, slot.number, competencyName(bank, slot.competencyId), view.level, slot)),
        );
    }
  }
  blocks.push(divider);
  const ends = slots.filter((s) => s.kind !== 'question');
  const text = (id: string) => byId.get(id)?.text ?? id;
  if (ends.length > 0)
    blocks.push(
      context(
        runningOrderLines(
          ends.map((s) => ({ ...s, panelistId: null })),
          text,
          null,
        ).join('  ·  '),
      ),
    );
  if (kit.gaps.length > 0)
    blocks.push(section(`:warning: *Gaps*\n${kit.gaps.map((g) => `• ${escapeMrkdwn(g)}`).join('\n')}`));
  blocks.push(guidanceButton(adHocGuidanceValue(view.level, asked)));
  blocks.push(...tipsBlock(chooseTips(bank.tips, { kind: view.kind, level: view.level, seed: view.seed })));
  return blocks;
}

export function kitFallbackText(kit: Kit, title: string): string {
  const count = kit.panelists.reduce((sum, p) => sum + p.items.length, 0);
  return `${title}: ${counted(count, 'question')}, ${kit.plannedMinutes} of ${kit.budgetMinutes} minutes planned.`;
}
