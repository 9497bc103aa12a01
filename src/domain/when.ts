import { TZDate, tzOffset } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { fail, ok, type Result } from './types.js';

/**
 * Reads the "when" of `/interview reschedule 12 <when>` as a wall-clock time in the user's IANA time zone.
 *
 * Accepted (case-insensitive, commas and extra spaces ignored, an optional `at` before the time and `on` before the day;
 * the time may also come first, as in `3pm tomorrow`):
 * - ISO dates: `2026-12-01 14:00`, `2026-12-01 2pm`, `2026-12-01T14:00`.
 * - Month names: `dec 1 14:00`, `1 dec 2pm`, `december 1st at 3:30pm`, `1 dec 2027 9:00`. Without a year it is the
 *   next occurrence of that day that is not before today in the zone (today itself counts, even if the time has passed).
 *   Numeric day/month forms like `12/01` are refused: they read differently in different countries.
 * - `today`, `tomorrow`, weekdays (`mon`, `monday`, `tues`, `thurs`...). A weekday is its next occurrence strictly
 *   after today, so on a Monday `mon` is a week away; `next monday` means exactly the same.
 * - `in 2 hours`, `in 30 minutes`, `in an hour`, `in 45m`: relative to `now`, no time needed.
 * - Times: `14:00`, `9:05`, `3pm`, `3:30pm`, `3 pm`, `noon`, and a bare hour after `at` (`at 9` is 09:00).
 *   `midnight` is refused as ambiguous (start or end of the day?); the message suggests `00:00` or `23:59`.
 * A day without a time, or a time without a day, is an error that shows how to add the missing part.
 * A wall-clock time skipped by a DST change is an error; one repeated by a DST change takes the first (earlier) instant.
 * Past times are returned as they are: the caller decides whether they are allowed.
 */

const CODE = 'unparseable_time';
const OUT_OF_RANGE = "That's further away than I can count.";
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const WEEKDAY =
  '(sun(?:day)?|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?)';
const ORDINAL = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '(?:\\s+([12]\\d{3}))?';
const MONTH_FIRST = new RegExp(`^${MONTH}\\s+${ORDINAL}${YEAR}$`);
const DAY_FIRST = new RegExp(`^${ORDINAL}\\s+(?:of\\s+)?${MONTH}${YEAR}$`);
const WEEKDAY_ONLY = new RegExp(`^(?:next\\s+)?${WEEKDAY}$`);
const ISO_DATE = /^([12]\d{3})-(\d{1,2})-(\d{1,2})$/;
const RELATIVE = /^in\s+(\d{1,5}|an?)\s*(m|mins?|minutes?|h|hrs?|hours?)$/;

interface CivilDate {
  year: number;
  /** 0 = January. */
  month: number;
  day: number;
}

interface Clock {
  hour: number;
  minute: number;
}

/** A parsed part, a user-facing error message, or null when the text is not this kind of part at all. */
type Part<T> = T | string | null;

const pad = (n: number) => String(n).padStart(2, '0');
const isoDate = (d: CivilDate) => `${d.year}-${pad(d.month + 1)}-${pad(d.day)}`;
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
const monthIndex = (word: string) => MONTHS.indexOf(word.slice(0, 3));

function addDays(d: CivilDate, days: number): CivilDate {
  const u = new Date(Date.UTC(d.year, d.month, d.day + days));
  return { year: u.getUTCFullYear(), month: u.getUTCMonth(), day: u.getUTCDate() };
}

export function isTimeZone(timeZone: string): boolean {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone !== '';
  } catch {
    return false;
  }
}

