// Builders for `view.state.values` entries exactly as Slack sends them in view_submission / block_actions payloads.

export type ElementState = Record<string, unknown> & { type: string };
/** `view.state.values`: block_id -> action_id -> element state. */
export type StateValues = Record<string, Record<string, ElementState>>;

export interface SelectedOption {
  text: { type: 'plain_text'; text: string; emoji: boolean };
  value: string;
}

export function option(value: string, text: string = value): SelectedOption {
  return { text: { type: 'plain_text', text, emoji: true }, value };
}

/** plain_text_input (multiline or not); an empty input arrives as null. */
export const plainText = (value: string | null): ElementState => ({ type: 'plain_text_input', value });

export const numberInput = (value: number | string | null): ElementState => ({
  type: 'number_input',
  value: value === null ? null : String(value),
});

export const staticSelect = (value: string | null, text?: string): ElementState => ({
  type: 'static_select',
  selected_option: value === null ? null : option(value, text),
});

export const multiStaticSelect = (values: string[]): ElementState => ({
  type: 'multi_static_select',
  selected_options: values.map((v) => option(v)),
});

export const radio = (value: string | null, text?: string): ElementState => ({
  type: 'radio_buttons',
  selected_option: value === null ? null : option(value, text),
});

export const checkboxes = (values: string[]): ElementState => ({
  type: 'checkboxes',
  selected_options: values.map((v) => option(v)),
});

export const usersSelect = (userId: string | null): ElementState => ({ type: 'users_select', selected_user: userId });

export const multiUsers = (userIds: string[]): ElementState => ({
  type: 'multi_users_select',
  selected_users: userIds,
});

export const conversation = (id: string | null): ElementState => ({
  type: 'conversations_select',
  selected_conversation: id,
});

export const channelSelect = (id: string | null): ElementState => ({ type: 'channels_select', selected_channel: id });

/** datetimepicker: Unix seconds. */
export const datetime = (epochSeconds: number | null): ElementState => ({
  type: 'datetimepicker',
  selected_date_time: epochSeconds,
});

/** datepicker: 'YYYY-MM-DD'. */
export const datePicker = (date: string | null): ElementState => ({ type: 'datepicker', selected_date: date });

/** timepicker: 'HH:mm'. */
export const timePicker = (time: string | null, timezone?: string): ElementState => ({
  type: 'timepicker',
  selected_time: time,
  ...(timezone === undefined ? {} : { timezone }),
});

/** Builds a state map from [block_id, action_id, state] triples. */
export function stateValues(...entries: Array<[blockId: string, actionId: string, state: ElementState]>): StateValues {
  const values: StateValues = {};
  for (const [blockId, actionId, state] of entries) {
    values[blockId] = { ...values[blockId], [actionId]: state };
  }
  return values;
}
