import type { KnownBlock } from '@slack/types';
import type { Decision } from '../../db/repositories/decisions.js';
import { kindName, roleLine } from '../../domain/labels.js';
import { candidateLabel, type Interview, type Loop } from '../../domain/loop.js';
import { escapeMrkdwn } from '../../domain/mrkdwn.js';
import { ACTION } from '../ids.js';
import { plain } from './inputs.js';
import { decisionLine } from './summary.js';
import { context, header, section } from './text.js';

export interface LoopParentData {
  loop: Loop;
  decision: Decision | null;
  interviews: { interview: Interview; when: string }[];
  submitted: number;
  expected: number;
}

const label = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);
const mentions = (ids: string[]) => ids.map((id) => `<@${id}>`).join(', ');

/** The decision thread's parent: who, for what, the interviews, the panel, the progress and the decision. No ratings. */
export function loopParentBlocks(data: LoopParentData): KnownBlock[] {
  const { loop } = data;
  const lines = data.interviews.map(({ interview, when }) => {
    const panel = mentions(interview.panelists.map((p) => p.userId));
    const state = interview.status === 'cancelled' ? ' ~cancelled~' : '';
    return `• #${interview.id} ${kindName(interview.kind)}, ${when}, ${interview.durationMinutes} min · ${panel}${state}`;
  });
  const statusText = loop.status === 'open' ? 'Open' : label(loop.status);
  const blocks: KnownBlock[] = [
    header(`${candidateLabel(loop)} · ${roleLine(loop.role, loop.level)}`),
    section(
      `*Hiring lead:* <@${loop.hiringLeadId}>   *Status:* ${statusText}   *Scorecards:* ${data.submitted}/${data.expected}`,
    ),
    section(`*Interviews*\n${lines.length > 0 ? lines.join('\n') : 'None scheduled yet.'}`),
  ];
  if (data.decision) blocks.push(section(decisionLine(data.decision)));
  blocks.push(context(blindRuleLine(data)));
  if (loop.status === 'open' && data.expected > 0) {
    blocks.push({
      type: 'actions',
      block_id: `lead_${loop.id}`,
      elements: [
        {
          type: 'button',
          action_id: ACTION.summaryForLead,
          value: String(loop.id),
          text: plain('Summary for the hiring lead'),
        },
      ],
    });
  }
  return blocks;
}

/** The blind rule as it stands at this stage of the loop: true on the parent at every step. */
export function blindRuleLine(data: Pick<LoopParentData, 'loop' | 'submitted' | 'expected'>): string {
  const everyoneIn = data.expected > 0 && data.submitted === data.expected;
  if (data.loop.status === 'decided') return 'Decided: the decision and the panel’s summary are in this thread.';
  if (everyoneIn) return 'Every scorecard is in: the panel’s summary, ratings included, is in this thread.';
  return 'Feedback stays blind until every scorecard is in: until then ratings go only to the hiring lead and to panelists who have submitted their own.';
}

export function loopParentText(data: LoopParentData): string {
  return `${escapeMrkdwn(candidateLabel(data.loop))}, ${escapeMrkdwn(roleLine(data.loop.role, data.loop.level))}: scorecards ${data.submitted}/${data.expected}`;
}
