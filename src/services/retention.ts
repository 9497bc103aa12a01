import type { Kysely } from 'kysely';
import { transact } from '../db/client.js';
import { audit } from '../db/repositories/audit.js';
import { releaseKitsOfLoops } from '../db/repositories/kits.js';
import { messagesOfLoops } from '../db/repositories/outbox.js';
import type { Database } from '../db/schema.js';

const DAY = 86_400_000;

export interface Purged {
  loops: number;
  candidates: number;
}

/** Loops purged per transaction: a backlog (retention just turned on) goes in short steps, not one long write. */
export const PURGE_STEP = 100;

/**
 * Deletes decided (or withdrawn) loops untouched for `days` days, with their interviews, kits, scorecards and
 * decisions; candidates left without loops go too. The audit trail keeps that it happened (no personal data).
 * Each step is its own transaction, so other writes go on between steps, and what a step changes (kept in memory
 * until it commits) stays small.
 */
export async function purgeExpired(db: Kysely<Database>, days: number, now: Date): Promise<Purged> {
  const cutoff = new Date(now.getTime() - days * DAY).toISOString();
  const total: Purged = { loops: 0, candidates: 0 };
  for (;;) {
    const step = await purgeStep(db, cutoff, days, now);
    total.loops += step.loops;
    total.candidates += step.candidates;
    if (step.loops < PURGE_STEP) return total;
  }
}

function purgeStep(db: Kysely<Database>, cutoff: string, days: number, now: Date): Promise<Purged> {
  return transact(db, async (trx) => {
    const loops = await trx
      .selectFrom('loops')
      .select(['id', 'candidate_id'])
      .where('status', 'in', ['decided', 'withdrawn'])
      .where('updated_at', '<', cutoff)
      .limit(PURGE_STEP)
      .execute();
    if (loops.length === 0) return { loops: 0, candidates: 0 };
    const loopIds = loops.map((l) => l.id);
    const interviewIds = (
      await trx.selectFrom('interviews').select('id').where('loop_id', 'in', loopIds).execute()
    ).map((i) => i.id);
    // Their queued and delivered messages hold their text: they go with them (other loops' stay, for later edits).
    const messages = await messagesOfLoops(trx, loopIds, interviewIds);
    if (messages.length > 0)
      await trx
        .deleteFrom('outbox')
        .where(
          'id',
          'in',
          messages.map((m) => m.id),
        )
        .execute();
    await releaseKitsOfLoops(trx, loopIds);
    await trx.deleteFrom('loops').where('id', 'in', loopIds).execute();
    const candidateIds = [...new Set(loops.map((l) => l.candidate_id))];
    const orphaned = await trx
      .selectFrom('candidates as c')
      .select('c.id')
      .where('c.id', 'in', candidateIds)
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom('loops as l').select('l.id').whereRef('l.candidate_id', '=', 'c.id'))),
      )
      .execute();
    if (orphaned.length > 0)
      await trx
        .deleteFrom('candidates')
        .where(
          'id',
          'in',
          orphaned.map((c) => c.id),
        )
        .execute();
    for (const id of loopIds) {
      await audit(
        trx,
        { actor: 'system', action: 'loop.purged', entityType: 'loop', entityId: id, details: { retentionDays: days } },
        now,
      );
    }
    return { loops: loopIds.length, candidates: orphaned.length };
  });
}

/**
 * Delivery records only matter while Slack may still retry, or a modal may still be submitted again (minutes to
 * hours); a week is plenty. All kinds go, so the table holds about a week of deliveries (this delete reads it all).
 */
export async function pruneDeliveries(db: Kysely<Database>, now: Date): Promise<void> {
  await db
    .deleteFrom('slack_deliveries')
    .where('received_at', '<', new Date(now.getTime() - 7 * DAY).toISOString())
    .execute();
}
