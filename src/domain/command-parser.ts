import { closest, distance } from 'fastest-levenshtein';
import { escapeMrkdwn } from './mrkdwn.js';
import { type InterviewKind, isInterviewKind, isLevel, type Level, type Result } from './types.js';

export const SUBCOMMANDS = [
  'help',
  'schedule',
  'questions',
  'upcoming',
  'scorecard',
  'status',
  'cancel',
  'reschedule',
  'bank',
  'forget',
  'insights',
] as const;
export type Subcommand = (typeof SUBCOMMANDS)[number];

export interface AdHocKitRequest {
  level: Level;
  kind: InterviewKind;
  minutes: number;
  panelists: number;
  /** Which of level, kind and minutes were not given and took their defaults. */
  defaulted: ('level' | 'kind' | 'minutes')[];
}

export type Command =
  | { name: 'help' }
  | { name: 'schedule'; args: string }
  | { name: 'questions'; adHoc: AdHocKitRequest }
  | { name: 'questions'; adHoc: null; target: string | null }
  | { name: 'upcoming' }
  | { name: 'scorecard'; target: string | null }
  | { name: 'status'; target: string }
  | { name: 'cancel'; target: string }
  | { name: 'reschedule'; target: string; when: string }
  | { name: 'bank'; action: 'search'; query: string }
  | { name: 'bank'; action: 'add' }
  | { name: 'forget'; target: string }
  | { name: 'insights'; view: InsightsView };

export type InsightsView =
  | { kind: 'team' }
  | { kind: 'me' }
  | { kind: 'panel' }
  | { kind: 'question'; questionId: string };

/**
 * Subcommands that only answer the user and change nothing (no save, no modal, no message): a repeated
 * delivery of one of them is simply answered again.
 */
export function onlyAnswers(cmd: Command): boolean {
  switch (cmd.name) {
    case 'help':
    case 'questions':
    case 'upcoming':
    case 'status':
    case 'insights':
      return true;
    case 'bank':
      return cmd.action === 'search';
    default:
      return false;
  }
}

export interface ParseError {
  code: 'unknown_subcommand' | 'missing_argument' | 'invalid_argument';
  message: string;
  suggestion: Subcommand | null;
}

export const DEFAULT_AD_HOC = { level: 'mid', kind: 'technical', minutes: 45 } as const;

export const USAGE = [
  '*How to use /interview*',
  '• `/interview questions` — your question kit for your next interview (or `questions &lt;interview #|candidate&gt;`)',
  '• `/interview questions senior technical 45m` — an ad hoc kit: level (junior, mid, senior, lead), kind (technical, behavioral, situational, soft-skills, general, mixed), length, optional panel size like `3 panelists`',
  '• `/interview schedule [candidate]` — schedule an interview and its panel',
  '• `/interview upcoming` — your upcoming interviews',
  '• `/interview scorecard [interview #]` — open your scorecard',
  '• `/interview status &lt;candidate&gt;` — where a loop stands',
  '• `/interview cancel &lt;interview #&gt;` · `/interview reschedule &lt;interview #&gt; &lt;when&gt;`',
  '• `/interview bank [search]` · `/interview bank add` — search or add to the question bank',
  '• `/interview forget &lt;candidate&gt;` — erase a candidate’s personal data',
  '• `/interview insights [me | question &lt;id&gt; | panel]` — calibration and question figures (yours; all for admins and hiring leads)',
  '• `/interview help` — this message',
].join('\n');

