import type { Button, KnownBlock } from '@slack/types';
import type { Decision } from '../../db/repositories/decisions.js';
import { roleLine } from '../../domain/labels.js';
import { candidateLabel, type Loop } from '../../domain/loop.js';
import { escapeMrkdwn } from '../../domain/mrkdwn.js';
import { RECOMMENDATION_LABELS, RECOMMENDATIONS_BEST_FIRST } from '../../domain/scorecard.js';
import type { CompetencySummary, PanelSummary } from '../../domain/scorecard-summary.js';
import { DECISION_LABELS, DECISIONS } from '../../domain/types.js';
import { ACTION } from '../ids.js';
import { plain } from './inputs.js';
import { packedSections } from './panelist-kit.js';
import { clip, context, divider, header, LIMITS, section } from './text.js';

export interface SummaryData {
  loop: Loop;
  summary: PanelSummary;
  competencyNames: Map<string, string>;
  decisions: Decision[];
  /** False: the blind rule hides ratings, recommendations and takeaways. */
  showRatings: boolean;
  /** Hire / No hire / Another round buttons (for the hiring lead's eyes or the thread). */
  decisionButtons: boolean;
  progress: { submitted: number; expected: number };
  /** Which round of the loop this summary is of (1, then one more per "another round"). */
  round?: number;
  /** The loop's latest round: a summary of an earlier round points to the newer one. */
  latestRound?: number;
  /** Posted in the decision thread (it mentions the lead), rather than shown to one person. */
  inThread?: boolean;
}

export function decisionLine(decision: Decision): string {
  return `*Decision: ${DECISION_LABELS[decision.outcome]}* by <@${decision.decidedBy}>: ${escapeMrkdwn(decision.rationale)}`;
}

const who = (p: { panelistId: string }) => `<@${p.panelistId}>`;

/** "Strong hire 1 · Hire 1 · No hire 1 · Strong no hire 0", strongest first as everywhere. */
export function tallyLine(summary: PanelSummary): string {
  return RECOMMENDATIONS_BEST_FIRST.map((r) => `${RECOMMENDATION_LABELS[r]} *${summary.tally[r]}*`).join(' · ');
}

/** One competency: its flag, mean and spread, then every rating with its rater (★ the rater asked about it). */
export function competencyLine(c: CompetencySummary, name: string): string {
  const flag = c.disagreement ? ' :warning: *disagreement*' : '';
  const ratings = c.ratings
    .map((r) => `${who(r)} ${r.rating === null ? 'not observed' : r.rating}${r.own ? '★' : ''}`)
    .join(', ');
  const figures = `mean ${c.mean.toFixed(1)} · spread ${c.spread} · ${c.count} rating${c.count === 1 ? '' : 's'}`;
  return `• *${escapeMrkdwn(name)}*${flag}: ${figures}\n      ${ratings}`;
}

function quote(text: string): string {
  return `> ${escapeMrkdwn(text).replace(/\n/g, '\n> ')}`;
}

function hiddenReason(data: SummaryData): string {
  if (!data.inThread) {
    return ':see_no_evil: Ratings stay hidden from you until you have submitted your own scorecard in this loop: independent feedback comes first. The hiring lead sees them all.';
  }
  const missing = data.summary.missing.map((m) => `<@${m.panelistId}> (#${m.interviewId})`).join(', ');
  const round = data.latestRound ?? data.round ?? 1;
  const newRound = round > 1 && data.summary.panelists.length > 0;
  if (newRound) {
    return `:see_no_evil: *Hidden again for round ${round}*: ${missing} ${data.summary.missing.length === 1 ? 'has' : 'have'} not submitted yet, and nobody on the panel sees ratings before writing their own. A new summary of the whole loop is posted here when they are in.`;
  }
  return `:see_no_evil: Ratings stay hidden until every panelist has submitted their scorecard${missing ? ` (still missing: ${missing})` : ''}: nobody on the panel sees ratings before writing their own.`;
}

