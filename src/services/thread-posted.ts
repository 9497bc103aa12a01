import type { Kysely } from 'kysely';
import { getLoop, setThreadTs } from '../db/repositories/loops.js';
import type { Database } from '../db/schema.js';
import { refreshHomes } from './messages.js';

/** The decision thread's parent reached Slack: remember its ts, and give the lead's App Home the thread's link. */
export async function threadPosted(db: Kysely<Database>, loopId: number, ts: string, now: Date): Promise<void> {
  await setThreadTs(db, loopId, ts);
  const loop = await getLoop(db, loopId);
  if (loop) await refreshHomes(db, [loop.hiringLeadId], now);
}
