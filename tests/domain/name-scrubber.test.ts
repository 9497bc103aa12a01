import { describe, expect, it } from 'vitest';
import { jsonScrubber, scrubber } from '../../src/domain/name-scrubber.js';

describe('erasing a name from free text', () => {
  it.each([
    ['Min Park', 'Min Park did well; interview took 60 min', '[erased] did well; interview took 60 min'],
    ['Min Park', 'MIN PARK and min park', '[erased] and [erased]'],
    ['Min Park', 'Park was calm', '[erased] was calm'],
    ['Min Park', 'PARK was calm, MIN too; a park nearby', '[erased] was calm, [erased] too; a park nearby'],
    ['Ada Lovelace', 'Ada’s design; Adamant about tests', '[erased]’s design; Adamant about tests'],
    ['Ada Lovelace', "Lovelace's answer, lovelace again", "[erased]'s answer, [erased] again"],
    ['Ada Lovelace', 'First line\nada opened well\n"Ada" said', 'First line\n[erased] opened well\n"[erased]" said'],
    ['Ada Lovelace', '*Ada* and _LOVELACE_ and (ada)', '*[erased]* and _[erased]_ and ([erased])'],
    ['Ada Lovelace', 'Ada\n  Lovelace was here', '[erased] was here'],
    ['Zoë Ng', 'Zoë Ng, then Ng alone; zoe and ZOË', '[erased], then [erased] alone; [erased] and [erased]'],
    ['Zoë Ng', 'Zoe\u0308 in decomposed form', '[erased] in decomposed form'],
    ['A. B. O’Neil-Smith', 'Met A. B. O’Neil-Smith', 'Met [erased]'],
    ['A. B. O’Neil-Smith', "O'Neil joined; Smith's view; smith", "[erased] joined; [erased]'s view; smith"],
    ['Jo & Co', 'Notes on Jo &amp; Co', 'Notes on [erased]'],
  ])('%s: %j', (name, text, expected) => {
    expect(scrubber(name)(text)).toBe(expected);
  });

  it('finds the name inside JSON documents, where a line break is written \\n, and keeps them valid', () => {
    const json = jsonScrubber(scrubber('Ada Lovelace'));
    const stored = JSON.stringify({ text: 'Line one\nAda did well', blocks: [{ text: { text: '"Lovelace"' } }] });
    const scrubbed = json(stored);
    expect(scrubbed).not.toMatch(/Ada|Lovelace/);
    expect(JSON.parse(scrubbed)).toEqual({
      text: 'Line one\n[erased] did well',
      blocks: [{ text: { text: '"[erased]"' } }],
    });
    const untouched = '{"a":  "nothing here"}';
    expect(json(untouched)).toBe(untouched);
  });
});
