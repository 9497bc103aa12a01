import { describe, expect, it } from 'vitest';
import { kindName, levelName, roleLine, roleName } from '../../src/domain/labels.js';
import { listenFor } from '../../src/domain/listen-for.js';
import { minuteMark, runningOrder } from '../../src/domain/running-order.js';
import { chooseTips } from '../../src/domain/tips.js';

const item = (questionId: string, minutes: number) => ({ questionId, competencyId: 'c', minutes });

describe('running order', () => {
  it('opens, gives each panelist their questions in turn numbered through, and closes in the time left', () => {
    const slots = runningOrder({
      durationMinutes: 60,
      allowanceMinutes: 10,
      parts: [
        { panelistId: 'U1', items: [item('a', 8), item('b', 7)] },
        { panelistId: 'U2', items: [item('c', 10), item('d', 12)] },
      ],
    });
    expect(slots.map((s) => [s.kind, s.start, s.end, s.panelistId])).toEqual([
      ['opening', 0, 5, 'U1'],
      ['question', 5, 13, 'U1'],
      ['question', 13, 20, 'U1'],
      ['question', 20, 30, 'U2'],
      ['question', 30, 42, 'U2'],
      ['close', 42, 60, 'U1'],
    ]);
    expect(slots.flatMap((s) => (s.kind === 'question' ? [s.number] : []))).toEqual([1, 2, 3, 4]);
  });

  it('has no opening without an allowance and no close when the questions fill the time', () => {
    const slots = runningOrder({
      durationMinutes: 10,
      allowanceMinutes: 0,
      parts: [{ panelistId: 'U1', items: [item('a', 10)] }],
    });
    expect(slots.map((s) => s.kind)).toEqual(['question']);
  });

  it('reads minutes as a clock from the start', () => {
    expect([0, 5, 59, 60, 95].map(minuteMark)).toEqual(['0:00', '0:05', '0:59', '1:00', '1:35']);
  });
});

describe('interviewer tips', () => {
  const tips = [
    { id: 'screen', text: 'Screen first', audience: ['recruiter'] },
    { id: 'any', text: 'Any interview' },
    { id: 'tech', text: 'Technical only', kinds: ['technical'] },
    { id: 'behav', text: 'Behavioral only', kinds: ['behavioral'] },
    { id: 'senior-tech', text: 'Senior technical', kinds: ['technical'], levels: ['senior', 'lead'] },
    { id: 'junior', text: 'Juniors', levels: ['junior'] },
    { id: 'both', text: 'For interviewers', audience: 'interviewer' },
  ];

  it('at most three, written for interviewers, the ones tagged for the kind and level first', () => {
    const chosen = chooseTips(tips, { kind: 'technical', level: 'senior', seed: '1' }).map((t) => t.id);
    expect(chosen).toHaveLength(3);
    expect(chosen.slice(0, 2)).toEqual(['senior-tech', 'tech']);
    expect(chosen).not.toContain('screen');
    expect(chosen).not.toContain('behav');
    expect(chosen).not.toContain('junior');
  });

  it('is the same for the same interview', () => {
    const a = chooseTips(tips, { kind: 'general', level: 'mid', seed: '7' });
    expect(chooseTips(tips, { kind: 'general', level: 'mid', seed: '7' })).toEqual(a);
    expect(a.map((t) => t.id).sort()).toEqual(['any', 'both']);
  });
});

describe('what to listen for', () => {
  const guidance =
    'A quick check of the mental model. Weak answers stop at buzzwords. A good junior covers shared memory. At mid level expect a link to their runtime. Seniors should weigh the trade-offs of each.';
  it('takes the sentence written for the level, else the one saying what to expect, else the first', () => {
    expect(listenFor({ guidance }, 'senior')).toBe('Seniors should weigh the trade-offs of each.');
    expect(listenFor({ guidance }, 'junior')).toBe('A good junior covers shared memory.');
    expect(listenFor({ guidance }, 'lead')).toBe('A good junior covers shared memory.');
    expect(listenFor({ guidance: 'Only one sentence here' }, 'mid')).toBe('Only one sentence here');
  });
  it('stays one line', () => {
    expect(listenFor({ guidance: `${'word '.repeat(100)}end.` }, 'mid').length).toBeLessThanOrEqual(180);
  });
});

describe('names, not slugs', () => {
  it('shows roles, levels and kinds by name', () => {
    expect(roleLine('backend-developer', 'senior', 'technical')).toBe('Backend developer · Senior · Technical');
    expect(roleName('data-engineer', new Map([['data-engineer', 'Data engineer (platform)']]))).toBe(
      'Data engineer (platform)',
    );
    expect(levelName('mid')).toBe('Mid-level');
    expect(kindName('soft-skills')).toBe('Soft skills');
  });
});
