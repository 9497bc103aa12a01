import type { KnownBlock, View } from '@slack/types';
import { roleLine } from '../../domain/labels.js';
import { candidateLabel, type Loop } from '../../domain/loop.js';
import { escapeMrkdwn } from '../../domain/mrkdwn.js';
import { RECOMMENDATION_LABELS } from '../../domain/scorecard.js';
import type { PanelSummary } from '../../domain/scorecard-summary.js';
import { DECISION_LABELS, type DecisionOutcome } from '../../domain/types.js';
import { MAX_RATIONALE } from '../../services/record-decision.js';
import { CALLBACK, DECISION } from '../ids.js';
import { plain, textInput } from './inputs.js';
import { tallyLine } from './summary.js';
import { context, section } from './text.js';

/** What the panel has said so far, and who is still missing: said plainly when nobody has submitted. */
export function panelSoFar(summary: PanelSummary, expected: number): KnownBlock[] {
  const missing = summary.missing.map((m) => `<@${m.panelistId}> (#${m.interviewId})`).join(', ');
  if (summary.panelists.length === 0) {
    return [
      section(
        expected === 0
          ? ':warning: *No interview is scheduled in this loop*, so there is no panel feedback to decide from.'
          : `:warning: *Nobody on the panel has submitted a scorecard yet* (0/${expected}). Deciding now means deciding without the panel's feedback.`,
      ),
      ...(missing ? [context(`Still to submit: ${missing}`)] : []),
    ];
  }
  const each = summary.panelists
    .map((p) => `<@${p.panelistId}> (#${p.interviewId}) *${RECOMMENDATION_LABELS[p.recommendation]}*`)
    .join('\n');
  const split = summary.split
    ? '\n:warning: *Split recommendation*: the panel is divided between hire and no hire.'
    : '';
  const flagged = summary.competencies.filter((c) => c.disagreement).length;
  const disagreement =
    flagged > 0
      ? `\n:warning: Disagreement on ${flagged} competenc${flagged === 1 ? 'y' : 'ies'} (spread of 2 or more).`
      : '';
  const blocks: KnownBlock[] = [
    section(
      `*What the panel said* (${summary.panelists.length}/${expected}): ${tallyLine(summary)}${split}${disagreement}\n${each}`,
    ),
  ];
  blocks.push(
    context(
      missing
        ? `:hourglass: Still to submit: ${missing}`
        : 'Every scorecard is in. The summary in the thread has the full picture.',
    ),
  );
  return blocks;
}

export function decisionModal(
  loop: Loop,
  outcome: DecisionOutcome,
  panel?: { summary: PanelSummary; expected: number },
): View {
  return {
    type: 'modal',
    callback_id: CALLBACK.decision,
    private_metadata: JSON.stringify({ loopId: loop.id, outcome }),
    title: plain('Record the decision'),
    submit: plain(DECISION_LABELS[outcome]),
    close: plain('Cancel'),
    blocks: [
      section(
        `*${DECISION_LABELS[outcome]}* for *${escapeMrkdwn(candidateLabel(loop))}* (${escapeMrkdwn(roleLine(loop.role, loop.level))})`,
      ),
      ...(panel ? panelSoFar(panel.summary, panel.expected) : []),
      textInput({
        id: DECISION.rationale,
        label: 'Rationale',
        hint: 'Why this decision: it is posted in the decision thread and kept in the audit trail.',
        multiline: true,
        maxLength: MAX_RATIONALE,
      }),
    ],
  };
}
