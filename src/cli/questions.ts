import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
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

function wholeNumber(name: string, value: string | undefined, min: number, max: number): number {
  if (value === undefined) throw new UsageError(`--${name} is required`);
  const n = Number(value.replace(/m(in)?$/i, ''));
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

export async function questionsCommand(
  db: Kysely<Database>,
  options: QuestionsOptions,
  allowanceMinutes: number,
): Promise<string> {
  const { level, kind } = options;
  if (!level) throw new UsageError('--level is required (junior, mid, senior or lead)');
  if (!isLevel(level)) throw new UsageError(`--level must be junior, mid, senior or lead, got "${level}"`);
  if (!kind)
    throw new UsageError('--kind is required (technical, behavioral, situational, soft-skills, general or mixed)');
  if (!isInterviewKind(kind)) {
    throw new UsageError(
      `--kind must be technical, behavioral, situational, soft-skills, general or mixed, got "${kind}"`,
    );
  }
  const minutes = wholeNumber('minutes', options.minutes, 10, 240);
  const panelists = options.panelists === undefined ? 1 : wholeNumber('panelists', options.panelists, 1, 8);
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
  const lines = [
    `${minutes}-minute ${level} ${kind} interview: ${kit.plannedMinutes} of ${kit.budgetMinutes} minutes planned (${allowanceMinutes} kept for opening and close)`,
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
