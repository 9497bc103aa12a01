import type { KnownBlock } from '@slack/types';
import { candidateLabel, type Interview, type Loop } from '../../domain/loop.js';
import { context, escapeMrkdwn, header, section } from './text.js';

export interface LoopParentData {
  loop: Loop;
  interviews: { interview: Interview; when: string }[];
  submitted: number;
  expected: number;
}

const label = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);
const mentions = (ids: string[]) => ids.map((id) => `<@${id}>`).join(', ');

/** The decision thread's parent: who, for what, the interviews, the panel and the progress. No ratings. */
export function loopParentBlocks(data: LoopParentData): KnownBlock[] {
  const { loop } = data;
  const lines = data.interviews.map(({ interview, when }) => {
    const panel = mentions(interview.panelists.map((p) => p.userId));
    const state = interview.status === 'cancelled' ? ' ~cancelled~' : '';
    return `• #${interview.id} ${label(interview.kind)}, ${when}, ${interview.durationMinutes} min · ${panel}${state}`;
  });
  const statusText = loop.status === 'open' ? 'Open' : label(loop.status);
  return [
    header(`${candidateLabel(loop)} · ${loop.role} (${loop.level})`),
    section(
      `*Hiring lead:* <@${loop.hiringLeadId}>   *Status:* ${statusText}   *Scorecards:* ${data.submitted}/${data.expected}`,
    ),
    section(`*Interviews*\n${lines.length > 0 ? lines.join('\n') : 'None scheduled yet.'}`),
    context(
      'Feedback stays blind here: ratings are shown only to the hiring lead and to panelists who have submitted.',
    ),
  ];
}

export function loopParentText(data: LoopParentData): string {
  return `${escapeMrkdwn(candidateLabel(data.loop))}, ${data.loop.role} (${data.loop.level}): scorecards ${data.submitted}/${data.expected}`;
}
