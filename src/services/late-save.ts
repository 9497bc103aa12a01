import type { Kysely } from 'kysely';
import { transact } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { sendDm } from './messages.js';

/** Tells a panelist by DM that a save Slack did not wait for has gone through. */
export async function confirmLateSave(
  db: Kysely<Database>,
  input: { loopId: number; userId: string; text: string; now: Date },
): Promise<void> {
  await transact(db, (trx) => sendDm(trx, input.loopId, input.userId, input.text, input.now));
}
