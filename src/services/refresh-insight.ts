// Keeps the insight ledger up to date: each interview's contribution to the report's sums is recomputed when
// something about it changed, and the totals move by the difference. The first build goes through every
// interview in chunks (each its own transaction, so other work goes on in between); afterwards a refresh
// touches only what changed since the last one.
import type { Kysely } from 'kysely';
import { transact } from '../db/database.js';
import {
  addToTotals,
  changedInterviews,
  interviewCensus,
  interviewFacts,
  interviewIdsAfter,
  ledgerState,
  type StoredContribution,
  saveContributions,
  saveLedgerState,
  storedContributions,
} from '../db/repositories/insight.js';
import type { Database, Db } from '../db/schema.js';
import { type Contribution, contributionOf, difference, type Sums } from '../domain/insight-ledger.js';

const CHUNK = 1_000;

function addInto(changes: Map<string, Contribution>, scope: string, change: Contribution, sign: 1 | -1 = 1): void {
  const into = changes.get(scope) ?? new Map<string, Sums>();
  changes.set(scope, into);
  for (const [key, [a, b, c]] of change) {
    const seen = into.get(key);
    if (seen) {
      seen[0] += sign * a;
      seen[1] += sign * b;
      seen[2] += sign * c;
    } else into.set(key, [sign * a, sign * b, sign * c]);
  }
}

/** Recomputes the given interviews' contributions and moves the totals by the difference. */
async function refreshInterviews(db: Db, ids: number[], now: string): Promise<void> {
  const [facts, stored] = await Promise.all([interviewFacts(db, ids, now), storedContributions(db, ids)]);
  const changes = new Map<string, Contribution>();
  const saves: { interviewId: number; stored: StoredContribution | null }[] = [];
  for (const id of ids) {
    const f = facts.get(id);
    const next: StoredContribution | null = f ? { leadId: f.leadId, contribution: contributionOf(f) } : null;
    const previous = stored.get(id) ?? null;
    const empty: Contribution = new Map();
    addInto(changes, 'team', difference(next?.contribution ?? empty, previous?.contribution ?? empty));
    if (previous && next && previous.leadId === next.leadId) {
      addInto(changes, `lead:${next.leadId}`, difference(next.contribution, previous.contribution));
    } else {
      if (previous) addInto(changes, `lead:${previous.leadId}`, previous.contribution, -1);
      if (next) addInto(changes, `lead:${next.leadId}`, next.contribution);
    }
    if (previous || (next && next.contribution.size > 0)) saves.push({ interviewId: id, stored: next });
  }
  await saveContributions(db, saves, now);
  await addToTotals(db, changes);
}

/** Brings the ledger up to date with the database as of `now`; returns how many interviews were refreshed. */
export async function refreshInsight(db: Kysely<Database>, now: Date): Promise<number> {
  const at = now.toISOString();
  let refreshed = 0;
  // The first build, a chunk per transaction, resumable where it stopped.
  for (;;) {
    const built = await transact(db, async (trx) => {
      const state = await ledgerState(trx);
      if (state.watermark !== null) return true;
      const started = state.buildStartedAt ?? at;
      const ids = await interviewIdsAfter(trx, state.buildCursor, CHUNK);
      if (ids.length === 0) {
        // What changed while building is caught by the refresh from the build's start.
        await saveLedgerState(trx, { ...state, watermark: started, buildStartedAt: null, buildCursor: 0 });
        return true;
      }
      await refreshInterviews(trx, ids, at);
      await saveLedgerState(trx, { ...state, watermark: null, buildStartedAt: started, buildCursor: ids.at(-1) ?? 0 });
      refreshed += ids.length;
      return false;
    });
    if (built) break;
  }
  // Then what changed since the watermark. Writes from now on carry a time of at least `at`: the next refresh
  // finds them. Refreshing an interview twice changes nothing, so a chunk run again is harmless.
  const state = await ledgerState(db);
  const since = state.watermark ?? at;
  // Fewer interviews than last time (counting the new ones) means loops were deleted: look for their leftovers.
  const census = await interviewCensus(db, state.maxInterviewId);
  const deletions = state.maxInterviewId === 0 || state.interviewsCount + census.newer > census.count;
  const ids = await changedInterviews(db, since, at, deletions);
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    await transact(db, (trx) => refreshInterviews(trx, chunk, at));
    refreshed += chunk.length;
  }
  await transact(db, async (trx) => {
    const latest = await ledgerState(trx);
    if (latest.watermark !== null && latest.watermark <= at) {
      await saveLedgerState(trx, {
        ...latest,
        watermark: at,
        interviewsCount: census.count,
        maxInterviewId: census.max,
      });
    }
  });
  return refreshed;
}
