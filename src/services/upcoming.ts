import type { Kysely } from 'kysely';
import { upcomingFor } from '../db/repositories/interviews.js';
import { getLoop } from '../db/repositories/loops.js';
import type { Database } from '../db/schema.js';
import type { Interview, Loop } from '../domain/loop.js';
import { isPanelist } from '../domain/permissions.js';

export interface UpcomingItem {
  interview: Interview;
  loop: Loop;
  role: 'panelist' | 'hiring lead' | 'panelist and hiring lead';
}

/** My interviews that are not over yet, as panelist or hiring lead, soonest first. */
export async function myUpcoming(db: Kysely<Database>, userId: string, now: Date): Promise<UpcomingItem[]> {
  const interviews = await upcomingFor(db, userId, now);
  const loops = new Map<number, Loop>();
  const items: UpcomingItem[] = [];
  for (const interview of interviews) {
    const loop = loops.get(interview.loopId) ?? (await getLoop(db, interview.loopId));
    if (!loop) continue;
    loops.set(loop.id, loop);
    const panel = isPanelist(userId, interview);
    const lead = loop.hiringLeadId === userId;
    items.push({
      interview,
      loop,
      role: panel && lead ? 'panelist and hiring lead' : panel ? 'panelist' : 'hiring lead',
    });
  }
  return items;
}
