import { z } from 'zod';

/** view.state.values as Slack sends it: block_id → action_id → element state. */
export type StateValues = Record<string, Record<string, unknown>>;

const element = z
  .object({
    value: z.string().nullish(),
    selected_option: z.object({ value: z.string() }).nullish(),
    selected_options: z.array(z.object({ value: z.string() })).nullish(),
    selected_date_time: z.number().nullish(),
    selected_users: z.array(z.string()).nullish(),
    selected_user: z.string().nullish(),
    selected_conversation: z.string().nullish(),
    selected_channel: z.string().nullish(),
  })
  .loose();

type Element = z.infer<typeof element>;

/** Reads the element of an input whose block_id and action_id are both `id`; malformed input reads as empty. */
function read(values: StateValues, id: string): Element {
  const parsed = element.safeParse(values[id]?.[id]);
  return parsed.success ? parsed.data : {};
}

export const textOf = (values: StateValues, id: string): string => read(values, id).value?.trim() ?? '';
export const optionOf = (values: StateValues, id: string): string | null =>
  read(values, id).selected_option?.value ?? null;
export const optionsOf = (values: StateValues, id: string): string[] =>
  (read(values, id).selected_options ?? []).map((o) => o.value);
export const dateTimeOf = (values: StateValues, id: string): number | null =>
  read(values, id).selected_date_time ?? null;
export const usersOf = (values: StateValues, id: string): string[] => read(values, id).selected_users ?? [];
export const userOf = (values: StateValues, id: string): string | null => read(values, id).selected_user ?? null;
export const conversationOf = (values: StateValues, id: string): string | null => {
  const e = read(values, id);
  return e.selected_conversation ?? e.selected_channel ?? null;
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * view.state.values when it has Slack's shape (block_id → action_id → element), else null. Read in place, not
 * copied: each element is checked when it is read (`read`), and this runs on every submission.
 */
export function stateValues(raw: unknown): StateValues | null {
  if (!isRecord(raw)) return null;
  for (const block of Object.values(raw)) if (!isRecord(block)) return null;
  return raw as StateValues;
}
