import { describe, expect, it } from 'vitest';
import { scrubber } from '../../src/services/erase-candidate.js';

describe('erasing a name from free text', () => {
  it.each([
    ['Min Park', 'Min Park did well; interview took 60 min', '[erased] did well; interview took 60 min'],
    ['Min Park', 'MIN PARK and min park', '[erased] and [erased]'],
    ['Min Park', 'Park was calm', '[erased] was calm'],
    ['Ada Lovelace', 'Ada’s design; Adamant about tests', '[erased]’s design; Adamant about tests'],
    ['Zoë Ng', 'Zoë Ng, then Ng alone', '[erased], then Ng alone'],
    ['A. B. O’Neil-Smith', 'Met A. B. O’Neil-Smith', 'Met [erased]'],
  ])('%s: %j', (name, text, expected) => {
    expect(scrubber(name)(text)).toBe(expected);
  });
});
