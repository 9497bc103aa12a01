import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatInZone, parseWhen } from '../../src/domain/when.js';

/** Monday 23 November 2026: 10:15 UTC, 11:15 Berlin, 02:15 Los Angeles, 15:45 Kolkata. */
const NOW = new Date('2026-11-23T10:15:00Z');
const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/Los_Angeles',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'America/Sao_Paulo',
];
const TIP = 'Try `tomorrow 3pm`, `mon 14:00` or `2026-12-01 14:00`';

const parse = (text: string, zone: string, now = NOW) => parseWhen(text, now, zone);
const value = (text: string, zone: string, now = NOW) => {
  const result = parse(text, zone, now);
  if (!result.ok) throw new Error(result.error.message);
  return result.value.toISOString();
};
const message = (text: string, zone: string, now = NOW) => {
  const result = parse(text, zone, now);
  if (result.ok) throw new Error(`parsed ${result.value.toISOString()}`);
  expect(result.error.code).toBe('unparseable_time');
  return result.error.message;
};

describe('parseWhen', () => {
  it.each([
    ['2026-12-01 14:00', 'UTC', '2026-12-01T14:00:00.000Z'],
    ['2026-12-01 2pm', 'UTC', '2026-12-01T14:00:00.000Z'],
    ['2026-12-01T14:00', 'UTC', '2026-12-01T14:00:00.000Z'],
    ['  2026-12-01    14:00  ', 'UTC', '2026-12-01T14:00:00.000Z'],
    ['2026-12-1 9:05', 'UTC', '2026-12-01T09:05:00.000Z'],
    ['dec 1 14:00', 'UTC', '2026-12-01T14:00:00.000Z'],
    ['1 dec 2pm', 'UTC', '2026-12-01T14:00:00.000Z'],
    ['December 1 at 3:30pm', 'UTC', '2026-12-01T15:30:00.000Z'],
    ['DEC 1ST, 3 PM', 'UTC', '2026-12-01T15:00:00.000Z'],
    ['1st of december 3 p.m.', 'UTC', '2026-12-01T15:00:00.000Z'],
    ['nov 23 9am', 'UTC', '2026-11-23T09:00:00.000Z'],
    ['nov 22 9am', 'UTC', '2027-11-22T09:00:00.000Z'],
    ['jan 5 10:00', 'UTC', '2027-01-05T10:00:00.000Z'],
    ['5 jan 2028 10:00', 'UTC', '2028-01-05T10:00:00.000Z'],
    ['feb 29 10:00', 'UTC', '2028-02-29T10:00:00.000Z'],
    ['sept 3 noon', 'UTC', '2027-09-03T12:00:00.000Z'],
    ['today 16:30', 'UTC', '2026-11-23T16:30:00.000Z'],
    ['today 9am', 'UTC', '2026-11-23T09:00:00.000Z'],
    ['tomorrow 3pm', 'UTC', '2026-11-24T15:00:00.000Z'],
    ['Tomorrow at 9', 'UTC', '2026-11-24T09:00:00.000Z'],
    ['tomorrow at 17', 'UTC', '2026-11-24T17:00:00.000Z'],
    ['tomorrow noon', 'UTC', '2026-11-24T12:00:00.000Z'],
    ['tomorrow 12am', 'UTC', '2026-11-24T00:00:00.000Z'],
    ['tomorrow 12:30pm', 'UTC', '2026-11-24T12:30:00.000Z'],
    ['mon 14:00', 'UTC', '2026-11-30T14:00:00.000Z'],
    ['monday 2pm', 'UTC', '2026-11-30T14:00:00.000Z'],
    ['next monday 10am', 'UTC', '2026-11-30T10:00:00.000Z'],
    ['tue 9:05', 'UTC', '2026-11-24T09:05:00.000Z'],
    ['thurs 8am', 'UTC', '2026-11-26T08:00:00.000Z'],
    ['sun 00:00', 'UTC', '2026-11-29T00:00:00.000Z'],
    ['3pm tomorrow', 'UTC', '2026-11-24T15:00:00.000Z'],
    ['at 3pm on friday', 'UTC', '2026-11-27T15:00:00.000Z'],
    ['on friday at 4:45 pm', 'UTC', '2026-11-27T16:45:00.000Z'],
    ['in 2 hours', 'UTC', '2026-11-23T12:15:00.000Z'],
    ['in 30 minutes', 'UTC', '2026-11-23T10:45:00.000Z'],
    ['in an hour', 'UTC', '2026-11-23T11:15:00.000Z'],
    ['in 45m', 'UTC', '2026-11-23T11:00:00.000Z'],
    ['2026-12-01 14:00', 'Europe/Berlin', '2026-12-01T13:00:00.000Z'],
    ['today 16:30', 'Europe/Berlin', '2026-11-23T15:30:00.000Z'],
    ['tomorrow 3pm', 'Europe/Berlin', '2026-11-24T14:00:00.000Z'],
    ['mon 14:00', 'Europe/Berlin', '2026-11-30T13:00:00.000Z'],
    ['in 2 hours', 'Europe/Berlin', '2026-11-23T12:15:00.000Z'],
    ['today 16:30', 'America/Los_Angeles', '2026-11-24T00:30:00.000Z'],
    ['tomorrow 9am', 'America/Los_Angeles', '2026-11-24T17:00:00.000Z'],
    ['dec 1 14:00', 'America/Los_Angeles', '2026-12-01T22:00:00.000Z'],
    ['today 16:30', 'Asia/Kolkata', '2026-11-23T11:00:00.000Z'],
    ['tomorrow 9am', 'Asia/Kolkata', '2026-11-24T03:30:00.000Z'],
    ['mon 14:00', 'Asia/Kolkata', '2026-11-30T08:30:00.000Z'],
    ['2026-12-01 00:15', 'Asia/Kolkata', '2026-11-30T18:45:00.000Z'],
  ])('reads %j in %s', (text, zone, expected) => {
    expect(value(text, zone)).toBe(expected);
  });

  it('takes "today" in the user’s zone, not UTC', () => {
    // 06:00 UTC on Tuesday 24 Nov is 22:00 Monday in Los Angeles and 11:30 Tuesday in Kolkata.
    const now = new Date('2026-11-24T06:00:00Z');
    expect(value('tomorrow 9am', 'America/Los_Angeles', now)).toBe('2026-11-24T17:00:00.000Z');
    expect(value('tomorrow 9am', 'Asia/Kolkata', now)).toBe('2026-11-25T03:30:00.000Z');
    expect(value('tue 9am', 'America/Los_Angeles', now)).toBe('2026-11-24T17:00:00.000Z');
    expect(value('tue 9am', 'Asia/Kolkata', now)).toBe('2026-12-01T03:30:00.000Z');
  });

  describe('across DST changes', () => {
    // Friday 27 March 2026, 10:00 in Berlin (CET); clocks go to CEST on Sunday 29 March at 02:00.
    const berlinSpring = new Date('2026-03-27T09:00:00Z');
    // Friday 30 October 2026, 10:00 in Los Angeles (PDT); clocks go back to PST on Sunday 1 November at 02:00.
    const laFall = new Date('2026-10-30T17:00:00Z');

    it.each([
      ['today 10:00', 'Europe/Berlin', berlinSpring, '2026-03-27T09:00:00.000Z'],
      ['mon 10:00', 'Europe/Berlin', berlinSpring, '2026-03-30T08:00:00.000Z'],
      ['sun 01:59', 'Europe/Berlin', berlinSpring, '2026-03-29T00:59:00.000Z'],
      ['sun 03:00', 'Europe/Berlin', berlinSpring, '2026-03-29T01:00:00.000Z'],
      ['in 2 days', 'Europe/Berlin', berlinSpring, null],
      ['2026-10-25 02:30', 'Europe/Berlin', berlinSpring, '2026-10-25T00:30:00.000Z'],
      ['2026-10-25 03:00', 'Europe/Berlin', berlinSpring, '2026-10-25T02:00:00.000Z'],
      ['today 10:00', 'America/Los_Angeles', laFall, '2026-10-30T17:00:00.000Z'],
      ['mon 10:00', 'America/Los_Angeles', laFall, '2026-11-02T18:00:00.000Z'],
      ['sun 1:30am', 'America/Los_Angeles', laFall, '2026-11-01T08:30:00.000Z'],
      ['2026-11-01 02:00', 'America/Los_Angeles', laFall, '2026-11-01T10:00:00.000Z'],
      ['in 3 hours', 'America/Los_Angeles', laFall, '2026-10-30T20:00:00.000Z'],
    ])('reads %j in %s at %s', (text, zone, now, expected) => {
      const result = parseWhen(text, now, zone);
      expect(result.ok ? result.value.toISOString() : null).toBe(expected);
    });

    it('refuses a time skipped by the spring-forward gap', () => {
      expect(message('sun 02:30', 'Europe/Berlin', berlinSpring)).toBe(
        "2026-03-29 02:30 doesn't exist in Europe/Berlin: the clocks jump forward then. Try `2026-03-29 03:30`.",
      );
      expect(message('2026-03-08 2:15am', 'America/Los_Angeles')).toBe(
        "2026-03-08 02:15 doesn't exist in America/Los_Angeles: the clocks jump forward then. Try `2026-03-08 03:15`.",
      );
      expect(message('2026-10-04 2:15', 'Australia/Lord_Howe')).toBe(
        "2026-10-04 02:15 doesn't exist in Australia/Lord_Howe: the clocks jump forward then. Try `2026-10-04 02:45`.",
      );
    });
  });

  it.each([
    ['blah', 'Europe/Berlin', `I couldn't read "blah" as a time. ${TIP} (your time zone: Europe/Berlin).`],
    ['', 'UTC', `Tell me when. ${TIP} (your time zone: UTC).`],
    ['tonight 7pm', 'UTC', `I couldn't read "tonight 7pm" as a time. ${TIP} (your time zone: UTC).`],
    ['12/01 14:00', 'UTC', `I couldn't read "12/01 14:00" as a time. ${TIP} (your time zone: UTC).`],
    ['in 3 days 10am', 'UTC', `I couldn't read "in 3 days 10am" as a time. ${TIP} (your time zone: UTC).`],
    ['tomorrow 9', 'UTC', `I couldn't read "tomorrow 9" as a time. ${TIP} (your time zone: UTC).`],
    ['say `hi`', 'UTC', `I couldn't read "say 'hi'" as a time. ${TIP} (your time zone: UTC).`],
    ['tomorrow', 'UTC', 'Add a time to "tomorrow", e.g. `tomorrow 3pm`.'],
    ['next Monday', 'UTC', 'Add a time to "next monday", e.g. `next monday 3pm`.'],
    ['dec 1', 'UTC', 'Add a time to "dec 1", e.g. `dec 1 3pm`.'],
    ['3pm', 'UTC', 'Add a day to "3pm", e.g. `today 3pm` or `tomorrow 3pm`.'],
    ['at 14:00', 'UTC', 'Add a day to "14:00", e.g. `today 14:00` or `tomorrow 14:00`.'],
    [
      '2026-02-30 10:00',
      'Europe/Berlin',
      `2026-02-30 isn't a date: February 2026 has 28 days. ${TIP} (your time zone: Europe/Berlin).`,
    ],
    ['2026-13-01 10:00', 'UTC', `2026-13-01 isn't a date: months go from 01 to 12. ${TIP} (your time zone: UTC).`],
    ['feb 30 10:00', 'UTC', `"feb 30" isn't a date: February has at most 29 days. ${TIP} (your time zone: UTC).`],
    [
      '29 feb 2027 10:00',
      'UTC',
      `"29 feb 2027" isn't a date: February 2027 has 28 days. ${TIP} (your time zone: UTC).`,
    ],
    ['tomorrow 25:00', 'UTC', `"25:00" isn't a time of day: use 00:00 to 23:59. ${TIP} (your time zone: UTC).`],
    ['25:00', 'UTC', `"25:00" isn't a time of day: use 00:00 to 23:59. ${TIP} (your time zone: UTC).`],
    ['tomorrow at 24', 'UTC', `"24" isn't a time of day: use 00:00 to 23:59. ${TIP} (your time zone: UTC).`],
    ['tomorrow 9:60', 'UTC', `"9:60" isn't a time of day: use 00:00 to 23:59. ${TIP} (your time zone: UTC).`],
    [
      'tomorrow 13pm',
      'UTC',
      `"13pm" isn't a time of day: with am/pm, use 1:00 to 12:59. ${TIP} (your time zone: UTC).`,
    ],
    [
      'tomorrow midnight',
      'UTC',
      '"midnight" is ambiguous: write `00:00` for the start of a day or `23:59` for its end.',
    ],
  ])('refuses %j in %s', (text, zone, expected) => {
    expect(message(text, zone)).toBe(expected);
  });

  it('quotes at most 40 characters of a long input', () => {
    expect(message(`${'x'.repeat(60)}`, 'UTC')).toContain(`"${'x'.repeat(40)}…"`);
  });

  it('refuses times beyond the range of a JavaScript date instead of throwing', () => {
    const end = new Date(8.64e15);
    const out = `That's further away than I can count. ${TIP} (your time zone: Europe/Berlin).`;
    expect(message('in 99999 hours', 'Europe/Berlin', end)).toBe(out);
    expect(message('tomorrow 3pm', 'Europe/Berlin', end)).toBe(out);
    expect(message('dec 1 3pm', 'Europe/Berlin', end)).toBe(out);
    expect(message('feb 29 3pm', 'Europe/Berlin', end)).toBe(out);
    expect(parse('tomorrow 3pm', 'Asia/Kolkata', new Date(-8.64e15)).ok).toBe(true);
  });

  it('refuses an unknown time zone', () => {
    expect(parseWhen('tomorrow 3pm', NOW, 'Mars/Olympus')).toEqual({
      ok: false,
      error: { code: 'invalid_time_zone', message: 'I don\'t know the time zone "Mars/Olympus".' },
    });
  });

  it('round-trips any future wall-clock time written as YYYY-MM-DD HH:mm', () => {
    const start = Date.UTC(2026, 10, 24);
    const end = Date.UTC(2100, 0, 1);
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: start / 60_000, max: end / 60_000 }), (zone, minute) => {
        // Built from a real instant, so the wall clock exists: DST-gap times are never generated.
        const instant = new Date(minute * 60_000);
        const text = format(new TZDate(instant.getTime(), zone), 'yyyy-MM-dd HH:mm');
        const result = parseWhen(text, NOW, zone);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(format(new TZDate(result.value.getTime(), zone), 'yyyy-MM-dd HH:mm')).toBe(text);
        // Equal, or the first of two instants with this wall clock when the clocks go back.
        expect(instant.getTime() - result.value.getTime()).toBeGreaterThanOrEqual(0);
        expect(instant.getTime() - result.value.getTime()).toBeLessThanOrEqual(60 * 60_000);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws, and either returns a date or a message with an example', () => {
    const word = fc.constantFrom(
      ...[
        'today',
        'tomorrow',
        'next',
        'mon',
        'friday',
        'dec',
        'feb',
        '29',
        '1st',
        'of',
        '2027',
        'at',
        'on',
        'in',
        'an',
      ],
      ...['2', 'hours', 'minutes', '3pm', '12am', '13pm', '14:00', '25:00', '9', 'noon', 'midnight', '2026-02-30'],
      ...['2026-03-29', '02:30', '2026-12-01t14:00', 'p.m.', ',', '`', ''],
    );
    const text = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.array(word, { maxLength: 6 }).map((w) => w.join(' ')),
    );
    fc.assert(
      fc.property(
        text,
        fc.constantFrom(...ZONES),
        fc.oneof(fc.date({ noInvalidDate: true }), fc.constantFrom(new Date(8.64e15), new Date(-8.64e15))),
        (input, zone, now) => {
          const result = parseWhen(input, now, zone);
          if (result.ok) {
            expect(Number.isNaN(result.value.getTime())).toBe(false);
          } else {
            expect(result.error.code).toBe('unparseable_time');
            expect(result.error.message).toMatch(/`[^`]+`/);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('formatInZone', () => {
  it.each([
    ['2026-12-01T13:00:00Z', 'Europe/Berlin', 'Tue 1 Dec 2026, 14:00 (Europe/Berlin)'],
    ['2026-12-01T13:00:00Z', 'UTC', 'Tue 1 Dec 2026, 13:00 (UTC)'],
    ['2026-12-01T13:00:00Z', 'America/Los_Angeles', 'Tue 1 Dec 2026, 05:00 (America/Los_Angeles)'],
    ['2026-12-01T20:00:00Z', 'Asia/Kolkata', 'Wed 2 Dec 2026, 01:30 (Asia/Kolkata)'],
    ['2026-12-01T13:00:00Z', 'Mars/Olympus', 'Tue 1 Dec 2026, 13:00 (UTC)'],
  ])('shows %s in %s', (iso, zone, expected) => {
    expect(formatInZone(new Date(iso), zone)).toBe(expected);
  });

  it('round-trips with parseWhen', () => {
    const result = parseWhen('next monday 10am', new Date('2026-03-27T09:00:00Z'), 'Europe/Berlin');
    expect(result.ok && formatInZone(result.value, 'Europe/Berlin')).toBe('Mon 30 Mar 2026, 10:00 (Europe/Berlin)');
  });
});
