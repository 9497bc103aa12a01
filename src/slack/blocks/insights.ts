// `/interview insights …` and the admin section of App Home: words first, each figure with its n and interval.
import type { KnownBlock } from '@slack/types';
import type { InsightReport, QuestionFigures } from '../../domain/insight-report.js';
import {
  agreementLine,
  completionLine,
  completionSentence,
  EXPLORATORY,
  hoursToSubmitLine,
  hoursToSubmitSentence,
  leniencyLine,
  preparingSentence,
  separationLine,
  spreadLine,
} from '../../domain/insight-words.js';
import { escapeMrkdwn } from '../../domain/mrkdwn.js';
import type { InsightAnswer } from '../../services/insight.js';
import { clip, context, divider, header, LIMITS, section } from './text.js';

export interface InsightNames {
  competency: (id: string) => string;
  question: (id: string) => string;
}

const mention = (userId: string) => `<@${userId}>`;
const DESCRIPTIVE = 'Descriptive only: how the team interviews, never a score for a candidate.';
/** Lines per section, so that no section passes Slack's 3,000 characters. */
const bullets = (lines: string[]): KnownBlock[] => {
  const blocks: KnownBlock[] = [];
  let text = '';
  for (const line of lines) {
    const next = `• ${line}`;
    if (text && text.length + next.length + 1 > LIMITS.sectionText - 100) {
      blocks.push(section(text));
      text = '';
    }
    text = text ? `${text}\n${next}` : next;
  }
  if (text) blocks.push(section(text));
  return blocks;
};

const REVIEW: Record<QuestionFigures['review'][number], string> = {
  disagreement: 'panels disagree persistently',
  never_answered_well: 'never answered well at any level',
};

function agreementBlocks(report: InsightReport, names: InsightNames, all: boolean): KnownBlock[] {
  const competencies = [...report.agreement.competencies].sort(
    (a, b) => (a.figure?.value ?? 2) - (b.figure?.value ?? 2),
  );
  const shown = all ? competencies : competencies.slice(0, 5);
  const overall = report.agreement.overall;
  return [
    section(
      `*Agreement of panels*\n${escapeMrkdwn(agreementLine('all competencies', overall))}\n${escapeMrkdwn(spreadLine('a competency', overall.spread))}`,
    ),
    ...bullets(
      shown.map((c) => {
        const name = names.competency(c.competencyId);
        // In the full list each competency's spread too: how far apart one panel's ratings of it are.
        return escapeMrkdwn(all ? `${agreementLine(name, c)} ${spreadLine(name, c.spread)}` : agreementLine(name, c));
      }),
    ),
    ...(all || competencies.length <= shown.length
      ? []
      : [
          context(
            `The ${shown.length} competencies with the least agreement; \`/interview insights panel\` lists all.`,
          ),
        ]),
  ];
}

function interviewerBlocks(report: InsightReport): KnownBlock[] {
  const shown = report.interviewers.filter((i) => i.leniency.figure);
  const off = shown
    .filter((i) => {
      const f = i.leniency.figure;
      return f !== null && (f.low > 0 || f.high < 0);
    })
    .sort((a, b) => Math.abs(b.leniency.figure?.value ?? 0) - Math.abs(a.leniency.figure?.value ?? 0));
  const waiting = report.interviewers.length - shown.length;
  return [
    section(
      `*Interviewers*\n${off.length} of ${shown.length} interviewers with 30 or more shared ratings rate clearly above or below their panels.`,
    ),
    ...bullets(off.slice(0, 15).map((i) => leniencyLine(mention(i.raterId), i.leniency))),
    context(
      `Leniency: the mean offset from the rest of the same panel on the same candidate and competency, shrunk toward 0 for few ratings.${waiting > 0 ? ` ${waiting} interviewer${waiting === 1 ? ' has' : 's have'} fewer than 30 shared ratings and ${waiting === 1 ? 'is' : 'are'} not shown.` : ''}`,
    ),
    ...scorecardBlocks(report, true),
  ];
}

/** Completion and time to submit: the team's, then the interviewers latest and least complete. */
function scorecardBlocks(report: InsightReport, perInterviewer: boolean): KnownBlock[] {
  const { completion, hoursToSubmit } = report.scorecards;
  const slowest = report.interviewers
    .flatMap((i) => (i.hoursToSubmit.figure ? [{ raterId: i.raterId, figure: i.hoursToSubmit.figure }] : []))
    .sort((a, b) => b.figure.value - a.figure.value)
    .slice(0, 5);
  const least = report.interviewers
    .flatMap((i) =>
      i.completion.figure && i.completion.figure.high < 0.9
        ? [{ raterId: i.raterId, figure: i.completion.figure }]
        : [],
    )
    .sort((a, b) => a.figure.value - b.figure.value)
    .slice(0, 5);
  const team = section(
    `*Scorecards*\n${completionLine(completion)}\n${hoursToSubmitLine('The panels', hoursToSubmit, 'submit')}`,
  );
  if (!perInterviewer) return [team];
  return [
    team,
    ...bullets([
      ...slowest.map((i) => hoursToSubmitSentence(mention(i.raterId), i.figure)),
      ...least.map((i) => `${mention(i.raterId)}: ${completionSentence(i.figure)}`),
    ]),
    context(
      'Time to submit: from the end of the interview to the first submission. The slowest five (by median), and anyone clearly under 90% completion, each from 10 scorecards. `npm run cli -- insights` lists everyone.',
    ),
  ];
}

