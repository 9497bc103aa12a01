import type { KnownBlock } from '@slack/types';
import { kindName } from '../../domain/labels.js';
import { candidateLabel, type Interview, type Loop } from '../../domain/loop.js';
import { escapeMrkdwn } from '../../domain/mrkdwn.js';
import { section } from './text.js';

export interface UpcomingEntry {
  interview: Interview;
  loop: Loop;
  when: string;
  role: 'panelist' | 'hiring lead' | 'panelist and hiring lead';
}

export function upcomingLine(entry: UpcomingEntry): string {
  const { interview, loop } = entry;
  return `*#${interview.id}* ${escapeMrkdwn(candidateLabel(loop))} · ${kindName(interview.kind)} · ${entry.when} · ${interview.durationMinutes} min · you: ${entry.role}`;
}

export function upcomingBlocks(entries: UpcomingEntry[]): KnownBlock[] {
  if (entries.length === 0) {
    return [section('You have no upcoming interviews. `/interview schedule` plans one.')];
  }
  return [
    section(`*Your upcoming interviews* (${entries.length})`),
    section(entries.map(upcomingLine).join('\n')),
    section(
      'Your questions: `/interview questions &lt;number&gt;` · change: `/interview reschedule &lt;number&gt; &lt;when&gt;`, `/interview cancel &lt;number&gt;`',
    ),
  ];
}
