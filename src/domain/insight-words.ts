// The insight report's sentences, words before numbers: one place, shared by Slack, the CLI and the HTML page.
// Names come in ready to print (a Slack mention, or a user id in the CLI).
import type { Gated } from './insight-report.js';
import type { AlphaWithInterval } from './stats/alpha-interval.js';
import type { Auc } from './stats/auc.js';
import type { Estimate } from './stats/intervals.js';
import type { Leniency } from './stats/leniency.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(2)}`;
const pct = (x: number) => `${Math.round(x * 100)}%`;

/** "about half a point": the size of an offset on the 1–4 scale, to the nearest quarter. */
export function pointsInWords(size: number): string {
  const quarters = Math.round(Math.abs(size) * 4);
  switch (quarters) {
    case 0:
      return 'slightly';
    case 1:
      return 'about a quarter of a point';
    case 2:
      return 'about half a point';
    case 3:
      return 'about three quarters of a point';
    case 4:
      return 'about a point';
    default:
      return `about ${(quarters / 4).toFixed(2).replace(/0$/, '')} points`;
  }
}

export function notYet(gated: Gated<unknown>, what: string, whats?: string): string {
  return `Not shown yet: ${plural(gated.n, what, whats)} so far, ${gated.needed.toLocaleString('en-US')} more needed.`;
}

/** "Pia rates about half a point above the rest of her panels, from 42 shared ratings." */
export function leniencySentence(name: string, l: Leniency): string {
  const clear = l.low > 0 || l.high < 0;
  const from = `from ${plural(l.n, 'shared rating')}`;
  const numbers = `(${signed(l.value)}, 95% interval ${signed(l.low)} to ${signed(l.high)})`;
  if (!clear && Math.abs(l.value) < 0.125)
    return `${name} rates in line with the rest of the panel, ${from} ${numbers}.`;
  const direction = l.value > 0 ? 'above' : 'below';
  const caveat = clear ? '' : ' Within the margin of error: not clearly different from the panel.';
  return `${name} rates ${pointsInWords(l.value)} ${direction} the rest of the panel, ${from} ${numbers}.${caveat}`;
}

export function leniencyLine(name: string, gated: Gated<Leniency>): string {
  return gated.figure ? leniencySentence(name, gated.figure) : `${name}: ${notYet(gated, 'shared rating')}`;
}

/** Krippendorff's guide: 0.8 or more reliable, 0.667 or more for tentative conclusions. */
export function agreementWord(alpha: number): string {
  if (alpha >= 0.8) return 'agree well';
  if (alpha >= 0.667) return 'agree moderately';
  if (alpha >= 0.4) return 'agree weakly';
  return 'barely agree';
}

export function agreementSentence(subject: string, a: AlphaWithInterval): string {
  if (a.value === null) return `${subject}: agreement cannot be computed (every rating the same).`;
  const interval =
    a.low !== null && a.high !== null ? `, 95% interval ${a.low.toFixed(2)} to ${a.high.toFixed(2)}` : '';
  return `Panels ${agreementWord(a.value)} on ${subject} (Krippendorff's α ${a.value.toFixed(2)}${interval}, from ${plural(a.units, 'shared unit')}, ${plural(a.n, 'rating')}).`;
}

export function agreementLine(subject: string, gated: Gated<AlphaWithInterval>): string {
  return gated.figure ? agreementSentence(subject, gated.figure) : `${subject}: ${notYet(gated, 'shared unit')}`;
}

export const EXPLORATORY =
  'Exploratory: the decisions were made from these same ratings, so separation overstates what a question predicts.';

export function separationSentence(a: Auc): string {
  const clear = a.low > 0.5 || a.high < 0.5;
  const from = `from ${plural(a.positives, 'hire')} and ${plural(a.negatives, 'no-hire decision')}`;
  const numbers = `(AUC ${a.value.toFixed(2)}, 95% interval ${a.low.toFixed(2)} to ${a.high.toFixed(2)}, ${from})`;
  if (!clear) return `its ratings do not clearly tell hires from no-hires ${numbers}.`;
  return `hires were rated higher than no-hires ${pct(a.value)} of the time ${numbers}.`;
}

export function separationLine(gated: Gated<Auc>): string {
  if (gated.figure) return `Exploratory: ${separationSentence(gated.figure)}`;
  if (gated.needed === 0) return 'Separation: needs askings with both hire and no-hire decisions.';
  return `Separation: ${notYet(gated, 'decided asking')}`;
}

export function completionSentence(c: Estimate): string {
  const submitted = Math.round(c.value * c.n);
  return `Submitted ${submitted.toLocaleString('en-US')} of ${plural(c.n, 'scorecard')} owed (${pct(c.value)}, 95% interval ${pct(c.low)} to ${pct(c.high)}).`;
}

/** "Completion: not shown yet: 4 scorecards owed so far, 6 more needed." */
export function completionLine(gated: Gated<Estimate>): string {
  return gated.figure
    ? completionSentence(gated.figure)
    : `Completion: ${notYet(gated, 'scorecard owed', 'scorecards owed')}`;
}

/** Whole hours, or days from two days on. */
export function hoursInWords(hours: number): string {
  if (hours < 1) return 'under an hour';
  if (hours < 48) return plural(Math.round(hours), 'hour');
  const days = Math.round(hours / 12) / 2;
  return `${days} days`;
}

/** "Submits scorecards a median of 21 hours after the interview (95% interval 18 to 25 hours, from 40 scorecards)." */
export function hoursToSubmitSentence(name: string, h: Estimate, verb = 'submits'): string {
  const range = `${Math.round(h.low)} to ${Math.round(h.high)} hours`;
  return `${name} ${verb} scorecards a median of ${hoursInWords(h.value)} after the interview (95% interval ${range}, from ${plural(h.n, 'scorecard')}).`;
}

export function hoursToSubmitLine(name: string, gated: Gated<Estimate>, verb = 'submits'): string {
  return gated.figure
    ? hoursToSubmitSentence(name, gated.figure, verb)
    : `Time to submit: ${notYet(gated, 'scorecard submitted', 'scorecards submitted')}`;
}

/** "Within one panel, ratings sit on average 0.42 points from their mean (…, from 812 panels)." */
export function spreadSentence(subject: string, s: Estimate): string {
  const size = s.value < 0.25 ? 'close together' : s.value < 0.5 ? 'somewhat apart' : 'far apart';
  return `Within one panel, ratings of ${subject} are ${size}: on average ${s.value.toFixed(2)} points from the panel's mean (average deviation, 95% interval ${s.low.toFixed(2)} to ${s.high.toFixed(2)}, from ${plural(s.n, 'panel')}).`;
}

export function spreadLine(subject: string, gated: Gated<Estimate>): string {
  return gated.figure ? spreadSentence(subject, gated.figure) : `Spread of ${subject}: ${notYet(gated, 'panel')}`;
}

/** While the ledger is first built in the background (after an upgrade, or on a database that had none). */
export function preparingSentence(p: { done: number; total: number }): string {
  return `The insight report is being prepared from the team's history: ${p.done.toLocaleString('en-US')} of ${plural(p.total, 'interview')} counted so far. It takes a few minutes; ask again then.`;
}
