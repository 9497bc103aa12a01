import { describe, expect, it } from 'vitest';
import { contentWords, lintBank } from '../../src/domain/bank-lint.js';
import type { Bank, Question } from '../../src/domain/types.js';

const q = (id: string, text: string, over: Partial<Question> = {}): Question => ({
  id,
  text,
  roles: [],
  kind: 'technical',
  competencies: ['databases'],
  levels: ['junior', 'mid', 'senior', 'lead'],
  minutes: 5,
  guidance: 'g',
  strongAnswer: 'A strong answer.',
  redFlags: ['r'],
  followUps: [],
  source: 'custom',
  sensitive: false,
  active: true,
  style: 'approach',
  ...over,
});

const bank = (questions: Question[]): Bank => ({
  competencies: [
    {
      id: 'databases',
      name: 'Databases',
      description: 'd',
      kinds: ['technical'],
      rubric: { 1: 'a', 2: 'b', 3: 'c', 4: 'd' },
    },
  ],
  questions,
  tips: [],
  roles: [{ id: 'backend-developer', name: 'Backend developer', description: 'd' }],
});

const four = [
  q('index-choice', 'How do you choose which columns to index?'),
  q('slow-query', 'A query got slow overnight: what do you check first?'),
  q('schema-change', 'How do you rename a column on a live table?'),
  q('orm-or-sql', 'When do you drop from the ORM to hand-written SQL?'),
];

describe('the bank lint', () => {
  it('passes a bank with strong answers, distinct texts and four questions per cell', () => {
    const lint = lintBank(bank(four), 'backend-developer');
    expect(lint).toMatchObject({
      questions: 4,
      withStrongAnswer: 4,
      missingStrongAnswer: [],
      duplicates: [],
      thinCells: [],
      seniorTrivia: [],
    });
  });

  it('reports a question without a strong answer', () => {
    const lint = lintBank(
      bank([...four, q('no-answer', 'What is a foreign key for?', { strongAnswer: null })]),
      'backend-developer',
    );
    expect(lint.missingStrongAnswer).toEqual(['no-answer']);
    expect(lint.withStrongAnswer).toBe(4);
  });

  it('reports a reworded duplicate but not a different question on the same topic', () => {
    const lint = lintBank(
      bank([
        ...four,
        q('index-choice-again', 'How would you choose the columns to index?'),
        q('index-cost', 'What does an index cost on writes?'),
      ]),
      'backend-developer',
    );
    expect(lint.duplicates.map((d) => [d.a, d.b])).toEqual([['index-choice', 'index-choice-again']]);
    expect(contentWords('What’s the difference between threads and processes?')).toEqual(
      contentWords('What is the difference between processes and threads?'),
    );
  });

  it('counts only eligible questions in a level × competency cell: active, not sensitive, for the role', () => {
    const lint = lintBank(
      bank([
        ...four.slice(0, 3),
        q('retired', 'An old question?', { active: false }),
        q('salary', 'What salary do you expect?', { sensitive: true }),
        q('other-role', 'A data engineering question?', { roles: ['data-engineer'] }),
        q('junior-only', 'What is a primary key?', { levels: ['junior'], style: 'recall' }),
      ]),
      'backend-developer',
    );
    expect(lint.thinCells).toEqual(
      ['mid', 'senior', 'lead'].map((level) => ({ kind: 'technical', level, competency: 'databases', questions: 3 })),
    );
  });

  it('reports recall and preference questions offered to senior or lead candidates', () => {
    const lint = lintBank(
      bank([
        ...four,
        q('favourite-db', 'What is your favourite database?', { style: 'preference', levels: ['mid', 'lead'] }),
      ]),
      'backend-developer',
    );
    expect(lint.seniorTrivia).toEqual(['favourite-db']);
  });
});
