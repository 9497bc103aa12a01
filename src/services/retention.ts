import type { Kysely } from 'kysely';
import { transact } from '../db/database.js';
import { audit } from '../db/repositories/audit.js';
import { releaseKitsOfLoops } from '../db/repositories/kits.js';
import { messagesOfLoops } from '../db/repositories/outbox.js';
import {
  deleteCandidatesWithoutLoops,
  deleteDeliveriesBefore,
  deleteLoops,
  deleteMessages,
  expiredLoops,
  interviewIdsOfLoops,
} from '../db/repositories/retention.js';
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
    const loops = await expiredLoops(trx, cutoff, PURGE_STEP);
    if (loops.length === 0) return { loops: 0, candidates: 0 };
    const loopIds = loops.map((l) => l.id);
    const interviewIds = await interviewIdsOfLoops(trx, loopIds);
    // Their queued and delivered messages hold their text: they go with them (other loops' stay, for later edits).
    const messages = await messagesOfLoops(trx, loopIds, interviewIds);
    await deleteMessages(
      trx,
      messages.map((m) => m.id),
    );
    await releaseKitsOfLoops(trx, loopIds);
    await deleteLoops(trx, loopIds);
    const candidates = await deleteCandidatesWithoutLoops(trx, [...new Set(loops.map((l) => l.candidateId))]);
    for (const id of loopIds) {
      await audit(
        trx,
        { actor: 'system', action: 'loop.purged', entityType: 'loop', entityId: id, details: { retentionDays: days } },
        now,
      );
    }
    return { loops: loopIds.length, candidates };
  });
}

/**
 * Delivery records only matter while Slack may still retry, or a modal may still be submitted again (minutes to
 * hours); a week is plenty. All kinds go, so the table holds about a week of deliveries (this delete reads it all).
 */
export async function pruneDeliveries(db: Kysely<Database>, now: Date): Promise<void> {
  await deleteDeliveriesBefore(db, new Date(now.getTime() - 7 * DAY).toISOString());
}
