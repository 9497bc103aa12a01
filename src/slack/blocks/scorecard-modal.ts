import type { KnownBlock, PlainTextOption, View } from '@slack/types';
import { roleLine } from '../../domain/labels.js';
import { candidateLabel, type Interview, type KitItemRecord, type Loop } from '../../domain/loop.js';
import { escapeMrkdwn } from '../../domain/mrkdwn.js';
import {
  MAX_NOTE,
  MAX_TAKEAWAYS,
  NOT_OBSERVED,
  RATING_LABELS,
  RATINGS_BEST_FIRST,
  RECOMMENDATION_LABELS,
  RECOMMENDATIONS_BEST_FIRST,
  type ScorecardDraft,
  type ScorecardFields,
  scorecardFields,
} from '../../domain/scorecard.js';
import type { Bank, Competency } from '../../domain/types.js';
import { ACTION, CALLBACK, SCORECARD } from '../ids.js';
import { option, plain, radioInput, textInput } from './inputs.js';
import { clip, context, divider, LIMITS, section } from './text.js';

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
  /** The page on screen (long kits are paged); 0 unless the panelist moved on. */
  page?: number;
  /** A line above the fields, e.g. what still needs an answer on another page. */
  notice?: string;
}

/** Which fields go on which page: every page stays under Slack's 100 blocks a modal, whatever the kit. */
export interface ScorecardPage {
  competencies: ScorecardFields['competencies'];
  questions: ScorecardFields['questions'];
}

// Blocks besides the fields, at most: page 0's header, blind-rule line, restored-draft line, notice,
// recommendation and takeaways (6); a heading and divider for ratings (2) and for notes (2); the page line and
// the page buttons (2).
const FIRST_PAGE_FIELDS = LIMITS.modalBlocks - 6 - 4 - 2;
// Later pages: header, page line, notice (3); the headings (4); the page buttons (2).
const LATER_PAGE_FIELDS = LIMITS.modalBlocks - 3 - 4 - 2;

export function scorecardPages(fields: ScorecardFields): ScorecardPage[] {
  const pages: ScorecardPage[] = [{ competencies: [], questions: [] }];
  const room = () => (pages.length === 1 ? FIRST_PAGE_FIELDS : LATER_PAGE_FIELDS);
  let used = 0;
  const place = (add: (page: ScorecardPage) => void) => {
    if (used >= room()) {
      pages.push({ competencies: [], questions: [] });
      used = 0;
    }
    const page = pages.at(-1);
    if (page) add(page);
    used += 1;
  };
  for (const c of fields.competencies) place((page) => page.competencies.push(c));
  for (const q of fields.questions) place((page) => page.questions.push(q));
  return pages;
}

const OPTION_TEXT = 75;

/** A rating's choices, strongest first, each with its anchor from the rubric beside it. */
function ratingOptions(competency: Competency | undefined): PlainTextOption[] {
  return [
    ...RATINGS_BEST_FIRST.map((r) => {
      const anchor = competency?.rubric[r];
      return {
        ...option(String(r), `${r} · ${RATING_LABELS[r]}`),
        ...(anchor ? { description: plain(anchorLine(anchor)) } : {}),
      };
    }),
    { ...option(NOT_OBSERVED, 'Not observed'), description: plain('The interview showed you nothing of it.') },
  ];
}

