import type { KnownBlock } from '@slack/types';
import type { Decision } from '../../db/repositories/decisions.js';
import { roleLine } from '../../domain/labels.js';
import { candidateLabel, type Loop } from '../../domain/loop.js';
import { escapeMrkdwn } from '../../domain/mrkdwn.js';
import { RECOMMENDATION_LABELS } from '../../domain/scorecard.js';
import type { PanelSummary } from '../../domain/scorecard-summary.js';
import { DECISION_LABELS, DECISIONS, RECOMMENDATIONS } from '../../domain/types.js';
import { ACTION } from '../ids.js';
import { plain } from './inputs.js';
import { packedSections } from './panelist-kit.js';
import { clip, context, divider, header, section } from './text.js';

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
}

export function decisionLine(decision: Decision): string {
  return `*Decision: ${DECISION_LABELS[decision.outcome]}* by <@${decision.decidedBy}>: ${escapeMrkdwn(decision.rationale)}`;
}

/** The panel's summary: tally, per-competency spread with disagreement flags, each panelist's view, who is missing. */
export function summaryBlocks(data: SummaryData): KnownBlock[] {
  const { summary, loop } = data;
  const blocks: KnownBlock[] = [
    header(`Panel summary: ${candidateLabel(loop)}`),
    context(
      `Scorecards ${data.progress.submitted}/${data.progress.expected} · ${escapeMrkdwn(roleLine(loop.role, loop.level))}`,
    ),
  ];
  if (!data.showRatings) {
    blocks.push(section(':see_no_evil: Ratings stay hidden until every panelist has submitted their scorecard.'));
  } else {
    const tally = RECOMMENDATIONS.slice()
      .reverse()
      .map((r) => `${RECOMMENDATION_LABELS[r]} *${summary.tally[r]}*`)
      .join(' · ');
    blocks.push(section(`*Recommendations:* ${tally}`));
    const lines = summary.competencies.map((c) => {
      const name = escapeMrkdwn(data.competencyNames.get(c.competencyId) ?? c.competencyId);
      const flag = c.disagreement ? ' :warning: *disagreement*' : '';
      return `• *${name}*: mean ${c.mean.toFixed(1)} (min ${c.min}, max ${c.max}, ${c.count} rating${c.count === 1 ? '' : 's'})${flag}`;
    });
    if (lines.length > 0)
      blocks.push(...packedSections(['*Ratings by competency* (1 strong no … 4 strong yes)', ...lines]));
    const views = summary.panelists.map(
      (p) =>
        `<@${p.panelistId}> (#${p.interviewId}): *${RECOMMENDATION_LABELS[p.recommendation]}*\n> ${escapeMrkdwn(clip(p.keyTakeaways, 600)).replace(/\n/g, '\n> ')}`,
    );
    if (views.length > 0) blocks.push(divider, ...packedSections(views));
  }
  if (summary.missing.length > 0) {
    blocks.push(context(`Missing: ${summary.missing.map((m) => `<@${m.panelistId}> (#${m.interviewId})`).join(', ')}`));
  }
  const last = data.decisions.at(-1);
  if (last) blocks.push(divider, section(decisionLine(last)));
  if (data.decisionButtons && loop.status === 'open') {
    blocks.push({
      type: 'actions',
      block_id: `decide_${loop.id}`,
      elements: DECISIONS.map((outcome) => ({
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
    });
    blocks.push(context('Only the hiring lead can decide; each choice asks for a rationale.'));
  }
  return blocks;
}
