import { describe, expect, it } from 'vitest';
import {
  agreementLine,
  leniencyLine,
  leniencySentence,
  pointsInWords,
  separationLine,
} from '../../src/domain/insight-words.js';

describe('insight in words, numbers after', () => {
  it('says how far a rater sits from their panels, from how many shared ratings, then the figures', () => {
    expect(leniencySentence('Pia', { raterId: 'U1', n: 42, raw: 0.62, value: 0.48, low: 0.21, high: 0.75 })).toBe(
      'Pia rates about half a point above the rest of the panel, from 42 shared ratings (+0.48, 95% interval +0.21 to +0.75).',
    );
    expect(leniencySentence('Ola', { raterId: 'U2', n: 80, raw: -0.3, value: -0.27, low: -0.5, high: 0.02 })).toBe(
      'Ola rates about a quarter of a point below the rest of the panel, from 80 shared ratings (−0.27, 95% interval −0.50 to +0.02). Within the margin of error: not clearly different from the panel.',
    );
    expect(leniencySentence('Kim', { raterId: 'U3', n: 31, raw: 0.05, value: 0.04, low: -0.2, high: 0.28 })).toContain(
      'Kim rates in line with the rest of the panel, from 31 shared ratings',
    );
  });

  it.each([
    [0.05, 'slightly'],
    [0.26, 'about a quarter of a point'],
    [-0.5, 'about half a point'],
    [0.8, 'about three quarters of a point'],
    [1.1, 'about a point'],
    [1.4, 'about 1.5 points'],
  ])('%s → %s', (size, words) => {
    expect(pointsInWords(size)).toBe(words);
  });

  it('below the minimum sample, says how many more are needed instead of a figure', () => {
    expect(leniencyLine('Pia', { n: 12, figure: null, needed: 18 })).toBe(
      'Pia: Not shown yet: 12 shared ratings so far, 18 more needed.',
    );
    expect(agreementLine('Security', { n: 29, figure: null, needed: 1 })).toBe(
      'Security: Not shown yet: 29 shared units so far, 1 more needed.',
    );
  });

  it('marks separation of hire from no-hire as exploratory', () => {
    const line = separationLine({
      n: 60,
      needed: 0,
      figure: { value: 0.74, low: 0.61, high: 0.87, positives: 25, negatives: 35 },
    });
    expect(line).toBe(
      'Exploratory: hires were rated higher than no-hires 74% of the time (AUC 0.74, 95% interval 0.61 to 0.87, from 25 hires and 35 no-hire decisions).',
    );
  });
});