/** The panel's summary: tally, per-competency ratings with their raters, each panelist's view, who is missing. */
export function summaryBlocks(data: SummaryData): KnownBlock[] {
  const { summary, loop } = data;
  const round = data.round ?? 1;
  const title =
    round > 1 ? `Panel summary, round ${round}: ${candidateLabel(loop)}` : `Panel summary: ${candidateLabel(loop)}`;
  const blocks: KnownBlock[] = [
    header(title),
    context(
      `Scorecards ${data.progress.submitted}/${data.progress.expected} · ${escapeMrkdwn(roleLine(loop.role, loop.level))}${round > 1 ? ' · the whole loop, every round' : ''}`,
    ),
  ];
  if (data.latestRound && data.latestRound > round) {
    blocks.push(
      context(
        `Round ${data.latestRound} is under way: its summary of the whole loop is posted further down when it is in.`,
      ),
    );
  }
  if (!data.showRatings) {
    blocks.push(section(hiddenReason(data)));
  } else {
    if (data.inThread && summary.complete && loop.status === 'open') {
      blocks.push(section(`<@${loop.hiringLeadId}>, every scorecard is in: the decision is yours.`));
    }
    const split = summary.split
      ? '\n:warning: *Split recommendation*: the panel is divided between hire and no hire.'
      : '';
    const each = summary.panelists.map((p) => `${who(p)} *${RECOMMENDATION_LABELS[p.recommendation]}*`).join(' · ');
    blocks.push(section(`*Recommendations:* ${tallyLine(summary)}${split}\n${each}`));
    const lines = summary.competencies.map((c) =>
      competencyLine(c, data.competencyNames.get(c.competencyId) ?? c.competencyId),
    );
    if (lines.length > 0) {
      blocks.push(
        ...packedSections(['*Ratings by competency* (4 strong yes … 1 strong no; ★ asked about it)', ...lines]),
      );
    }
    // Takeaways in full while the message has room; else shortened, and the full scorecards are a click away.
    const room = LIMITS.messageBlocks - blocks.length - 8;
    const takeaways = summary.panelists.map(
      (p) =>
        `${who(p)} · interview #${p.interviewId}${p.round > 1 ? ` (round ${p.round})` : ''} · *${RECOMMENDATION_LABELS[p.recommendation]}*\n${quote(p.keyTakeaways)}`,
    );
    const fits = takeaways.length <= room;
    if (takeaways.length > 0) {
      blocks.push(divider, section('*Key takeaways*'));
      if (fits) blocks.push(...takeaways.map((t) => section(t)));
      else blocks.push(...packedSections(takeaways.map((t) => clip(t, 400))).slice(0, Math.max(1, room)));
    }
  }
  if (summary.missing.length > 0 && data.showRatings) {
    blocks.push(context(`Missing: ${summary.missing.map((m) => `<@${m.panelistId}> (#${m.interviewId})`).join(', ')}`));
  }
  const last = data.decisions.at(-1);
  if (last) blocks.push(divider, section(decisionLine(last)));
  const buttons: Button[] = [];
  if (data.showRatings && summary.panelists.length > 0) {
    buttons.push({
      type: 'button' as const,
      action_id: ACTION.fullScorecards,
      value: String(loop.id),
      text: plain('Full scorecards'),
    });
  }
  if (data.decisionButtons && loop.status === 'open') {
    buttons.push(
      ...DECISIONS.map((outcome) => ({
        type: 'button' as const,
        action_id: `${ACTION.decidePrefix}${outcome}`,
        value: String(loop.id),
        text: plain(DECISION_LABELS[outcome]),
        ...(outcome === 'hire'
          ? { style: 'primary' as const }
          : outcome === 'no_hire'
            ? { style: 'danger' as const }
            : {}),
      })),
    );
  }
  if (buttons.length > 0)
    blocks.push({ type: 'actions', block_id: `summary_${loop.id}`, elements: buttons } as KnownBlock);
  if (data.showRatings && data.inThread) {
    blocks.push(
      context(
        'Shown in the thread because every panelist has submitted. Full scorecards opens each one with its notes, for the hiring lead and the panel.',
      ),
    );
  }
  return blocks;
}

/** A link that opens a message of the decision thread in Slack. */
export function messageLink(channel: string, ts: string, threadTs: string | null): string {
  const thread = threadTs && threadTs !== ts ? `?thread_ts=${threadTs}&cid=${channel}` : '';
  return `https://slack.com/archives/${channel}/p${ts.replace('.', '')}${thread}`;
}

/** The hiring lead's DM when the last scorecard of a round is in. */
export function summaryReadyText(data: {
  loop: Loop;
  summary: PanelSummary;
  round: number;
  link: string | null;
}): string {
  const { loop, summary, round } = data;
  const what =
    round > 1 ? `round ${round} of ${escapeMrkdwn(candidateLabel(loop))}'s loop` : escapeMrkdwn(candidateLabel(loop));
  const split = summary.split ? '\n:warning: The panel is split between hire and no hire.' : '';
  const flagged = summary.competencies.filter((c) => c.disagreement).length;
  const disagreement =
    flagged > 0 ? `\n:warning: Disagreement on ${flagged} competenc${flagged === 1 ? 'y' : 'ies'}.` : '';
  const open = data.link ? `\n<${data.link}|Open the summary in the decision thread> to decide.` : '';
  return `:white_check_mark: Every scorecard for ${what} is in.\n*Recommendations:* ${tallyLine(summary)}${split}${disagreement}${open}`;
}
