import type { KnownBlock, View } from '@slack/types';
import { escapeMrkdwn } from '../../domain/mrkdwn.js';
import { counted } from '../../domain/plural.js';
import { type Bank, LEVELS, QUESTION_KINDS, type Question } from '../../domain/types.js';
import { BANK_ADD, CALLBACK } from '../ids.js';
import { multiSelectInput, option, plain, selectInput, textInput } from './inputs.js';
import { context, section } from './text.js';

const SHOWN = 15;

export function bankSearchBlocks(bank: Bank, query: string, matches: Question[]): KnownBlock[] {
  const names = new Map(bank.competencies.map((c) => [c.id, c.name]));
  if (!query) {
    const active = bank.questions.filter((q) => q.active);
    const perKind = QUESTION_KINDS.map((k) => `${k} ${active.filter((q) => q.kind === k).length}`).join(' · ');
    return [
      section(
        `*The question bank:* ${counted(active.length, 'question')} (${perKind}), ${counted(bank.competencies.length, 'competency', 'competencies')}.`,
      ),
      context(
        'Search with `/interview bank &lt;words&gt;` (e.g. `/interview bank senior databases`); add one with `/interview bank add`.',
      ),
    ];
  }
  if (matches.length === 0) {
    return [
      section(
        `No question matches "${escapeMrkdwn(query)}". Try fewer or other words, e.g. a competency such as \`security\`.`,
      ),
    ];
  }
  const lines = matches.slice(0, SHOWN).map((q) => {
    const comps = q.competencies.map((c) => names.get(c) ?? c).join(', ');
    const flag = q.sensitive ? ' · :lock: sensitive, never picked automatically' : '';
    return `• *${escapeMrkdwn(q.text)}*\n   \`${q.id}\` · ${q.kind} · ${q.levels.join(', ')} · ${q.minutes} min · ${comps}${flag}`;
  });
  const more = matches.length > SHOWN ? `\n…and ${matches.length - SHOWN} more: add words to narrow it down.` : '';
  return [
    section(`*${matches.length} question${matches.length === 1 ? '' : 's'} match "${escapeMrkdwn(query)}"*`),
    section(lines.join('\n') + more),
  ];
}

const label = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);

export function bankAddModal(bank: Bank): View {
  return {
    type: 'modal',
    callback_id: CALLBACK.bankAdd,
    title: plain('Add a question'),
    submit: plain('Add'),
    close: plain('Cancel'),
    blocks: [
      textInput({ id: BANK_ADD.text, label: 'Question', maxLength: 500, multiline: true }),
      selectInput({
        id: BANK_ADD.kind,
        label: 'Kind',
        options: QUESTION_KINDS.map((k) => option(k, label(k))),
        initial: 'technical',
      }),
      multiSelectInput({
        id: BANK_ADD.competencies,
        label: 'Competencies it assesses',
        options: bank.competencies.map((c) => option(c.id, c.name)),
      }),
      multiSelectInput({ id: BANK_ADD.levels, label: 'Levels', options: LEVELS.map((l) => option(l, label(l))) }),
      selectInput({
        id: BANK_ADD.minutes,
        label: 'Minutes it usually takes',
        options: [2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30].map((m) => option(String(m), `${m} min`)),
        initial: '6',
      }),
      textInput({
        id: BANK_ADD.guidance,
        label: 'Guidance for the interviewer',
        hint: 'What the question reveals and what separates a strong answer from a weak one.',
        maxLength: 1200,
        multiline: true,
      }),
      textInput({
        id: BANK_ADD.strongAnswer,
        label: 'A strong answer',
        optional: true,
        maxLength: 1200,
        multiline: true,
      }),
      textInput({
        id: BANK_ADD.redFlags,
        label: 'Red flags (one per line)',
        optional: true,
        maxLength: 900,
        multiline: true,
      }),
      textInput({
        id: BANK_ADD.roles,
        label: 'Roles (comma-separated; empty for any role)',
        optional: true,
        maxLength: 200,
        placeholder: 'backend-developer',
      }),
    ],
  };
}

export function bankAddedView(question: Question): View {
  return {
    type: 'modal',
    title: plain('Question added'),
    close: plain('Done'),
    blocks: [
      section(
        `:white_check_mark: Added \`${question.id}\` to the bank:\n*${escapeMrkdwn(question.text)}*\n${question.kind} · ${question.levels.join(', ')} · ${question.minutes} min`,
      ),
      context('Kits planned from now on can pick it.'),
    ],
  };
}
