import type { Kysely } from 'kysely';
import { readBank } from '../db/repositories/bank.js';
import { loopRecordRows } from '../db/repositories/loop-record.js';
import { namesOf } from '../db/repositories/users.js';
import type { Database } from '../db/schema.js';
import { RATING_LABELS } from '../domain/scorecard.js';
import { fail, ok, type Rating, type Result } from '../domain/types.js';
import { loopState } from './loop-summary.js';

/** A loop's full record: everything needed to review or archive the hiring decision. */
export async function exportLoop(db: Kysely<Database>, loopId: number): Promise<Result<Record<string, unknown>>> {
  const state = await loopState(db, loopId);
  if (!state) return fail('not_found', `There is no loop ${loopId}.`);
  const { loop, interviews } = state;
  const [bank, { kit, cards, ratings, notes, revisions, audit, loopTimes }] = await Promise.all([
    readBank(db),
    loopRecordRows(
      db,
      loopId,
      interviews.map((i) => i.id),
    ),
  ]);
  const questionText = new Map(bank.questions.map((q) => [q.id, q.text]));
  const competencyName = new Map(bank.competencies.map((c) => [c.id, c.name]));
  const people = [loop.hiringLeadId, ...cards.map((c) => c.panelist_id), ...state.decisions.map((d) => d.decidedBy)];
  const names = await namesOf(db, [...new Set(people)]);
  const interviewOf = new Map(interviews.map((i) => [i.id, i]));
  // One row per rating of a submitted scorecard, every rater's: what a spreadsheet pivots on.
  const ratingRows = cards
    .filter((c) => c.status === 'submitted')
    .flatMap((c) =>
      ratings
        .filter((r) => r.scorecard_id === c.id)
        .sort((a, b) => (a.competency_id < b.competency_id ? -1 : 1))
        .map((r) => ({
          loopId: loop.id,
          candidate: loop.candidateName,
          role: loop.role,
          level: loop.level,
          round: interviewOf.get(c.interview_id)?.round ?? 1,
          interviewId: c.interview_id,
          interviewKind: interviewOf.get(c.interview_id)?.kind ?? null,
          panelistId: c.panelist_id,
          panelistName: names.get(c.panelist_id) ?? null,
          competencyId: r.competency_id,
          competency: competencyName.get(r.competency_id) ?? r.competency_id,
          rating: r.rating,
          ratingLabel: r.rating === null ? 'Not observed' : RATING_LABELS[r.rating as Rating],
          ownFocus: r.in_focus === 1,
          recommendation: c.recommendation,
          revision: c.revision,
          submittedAt: c.submitted_at,
        })),
    );
  return ok({
    loop: {
      id: loop.id,
      candidate: loop.candidateName,
      role: loop.role,
      level: loop.level,
      hiringLead: loop.hiringLeadId,
      hiringLeadName: names.get(loop.hiringLeadId) ?? null,
      decisionChannel: loop.decisionChannelId,
      status: loop.status,
      createdAt: loopTimes.created_at,
      updatedAt: loopTimes.updated_at,
    },
    interviews: interviews.map((i) => ({
      id: i.id,
      kind: i.kind,
      startsAt: i.startsAt.toISOString(),
      durationMinutes: i.durationMinutes,
      status: i.status,
      notes: i.notes,
      panelists: i.panelists.map((p) => ({ userId: p.userId, focus: p.focus })),
      kit: kit
        .filter((k) => k.interview_id === i.id)
        .map((k) => ({
          panelist: k.panelist_id,
          position: k.position,
          questionId: k.question_id,
          question: questionText.get(k.question_id) ?? null,
          competency: k.competency_id,
          status: k.status,
        })),
    })),
    scorecards: cards.map((c) => ({
      interviewId: c.interview_id,
      panelist: c.panelist_id,
      panelistName: names.get(c.panelist_id) ?? null,
      status: c.status,
      revision: c.revision,
      submittedAt: c.submitted_at,
      recommendation: c.recommendation,
      keyTakeaways: c.key_takeaways,
      ratings: Object.fromEntries(
        ratings.filter((r) => r.scorecard_id === c.id).map((r) => [r.competency_id, r.rating]),
      ),
      focus: ratings.filter((r) => r.scorecard_id === c.id && r.in_focus === 1).map((r) => r.competency_id),
      notes: Object.fromEntries(notes.filter((n) => n.scorecard_id === c.id).map((n) => [n.question_id, n.note])),
      revisions: revisions
        .filter((r) => r.scorecard_id === c.id)
        .map((r) => ({ revision: r.revision, submittedAt: r.submitted_at, content: JSON.parse(r.content) as unknown })),
    })),
    ratings: ratingRows,
    summary: state.summary,
    decisions: state.decisions.map((d) => ({
      outcome: d.outcome,
      rationale: d.rationale,
      decidedBy: d.decidedBy,
      decidedAt: d.decidedAt.toISOString(),
    })),
    audit: audit.map((a) => ({
      at: a.at,
      actor: a.actor,
      action: a.action,
      entity: `${a.entity_type}:${a.entity_id}`,
      details: a.details ? (JSON.parse(a.details) as unknown) : null,
    })),
  });
}

const cell = (value: unknown): string => {
  const text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

const RATING_COLUMNS = [
  'loopId',
  'candidate',
  'role',
  'level',
  'round',
  'interviewId',
  'interviewKind',
  'panelistId',
  'panelistName',
  'competencyId',
  'competency',
  'rating',
  'ratingLabel',
  'ownFocus',
  'recommendation',
  'revision',
  'submittedAt',
] as const;

/** The record's ratings as CSV: one row per scorecard rating, every rater's, names beside user ids. */
export function ratingsToCsv(record: Record<string, unknown>): string {
  const rows = Array.isArray(record.ratings) ? (record.ratings as Record<string, unknown>[]) : [];
  return [RATING_COLUMNS.join(','), ...rows.map((row) => RATING_COLUMNS.map((c) => cell(row[c])).join(','))].join('\n');
}

/** The same record as CSV: one row per fact, `section,ref,field,value`, so nothing nested is lost. */
export function recordToCsv(record: Record<string, unknown>): string {
  const rows: unknown[][] = [['section', 'ref', 'field', 'value']];
  const walk = (section: string, ref: string, value: unknown) => {
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) walk(section, ref ? `${ref}[${i}]` : `[${i}]`, item);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (v && typeof v === 'object') walk(section, ref ? `${ref}.${k}` : k, v);
        else rows.push([section, ref, k, v]);
      }
    } else rows.push([section, ref, '', value]);
  };
  for (const [section, value] of Object.entries(record)) walk(section, '', value);
  return rows.map((r) => r.map(cell).join(',')).join('\n');
}
