import { describe, expect, it } from 'vitest';
import { loadBankDir } from '../../src/bank/load.js';
import { type CustomQuestionDraft, validateCustomQuestion } from '../../src/domain/custom-question.js';

const bank = loadBankDir();
const draft: CustomQuestionDraft = {
  text: 'How would you roll out a schema change to 200 shards?',
  kind: 'technical',
  competencies: ['databases'],
  levels: ['senior'],
  minutes: 10,
  guidance: 'Staged rollouts, backfills and compatibility between old and new code.',
  strongAnswer: '',
  redFlags: 'no rollback plan\n\nall shards at once',
  roles: '',
};

describe('a question added in Slack', () => {
  it('becomes a custom question with a fresh id, any role, and one red flag per line', () => {
    const result = validateCustomQuestion(draft, bank);
    expect(result).toMatchObject({
      ok: true,
      value: {
        id: 'how-would-you-roll-out-a-schema-change',
        source: 'custom',
        roles: [],
        redFlags: ['no rollback plan', 'all shards at once'],
      },
    });
  });

  it.each([
    [{ text: 'x'.repeat(501) }, 'text', 'under 500 characters (501 now)'],
    [{ guidance: 'g'.repeat(1201) }, 'guidance', 'under 1200 characters (1201 now)'],
    [{ strongAnswer: 's'.repeat(1201) }, 'strongAnswer', 'under 1200 characters'],
    [{ redFlags: 'r'.repeat(901) }, 'redFlags', 'under 900 characters'],
    [{ competencies: ['communication'] }, 'competencies', 'not assessed in technical interviews'],
    [{ levels: [] }, 'levels', 'at least one level'],
    [{ roles: 'Backend Dev' }, 'roles', 'not a role id'],
  ])('refuses %j on the field, never cutting it', (change, field, message) => {
    const result = validateCustomQuestion({ ...draft, ...change }, bank);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[field as keyof typeof result.errors]).toContain(message);
  });
});
