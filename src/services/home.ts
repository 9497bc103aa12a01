import type { Kysely } from 'kysely';
import { type Decision, decisionsOf } from '../db/repositories/decisions.js';
import { interviewsOfLoop } from '../db/repositories/interviews.js';
import { getLoop, loopsLedBy } from '../db/repositories/loops.js';
import { owedBy, progressOfLoop } from '../db/repositories/scorecards.js';
import type { Database } from '../db/schema.js';
import type { Loop } from '../domain/loop.js';
import { type NextStep, nextStep } from '../domain/next-step.js';
import { myUpcoming, type UpcomingItem } from './upcoming.js';

export interface OwedItem {
  interviewId: number;
  loop: Loop;
  kind: string;
  startsAt: Date;
}

export interface HomeContent {
  upcoming: UpcomingItem[];
  owed: OwedItem[];
  led: {
    loop: Awaited<ReturnType<typeof loopsLedBy>>[number];
    submitted: number;
    expected: number;
    interviews: number;
    next: NextStep;
  }[];
  /** Loops I led that were decided recently, newest first. */
  decided: { loop: Loop; decision: Decision }[];
}

/** How long a decided loop stays on its lead's App Home. */
export const RECENT_DECISION_DAYS = 14;

export async function homeContent(db: Kysely<Database>, userId: string, now: Date): Promise<HomeContent> {
  const [upcoming, loops, owedRows, decidedLoops] = await Promise.all([
    myUpcoming(db, userId, now),
    loopsLedBy(db, userId),
    owedBy(db, userId, now),
    loopsLedBy(db, userId, 'decided'),
  ]);
  const owed: OwedItem[] = [];
  for (const row of owedRows) {
    const loop = await getLoop(db, row.loopId);
    if (loop) owed.push({ interviewId: row.interviewId, loop, kind: row.kind, startsAt: row.startsAt });
  }
  const led = await Promise.all(
    loops.map(async (loop) => {
      const [progress, interviews] = await Promise.all([progressOfLoop(db, loop.id), interviewsOfLoop(db, loop.id)]);
      return {
        loop,
        ...progress,
        interviews: interviews.filter((i) => i.status === 'scheduled').length,
        next: nextStep(interviews, progress, now),
      };
    }),
  );
  const since = now.getTime() - RECENT_DECISION_DAYS * 86_400_000;
  const decided: HomeContent['decided'] = [];
  for (const loop of decidedLoops.slice(0, 50)) {
    const decision = (await decisionsOf(db, loop.id)).at(-1);
    if (decision && decision.decidedAt.getTime() >= since) decided.push({ loop, decision });
  }
  decided.sort((a, b) => b.decision.decidedAt.getTime() - a.decision.decidedAt.getTime());
  return { upcoming, owed, led, decided };
}