function parseClock(text: string, afterAt: boolean): Part<Clock> {
  if (text === 'noon') return { hour: 12, minute: 0 };
  if (text === 'midnight')
    return '"midnight" is ambiguous: write `00:00` for the start of a day or `23:59` for its end.';
  const twelve = /^(\d{1,2})(?::(\d{2}))?([ap])\.?m\.?$/.exec(text);
  if (twelve) {
    const hour = Number(twelve[1]);
    const minute = Number(twelve[2] ?? 0);
    if (hour < 1 || hour > 12 || minute > 59) return `"${text}" isn't a time of day: with am/pm, use 1:00 to 12:59.`;
    return { hour: (hour % 12) + (twelve[3] === 'p' ? 12 : 0), minute };
  }
  const clock = /^(\d{1,2}):(\d{2})$/.exec(text) ?? (afterAt ? /^(\d{1,2})$/.exec(text) : null);
  if (!clock) return null;
  const hour = Number(clock[1]);
  const minute = Number(clock[2] ?? 0);
  if (hour > 23 || minute > 59) return `"${text}" isn't a time of day: use 00:00 to 23:59.`;
  return { hour, minute };
}

function parseDate(text: string, today: CivilDate, weekday: number): Part<CivilDate> {
  if (text === 'today') return today;
  if (text === 'tomorrow') return addDays(today, 1);
  const named = WEEKDAY_ONLY.exec(text);
  if (named) return addDays(today, (WEEKDAYS.indexOf((named[1] ?? '').slice(0, 3)) - weekday + 7) % 7 || 7);
  const iso = ISO_DATE.exec(text);
  if (iso) {
    const date = { year: Number(iso[1]), month: Number(iso[2]) - 1, day: Number(iso[3]) };
    if (date.month < 0 || date.month > 11) return `${text} isn't a date: months go from 01 to 12.`;
    const max = daysIn(date.year, date.month);
    if (date.day < 1 || date.day > max) {
      return `${text} isn't a date: ${MONTH_NAMES[date.month]} ${date.year} has ${max} days.`;
    }
    return date;
  }
  const monthFirst = MONTH_FIRST.exec(text);
  const dayFirst = monthFirst ? null : DAY_FIRST.exec(text);
  if (!monthFirst && !dayFirst) return null;
  const month = monthIndex((monthFirst ? monthFirst[1] : dayFirst?.[2]) ?? '');
  const day = Number(monthFirst ? monthFirst[2] : dayFirst?.[1]);
  const year = monthFirst?.[3] ?? dayFirst?.[3];
  if (year !== undefined) {
    const max = daysIn(Number(year), month);
    if (day < 1 || day > max) return `"${text}" isn't a date: ${MONTH_NAMES[month]} ${year} has ${max} days.`;
    return { year: Number(year), month, day };
  }
  if (day < 1 || day > daysIn(2000, month)) {
    return `"${text}" isn't a date: ${MONTH_NAMES[month]} has at most ${daysIn(2000, month)} days.`;
  }
  // The next year in which this day exists (29 February) and is not before today.
  for (let y = today.year; y <= today.year + 8; y++) {
    const date = { year: y, month, day };
    if (day <= daysIn(y, month) && isoDate(date) >= isoDate(today)) return date;
  }
  return OUT_OF_RANGE;
}

/** The first instant whose wall clock in `timeZone` reads `date` `clock`, or null if a DST gap skips it. */
function toInstant(date: CivilDate, clock: Clock, timeZone: string): Date | null {
  const wall = Date.UTC(date.year, date.month, date.day, clock.hour, clock.minute);
  const offsets = new Set([-DAY, 0, DAY].map((shift) => tzOffset(timeZone, new Date(wall + shift))));
  const instants = [...offsets]
    .map((offset) => ({ offset, at: wall - offset * MINUTE }))
    .filter(({ offset, at }) => tzOffset(timeZone, new Date(at)) === offset)
    .map(({ at }) => at);
  return instants.length === 0 ? null : new Date(Math.min(...instants));
}

function gapMessage(date: CivilDate, clock: Clock, timeZone: string): string {
  const wall = Date.UTC(date.year, date.month, date.day, clock.hour, clock.minute);
  const jump = tzOffset(timeZone, new Date(wall + DAY)) - tzOffset(timeZone, new Date(wall - DAY));
  const later = new Date(wall + (jump > 0 ? jump : 60) * MINUTE);
  const suggestion = `${later.toISOString().slice(0, 10)} ${pad(later.getUTCHours())}:${pad(later.getUTCMinutes())}`;
  const asked = `${isoDate(date)} ${pad(clock.hour)}:${pad(clock.minute)}`;
  return `${asked} doesn't exist in ${timeZone}: the clocks jump forward then. Try \`${suggestion}\`.`;
}

