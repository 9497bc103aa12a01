import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommand, parseDuration, SUBCOMMANDS, unescapeSlack } from '../../src/domain/command-parser.js';

describe('parseCommand', () => {
  it.each([
    ['', { name: 'help' }],
    ['help', { name: 'help' }],
    ['  HELP  ', { name: 'help' }],
    ['upcoming', { name: 'upcoming' }],
    ['scorecard', { name: 'scorecard', target: null }],
    ['scorecard 12', { name: 'scorecard', target: '12' }],
    ['status Ada Lovelace', { name: 'status', target: 'Ada Lovelace' }],
    ['cancel 7', { name: 'cancel', target: '7' }],
    ['reschedule 7 tomorrow 3pm', { name: 'reschedule', target: '7', when: 'tomorrow 3pm' }],
    ['bank add', { name: 'bank', action: 'add' }],
    ['bank sql joins', { name: 'bank', action: 'search', query: 'sql joins' }],
    ['bank', { name: 'bank', action: 'search', query: '' }],
    ['forget Ada', { name: 'forget', target: 'Ada' }],
    ['schedule Ada Lovelace', { name: 'schedule', args: 'Ada Lovelace' }],
    ['questions', { name: 'questions', adHoc: null, target: null }],
    ['questions Ada Lovelace', { name: 'questions', adHoc: null, target: 'Ada Lovelace' }],
    ['questions Junior Smith', { name: 'questions', adHoc: null, target: 'Junior Smith' }],
  ])('reads %j', (text, expected) => {
    const result = parseCommand(text);
    expect(result).toEqual({ ok: true, value: expected });
  });

  it.each([
    [
      'questions senior technical 45m',
      { level: 'senior', kind: 'technical', minutes: 45, panelists: 1, defaulted: [] },
    ],
    ['questions 1h30 lead mixed', { level: 'lead', kind: 'mixed', minutes: 90, panelists: 1, defaulted: [] }],
    [
      'questions junior behavioral 30 min',
      { level: 'junior', kind: 'behavioral', minutes: 30, panelists: 1, defaulted: [] },
    ],
    [
      'questions senior soft-skills 60m 3 panelists',
      { level: 'senior', kind: 'soft-skills', minutes: 60, panelists: 3, defaulted: [] },
    ],
    ['kit SENIOR Technical 1h', { level: 'senior', kind: 'technical', minutes: 60, panelists: 1, defaulted: [] }],
    [
      'questions senior',
      { level: 'senior', kind: 'technical', minutes: 45, panelists: 1, defaulted: ['kind', 'minutes'] },
    ],
  ])('reads the ad hoc kit request %j', (text, adHoc) => {
    expect(parseCommand(text)).toEqual({ ok: true, value: { name: 'questions', adHoc } });
  });

  it.each([
    ['questoins', 'questions'],
    ['schedul', 'schedule'],
    ['upcomming', 'upcoming'],
    ['scorcard', 'scorecard'],
    ['stat', 'status'],
    ['hepl', 'help'],
  ])('suggests the closest subcommand for %j', (text, suggestion) => {
    const result = parseCommand(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('unknown_subcommand');
    expect(result.error.suggestion).toBe(suggestion);
    expect(result.error.message).toContain(`/interview ${suggestion}`);
  });

  it('suggests nothing for a word that is far from every subcommand', () => {
    const result = parseCommand('pizza');
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_subcommand', suggestion: null } });
  });

  it.each([
    ['questions senior technical 5m', 'out of range'],
    ['questions senior technical 45m 12 panelists', '1 to 8'],
    ['questions senior technical 45m please', 'please'],
    ['status', 'Which candidate'],
    ['reschedule 12', 'Which interview and when'],
  ])('explains what is wrong with %j', (text, fragment) => {
    const result = parseCommand(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain(fragment);
  });

  it('reads Slack-escaped mentions and channels', () => {
    expect(unescapeSlack('schedule <@U123ABC|ada> in <#C999|hiring> &amp; more')).toBe(
      'schedule @U123ABC in #C999 & more',
    );
    expect(parseCommand('status <@U123ABC|ada>')).toEqual({ ok: true, value: { name: 'status', target: '@U123ABC' } });
  });

  it('never throws and always answers with a command or a message', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const result = parseCommand(text);
        if (!result.ok) expect(result.error.message.length).toBeGreaterThan(10);
        else expect([...SUBCOMMANDS, 'questions']).toContain(result.value.name);
      }),
      { numRuns: 2000 },
    );
  });

  it('understands any level, kind and length combination in any order', () => {
    const levels = ['junior', 'mid', 'senior', 'lead'] as const;
    const kinds = ['technical', 'behavioral', 'situational', 'soft-skills', 'general', 'mixed'] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...levels),
        fc.constantFrom(...kinds),
        fc.integer({ min: 10, max: 240 }),
        fc.integer({ min: 0, max: 2 }),
        (level, kind, minutes, rotation) => {
          const parts = [level, kind, `${minutes}m`];
          const rotated = [...parts.slice(rotation), ...parts.slice(0, rotation)];
          const result = parseCommand(`questions ${rotated.join(' ')}`);
          expect(result).toMatchObject({ ok: true, value: { adHoc: { level, kind, minutes } } });
        },
      ),
    );
  });
});

describe('parseDuration', () => {
  it.each([
    ['45m', 45],
    ['45min', 45],
    ['45mins', 45],
    ['1h', 60],
    ['1h30', 90],
    ['1h30m', 90],
    ['2h', 120],
    ['45', null],
    ['senior', null],
    ['m', null],
  ])('%j is %j minutes', (text, minutes) => {
    expect(parseDuration(text)).toBe(minutes);
  });
});
