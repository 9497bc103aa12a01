import type { KnownBlock, PlainTextOption } from '@slack/types';
import { clip, LIMITS } from './text.js';

export const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

export function option(value: string, text: string = value): PlainTextOption {
  return { text: plain(clip(text, LIMITS.optionText)), value };
}

interface InputBase {
  id: string;
  label: string;
  hint?: string;
  optional?: boolean;
}

function input(base: InputBase, element: Record<string, unknown>): KnownBlock {
  return {
    type: 'input',
    block_id: base.id,
    label: plain(base.label),
    ...(base.hint ? { hint: plain(base.hint) } : {}),
    optional: base.optional ?? false,
    element: { action_id: base.id, ...element },
  } as KnownBlock;
}

export function textInput(
  base: InputBase & { initial?: string; multiline?: boolean; maxLength: number; placeholder?: string },
) {
  return input(base, {
    type: 'plain_text_input',
    multiline: base.multiline ?? false,
    max_length: base.maxLength,
    ...(base.initial ? { initial_value: base.initial.slice(0, base.maxLength) } : {}),
    ...(base.placeholder ? { placeholder: plain(base.placeholder) } : {}),
  });
}

export function selectInput(base: InputBase & { options: PlainTextOption[]; initial?: string | null }) {
  const initial = base.options.find((o) => o.value === base.initial);
  return input(base, { type: 'static_select', options: base.options, ...(initial ? { initial_option: initial } : {}) });
}

/** A select whose options Slack asks the app for as the user types (`app.options`), for lists over 100. */
export function externalSelectInput(base: InputBase & { initial?: PlainTextOption; placeholder?: string }) {
  return input(base, {
    type: 'external_select',
    min_query_length: 0,
    ...(base.placeholder ? { placeholder: plain(base.placeholder) } : {}),
    ...(base.initial ? { initial_option: base.initial } : {}),
  });
}

export function multiSelectInput(base: InputBase & { options: PlainTextOption[]; initial?: string[] }) {
  const initial = base.options.filter((o) => o.value && base.initial?.includes(o.value));
  return input(base, {
    type: 'multi_static_select',
    options: base.options,
    ...(initial.length > 0 ? { initial_options: initial } : {}),
  });
}

export function dateTimeInput(base: InputBase & { initial?: number }) {
  return input(base, { type: 'datetimepicker', ...(base.initial ? { initial_date_time: base.initial } : {}) });
}

export function usersInput(base: InputBase & { initial?: string[]; max: number }) {
  return input(base, {
    type: 'multi_users_select',
    max_selected_items: base.max,
    ...(base.initial && base.initial.length > 0 ? { initial_users: base.initial } : {}),
  });
}

export function userInput(base: InputBase & { initial?: string }) {
  return input(base, { type: 'users_select', ...(base.initial ? { initial_user: base.initial } : {}) });
}

export function channelInput(base: InputBase & { initial?: string | null }) {
  return input(base, {
    type: 'conversations_select',
    filter: { include: ['public', 'private'], exclude_bot_users: true, exclude_external_shared_channels: true },
    ...(base.initial ? { initial_conversation: base.initial } : {}),
  });
}

export function radioInput(base: InputBase & { options: PlainTextOption[]; initial?: string | null }) {
  const initial = base.options.find((o) => o.value === base.initial);
  return input(base, { type: 'radio_buttons', options: base.options, ...(initial ? { initial_option: initial } : {}) });
}
