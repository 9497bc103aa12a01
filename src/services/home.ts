import type { Kysely } from 'kysely';
import { interviewsOfLoop } from '../db/repositories/interviews.js';
import { getLoop, loopsLedBy } from '../db/repositories/loops.js';
import { owedBy, progressOfLoop } from '../db/repositories/scorecards.js';
import type { Database } from '../db/schema.js';
import type { Loop } from '../domain/loop.js';
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
  }[];
}

export async function homeContent(db: Kysely<Database>, userId: string, now: Date): Promise<HomeContent> {
  const [upcoming, loops, owedRows] = await Promise.all([
    myUpcoming(db, userId, now),
    loopsLedBy(db, userId),
    owedBy(db, userId, now),
  ]);
  const owed: OwedItem[] = [];
  for (const row of owedRows) {
    const loop = await getLoop(db, row.loopId);
    if (loop) owed.push({ interviewId: row.interviewId, loop, kind: row.kind, startsAt: row.startsAt });
  }
  const led = await Promise.all(
    loops.map(async (loop) => {
      const [progress, interviews] = await Promise.all([progressOfLoop(db, loop.id), interviewsOfLoop(db, loop.id)]);
      return { loop, ...progress, interviews: interviews.filter((i) => i.status === 'scheduled').length };
    }),
  );
  return { upcoming, owed, led };
}
