import type { Interview, KitItemRecord } from './loop.js';
import type { Bank } from './types.js';

// The running order of one interview (spec §4.3): who asks what, at which minute, with the opening and
// the close. Pure, over the planner's output (the kit items in their order) and the interview's times.

export interface RunningItem {
  /** The kit item's id when it is saved; absent for an ad hoc kit. */
  itemId?: number;
  questionId: string;
  competencyId: string;
  minutes: number;
}

export interface RunningPart {
  panelistId: string;
  items: RunningItem[];
}

export type RunningSlot =
  | { kind: 'opening'; start: number; end: number; panelistId: string | null }
  | { kind: 'close'; start: number; end: number; panelistId: string | null }
  | ({ kind: 'question'; start: number; end: number; panelistId: string; number: number } & RunningItem);

export interface RunningOrderInput {
  durationMinutes: number;
  /** Minutes kept free of questions: the first half opens, the rest closes. */
  allowanceMinutes: number;
  /** In panel order; each panelist's items in their planned order. */
  parts: RunningPart[];
}

/**
 * Opening (led by the first panelist), then each panelist's questions in turn, numbered through, then the close,
 * which takes whatever time the questions leave. Minutes count from the interview's start.
 */
export function runningOrder(input: RunningOrderInput): RunningSlot[] {
  const lead = input.parts[0]?.panelistId ?? null;
  const opening = Math.min(Math.floor(input.allowanceMinutes / 2), input.durationMinutes);
  const slots: RunningSlot[] = [];
  if (opening > 0) slots.push({ kind: 'opening', start: 0, end: opening, panelistId: lead });
  let minute = opening;
  let number = 0;
  for (const part of input.parts) {
    for (const item of part.items) {
      number += 1;
      slots.push({
        ...item,
        kind: 'question',
        start: minute,
        end: minute + item.minutes,
        panelistId: part.panelistId,
        number,
      });
      minute += item.minutes;
    }
  }
  if (minute < input.durationMinutes)
    slots.push({ kind: 'close', start: minute, end: input.durationMinutes, panelistId: lead });
  return slots;
}

/** `0:05`, `1:10`: a minute offset as a clock reading from the start. */
export function minuteMark(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The interview's running order from its saved kit: each panelist's questions in panel order. */
export function interviewRunningOrder(
  bank: Bank,
  interview: Interview,
  items: KitItemRecord[],
  allowanceMinutes: number,
): RunningSlot[] {
  const minutes = new Map(bank.questions.map((q) => [q.id, q.minutes]));
  const parts: RunningPart[] = [...interview.panelists]
    .sort((a, b) => a.position - b.position)
    .map((p) => ({
      panelistId: p.userId,
      items: items
        .filter((i) => i.panelistId === p.userId)
        .sort((a, b) => a.position - b.position)
        .map((i) => ({
          itemId: i.id,
          questionId: i.questionId,
          competencyId: i.competencyId,
          minutes: minutes.get(i.questionId) ?? 0,
        })),
    }));
  return runningOrder({ durationMinutes: interview.durationMinutes, allowanceMinutes, parts });
}
