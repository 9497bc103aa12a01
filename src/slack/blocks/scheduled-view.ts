import type { View } from '@slack/types';
import { roleLine } from '../../domain/labels.js';
import { escapeMrkdwn } from '../../domain/mrkdwn.js';
import type { ScheduleRequest } from '../../domain/schedule.js';
import type { Scheduled } from '../../services/schedule-interview.js';
import { plain } from './inputs.js';
import { section } from './text.js';

/** What the scheduler sees after submitting: a confirmation in place of the form. */
export function scheduledView(result: Scheduled, request: ScheduleRequest, when: string): View {
  const panel = request.panelists.map((id) => `<@${id}>`).join(', ');
  const lines = [
    `:white_check_mark: *Interview #${result.interviewId} is scheduled.*`,
    `${escapeMrkdwn(request.candidateName)} · ${escapeMrkdwn(roleLine(request.role, request.level, request.kind))} · ${when} · ${request.durationMinutes} min`,
    `Panel: ${panel}. Each panelist gets their questions by DM (${result.plannedMinutes} of ${result.budgetMinutes} minutes planned).`,
    result.createdLoop
      ? `The decision thread is in <#${result.loop.decisionChannelId}>.`
      : `It joins the candidate's open loop; the decision thread is in <#${result.loop.decisionChannelId}>.`,
  ];
  if (result.gaps.length > 0) lines.push(`:warning: ${result.gaps.map(escapeMrkdwn).join(' ')}`);
  return {
    type: 'modal',
    title: plain('Interview scheduled'),
    close: plain('Done'),
    blocks: [section(lines.join('\n'))],
  };
}
