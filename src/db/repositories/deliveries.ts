import { prepared } from '../compiled.js';
import type { Db } from '../schema.js';

const insertDelivery = prepared((db, p: { key: string; kind: string; at: string }) =>
  db
    .insertInto('slack_deliveries')
    .values({ key: p.key, kind: p.kind, received_at: p.at })
    .onConflict((oc) => oc.column('key').doNothing()),
);

/**
 * Records that a Slack delivery (a view submission, a click) was handled; false when it already was.
 * Call it inside the use case's transaction, so the record and the effect commit together.
 */
export async function firstDelivery(db: Db, key: string, kind: string, now: Date): Promise<boolean> {
  return (await insertDelivery.run(db, { key, kind, at: now.toISOString() })) === 1;
}

/** Forgets a delivery's record, so that Slack's retry of it is handled (its first handling failed). */
export async function forgetDelivery(db: Db, key: string): Promise<void> {
  await db.deleteFrom('slack_deliveries').where('key', '=', key).execute();
}
