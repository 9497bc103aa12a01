import { endsAt, type Interview } from './loop.js';

export type NextStep =
  | { kind: 'schedule' }
  | { kind: 'interview'; interviewId: number; startsAt: Date }
  | { kind: 'scorecards'; missing: number }
  | { kind: 'decide' };

/** What a hiring lead does next for an open loop: schedule, wait for an interview or scorecards, or decide. */
export function nextStep(
  interviews: readonly Interview[],
  progress: { submitted: number; expected: number },
  now: Date,
): NextStep {
  const coming = interviews
    .filter((i) => i.status === 'scheduled' && endsAt(i) > now)
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())[0];
  if (coming) return { kind: 'interview', interviewId: coming.id, startsAt: coming.startsAt };
  if (progress.expected === 0) return { kind: 'schedule' };
  if (progress.submitted < progress.expected)
    return { kind: 'scorecards', missing: progress.expected - progress.submitted };
  return { kind: 'decide' };
}
