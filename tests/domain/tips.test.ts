import { describe, expect, it } from 'vitest';
import { loadBankDir } from '../../src/bank/load.js';
import { chooseTips, hiringLeadTips } from '../../src/domain/tips.js';
import { INTERVIEW_KINDS, type InterviewerTip, LEVELS } from '../../src/domain/types.js';

// The shipped bank's tips, as kits (chooseTips) and the schedule form (hiringLeadTips) pick them.
describe('the shipped bank’s tips by audience, kind and level', () => {
  const bank = loadBankDir();
  const interviewer = bank.tips.filter((t) => t.audience === 'interviewer');

  it('gives every kind and level one to three interviewer tips that fit it', () => {
    for (const kind of INTERVIEW_KINDS) {
      for (const level of LEVELS) {
        const tips: InterviewerTip[] = chooseTips(bank.tips, { kind, level, seed: `${kind}-${level}` });
        expect(tips.length, `${level} ${kind}`).toBeGreaterThan(0);
        expect(tips.length).toBeLessThanOrEqual(3);
        for (const t of tips) {
          expect(t.audience).toBe('interviewer');
          if (kind !== 'mixed' && t.kinds.length > 0) expect(t.kinds).toContain(kind);
          if (t.levels.length > 0) expect(t.levels).toContain(level);
        }
      }
    }
  });

  it('tags level-specific depth advice, so a junior kit and a senior kit read differently', () => {
    const junior = chooseTips(bank.tips, { kind: 'technical', level: 'junior', seed: '1' }).map((t) => t.id);
    const senior = chooseTips(bank.tips, { kind: 'technical', level: 'senior', seed: '1' }).map((t) => t.id);
    expect(junior).toContain('junior-depth-basics');
    expect(senior).toContain('senior-depth-why-this-choice');
    expect(junior).not.toContain('senior-depth-why-this-choice');
  });

  it('keeps recruiting and loop-design advice for hiring leads, out of every kit', () => {
    const lead = hiringLeadTips(bank.tips);
    expect(lead.length).toBeGreaterThanOrEqual(3);
    expect(lead.map((t) => t.text).join(' ')).toMatch(/screen/i);
    for (const kind of INTERVIEW_KINDS) {
      for (const level of LEVELS) {
        const ids = chooseTips(bank.tips, { kind, level, seed: 'x', max: 50 }).map((t) => t.id);
        for (const t of lead) expect(ids).not.toContain(t.id);
      }
    }
    expect(interviewer.map((t) => t.text).join(' ')).not.toMatch(/online assessment/i);
  });
});
