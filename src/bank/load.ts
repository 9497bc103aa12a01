import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import type { Bank, Competency, InterviewerTip, Question, Role } from '../domain/types.js';
import { projectRoot } from '../paths.js';
import { type BankFile, bankFileSchema, type QuestionEntry } from './schema.js';

export class BankError extends Error {}

export function entryToQuestion(entry: QuestionEntry): Question {
  return {
    id: entry.id,
    text: entry.text,
    roles: entry.roles,
    kind: entry.kind,
    competencies: entry.competencies,
    levels: entry.levels,
    minutes: entry.minutes,
    guidance: entry.guidance,
    strongAnswer: entry.strong_answer ?? null,
    redFlags: entry.red_flags,
    followUps: entry.follow_ups,
    source: entry.source,
    sensitive: entry.sensitive,
    active: entry.active,
    style: entry.style ?? null,
  };
}

export function questionToEntry(q: Question): QuestionEntry {
  return {
    id: q.id,
    text: q.text,
    roles: q.roles,
    kind: q.kind,
    competencies: q.competencies,
    levels: q.levels,
    minutes: q.minutes,
    source: q.source,
    guidance: q.guidance,
    ...(q.strongAnswer ? { strong_answer: q.strongAnswer } : {}),
    red_flags: q.redFlags,
    follow_ups: q.followUps,
    sensitive: q.sensitive,
    active: q.active,
    ...(q.style ? { style: q.style } : {}),
  };
}

function describeIssue(file: string, raw: unknown, issue: z.core.$ZodIssue): string {
  const [section, index, ...rest] = issue.path;
  let where = file;
  if (typeof section === 'string' && typeof index === 'number') {
    const list = (raw as Record<string, unknown> | null)?.[section];
    const entry = Array.isArray(list) ? (list[index] as Record<string, unknown> | undefined) : undefined;
    const id = typeof entry?.id === 'string' ? `"${entry.id}"` : `#${index + 1}`;
    where += `: ${section.replace(/s$/, '')} ${id}`;
  }
  const field = rest.length > 0 ? ` field "${rest.join('.')}"` : '';
  return `${where}${field}: ${issue.message}`;
}

/** Parses one bank file's text; `file` only names it in errors. */
export function parseBankFile(file: string, source: string): BankFile {
  let raw: unknown;
  try {
    raw = parse(source);
  } catch (error) {
    throw new BankError(`${file}: not valid YAML: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
  }
  const result = bankFileSchema.safeParse(raw ?? {});
  if (!result.success) {
    const lines = result.error.issues.slice(0, 5).map((issue) => describeIssue(file, raw, issue));
    throw new BankError(lines.join('\n'));
  }
  return result.data;
}

/** Merges parsed files into one bank and checks cross references. */
export function assembleBank(files: { file: string; content: BankFile }[]): Bank {
  const competencies: Competency[] = [];
  const questions: Question[] = [];
  const tips: InterviewerTip[] = [];
  const roles: Role[] = [];
  const seen = new Map<string, string>();
  const claim = (kind: string, id: string, file: string) => {
    const key = `${kind}:${id}`;
    const previous = seen.get(key);
    if (previous) throw new BankError(`${file}: ${kind} "${id}" is defined twice (also in ${previous})`);
    seen.set(key, file);
  };
  for (const { file, content } of files) {
    for (const r of content.roles ?? []) {
      claim('role', r.id, file);
      roles.push(r);
    }
    for (const c of content.competencies ?? []) {
      claim('competency', c.id, file);
      competencies.push({ ...c, rubric: { ...c.rubric } });
    }
    for (const t of content.tips ?? []) {
      claim('tip', t.id, file);
      tips.push(t);
    }
    for (const q of content.questions ?? []) {
      claim('question', q.id, file);
      questions.push(entryToQuestion(q));
    }
  }
  const known = new Set(competencies.map((c) => c.id));
  for (const q of questions) {
    const file = seen.get(`question:${q.id}`);
    const unknown = q.competencies.filter((c) => !known.has(c));
    if (unknown.length > 0) {
      throw new BankError(`${file}: question "${q.id}": unknown competency ${unknown.map((c) => `"${c}"`).join(', ')}`);
    }
  }
  return { competencies, questions, tips, roles };
}

export const DEFAULT_BANK_DIR = join(projectRoot(), 'db', 'questions');

/**
 * Raise when what is derived from the same files changes (the loader, its schema, or what syncBank writes): a
 * database that loaded them before then loads them again.
 */
const LOADER_REVISION = 1;

export interface BankFiles {
  files: { file: string; text: string }[];
  /** Names the files' text and the loader's revision: the same fingerprint, the same bank. */
  fingerprint: string;
}

/** The bank's YAML files as text, without parsing them (a start whose files did not change needs no more). */
export function readBankFiles(dir: string = DEFAULT_BANK_DIR): BankFiles {
  const names = readdirSync(dir)
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort();
  const files = names.map((name) => ({ file: name, text: readFileSync(join(dir, name), 'utf8') }));
  const hash = createHash('sha256').update(`bank loader ${LOADER_REVISION}\0`);
  for (const f of files) hash.update(`${f.file}\0${f.text}\0`);
  return { files, fingerprint: hash.digest('hex') };
}

export function parseBankFiles({ files }: BankFiles): Bank {
  return assembleBank(files.map((f) => ({ file: f.file, content: parseBankFile(f.file, f.text) })));
}

export function loadBankDir(dir: string = DEFAULT_BANK_DIR): Bank {
  return parseBankFiles(readBankFiles(dir));
}