function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/,/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(\d{4}-\d{1,2}-\d{1,2})t(?=\d)/, '$1 ')
    .replace(/(\d) ([ap]\.?m\b\.?)/g, '$1$2');
}

/** Splits the tokens into a clock (last, or first) and the remaining date words. */
function splitClock(tokens: string[]): { clock: Part<Clock>; dateText: string; clockText: string } {
  const last = tokens.length - 1;
  const atEnd = tokens[last - 1] === 'at';
  const endClock = parseClock(tokens[last] ?? '', atEnd);
  if (endClock !== null) {
    return { clock: endClock, clockText: tokens[last] ?? '', dateText: tokens.slice(0, atEnd ? -2 : -1).join(' ') };
  }
  const start = tokens[0] === 'at' ? 1 : 0;
  const startClock = parseClock(tokens[start] ?? '', start === 1);
  if (startClock === null) return { clock: null, clockText: '', dateText: tokens.join(' ') };
  return { clock: startClock, clockText: tokens[start] ?? '', dateText: tokens.slice(start + 1).join(' ') };
}

function tip(timeZone: string): string {
  return `Try \`tomorrow 3pm\`, \`mon 14:00\` or \`2026-12-01 14:00\` (your time zone: ${timeZone}).`;
}

function read(input: string, now: Date, timeZone: string): Date | string {
  const text = normalize(input);
  if (text === '') return 'Tell me when.';
  const relative = RELATIVE.exec(text);
  if (relative) {
    const amount = /^\d/.test(relative[1] ?? '') ? Number(relative[1]) : 1;
    const at = new Date(now.getTime() + amount * MINUTE * (relative[2]?.startsWith('h') ? 60 : 1));
    return Number.isNaN(at.getTime()) ? OUT_OF_RANGE : at;
  }
  const zoned = new TZDate(now.getTime(), timeZone);
  const today = { year: zoned.getFullYear(), month: zoned.getMonth(), day: zoned.getDate() };
  const { clock, clockText, dateText } = splitClock(text.split(' '));
  const date = parseDate(dateText.replace(/^on /, ''), today, zoned.getDay());
  const trimmed = input.trim().replace(/`/g, "'");
  const quoted = trimmed.length > 40 ? `${trimmed.slice(0, 40)}…` : trimmed;
  if (clock === null) {
    if (date === null) return `I couldn't read "${quoted}" as a time.`;
    return typeof date === 'string' ? date : `Add a time to "${dateText}", e.g. \`${dateText} 3pm\`.`;
  }
  if (typeof clock === 'string') return clock;
  if (dateText === '') return `Add a day to "${clockText}", e.g. \`today ${clockText}\` or \`tomorrow ${clockText}\`.`;
  if (date === null) return `I couldn't read "${quoted}" as a time.`;
  if (typeof date === 'string') return date;
  if (Number.isNaN(Date.UTC(date.year, date.month, date.day + 1, clock.hour, clock.minute))) return OUT_OF_RANGE;
  return toInstant(date, clock, timeZone) ?? gapMessage(date, clock, timeZone);
}

/** Parses what a user typed as a time (see the list above) into a UTC instant; `timeZone` is an IANA zone. */
export function parseWhen(text: string, now: Date, timeZone: string): Result<Date> {
  if (!isTimeZone(timeZone)) return fail('invalid_time_zone', `I don't know the time zone "${timeZone}".`);
  const result = read(text, now, timeZone);
  if (typeof result !== 'string') return ok(result);
  return fail(CODE, result.includes('`') ? result : `${result} ${tip(timeZone)}`);
}

/** Shows an instant to users, e.g. `Tue 1 Dec 2026, 14:00 (Europe/Berlin)`; an unknown zone falls back to UTC. */
export function formatInZone(date: Date, timeZone: string): string {
  const zone = isTimeZone(timeZone) ? timeZone : 'UTC';
  if (Number.isNaN(date.getTime())) return 'an unknown time';
  return `${format(new TZDate(date.getTime(), zone), 'EEE d MMM yyyy, HH:mm')} (${zone})`;
}