/** Turns Slack's escaped mentions (`<@U123|name>`, `<#C123|name>`) into plain `@U123` / `#C123`. */
export function unescapeSlack(text: string): string {
  return text
    .replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<#([CG][A-Z0-9]+)(?:\|[^>]*)?>/g, '#$1')
    .replace(/<(https?:[^|>]+)(?:\|[^>]*)?>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

const DURATION = /^(?:(\d{1,3})\s*h(?:ours?|rs?)?)?\s*(?:(\d{1,3})\s*m(?:in(?:ute)?s?)?)?$/i;

/** Reads `45m`, `45min`, `1h`, `1h30`, `1h30m`, `90 minutes`; null if it is not a duration. */
export function parseDuration(token: string): number | null {
  const t = token.trim().toLowerCase();
  const hoursThenMinutes = /^(\d{1,2})h(\d{1,2})$/.exec(t);
  if (hoursThenMinutes) return Number(hoursThenMinutes[1]) * 60 + Number(hoursThenMinutes[2]);
  if (!/[hm]/.test(t)) return null;
  const match = DURATION.exec(t);
  if (!match || (match[1] === undefined && match[2] === undefined)) return null;
  return Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0);
}

function suggest(word: string): Subcommand | null {
  const lower = word.toLowerCase();
  const prefixed = SUBCOMMANDS.find((s) => s.startsWith(lower) && lower.length >= 2);
  if (prefixed) return prefixed;
  const best = closest(lower, [...SUBCOMMANDS]) as Subcommand;
  return distance(lower, best) <= Math.max(2, Math.floor(best.length / 3)) ? best : null;
}

const err = (code: ParseError['code'], message: string, suggestion: Subcommand | null = null) =>
  ({ ok: false, error: { code, message, suggestion } }) as const;

function parseAdHoc(tokens: string[]): Result<AdHocKitRequest | null, ParseError> {
  let level: Level | undefined;
  let kind: InterviewKind | undefined;
  let minutes: number | undefined;
  let panelists = 1;
  let sawKitWord = false;
  const unknown: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const raw = tokens[i] ?? '';
    const token = raw.toLowerCase();
    const next = tokens[i + 1]?.toLowerCase();
    if (isLevel(token)) {
      level = token;
      sawKitWord = true;
    } else if (isInterviewKind(token) || token === 'soft' || token === 'softskills') {
      kind = isInterviewKind(token) ? token : 'soft-skills';
      sawKitWord = true;
    } else if (parseDuration(token) !== null) {
      minutes = parseDuration(token) ?? undefined;
      sawKitWord = true;
    } else if (/^\d{1,3}$/.test(token) && next && /^(m|min|mins|minutes?|h|hours?)$/.test(next)) {
      minutes = parseDuration(`${token}${next.startsWith('h') ? 'h' : 'm'}`) ?? undefined;
      sawKitWord = true;
      i++;
    } else if (/^\d{1,2}$/.test(token) && next && /^(panelists?|people|interviewers?|p)$/.test(next)) {
      panelists = Number(token);
      sawKitWord = true;
      i++;
    } else if (/^(x|p)?\d{1,2}p?$/.test(token) && /[xp]/.test(token)) {
      panelists = Number(token.replace(/[xp]/g, ''));
      sawKitWord = true;
    } else {
      unknown.push(raw);
    }
  }
  if (!sawKitWord) return { ok: true, value: null };
  // Other words without a length ("Junior Smith") name a candidate rather than an ad hoc kit.
  if (unknown.length > 0 && minutes === undefined) return { ok: true, value: null };
  if (unknown.length > 0) {
    return err(
      'invalid_argument',
      `I didn't understand "${escapeMrkdwn(unknown.join(' '))}". Try \`/interview questions senior technical 45m\` (level, kind, length).`,
    );
  }
  if (minutes !== undefined && (minutes < 10 || minutes > 240)) {
    return err(
      'invalid_argument',
      `An interview of ${minutes} minutes is out of range: use 10 to 240 minutes, e.g. \`45m\`.`,
    );
  }
  if (panelists < 1 || panelists > 8) {
    return err('invalid_argument', 'A panel has 1 to 8 panelists, e.g. `3 panelists`.');
  }
  const defaulted: AdHocKitRequest['defaulted'] = [];
  if (!level) defaulted.push('level');
  if (!kind) defaulted.push('kind');
  if (minutes === undefined) defaulted.push('minutes');
  return {
    ok: true,
    value: {
      level: level ?? DEFAULT_AD_HOC.level,
      kind: kind ?? DEFAULT_AD_HOC.kind,
      minutes: minutes ?? DEFAULT_AD_HOC.minutes,
      panelists,
      defaulted,
    },
  };
}