/** An anchor on an option's one line: cut at a word, the full rubric is in the kit. */
function anchorLine(text: string): string {
  if (text.length <= OPTION_TEXT) return text;
  const cut = text.slice(0, OPTION_TEXT - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > 40 ? cut.slice(0, space) : cut).replace(/[,;:.]$/, '')}…`;
}

function ratingBlock(bank: Bank, c: { id: string; own: boolean }, initial: ScorecardDraft | null): KnownBlock {
  const competency = bank.competencies.find((known) => known.id === c.id);
  const name = competency?.name ?? c.id;
  return radioInput({
    id: `${SCORECARD.ratingPrefix}${c.id}`,
    label: clip(c.own ? `★ ${name} (your focus)` : name, 2000),
    options: ratingOptions(competency),
    initial: initial?.ratings[c.id] ?? null,
  });
}

function noteBlock(
  bank: Bank,
  q: { questionId: string; askedBy: string; own: boolean },
  number: number,
  initial: ScorecardDraft | null,
  names: ReadonlyMap<string, string>,
): KnownBlock | null {
  const question = bank.questions.find((known) => known.id === q.questionId);
  if (!question) return null;
  const asker = q.own ? 'you asked' : `asked by ${names.get(q.askedBy) ?? 'another panelist'}`;
  const note = initial?.notes[q.questionId];
  return textInput({
    id: `${SCORECARD.notePrefix}${q.questionId}`,
    label: clip(`${number}. ${question.text} (${asker})`, 2000),
    optional: true,
    multiline: true,
    maxLength: MAX_NOTE,
    ...(note ? { initial: note } : {}),
  });
}

function pageButtons(page: number, count: number): KnownBlock[] {
  const buttons = [];
  if (page > 0) {
    buttons.push({
      type: 'button',
      action_id: `${ACTION.scorecardPage}:back`,
      text: plain(page === 1 ? '‹ Back to ratings' : `‹ Page ${page}`),
      value: String(page - 1),
    });
  }
  if (page < count - 1) {
    buttons.push({
      type: 'button',
      action_id: `${ACTION.scorecardPage}:next`,
      text: plain(`Page ${page + 2} ›`),
      value: String(page + 1),
    });
  }
  return [
    context(`Page ${page + 1} of ${count}. What you type is kept when you change pages; Submit sends every page.`),
    { type: 'actions', block_id: 'scorecard_pages', elements: buttons } as KnownBlock,
  ];
}

/** The panelists' names for note labels (plain text cannot mention): position on the panel. */
function panelNames(interview: Interview): Map<string, string> {
  return new Map(interview.panelists.map((p) => [p.userId, `panelist ${p.position + 1}`]));
}

export function scorecardModal(data: ScorecardModalData): View {
  const { bank, loop, interview, panelistId, initial } = data;
  const fields = scorecardFields(bank, interview.panelists, data.items, panelistId);
  const pages = scorecardPages(fields);
  const pageIndex = Math.min(Math.max(0, data.page ?? 0), pages.length - 1);
  const page = pages[pageIndex] ?? { competencies: [], questions: [] };
  const names = panelNames(interview);

  const blocks: KnownBlock[] = [
    section(
      `*${escapeMrkdwn(candidateLabel(loop))}* · ${escapeMrkdwn(roleLine(loop.role, loop.level, interview.kind))}\nInterview #${interview.id} · ${data.when}`,
    ),
  ];
  if (data.notice) blocks.push(section(`:warning: ${data.notice}`));
  if (pageIndex === 0) {
    blocks.push(
      context(
        'Independent feedback: nobody on the panel sees your ratings until they have submitted their own. You rate everything the interview probed, since you heard every answer.',
      ),
    );
    if (data.restoredDraft) blocks.push(context(':floppy_disk: Restored what you typed before you closed this form.'));
    blocks.push(
      radioInput({
        id: SCORECARD.recommendation,
        label: 'Overall recommendation',
        options: RECOMMENDATIONS_BEST_FIRST.map((r) => option(r, RECOMMENDATION_LABELS[r])),
        initial: initial?.recommendation ?? null,
      }),
      textInput({
        id: SCORECARD.takeaways,
        label: 'Key takeaways',
        hint: 'What the hiring lead should know: evidence for and against.',
        multiline: true,
        maxLength: MAX_TAKEAWAYS,
        ...(initial?.keyTakeaways ? { initial: initial.keyTakeaways } : {}),
      }),
    );
  }
  if (page.competencies.length > 0) {
    blocks.push(
      divider,
      section(
        fields.competencies.some((c) => c.own)
          ? '*Ratings* · ★ your focus first, then what the rest of the panel asked'
          : '*Ratings* · everything the panel asked about',
      ),
    );
    for (const c of page.competencies) blocks.push(ratingBlock(bank, c, initial));
  }
  if (page.questions.length > 0) {
    blocks.push(divider, section('*Notes* per question (optional)'));
    for (const q of page.questions) {
      const number = fields.questions.indexOf(q) + 1;
      const block = noteBlock(bank, q, number, initial, names);
      if (block) blocks.push(block);
    }
  }
  if (pages.length > 1) blocks.push(...pageButtons(pageIndex, pages.length));
  return {
    type: 'modal',
    callback_id: CALLBACK.scorecard,
    private_metadata: JSON.stringify({ interviewId: interview.id, page: pageIndex }),
    notify_on_close: true,
    title: plain('Scorecard'),
    submit: plain(data.submitted ? 'Save changes' : 'Submit'),
    close: plain('Close'),
    blocks,
  };
}

/** The page a field is on, for errors about a field that is not on screen. */
export function pageOfField(data: Pick<ScorecardModalData, 'bank' | 'interview' | 'items' | 'panelistId'>) {
  const fields = scorecardFields(data.bank, data.interview.panelists, data.items, data.panelistId);
  const pages = scorecardPages(fields);
  const where = new Map<string, number>();
  pages.forEach((page, index) => {
    for (const c of page.competencies) where.set(`${SCORECARD.ratingPrefix}${c.id}`, index);
    for (const q of page.questions) where.set(`${SCORECARD.notePrefix}${q.questionId}`, index);
  });
  where.set(SCORECARD.recommendation, 0);
  where.set(SCORECARD.takeaways, 0);
  return { pages: pages.length, where };
}
