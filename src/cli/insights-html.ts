// The insight report as one self-contained HTML page (no scripts, no external files) for a calibration
// meeting: a funnel plot of leniency against shared ratings, and agreement per competency.
import type { InsightReport } from '../domain/insight-report.js';
import {
  agreementLine,
  completionLine,
  EXPLORATORY,
  hoursToSubmitLine,
  leniencyLine,
  separationLine,
  spreadLine,
} from '../domain/insight-words.js';
import { DEFAULT_PRIOR } from '../domain/stats/leniency.js';
import type { Names } from './insights.js';
import { forReview, REVIEW_WORDS } from './insights.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fx = (x: number) => x.toFixed(1);

/** Leniency (shrunk) of each interviewer against shared ratings, with the ±95% funnel of a rater at 0. */
export function funnelSvg(report: InsightReport): string {
  const points = report.interviewers.flatMap((i) => (i.leniency.figure ? [i.leniency.figure] : []));
  const W = 640;
  const H = 360;
  const pad = { l: 56, r: 16, t: 16, b: 44 };
  const maxN = Math.max(60, ...points.map((p) => p.n)) * 1.05;
  const sigma = points.length
    ? Math.max(...points.map((p) => ((p.high - p.low) / (2 * 1.959964)) * Math.sqrt(p.n + DEFAULT_PRIOR)))
    : 1;
  const span = Math.max(1, ...points.map((p) => Math.abs(p.value) + 0.1));
  const x = (n: number) => pad.l + (n / maxN) * (W - pad.l - pad.r);
  const y = (v: number) => pad.t + ((span - v) / (2 * span)) * (H - pad.t - pad.b);
  const funnel = (sign: 1 | -1) =>
    Array.from({ length: 41 }, (_, k) => {
      const n = 30 + ((maxN - 30) * k) / 40;
      const v = Math.max(-span, Math.min(span, (sign * 1.959964 * sigma) / Math.sqrt(n + DEFAULT_PRIOR)));
      return `${fx(x(n))},${fx(y(v))}`;
    }).join(' ');
  const ticksY = [-1, -0.5, 0, 0.5, 1].filter((t) => Math.abs(t) <= span);
  const ticksX = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(maxN * f));
  const dots = points
    .map((p) => {
      const outside = p.low > 0 || p.high < 0;
      return `<circle cx="${fx(x(p.n))}" cy="${fx(y(p.value))}" r="4" fill="${outside ? '#c2410c' : '#2563eb'}"><title>${esc(p.raterId)}: ${p.value.toFixed(2)} from ${p.n} shared ratings</title></circle>${outside ? `<text x="${fx(x(p.n) + 6)}" y="${fx(y(p.value) + 4)}" font-size="11">${esc(p.raterId)}</text>` : ''}`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="Funnel plot of leniency against shared ratings">
<rect x="${pad.l}" y="${pad.t}" width="${W - pad.l - pad.r}" height="${H - pad.t - pad.b}" fill="#f8fafc" stroke="#cbd5e1"/>
${ticksY.map((t) => `<line x1="${pad.l}" x2="${W - pad.r}" y1="${fx(y(t))}" y2="${fx(y(t))}" stroke="${t === 0 ? '#64748b' : '#e2e8f0'}"/><text x="${pad.l - 6}" y="${fx(y(t) + 4)}" font-size="11" text-anchor="end">${t > 0 ? '+' : ''}${t}</text>`).join('')}
${ticksX.map((t) => `<text x="${fx(x(t))}" y="${H - pad.b + 16}" font-size="11" text-anchor="middle">${t}</text>`).join('')}
<polyline points="${funnel(1)}" fill="none" stroke="#94a3b8" stroke-dasharray="4 3"/>
<polyline points="${funnel(-1)}" fill="none" stroke="#94a3b8" stroke-dasharray="4 3"/>
${dots}
<text x="${(W + pad.l) / 2}" y="${H - 8}" font-size="12" text-anchor="middle">shared ratings</text>
<text x="14" y="${(H - pad.b) / 2}" font-size="12" text-anchor="middle" transform="rotate(-90 14 ${(H - pad.b) / 2})">points above (+) or below (−) the panel</text>
</svg>`;
}

/** Alpha per competency as bars with their 95% interval, and the 0.667 and 0.8 guide lines. */
export function agreementSvg(report: InsightReport, names: Names): string {
  const rows = report.agreement.competencies.filter((c) => c.figure?.value !== null && c.figure);
  const W = 640;
  const rowH = 26;
  const left = 220;
  const H = 40 + rows.length * rowH;
  const x = (a: number) => left + Math.max(0, Math.min(1, a)) * (W - left - 20);
  const bars = rows
    .map((c, i) => {
      const f = c.figure;
      if (!f || f.value === null) return '';
      const yy = 20 + i * rowH;
      const whisker =
        f.low !== null && f.high !== null
          ? `<line x1="${fx(x(f.low))}" x2="${fx(x(f.high))}" y1="${yy + 9}" y2="${yy + 9}" stroke="#0f172a" stroke-width="2"/>`
          : '';
      return `<text x="${left - 8}" y="${yy + 13}" font-size="12" text-anchor="end">${esc(names.competency(c.competencyId))}</text><rect x="${left}" y="${yy + 2}" width="${fx(x(f.value) - left)}" height="14" fill="${f.value >= 0.8 ? '#16a34a' : f.value >= 0.667 ? '#ca8a04' : '#dc2626'}" opacity="0.75"><title>α ${f.value.toFixed(2)} from ${f.units} units</title></rect>${whisker}`;
    })
    .join('');
  const guide = (a: number) =>
    `<line x1="${fx(x(a))}" x2="${fx(x(a))}" y1="14" y2="${H - 20}" stroke="#64748b" stroke-dasharray="3 3"/><text x="${fx(x(a))}" y="${H - 6}" font-size="11" text-anchor="middle">${a}</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="Agreement per competency">
${bars}${guide(0)}${guide(0.667)}${guide(0.8)}${guide(1)}
</svg>`;
}

export function insightPage(report: InsightReport, names: Names, now: Date): string {
  const li = (s: string) => `<li>${esc(s)}</li>`;
  // Furthest from their panels first; those below the minimum last.
  const interviewers = [...report.interviewers]
    .sort((a, b) => Math.abs(b.leniency.figure?.value ?? -1) - Math.abs(a.leniency.figure?.value ?? -1))
    .map((i) => li(leniencyLine(i.raterId, i.leniency)))
    .join('');
  // Latest first; those below the minimum last.
  const timeliness = [...report.interviewers]
    .sort((a, b) => (b.hoursToSubmit.figure?.value ?? -1) - (a.hoursToSubmit.figure?.value ?? -1))
    .map((i) => li(`${hoursToSubmitLine(i.raterId, i.hoursToSubmit)} ${completionLine(i.completion)}`))
    .join('');
  const spreads = report.agreement.competencies
    .map((c) => li(spreadLine(names.competency(c.competencyId), c.spread)))
    .join('');
  const questions = report.questions
    .map(
      (q) =>
        `<li><b>${esc(q.questionId)}</b>: asked ${q.exposure} times. ${esc(names.question(q.questionId))}<br>${esc(agreementLine('the competencies it probed', q.agreement))}<br><i>${esc(separationLine(q.separation))}</i></li>`,
    )
    .join('');
  const review = forReview(report)
    .map((q) => li(`${q.questionId}: ${q.review.map((r) => REVIEW_WORDS[r]).join('; ')}`))
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Interview insight</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:760px;margin:2em auto;padding:0 1em;color:#0f172a}h2{margin-top:2em}li{margin:.4em 0}.note{color:#475569}</style>
</head><body>
<h1>Interview insight</h1>
<p class="note">For a calibration meeting, ${esc(now.toISOString().slice(0, 10))}. Descriptive only: how the team interviews, never a score for a candidate. Figures about one person or one question appear from 30 shared ratings or askings.</p>
<h2>Agreement of panels</h2>
<p>${esc(agreementLine('all competencies', report.agreement.overall))}</p>
${agreementSvg(report, names)}
<p>${esc(spreadLine('a competency', report.agreement.overall.spread))}</p>
<ul>${spreads}</ul>
<h2>Scorecards on time</h2>
<p class="note">Time to submit runs from the end of the interview to the first submission (counted by the hour up to 12 hours, by two hours up to 2 days, by half days after); completion is the share of the scorecards owed that were submitted (a panelist who said they did not take part owes none). Shown from 10 scorecards.</p>
<p>${esc(completionLine(report.scorecards.completion))} ${esc(hoursToSubmitLine('The panels', report.scorecards.hoursToSubmit, 'submit'))}</p>
<ul>${timeliness}</ul>
<h2>Interviewers</h2>
<p class="note">Leniency is the mean offset of an interviewer's ratings from the rest of the same panel on the same candidate and competency, shrunk toward 0 for few ratings. Dots outside the dashed funnel are clearly off their panels (orange).</p>
${funnelSvg(report)}
<ul>${interviewers}</ul>
<h2>Questions</h2>
<p class="note">${esc(EXPLORATORY)}</p>
<ul>${questions}</ul>
<h2>For review in the bank</h2>
<p class="note">Rotation is unchanged unless an admin retires a question.</p>
<ul>${review || '<li>None.</li>'}</ul>
</body></html>
`;
}
