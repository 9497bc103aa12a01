import type { KnownBlock, View } from '@slack/types';
import { candidateLabel, type Loop } from '../../domain/loop.js';
import { escapeMrkdwn } from '../../domain/mrkdwn.js';
import { ACTION, CALLBACK } from '../ids.js';
import { plain } from './inputs.js';
import { context, divider, header, LIMITS, section } from './text.js';
import { type UpcomingEntry, upcomingLine } from './upcoming.js';

export interface LedLoop {
  loop: Loop;
  submitted: number;
  expected: number;
  interviews: number;
}

export interface OwedEntry {
  interviewId: number;
  loop: Loop;
  kind: string;
  when: string;
}

export interface HomeData {
  upcoming: UpcomingEntry[];
  owed: OwedEntry[];
  led: LedLoop[];
}

const MAX_ROWS = 20;

/** `extra`: sections added by other features (the admins' insight section), shown before the help line. */
export function homeView(data: HomeData, extra: KnownBlock[] = []): View {
  const blocks: KnownBlock[] = [header('Interview Assistant'), section('*Your upcoming interviews*')];
  if (data.upcoming.length === 0) blocks.push(context('None. `/interview schedule` plans one.'));
  for (const entry of data.upcoming.slice(0, MAX_ROWS)) {
    const block = section(upcomingLine(entry));
    if (block.type === 'section') {
      block.accessory = {
        type: 'button',
        action_id: ACTION.openKit,
        value: String(entry.interview.id),
        text: plain(entry.role === 'hiring lead' ? 'The kit' : 'My questions'),
      };
    }
    blocks.push(block);
  }
  blocks.push(divider, section('*Scorecards you owe*'));
  if (data.owed.length === 0) blocks.push(context('None: thank you.'));
  for (const owed of data.owed.slice(0, MAX_ROWS)) {
    const block = section(
      `*#${owed.interviewId}* ${escapeMrkdwn(candidateLabel(owed.loop))} · ${owed.kind} · ${owed.when}`,
    );
    if (block.type === 'section') {
      block.accessory = {
        type: 'button',
        action_id: ACTION.openScorecard,
        value: String(owed.interviewId),
        text: plain('Open scorecard'),
        style: 'primary',
      };
    }
    blocks.push(block);
  }
  blocks.push(divider, section('*Loops you lead*'));
  if (data.led.length === 0) blocks.push(context('None open.'));
  for (const { loop, submitted, expected, interviews } of data.led.slice(0, MAX_ROWS)) {
    blocks.push(
      section(
        `*${escapeMrkdwn(candidateLabel(loop))}* · ${escapeMrkdwn(loop.role)} (${loop.level}) · ${interviews} interview${interviews === 1 ? '' : 's'} · scorecards ${submitted}/${expected} · thread in <#${loop.decisionChannelId}>`,
      ),
    );
  }
  if (extra.length > 0) blocks.push(divider, ...extra);
  blocks.push(divider, context('`/interview help` lists everything you can do.'));
  return { type: 'home', blocks: blocks.slice(0, LIMITS.modalBlocks) };
}

export function kitModal(blocks: KnownBlock[], interviewId: number): View {
  const limited =
    blocks.length > LIMITS.modalBlocks
      ? [...blocks.slice(0, LIMITS.modalBlocks - 1), context(`The rest: \`/interview questions ${interviewId}\``)]
      : blocks;
  return {
    type: 'modal',
    callback_id: CALLBACK.kitModal,
    title: plain(`Interview #${interviewId}`.slice(0, 24)),
    close: plain('Close'),
    blocks: limited,
  };
}
