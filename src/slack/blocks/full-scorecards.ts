import type { KnownBlock, View } from '@slack/types';
import { candidateLabel } from '../../domain/loop.js';
import { escapeMrkdwn } from '../../domain/mrkdwn.js';
import { RECOMMENDATION_LABELS } from '../../domain/scorecard.js';
import type { FullScorecards } from '../../services/full-scorecards.js';
import { plain } from './inputs.js';
import { packedSections } from './panelist-kit.js';
import { clip, context, divider, LIMITS, section } from './text.js';

/** Every scorecard of the loop in full: recommendation, takeaways, ratings and notes, one after another. */
export function fullScorecardsModal(data: FullScorecards): View {
  const { state, notes, questionText } = data;
  const name = (id: string) => escapeMrkdwn(state.competencyNames.get(id) ?? id);
  const blocks: KnownBlock[] = [
    section(`*${escapeMrkdwn(candidateLabel(state.loop))}*: every scorecard submitted so far, in full.`),
  ];
  for (const card of state.submitted) {
    const ratings = Object.entries(card.ratings)
      .map(
        ([id, r]) =>
          `• ${name(id)}: ${r === null ? 'not observed' : r}${card.focus.includes(id) ? ' ★ asked about it' : ''}`,
      )
      .sort();
    const own = notes
      .filter((n) => n.interviewId === card.interviewId && n.panelistId === card.panelistId)
      .map(
        (n) => `*${escapeMrkdwn(clip(questionText.get(n.questionId) ?? n.questionId, 200))}*\n${escapeMrkdwn(n.note)}`,
      );
    const part: KnownBlock[] = [
      divider,
      section(
        `<@${card.panelistId}> · interview #${card.interviewId} · *${RECOMMENDATION_LABELS[card.recommendation]}*${card.revision > 1 ? ` (revision ${card.revision})` : ''}\n> ${escapeMrkdwn(card.keyTakeaways).replace(/\n/g, '\n> ')}`,
      ),
      ...packedSections(['*Ratings*', ...ratings]),
      ...(own.length > 0 ? packedSections(['*Notes*', ...own]) : []),
    ];
    if (blocks.length + part.length > LIMITS.modalBlocks - 1) {
      blocks.push(context('More than one view holds: `npm run cli -- export` prints every scorecard.'));
      break;
    }
    blocks.push(...part);
  }
  return {
    type: 'modal',
    title: plain('Full scorecards'),
    close: plain('Close'),
    blocks,
  };
}
