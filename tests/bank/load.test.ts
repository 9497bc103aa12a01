import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BankError, loadBankDir, parseBankFile } from '../../src/bank/load.js';

const competency = `competencies:
  - id: databases
    name: Databases
    description: Data modelling and queries.
    kinds: [technical]
    rubric:
      1: Cannot explain an index.
      2: Knows indexes exist.
      3: Designs sensible schemas.
      4: Reasons about plans and trade-offs.
`;

const question = (id: string, extra = '') => `  - id: ${id}
    text: What is an index?
    kind: technical
    competencies: [databases]
    levels: [junior]
    minutes: 5
    source: custom
    guidance: Checks the basics.
${extra}`;

function bankDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'bank-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

function loadError(files: Record<string, string>): string {
  try {
    loadBankDir(bankDir(files));
  } catch (error) {
    expect(error).toBeInstanceOf(BankError);
    return (error as Error).message;
  }
  throw new Error('expected the bank to be rejected');
}

describe('the question bank loader', () => {
  it('loads competencies and questions with defaults', () => {
    const bank = loadBankDir(
      bankDir({ 'a.yaml': competency, 'b.yaml': `questions:\n${question('what-is-an-index')}` }),
    );
    expect(bank.competencies.map((c) => c.rubric[4])).toEqual(['Reasons about plans and trade-offs.']);
    expect(bank.questions[0]).toMatchObject({
      id: 'what-is-an-index',
      roles: [],
      sensitive: false,
      active: true,
      redFlags: [],
      strongAnswer: null,
    });
  });

  it('names the file, the entry and the field of a bad entry', () => {
    const message = loadError({
      'a.yaml': competency,
      'tech.yaml': `questions:\n${question('ok-one')}${question('bad-one').replace('minutes: 5', 'minutes: lots')}`,
    });
    expect(message).toContain('tech.yaml');
    expect(message).toContain('question "bad-one"');
    expect(message).toContain('minutes');
  });

  it('rejects an unknown competency, naming it', () => {
    const message = loadError({
      'a.yaml': competency,
      'q.yaml': `questions:\n${question('x-one').replace('[databases]', '[astrology]')}`,
    });
    expect(message).toBe('q.yaml: question "x-one": unknown competency "astrology"');
  });

  it('rejects an id defined twice, naming both files', () => {
    const message = loadError({
      'a.yaml': competency,
      'b.yaml': `questions:\n${question('twice')}`,
      'c.yaml': `questions:\n${question('twice')}`,
    });
    expect(message).toBe('c.yaml: question "twice" is defined twice (also in b.yaml)');
  });

  it('rejects broken YAML with the file name', () => {
    expect(() => parseBankFile('broken.yaml', 'questions: [\n  - id: x\n')).toThrow(/^broken\.yaml: not valid YAML/);
  });

  it('rejects misspelt fields instead of ignoring them', () => {
    const message = loadError({
      'a.yaml': competency,
      'q.yaml': `questions:\n${question('typo', '    guidence: x\n')}`,
    });
    expect(message).toContain('question "typo"');
    expect(message).toContain('guidence');
  });

  it('loads roles with their names, and tips with their audience, kinds and levels', () => {
    const bank = loadBankDir(
      bankDir({
        'a.yaml': competency,
        'roles.yaml': `roles:
  - id: data-engineer
    name: Data engineer
    description: Builds the pipelines.
`,
        'tips.yaml': `tips:
  - id: for-seniors
    audience: interviewer
    kinds: [technical]
    levels: [senior, lead]
    text: Ask why.
    source: custom
  - id: for-leads
    audience: hiring-lead
    text: Screen first.
    source: custom
`,
      }),
    );
    expect(bank.roles).toEqual([{ id: 'data-engineer', name: 'Data engineer', description: 'Builds the pipelines.' }]);
    expect(bank.tips).toEqual([
      {
        id: 'for-seniors',
        audience: 'interviewer',
        kinds: ['technical'],
        levels: ['senior', 'lead'],
        text: 'Ask why.',
        source: 'custom',
      },
      { id: 'for-leads', audience: 'hiring-lead', kinds: [], levels: [], text: 'Screen first.', source: 'custom' },
    ]);
  });

  it('asks for a tip’s audience and a role’s name, naming the entry', () => {
    expect(loadError({ 't.yaml': 'tips:\n  - id: loose\n    text: Be kind.\n    source: custom\n' })).toContain(
      't.yaml: tip "loose" field "audience"',
    );
    expect(loadError({ 'r.yaml': 'roles:\n  - id: qa-engineer\n    description: Tests.\n' })).toContain(
      'r.yaml: role "qa-engineer" field "name"',
    );
  });

  it('rejects a question style it does not know', () => {
    const message = loadError({
      'a.yaml': competency,
      'q.yaml': `questions:\n${question('styled', '    style: trivia\n')}`,
    });
    expect(message).toContain('question "styled" field "style"');
  });
});
