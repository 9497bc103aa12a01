import type { KnownBlock, View } from '@slack/types';
import { roleLine } from '../../domain/labels.js';
import { candidateLabel, type Interview, type KitItemRecord, type Loop } from '../../domain/loop.js';
import { escapeMrkdwn } from '../../domain/mrkdwn.js';
import {
  MAX_NOTE,
  MAX_TAKEAWAYS,
  NOT_ASSESSED,
  RATING_LABELS,
  RECOMMENDATION_LABELS,
  type ScorecardDraft,
} from '../../domain/scorecard.js';
import { type Bank, RECOMMENDATIONS } from '../../domain/types.js';
import { CALLBACK, SCORECARD } from '../ids.js';
import { option, plain, radioInput, textInput } from './inputs.js';
import { rubricLines } from './panelist-kit.js';
import { clip, context, divider, section } from './text.js';

export interface ScorecardModalData {
  bank: Bank;
  loop: Loop;
  interview: Interview;
  panelistId: string;
  items: KitItemRecord[];
  /** What to show in the fields: a restored draft, the submitted scorecard, or nothing. */
  initial: ScorecardDraft | null;
  restoredDraft: boolean;
  submitted: boolean;
  when: string;
}

const RATING_OPTIONS = [
  ...([1, 2, 3, 4] as const).map((r) => option(String(r), `${r} · ${RATING_LABELS[r]}`)),
  option(NOT_ASSESSED, 'Not assessed'),
];

export function scorecardModal(data: ScorecardModalData): View {
  const { bank, loop, interview, panelistId, initial } = data;
  const competencies = new Map(bank.competencies.map((c) => [c.id, c]));
  const questions = new Map(bank.questions.map((q) => [q.id, q]));
  const focus = (interview.panelists.find((p) => p.userId === panelistId)?.focus ?? []).flatMap(
    (id) => competencies.get(id) ?? [],
  );
  const asked = data.items.filter((i) => i.panelistId === panelistId).sort((a, b) => a.position - b.position);

  const blocks: KnownBlock[] = [
    section(
      `*${escapeMrkdwn(candidateLabel(loop))}* · ${escapeMrkdwn(roleLine(loop.role, loop.level, interview.kind))}\nInterview #${interview.id} · ${data.when}`,
    ),
    context('Independent feedback: nobody on the panel sees your ratings until they have submitted their own.'),
  ];
  if (data.restoredDraft) blocks.push(context(':floppy_disk: Restored what you typed before you closed this form.'));
  if (focus.length > 0) blocks.push(divider, section('*Ratings* for your focus areas'));
  for (const competency of focus) {
    const [rubric = ''] = rubricLines([competency]);
    blocks.push(section(rubric));
    blocks.push(
      radioInput({
        id: `${SCORECARD.ratingPrefix}${competency.id}`,
        label: clip(competency.name, 150),
        options: RATING_OPTIONS,
        initial: initial?.ratings[competency.id] ?? null,
      }),
    );
  }
  if (asked.length > 0) blocks.push(divider, section('*Notes* on the questions you asked (optional)'));
  asked.forEach((item, index) => {
    const q = questions.get(item.questionId);
    if (!q) return;
    blocks.push(
      textInput({
        id: `${SCORECARD.notePrefix}${q.id}`,
        label: clip(`${index + 1}. ${q.text}`, 300),
        optional: true,
        multiline: true,
        maxLength: MAX_NOTE,
        ...(initial?.notes[q.id] ? { initial: initial.notes[q.id] } : {}),
      }),
    );
  });
  blocks.push(
    divider,
    textInput({
      id: SCORECARD.takeaways,
      label: 'Key takeaways',
      hint: 'What the hiring lead should know: evidence for and against.',
      multiline: true,
      maxLength: MAX_TAKEAWAYS,
      ...(initial?.keyTakeaways ? { initial: initial.keyTakeaways } : {}),
    }),
    radioInput({
      id: SCORECARD.recommendation,
      label: 'Overall recommendation',
      options: RECOMMENDATIONS.map((r) => option(r, RECOMMENDATION_LABELS[r])),
      initial: initial?.recommendation ?? null,
    }),
  );
  return {
    type: 'modal',
    callback_id: CALLBACK.scorecard,
    private_metadata: JSON.stringify({ interviewId: interview.id }),
    notify_on_close: true,
    title: plain('Scorecard'),
    submit: plain(data.submitted ? 'Save changes' : 'Submit'),
    close: plain('Close'),
    blocks,
  };
}
