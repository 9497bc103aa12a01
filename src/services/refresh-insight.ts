// Keeps the insight ledger current, so that a report only reads it. Each interview's contribution to the
// report's sums is recomputed when something about it changed, and the team's totals move by the difference:
// - in the background (keepInsightCurrent, every JOBS_POLL_SECONDS): the first build of an existing database in
//   chunks, each its own transaction, resumable where it stopped; then whatever changed since the last round
//   (scorecards submitted or revised, interviews that ended, moved or were cancelled, kits, leads, deletions).
//   A scorecard counts from the next round, not in its own transaction: refreshing the loop there cost a third
//   of a submission's time under load (docs/benchmarks.md), and a figure a few seconds late harms nobody;
// - in the use case's transaction, when a decision is recorded or a panelist's participation changes
//   (refreshLoopInsight): rare writes, and participation is not among what the round looks for.
// Every writer of the ledger holds one lock (PostgreSQL; SQLite has one writer anyway), so two instances never
// build the same chunk twice nor add the same difference twice: the build's cursor moves under that lock.
import type { Kysely } from 'kysely';
import { transact } from '../db/database.js';
import {
  addToTotals,
  changedInterviews,
  holdLedger,
  interviewCensus,
  interviewFacts,
  interviewIdsAfter,
  interviewIdsOfLoop,
  type LedgerState,
  ledgerState,
  resetLedger,
  type StoredContribution,
  saveContributions,
  saveLedgerState,
  storedContributions,
} from '../db/repositories/insight.js';
import type { Database, Db } from '../db/schema.js';
import { type Contribution, contributionOf, difference, type Sums } from '../domain/insight-ledger.js';

/** The layout of contributions this app writes; a ledger in another is rebuilt in the background. */
export const LEDGER_VERSION = 1;
const CHUNK = 1_000;
/**
 * The background round looks back this far before its last one: a use case that wrote its timestamp before that
 * round and committed after it (a transaction under way across the round) is still found.
 */
const LOOK_BACK_MS = 10 * 60_000;

function addInto(into: Contribution, change: Contribution): void {
  for (const [key, [a, b, c]] of change) {
    const seen = into.get(key);
    if (seen) {
      seen[0] += a;
      seen[1] += b;
      seen[2] += c;
    } else into.set(key, [a, b, c] as Sums);
  }
}

/** Recomputes the given interviews' contributions and moves the team's totals by the difference. */
async function refreshInterviews(db: Db, ids: number[], now: string): Promise<void> {
  if (ids.length === 0) return;
  const [facts, stored] = await Promise.all([interviewFacts(db, ids, now), storedContributions(db, ids)]);
  const change: Contribution = new Map();
  const saves: { interviewId: number; stored: StoredContribution | null }[] = [];
  const empty: Contribution = new Map();
  for (const id of ids) {
    const f = facts.get(id);
    const next: StoredContribution | null = f ? { leadId: f.leadId, contribution: contributionOf(f) } : null;
    const previous = stored.get(id) ?? null;
    addInto(change, difference(next?.contribution ?? empty, previous?.contribution ?? empty));
    // A new lead changes no sum of the team's, but the row says whose loops it counts in.
    if (previous || (next && next.contribution.size > 0)) saves.push({ interviewId: id, stored: next });
  }
  await saveContributions(db, saves, now);
  await addToTotals(db, change);
}

/**
 * In a use case's transaction (a decision recorded, a panelist declining): the loop's interviews in the ledger
 * as they are now, committed with the change itself. Before the ledger is in this app's layout it waits for the
 * rebuild, which will count the loop.
 */
export async function refreshLoopInsight(trx: Db, loopId: number, now: Date): Promise<void> {
  await holdLedger(trx);
  if ((await ledgerState(trx)).version !== LEDGER_VERSION) return;
  await refreshInterviews(trx, await interviewIdsOfLoop(trx, loopId), now.toISOString());
}

export interface LedgerRound {
  /** Interviews added by the first build in this round. */
  built: number;
  /** Interviews refreshed because they changed. */
  refreshed: number;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The background round: rebuilds the ledger if it holds another layout, goes on with the first build (a chunk
 * per transaction, other work served in between), then refreshes what changed since the last round.
 */
export async function keepInsightCurrent(db: Kysely<Database>, now: Date): Promise<LedgerRound> {
  const at = now.toISOString();
  const round: LedgerRound = { built: 0, refreshed: 0 };
  await transact(db, async (trx) => {
    await holdLedger(trx);
    if ((await ledgerState(trx)).version !== LEDGER_VERSION) await resetLedger(trx, LEDGER_VERSION);
  });
  for (;;) {
    const chunk = await transact(db, async (trx): Promise<number | null> => {
      await holdLedger(trx);
      const state = await ledgerState(trx);
      if (state.watermark !== null) return null;
      const started = state.buildStartedAt ?? at;
      const ids = await interviewIdsAfter(trx, state.buildCursor, CHUNK);
      if (ids.length === 0) {
        // Done: what changed while building is found by the next refresh, from the build's start.
        const census = await interviewCensus(trx, 0);
        await saveLedgerState(trx, {
          ...state,
          watermark: started,
          buildStartedAt: null,
          buildCursor: 0,
          interviewsCount: census.count,
          maxInterviewId: census.max,
        });
        return null;
      }
      await refreshInterviews(trx, ids, at);
      await saveLedgerState(trx, { ...state, buildStartedAt: started, buildCursor: ids.at(-1) ?? 0 });
      return ids.length;
    });
    if (chunk === null) break;
    round.built += chunk;
    await nextTurn();
  }
  round.refreshed = await transact(db, async (trx) => {
    await holdLedger(trx);
    const state = await ledgerState(trx);
    if (state.watermark === null || state.version !== LEDGER_VERSION) return 0;
    return refreshChanged(trx, state, at);
  });
  return round;
}

/** Refreshes what changed since the last round (and a little before it), then moves the watermark to `at`. */
async function refreshChanged(trx: Db, state: LedgerState, at: string): Promise<number> {
  const since = new Date(Date.parse(state.watermark ?? at) - LOOK_BACK_MS).toISOString();
  // Fewer interviews than last time (counting the new ones) means loops were deleted: look for their leftovers.
  const census = await interviewCensus(trx, state.maxInterviewId);
  const deletions = state.maxInterviewId === 0 || state.interviewsCount + census.newer > census.count;
  const ids = await changedInterviews(trx, since, at, deletions);
  for (let i = 0; i < ids.length; i += CHUNK) await refreshInterviews(trx, ids.slice(i, i + CHUNK), at);
  await saveLedgerState(trx, {
    ...state,
    watermark: state.watermark !== null && state.watermark > at ? state.watermark : at,
    interviewsCount: census.count,
    maxInterviewId: census.max,
  });
  return ids.length;
}
