// The insight report for one viewer (spec §8): who may see what, and the figures for it.
// An interviewer sees their own figures; admins see every interviewer and question; a hiring lead sees the
// figures of the loops they lead; nobody else sees any.

import type { Kysely } from 'kysely';
import { readBank } from '../db/repositories/bank.js';
import { buildProgress, type InsightScope, ledgerState, totalsOf } from '../db/repositories/insight.js';
import { isHiringLead } from '../db/repositories/loops.js';
import type { Database } from '../db/schema.js';
import { inputFromTotals } from '../domain/insight-ledger.js';
import { buildInsightReport, type InsightReport, preparingReport } from '../domain/insight-report.js';
import { fail, ok, type Result } from '../domain/types.js';
import { LEDGER_VERSION } from './refresh-insight.js';

export interface InsightViewer {
  userId: string;
  isAdmin: boolean;
}

export type InsightRequest =
  | { kind: 'team' }
  | { kind: 'me' }
  | { kind: 'question'; questionId: string }
  | { kind: 'panel' };

export type InsightAudience = 'admin' | 'lead' | 'self';

export interface InsightAnswer {
  audience: InsightAudience;
  request: InsightRequest;
  viewerId: string;
  report: InsightReport;
}

/**
 * The whole report over the given loops: the CLI's, and what the Slack answers are cut from. It only reads the
 * ledger, which the use cases and the background keep current (refresh-insight.ts); while the ledger is first
 * built, it says how far that has come.
 */
export async function insightReport(db: Kysely<Database>, scope: InsightScope): Promise<InsightReport> {
  const state = await ledgerState(db);
  if (state.version !== LEDGER_VERSION || state.watermark === null) {
    const progress = await buildProgress(db, state.version === LEDGER_VERSION ? state.buildCursor : 0);
    return preparingReport(progress.done, progress.total);
  }
  return buildInsightReport(inputFromTotals(await totalsOf(db, scope)));
}

const NOT_ALLOWED =
  'Insights about other interviewers and about questions are for admins and hiring leads (about the loops they lead). `/interview insights me` shows your own figures.';

export async function insightFor(
  db: Kysely<Database>,
  viewer: InsightViewer,
  request: InsightRequest,
): Promise<Result<InsightAnswer>> {
  if (request.kind === 'me') {
    // Leniency is measured against the whole team's panels; only the viewer's own row is kept.
    const report = await insightReport(db, { kind: 'team' });
    const own = {
      ...report,
      interviewers: report.interviewers.filter((i) => i.raterId === viewer.userId),
    };
    return ok({ audience: 'self', request, viewerId: viewer.userId, report: own });
  }
  let audience: InsightAudience;
  let scope: InsightScope;
  if (viewer.isAdmin) {
    audience = 'admin';
    scope = { kind: 'team' };
  } else if (await isHiringLead(db, viewer.userId)) {
    audience = 'lead';
    scope = { kind: 'lead', leadId: viewer.userId };
  } else {
    return fail('not_allowed', NOT_ALLOWED);
  }
  const whole = await insightReport(db, scope);
  // Leniency of one interviewer is for that interviewer and admins only (spec §8): a lead sees the rest.
  const report = audience === 'admin' ? whole : { ...whole, interviewers: [] };
  if (
    request.kind === 'question' &&
    !report.preparing &&
    !report.questions.some((q) => q.questionId === request.questionId)
  ) {
    return fail(
      'unknown_question',
      `No askings of a question \`${request.questionId}\` ${audience === 'lead' ? 'in the loops you lead' : 'yet'}. The question ids are in \`/interview bank\`.`,
    );
  }
  return ok({ audience, request, viewerId: viewer.userId, report });
}

export interface InsightNames {
  competency: (id: string) => string;
  question: (id: string) => string;
}

/** The answer with the bank's names for competencies and questions, as Slack shows them. */
export async function insightAnswerFor(
  db: Kysely<Database>,
  viewer: InsightViewer,
  request: InsightRequest,
): Promise<Result<{ answer: InsightAnswer; names: InsightNames }>> {
  const answer = await insightFor(db, viewer, request);
  if (!answer.ok) return answer;
  const bank = await readBank(db);
  const competencies = new Map(bank.competencies.map((c) => [c.id, c.name]));
  const questions = new Map(bank.questions.map((q) => [q.id, q.text]));
  return ok({
    answer: answer.value,
    names: { competency: (id) => competencies.get(id) ?? id, question: (id) => questions.get(id) ?? id },
  });
}

/** The figures of App Home's admin section, or null for anyone who is not an admin. */
export async function insightForHome(db: Kysely<Database>, viewer: InsightViewer): Promise<InsightReport | null> {
  return viewer.isAdmin ? insightReport(db, { kind: 'team' }) : null;
}

/**
 * Questions listed for review in the bank, from the ledger. Rotation is unchanged: a question leaves it only when
 * an admin retires it (`active: false`).
 */
export async function questionsForReview(db: Kysely<Database>): Promise<InsightReport['questions']> {
  const report = await insightReport(db, { kind: 'team' });
  return report.questions.filter((q) => q.review.length > 0);
}
