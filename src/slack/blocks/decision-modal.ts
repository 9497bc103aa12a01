import type { View } from '@slack/types';
import { roleLine } from '../../domain/labels.js';
import { candidateLabel, type Loop } from '../../domain/loop.js';
import { escapeMrkdwn } from '../../domain/mrkdwn.js';
import { DECISION_LABELS, type DecisionOutcome } from '../../domain/types.js';
import { MAX_RATIONALE } from '../../services/record-decision.js';
import { CALLBACK, DECISION } from '../ids.js';
import { plain, textInput } from './inputs.js';
import { section } from './text.js';

export function decisionModal(loop: Loop, outcome: DecisionOutcome): View {
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