function parseInsights(tokens: string[]): Result<Command, ParseError> {
  const [what = '', id, ...extra] = tokens;
  const word = what.toLowerCase();
  const view = (v: InsightsView): Result<Command, ParseError> => ({ ok: true, value: { name: 'insights', view: v } });
  if (word === '' && tokens.length === 0) return view({ kind: 'team' });
  if ((word === 'me' || word === 'mine') && !id) return view({ kind: 'me' });
  if (word === 'panel' && !id) return view({ kind: 'panel' });
  if (word === 'question' && id && extra.length === 0) return view({ kind: 'question', questionId: id });
  if (word === 'question') {
    return err(
      'missing_argument',
      'Which question? Try `/interview insights question design-url-shortener` (ids are in `/interview bank`).',
    );
  }
  return err(
    'invalid_argument',
    `I didn't understand "${tokens.join(' ')}". Try \`/interview insights\`, \`insights me\`, \`insights question ID\` or \`insights panel\`.`,
  );
}

/** Parses the text after `/interview`. */
export function parseCommand(input: string): Result<Command, ParseError> {
  const text = unescapeSlack(input).trim();
  const [first = '', ...restTokens] = text.split(/\s+/).filter(Boolean);
  const rest = restTokens.join(' ');
  const word = first.toLowerCase();
  if (word === '' || word === 'help' || word === '?' || word === '-h' || word === '--help') {
    return { ok: true, value: { name: 'help' } };
  }
  switch (word) {
    case 'schedule':
      return { ok: true, value: { name: 'schedule', args: rest } };
    case 'questions':
    case 'kit': {
      const adHoc = parseAdHoc(restTokens);
      if (!adHoc.ok) return adHoc;
      if (adHoc.value) return { ok: true, value: { name: 'questions', adHoc: adHoc.value } };
      return { ok: true, value: { name: 'questions', adHoc: null, target: rest || null } };
    }
    case 'upcoming':
      return { ok: true, value: { name: 'upcoming' } };
    case 'scorecard':
      return { ok: true, value: { name: 'scorecard', target: rest || null } };
    case 'status':
      if (!rest) return err('missing_argument', 'Which candidate? Try `/interview status Ada Lovelace`.');
      return { ok: true, value: { name: 'status', target: rest } };
    case 'cancel':
      if (!rest)
        return err(
          'missing_argument',
          'Which interview? Try `/interview cancel 12` (numbers are in `/interview upcoming`).',
        );
      return { ok: true, value: { name: 'cancel', target: rest } };
    case 'reschedule': {
      const [target, ...when] = restTokens;
      if (!target || when.length === 0) {
        return err(
          'missing_argument',
          'Which interview and when? Try `/interview reschedule 12 tomorrow 3pm` or `/interview reschedule 12 2026-12-01 14:00`.',
        );
      }
      return { ok: true, value: { name: 'reschedule', target, when: when.join(' ') } };
    }
    case 'bank':
      if (restTokens[0]?.toLowerCase() === 'add') return { ok: true, value: { name: 'bank', action: 'add' } };
      return { ok: true, value: { name: 'bank', action: 'search', query: rest } };
    case 'forget':
      if (!rest) return err('missing_argument', 'Which candidate? Try `/interview forget Ada Lovelace`.');
      return { ok: true, value: { name: 'forget', target: rest } };
    case 'insights':
    case 'insight':
      return parseInsights(restTokens);
    default: {
      const suggestion = suggest(word);
      const hint = suggestion ? ` Did you mean \`/interview ${suggestion}\`?` : '';
      return err('unknown_subcommand', `I don't know \`${escapeMrkdwn(first)}\`.${hint}`, suggestion);
    }
  }
}
