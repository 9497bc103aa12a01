import { escapeMrkdwn } from './mrkdwn.js';

export const ERASED = '[erased]';

// Words that are also names: written in lower case they are the word ("took 60 min", "we will"), not the name.
const COMMON_WORDS = new Set(
  (
    'able amber april art august autumn baker bell berry best bill bird black bliss bond brand brown bush cash case ' +
    'chase cherry clay cook cooper crane dale dawn day dean dell drew duke early eve faith fair field finch fisher ' +
    'ford fox frank gay glen gold good grace grant gray green grey hall hart heath hill holly hope hunt hunter iris ' +
    'ivy jade jay joy june king knight lake lane lee light lily little long love lucky major march mark marsh mason ' +
    'max may mead miller min miles moon moore moss nash new noble north page park parks pearl penny pierce pike ' +
    'porter price rich rose ross ruby rush sage salt sands shepherd short silver sky small smith snow sparks ' +
    'spring stark star steel stone storm strong summer sun swift taylor trust victory wade walker ward ware west ' +
    'white will wise wolf wood woods young'
  ).split(' '),
);

// Two-letter words a note starts sentences with; any other two-letter part of a name ("Ng", "Li") is the name.
const SHORT_WORDS = new Set(
  'am an as at be by do go he hi if in is it me my no of oh ok on or so to up us we'.split(' '),
);

const APOSTROPHES = "'’‘ʼ`";
const HYPHENS = '-‐‑–';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const base = (ch: string) => ch.normalize('NFD').replace(/\p{M}/gu, '');

/** A pattern for the text as written, give or take accents, apostrophes, hyphens and spacing. */
function loosePattern(text: string): string {
  let out = '';
  for (const ch of text) {
    if (/\s/u.test(ch)) out += out.endsWith('\\s+') ? '' : '\\s+';
    else if (APOSTROPHES.includes(ch)) out += `[${APOSTROPHES}]`;
    else if (HYPHENS.includes(ch)) out += `[${HYPHENS}]`;
    else if (/\p{L}/u.test(ch) && base(ch) !== ch && base(ch) !== '') {
      out += `(?:${escapeRegExp(ch)}|${escapeRegExp(base(ch))})`;
    } else out += escapeRegExp(ch);
  }
  return out;
}

const edge = (body: string, flags: string) =>
  new RegExp(`(?<![\\p{L}\\p{N}\\p{M}])(?:${body})(?![\\p{L}\\p{N}\\p{M}])`, flags);

/**
 * Replaces the candidate's name wherever it is written: the full name in any case, spacing or accents (also as
 * mrkdwn-escaped text), and each capitalised part of it, in any case, at the start of a line, in quotes or with
 * a possessive. A part that is also a common word counts only when not written in lower case ("Min Park" blanks
 * "Min" and "MIN" but not "60 min").
 */
export function scrubber(name: string): (text: string) => string {
  const whole = name.normalize('NFC').trim();
  const forms = [...new Set([whole, escapeMrkdwn(whole)])].sort((a, b) => b.length - a.length);
  const full = edge(forms.map(loosePattern).join('|'), 'giu');
  const parts = [
    ...new Set(
      whole
        .split(/[\s\-‐‑–]+/u)
        .map((p) => p.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ''))
        .filter((p) => /^\p{Lu}/u.test(p) && [...p].filter((c) => /\p{L}/u.test(c)).length >= 2),
    ),
  ].sort((a, b) => b.length - a.length);
  const partial = parts.length > 0 ? edge(parts.map(loosePattern).join('|'), 'giu') : null;
  const isPart = (found: string): boolean => {
    const key = base(found).toLowerCase();
    const part = parts.find(
      (p) =>
        base(p)
          .toLowerCase()
          .replace(/[’‘ʼ`]/g, "'") === key.replace(/[’‘ʼ`]/g, "'"),
    );
    if (!part) return true;
    const letters = [...part].filter((c) => /\p{L}/u.test(c)).length;
    if (letters === 2) return found === part || (found === found.toUpperCase() && !SHORT_WORDS.has(key));
    if (found === found.toLowerCase() && COMMON_WORDS.has(key)) return false;
    return true;
  };
  return (text: string) => {
    const once = text.normalize('NFC').replace(full, ERASED);
    return partial ? once.replace(partial, (found) => (isPart(found) ? ERASED : found)) : once;
  };
}

/** Scrubs every string inside a JSON document (stored drafts, revisions, message payloads), keeping it valid JSON. */
export function jsonScrubber(scrub: (text: string) => string): (json: string) => string {
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return scrub(value);
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  return (json: string) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      return scrub(json);
    }
    const scrubbed = JSON.stringify(walk(parsed));
    return scrubbed === JSON.stringify(parsed) ? json : scrubbed;
  };
}
