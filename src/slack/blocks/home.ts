import type { KnownBlock, View } from '@slack/types';
import type { Decision } from '../../db/repositories/decisions.js';
import { kindName, roleLine } from '../../domain/labels.js';
import { candidateLabel, type Loop } from '../../domain/loop.js';
import { escapeMrkdwn } from '../../domain/mrkdwn.js';
import type { NextStep } from '../../domain/next-step.js';
import { DECISION_LABELS, isInterviewKind } from '../../domain/types.js';
import { ACTION, CALLBACK } from '../ids.js';
import { slackTime } from '../time.js';
import { plain } from './inputs.js';
import { context, divider, header, LIMITS, section } from './text.js';
import { type UpcomingEntry, upcomingLine } from './upcoming.js';

export interface LedLoop {
  loop: Loop;
  submitted: number;
  expected: number;
  interviews: number;
  next: NextStep;
}

export interface DecidedLoop {
  loop: Loop;
  decision: Decision;
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
  decided: DecidedLoop[];
  /** The reader's zone, for the fallback text of Slack's date markup. */
  timeZone: string;
}

/** A link to the loop's decision thread (Slack opens it in the reader's workspace), or its channel before it exists. */
export function threadLink(loop: Loop): string {
  if (!loop.threadTs) return `<#${loop.decisionChannelId}>`;
  return `<https://slack.com/archives/${loop.decisionChannelId}/p${loop.threadTs.replace('.', '')}|thread>`;
}

function nextStepText(next: NextStep, timeZone: string): string {
  switch (next.kind) {
    case 'schedule':
      return 'schedule an interview: `/interview schedule`';
    case 'interview':
      return `interview #${next.interviewId}, ${slackTime(next.startsAt, timeZone)}`;
    case 'scorecards':
      return `waiting for ${next.missing} scorecard${next.missing === 1 ? '' : 's'}`;
    case 'decide':
      return '*decide*: the summary is in the thread';
    default: {
      const never: never = next;
      return never;
    }
  }
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
      `*#${owed.interviewId}* ${escapeMrkdwn(candidateLabel(owed.loop))} · ${escapeMrkdwn(isInterviewKind(owed.kind) ? kindName(owed.kind) : owed.kind)} · ${owed.when}`,
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
  for (const { loop, submitted, expected, interviews, next } of data.led.slice(0, MAX_ROWS)) {
    blocks.push(
      section(
        `*${escapeMrkdwn(candidateLabel(loop))}* · ${escapeMrkdwn(roleLine(loop.role, loop.level))} · ${threadLink(loop)}\n${interviews} interview${interviews === 1 ? '' : 's'} · scorecards ${submitted}/${expected} · next: ${nextStepText(next, data.timeZone)}`,
      ),
    );
  }
  if (data.decided.length > 0) {
    blocks.push(divider, section('*Recent decisions*'));
    for (const { loop, decision } of data.decided.slice(0, MAX_ROWS)) {
      blocks.push(
        section(
          `*${escapeMrkdwn(candidateLabel(loop))}* · ${escapeMrkdwn(roleLine(loop.role, loop.level))} · *${DECISION_LABELS[decision.outcome]}*, ${slackTime(decision.decidedAt, data.timeZone)} · ${threadLink(loop)}`,
        ),
      );
    }
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
