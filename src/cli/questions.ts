import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { DEFAULT_AD_HOC, parseDuration } from '../domain/command-parser.js';
import { counted } from '../domain/plural.js';
import { DEFAULT_ROLE } from '../domain/roles.js';
import { type InterviewKind, isInterviewKind, isLevel, type Level } from '../domain/types.js';
import { buildAdHocKit } from '../services/ad-hoc-kit.js';
import { UsageError } from './usage.js';

export interface QuestionsOptions {
  level?: string;
  kind?: string;
  minutes?: string;
  panelists?: string;
  json?: boolean;
}

function wholeNumber(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

/** `--minutes 45`, `45m`, `1h30`, as Slack's `/interview questions` reads a length. */
function lengthInMinutes(value: string): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value) : parseDuration(value.trim().toLowerCase());
  if (n === null || n < 10 || n > 240) {
    throw new UsageError(`--minutes must be a whole number from 10 to 240 (or like 45m, 1h30), got "${value}"`);
  }
  return n;
}

/** A kit with nothing scheduled; what is not given takes the defaults of Slack's `/interview questions`. */
export async function questionsCommand(
  db: Kysely<Database>,
  options: QuestionsOptions,
  allowanceMinutes: number,
): Promise<string> {
  const level = options.level ?? DEFAULT_AD_HOC.level;
  const kind = options.kind ?? DEFAULT_AD_HOC.kind;
  if (!isLevel(level)) throw new UsageError(`--level must be junior, mid, senior or lead, got "${level}"`);
  if (!isInterviewKind(kind)) {
    throw new UsageError(
      `--kind must be technical, behavioral, situational, soft-skills, general or mixed, got "${kind}"`,
    );
  }
  const minutes = options.minutes === undefined ? DEFAULT_AD_HOC.minutes : lengthInMinutes(options.minutes);
  const panelists = options.panelists === undefined ? 1 : wholeNumber('panelists', options.panelists, 1, 8);
  const defaulted = [
    options.level === undefined ? `level ${level}` : null,
    options.kind === undefined ? `kind ${kind}` : null,
    options.minutes === undefined ? `${minutes} minutes` : null,
  ].filter((d) => d !== null);
  const { kit, bank } = await buildAdHocKit(db, {
    level: level as Level,
    kind: kind as InterviewKind,
    minutes,
    panelists,
    role: DEFAULT_ROLE,
    allowanceMinutes,
    seed: `cli:${level}:${kind}:${minutes}:${panelists}`,
  });
  const byId = new Map(bank.questions.map((q) => [q.id, q]));
  if (options.json) {
    const out = {
      panelists: kit.panelists.map((p) => ({
        focus: p.focus,
        questions: p.items.flatMap((item) => {
          const q = byId.get(item.questionId);
          return q ? [{ id: q.id, text: q.text, kind: q.kind, competencies: q.competencies, minutes: q.minutes }] : [];
        }),
      })),
      gaps: kit.gaps,
    };
    return JSON.stringify(out, null, 2);
  }
  const names = new Map(bank.competencies.map((c) => [c.id, c.name]));
  const assumed = defaulted.length > 0 ? ` Not given, so assumed: ${defaulted.join(', ')}.` : '';
  const lines = [
    `${minutes}-minute ${level} ${kind} interview: ${kit.plannedMinutes} of ${kit.budgetMinutes} minutes planned (${allowanceMinutes} kept for opening and close), ${counted(panelists, 'panelist')}.${assumed}`,
  ];
  kit.panelists.forEach((p, i) => {
    lines.push('', `Panelist ${i + 1} · focus: ${p.focus.map((f) => names.get(f) ?? f).join(', ') || 'none'}`);
    for (const item of p.items) {
      const q = byId.get(item.questionId);
      if (!q) continue;
      lines.push(`  [${q.minutes} min] ${q.text}`, `      ${q.guidance}`);
    }
  });
  if (kit.gaps.length > 0) lines.push('', 'Gaps:', ...kit.gaps.map((g) => `  - ${g}`));
  return lines.join('\n');
}
