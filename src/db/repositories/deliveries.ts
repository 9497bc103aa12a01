import type { Db } from '../schema.js';

/**
 * Records that a Slack delivery (a view submission, a click) was handled; false when it already was.
 * Call it inside the use case's transaction, so the record and the effect commit together.
 */
export async function firstDelivery(db: Db, key: string, kind: string, now: Date): Promise<boolean> {
  const result = await db
    .insertInto('slack_deliveries')
    .values({ key, kind, received_at: now.toISOString() })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}
