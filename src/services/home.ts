import type { Kysely } from 'kysely';
import { interviewsOfLoop } from '../db/repositories/interviews.js';
import { loopsLedBy } from '../db/repositories/loops.js';
import { progressOfLoop } from '../db/repositories/scorecards.js';
import type { Database } from '../db/schema.js';
import { myUpcoming, type UpcomingItem } from './upcoming.js';

export interface HomeContent {
  upcoming: UpcomingItem[];
  led: {
    loop: Awaited<ReturnType<typeof loopsLedBy>>[number];
    submitted: number;
    expected: number;
    interviews: number;
  }[];
}

export async function homeContent(db: Kysely<Database>, userId: string, now: Date): Promise<HomeContent> {
  const [upcoming, loops] = await Promise.all([myUpcoming(db, userId, now), loopsLedBy(db, userId)]);
  const led = await Promise.all(
    loops.map(async (loop) => {
      const [progress, interviews] = await Promise.all([progressOfLoop(db, loop.id), interviewsOfLoop(db, loop.id)]);
      return { loop, ...progress, interviews: interviews.filter((i) => i.status === 'scheduled').length };
    }),
  );
  return { upcoming, led };
}
