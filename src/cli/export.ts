import type { Kysely } from 'kysely';
import { getInterview } from '../db/repositories/interviews.js';
import { findLoopsByCandidate } from '../db/repositories/loops.js';
import type { Database } from '../db/schema.js';
import { interviewNumber } from '../domain/loop.js';
import { exportLoop, ratingsToCsv } from '../services/export-loop.js';
import { NotFound } from './errors.js';
import { UsageError } from './usage.js';

/** What `export` was asked for: a loop number, an interview number (as Slack shows them) or a candidate's name. */
export type ExportTarget = { loop: number } | { interview: number } | { candidate: string };

export function parseExportTarget(words: string[]): ExportTarget {
  const [first, second, ...more] = words;
  const example = 'e.g. export "Ada Lovelace", export interview 12 or export loop 3';
  if (!first) throw new UsageError(`export needs a candidate, an interview or a loop, ${example}`);
  const keyword = first.toLowerCase();
  if ((keyword === 'interview' || keyword === 'loop') && more.length === 0) {
    const n = second === undefined ? null : interviewNumber(second);
    if (n === null || n === 0) throw new UsageError(`export ${keyword} needs a number, ${example}`);
    return keyword === 'interview' ? { interview: n } : { loop: n };
  }
  const n = words.length === 1 ? interviewNumber(first) : null;
  if (n !== null) {
    if (n === 0) throw new UsageError(`there is no loop 0, ${example}`);
    return { loop: n };
  }
  return { candidate: words.join(' ') };
}

async function loopOf(db: Kysely<Database>, target: ExportTarget): Promise<number> {
  if ('loop' in target) return target.loop;
  if ('interview' in target) {
    const interview = await getInterview(db, target.interview);
    if (!interview) throw new NotFound(`There is no interview #${target.interview}.`);
    return interview.loopId;
  }
  const loops = await findLoopsByCandidate(db, target.candidate);
  const [only] = loops;
  if (!only) throw new NotFound(`No candidate named "${target.candidate}" (or their data was erased).`);
  if (loops.length > 1) {
    const list = loops.map((l) => `loop ${l.id} (${l.role}, ${l.level}, ${l.status})`).join(', ');
    throw new NotFound(
      `"${target.candidate}" has ${loops.length} loops: ${list}. Run export loop N with the one you want.`,
    );
  }
  return only.id;
}

export async function exportCommand(db: Kysely<Database>, target: ExportTarget, format: 'json' | 'csv') {
  const record = await exportLoop(db, await loopOf(db, target));
  if (!record.ok) throw new NotFound(record.error.message);
  return format === 'csv' ? ratingsToCsv(record.value) : JSON.stringify(record.value, null, 2);
}
