import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clip } from '../../src/slack/blocks/text.js';

describe('clip', () => {
  it.each([
    ['short text', 'hello', 10, 'hello'],
    ['plain words', 'abcdefghij', 5, 'abcd…'],
    ['a mention', 'see <@U0LEAD> now', 8, 'see…'],
    ['a date token', 'at <!date^1392734382^{date_short}|Feb 18> ok', 20, 'at…'],
    ['a link', 'go <https://example.com|there>', 12, 'go…'],
    ['an entity', 'a &amp; b', 4, 'a…'],
    ['an entity just fitting', 'a &amp; b', 8, 'a &amp;…'],
    ['an emoji', 'ab😀cd', 4, 'ab…'],
  ])('%s', (_name, text, max, expected) => {
    expect(clip(text, max)).toBe(expected);
  });

  const pieces = fc.constantFrom(
    'a',
    ' ',
    '😀',
    '&amp;',
    '&lt;',
    '<@U0LEAD>',
    '<#C0HIRING|hiring>',
    '<!date^1^{date}|x>',
  );

  it('never exceeds the limit, and never cuts a mention, date, link, entity or surrogate pair', () => {
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 60 }), fc.integer({ min: 2, max: 120 }), (parts, max) => {
        const text = parts.join('');
        const out = clip(text, max);
        expect(out.length).toBeLessThanOrEqual(Math.max(max, 1));
        if (out === text) return;
        const kept = out.slice(0, -1);
        expect(text.startsWith(kept.trimEnd())).toBe(true);
        // What is kept is whole pieces: no lone surrogate, no open sequence, no half entity.
        expect(/[\uD800-\uDBFF]$/.test(kept)).toBe(false);
        expect(kept.lastIndexOf('<') <= kept.lastIndexOf('>')).toBe(true);
        expect(/&[a-z]*$/.test(kept)).toBe(false);
      }),
    );
  });
});
