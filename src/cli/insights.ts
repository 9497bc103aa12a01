// `npm run cli -- insights [--json] [--html FILE]`: the whole team's calibration and question report.
import { writeFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { readBank } from '../db/repositories/bank.js';
import type { Database } from '../db/schema.js';
import type { InsightReport, QuestionFigures, ReviewReason } from '../domain/insight-report.js';
import {
  agreementLine,
  completionLine,
  EXPLORATORY,
  hoursToSubmitLine,
  leniencyLine,
  preparingSentence,
  separationLine,
  spreadLine,
} from '../domain/insight-words.js';
import type { Bank } from '../domain/types.js';
import { insightReport } from '../services/insight.js';
import { keepInsightCurrent } from '../services/refresh-insight.js';
import { insightPage } from './insights-html.js';

export interface Names {
  competency: (id: string) => string;
  question: (id: string) => string;
}

export function namesOf(bank: Bank): Names {
  const competencies = new Map(bank.competencies.map((c) => [c.id, c.name]));
  const questions = new Map(bank.questions.map((q) => [q.id, q.text]));
  return { competency: (id) => competencies.get(id) ?? id, question: (id) => questions.get(id) ?? id };
}

export const REVIEW_WORDS: Record<ReviewReason, string> = {
  disagreement: 'panels disagree persistently on it (even the top of its interval is below 0.4)',
  never_answered_well: 'never answered well: under 10% of its ratings are 3 or 4 at every level it was asked at',
};

export function forReview(report: InsightReport): QuestionFigures[] {
  return report.questions.filter((q) => q.review.length > 0);
}

export function insightText(report: InsightReport, names: Names): string {
  if (report.preparing) return preparingSentence(report.preparing);
  const lines = [
    'Interview insight: descriptive figures about how the team interviews. None of them is a score for a candidate.',
    '',
    "Agreement of panels (Krippendorff's alpha for ordinal ratings; a unit is one competency of one interview)",
    `  ${agreementLine('all competencies', report.agreement.overall)}`,
    `    ${spreadLine('a competency', report.agreement.overall.spread)}`,
    ...report.agreement.competencies.flatMap((c) => [
      `  ${agreementLine(names.competency(c.competencyId), c)}`,
      `    ${spreadLine(names.competency(c.competencyId), c.spread)}`,
    ]),
    '',
    'Scorecards (time to submit: from the end of the interview to the first submission, counted by the hour up to 12 hours, by two hours up to 2 days, by half days after; shown from 10 scorecards)',
    `  ${completionLine(report.scorecards.completion)}`,
    `  ${hoursToSubmitLine('The panels', report.scorecards.hoursToSubmit, 'submit')}`,
    '',
    'Interviewers (leniency: the mean offset from the rest of the same panel on the same candidate and competency, shrunk toward 0 for few ratings; shown from 30 shared ratings)',
  ];
  for (const i of report.interviewers) {
    lines.push(`  ${leniencyLine(i.raterId, i.leniency)}`);
    lines.push(`    ${completionLine(i.completion)}`);
    lines.push(`    ${hoursToSubmitLine(i.raterId, i.hoursToSubmit)}`);
  }
  lines.push('', `Questions (from 30 askings). ${EXPLORATORY}`);
  for (const q of report.questions) {
    lines.push(`  ${q.questionId}: asked ${q.exposure.toLocaleString('en-US')} times. ${names.question(q.questionId)}`);
    lines.push(`    ${agreementLine('the competencies it probed', q.agreement)}`);
    lines.push(`    ${separationLine(q.separation)}`);
  }
  const review = forReview(report);
  lines.push('', 'For review in the bank (rotation is unchanged unless an admin retires a question)');
  if (review.length === 0) lines.push('  None.');
  for (const q of review) lines.push(`  ${q.questionId}: ${q.review.map((r) => REVIEW_WORDS[r]).join('; ')}.`);
  return lines.join('\n');
}

export async function insightsCommand(
  db: Kysely<Database>,
  options: { json?: boolean; html?: string },
  now: Date,
): Promise<string> {
  // No app may be running beside this tool to keep the ledger current: it does what the app's background does
  // (the same claimed chunks, so a running app and this tool share the work), then reads the ledger.
  await keepInsightCurrent(db, now);
  const [report, bank] = await Promise.all([insightReport(db, { kind: 'team' }), readBank(db)]);
  const names = namesOf(bank);
  if (options.html) {
    writeFileSync(options.html, insightPage(report, names, now));
    return `Wrote the insight report to ${options.html}: open it in a browser.`;
  }
  if (options.json) {
    return JSON.stringify(
      {
        generatedAt: now.toISOString(),
        minimumSample: 30,
        note: EXPLORATORY,
        ...report,
        forReview: forReview(report).map((q) => ({ questionId: q.questionId, reasons: q.review })),
      },
      null,
      2,
    );
  }
  return insightText(report, names);
}