function questionBlocks(report: InsightReport, names: InsightNames): KnownBlock[] {
  const review = report.questions.filter((q) => q.review.length > 0);
  const measured = report.questions.filter((q) => q.agreement.figure).length;
  return [
    section(
      `*Questions*\n${measured} of ${report.questions.length} questions asked have 30 or more askings to measure. ${review.length} listed for review in the bank.`,
    ),
    ...bullets(
      review
        .slice(0, 15)
        .map(
          (q) =>
            `\`${escapeMrkdwn(q.questionId)}\` ${escapeMrkdwn(clip(names.question(q.questionId), 90))}: ${q.review.map((r) => REVIEW[r]).join(', ')}`,
        ),
    ),
    context(
      '`/interview insights question &lt;id&gt;` shows one question. Rotation is unchanged unless an admin retires it.',
    ),
  ];
}

function questionDetail(q: QuestionFigures, names: InsightNames): KnownBlock[] {
  const levels = q.levels
    .filter((l) => l.ratings > 0)
    .map((l) => `${l.level}: ${Math.round((100 * l.good) / l.ratings)}% of ${l.ratings} ratings 3 or 4`)
    .join(' · ');
  return [
    header(clip(`Question ${q.questionId}`, LIMITS.headerText)),
    section(escapeMrkdwn(clip(names.question(q.questionId), 2900))),
    ...bullets([
      `Asked ${q.exposure.toLocaleString('en-US')} times.`,
      escapeMrkdwn(agreementLine('the competencies it probed', q.agreement)),
      `_${escapeMrkdwn(separationLine(q.separation))}_`,
      ...(levels ? [`Answered well (3 or 4): ${levels}`] : []),
      ...(q.review.length > 0 ? [`*For review in the bank:* ${q.review.map((r) => REVIEW[r]).join(', ')}.`] : []),
    ]),
    context(EXPLORATORY),
  ];
}

export function insightBlocks(answer: InsightAnswer, names: InsightNames): KnownBlock[] {
  const { report, request, audience } = answer;
  const scopeNote =
    audience === 'lead'
      ? 'From the loops you lead. Leniency of single interviewers is shown only to them and to admins.'
      : DESCRIPTIVE;
  if (report.preparing) return [header('Interview insight'), section(preparingSentence(report.preparing))];
  switch (request.kind) {
    case 'me': {
      const me = report.interviewers[0];
      return [
        header('Your interviewing, in figures'),
        section(
          me
            ? leniencyLine('You', me.leniency).replace(/^You rates/, 'You rate')
            : 'You have no shared ratings yet: figures appear once you have rated alongside other panelists.',
        ),
        ...(me
          ? [section(`${completionLine(me.completion)}\n${hoursToSubmitLine('You', me.hoursToSubmit, 'submit')}`)]
          : []),
        context(
          'Only you and admins see these figures. Leniency is the mean offset of your ratings from the rest of the same panel on the same candidate and competency, shrunk toward 0 for few ratings.',
        ),
      ];
    }
    case 'question': {
      const q = report.questions.find((x) => x.questionId === request.questionId);
      return q ? questionDetail(q, names) : [section('No figures for this question yet.')];
    }
    case 'panel':
      return [header('Agreement of panels'), ...agreementBlocks(report, names, true), context(scopeNote)];
    case 'team':
      return [
        header('Interview insight'),
        context(scopeNote),
        ...agreementBlocks(report, names, false),
        divider,
        ...(audience === 'admin' ? interviewerBlocks(report) : scorecardBlocks(report, false)),
        divider,
        ...questionBlocks(report, names),
      ];
    default: {
      const never: never = request;
      throw new Error(`unknown insight request ${JSON.stringify(never)}`);
    }
  }
}

/** The admin section of App Home: a few lines and the way to the details. */
export function insightHomeBlocks(report: InsightReport): KnownBlock[] {
  if (report.preparing) return [section('*Interview insight* (admins)'), section(preparingSentence(report.preparing))];
  const off = report.interviewers.filter((i) => {
    const f = i.leniency.figure;
    return f !== null && (f.low > 0 || f.high < 0);
  }).length;
  const review = report.questions.filter((q) => q.review.length > 0).length;
  return [
    section('*Interview insight* (admins)'),
    section(
      [
        escapeMrkdwn(agreementLine('all competencies', report.agreement.overall)),
        `${off} interviewer${off === 1 ? '' : 's'} rate${off === 1 ? 's' : ''} clearly above or below their panels.`,
        completionLine(report.scorecards.completion),
        hoursToSubmitLine('The panels', report.scorecards.hoursToSubmit, 'submit'),
        `${review} question${review === 1 ? '' : 's'} listed for review in the bank.`,
      ].join('\n'),
    ),
    context('`/interview insights` for the details, `/interview insights panel` for agreement per competency.'),
  ];
}

/** Under the bank summary, for admins: questions the insight report lists for review. */
export function bankReviewBlocks(questions: QuestionFigures[], names: InsightNames): KnownBlock[] {
  if (questions.length === 0) return [];
  return [
    section(
      `*For review* (from the interview insight): ${questions.length} question${questions.length === 1 ? '' : 's'}`,
    ),
    ...bullets(
      questions
        .slice(0, 15)
        .map(
          (q) =>
            `\`${escapeMrkdwn(q.questionId)}\` ${escapeMrkdwn(clip(names.question(q.questionId), 90))}: ${q.review.map((r) => REVIEW[r]).join(', ')}`,
        ),
    ),
    context(
      'Kits keep asking them until an admin retires one (`active: false` in the bank file, then `npm run cli -- bank import FILE`). `/interview insights question &lt;id&gt;` shows the figures.',
    ),
  ];
}
