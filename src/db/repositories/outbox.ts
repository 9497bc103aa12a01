import { type Selectable, sql } from 'kysely';
import { prepared } from '../compiled.js';
import { dialectSql } from '../dialect.js';
import type { Db, OutboxTable } from '../schema.js';

/** A reference to an earlier message: its channel and ts, known once it has been delivered. */
export interface MessageRef {
  type: string;
  id: string;
}

export const refKey = (ref: MessageRef) => `${ref.type}:${ref.id}`;

/** The Web API methods the outbox may call (the manifest's scopes cover them). */
export const OUTBOX_METHODS = ['chat.postMessage', 'chat.update', 'chat.delete', 'views.publish'] as const;

export interface OutboxMessage {
  method: (typeof OUTBOX_METHODS)[number];
  /** Where it goes; a user ID for a DM. Null for methods without a channel (views.publish). */
  channel: string | null;
  /**
   * Web API arguments. `{ "$ts": "type:id" }` / `{ "$channel": "type:id" }` stand for an earlier message's
   * ts / channel and are filled in at delivery; `{ "$render": name, ... }` is rendered from the database then.
   */
  payload: Record<string, unknown>;
  /** What this message is, so later messages can refer to it (e.g. the loop's parent message). */
  ref?: MessageRef;
  /** The same key twice enqueues once: retried deliveries and double clicks owe one message. */
  dedupeKey?: string;
}

const DUE_NOW = new Date(0).toISOString();

/** Queues a message in the caller's transaction, so it is owed exactly when the change commits. */
const insertMessage = prepared(
  (
    db,
    p: {
      dedupeKey: string | null;
      method: string;
      channel: string | null;
      payload: string;
      refType: string | null;
      refId: string | null;
      createdAt: string;
    },
  ) =>
    db
      .insertInto('outbox')
      .values({
        dedupe_key: p.dedupeKey,
        method: p.method,
        channel: p.channel,
        payload: p.payload,
        ref_type: p.refType,
        ref_id: p.refId,
        // Due at once: retries are timed by the worker's real clock, not by the business clock of `now`.
        next_attempt_at: DUE_NOW,
        created_at: p.createdAt,
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing()),
);

export async function enqueue(db: Db, message: OutboxMessage, now: Date): Promise<void> {
  await insertMessage.run(db, {
    dedupeKey: message.dedupeKey ?? null,
    method: message.method,
    channel: message.channel,
    payload: JSON.stringify(message.payload),
    refType: message.ref?.type ?? null,
    refId: message.ref?.id ?? null,
    createdAt: now.toISOString(),
  });
}

/** True when a message with this ref and method waits to be sent (and will render the latest state). */
const pendingOfRef = prepared((db, p: { type: string; id: string; method: string }) =>
  db
    .selectFrom('outbox')
    .select('id')
    .where('ref_type', '=', p.type)
    .where('ref_id', '=', p.id)
    .where('method', '=', p.method)
    .where('status', '=', 'pending') // one being sent may have rendered already: queue another
    .limit(1),
);

export async function hasPending(db: Db, ref: MessageRef, method: OutboxMessage['method']): Promise<boolean> {
  return (await pendingOfRef.first(db, { type: ref.type, id: ref.id, method })) !== undefined;
}

/** Which of several refs (a JSON array of [type, id]) have a message of `method` waiting: one index seek each. */
const pendingOfRefs = prepared((db, p: { refs: string; method: string }) =>
  db
    .selectFrom(sql<{ key: number; value: string }>`${dialectSql(db).jsonArrayRows(p.refs)}`.as('r'))
    .select('r.key as position')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('outbox')
          .select('outbox.id')
          .where('outbox.ref_type', '=', sql<string>`r.value ->> 0`)
          .where('outbox.ref_id', '=', sql<string>`r.value ->> 1`)
          .where('outbox.method', '=', p.method)
          .where('outbox.status', '=', 'pending'),
      ),
    ),
);

/** hasPending for several refs in one statement, in the order given. */
export async function havePending(db: Db, refs: MessageRef[], method: OutboxMessage['method']): Promise<boolean[]> {
  const rows = await pendingOfRefs.all(db, { refs: JSON.stringify(refs.map((ref) => [ref.type, ref.id])), method });
  const pending = refs.map(() => false);
  for (const row of rows) pending[Number(row.position)] = true;
  return pending;
}

/** What the outbox holds of a message: whether it was ever queued for posting, and whether an edit of it waits. */
export interface RefState {
  posted: boolean;
  editQueued: boolean;
}

/** Both answers for several refs (a JSON array of [type, id]) in one statement: two index seeks per ref. */
const statesOfRefs = prepared((db, p: { refs: string }) =>
  db.selectFrom(sql<{ key: number; value: string }>`${dialectSql(db).jsonArrayRows(p.refs)}`.as('r')).select((eb) => {
    const ofRef = () =>
      eb
        .selectFrom('outbox')
        .select('outbox.id')
        .where('outbox.ref_type', '=', sql<string>`r.value ->> 0`)
        .where('outbox.ref_id', '=', sql<string>`r.value ->> 1`);
    return [
      'r.key as position',
      eb.exists(ofRef().where('outbox.method', '=', 'chat.postMessage')).as('posted'),
      eb
        .exists(ofRef().where('outbox.method', '=', 'chat.update').where('outbox.status', '=', 'pending'))
        .as('editQueued'),
    ];
  }),
);

/** The state of each ref, in the order given. */
export async function refStates(db: Db, refs: MessageRef[]): Promise<RefState[]> {
  const rows = await statesOfRefs.all(db, { refs: JSON.stringify(refs.map((ref) => [ref.type, ref.id])) });
  const states = refs.map(() => ({ posted: false, editQueued: false }));
  for (const row of rows) states[row.position] = { posted: Boolean(row.posted), editQueued: Boolean(row.editQueued) };
  return states;
}

export type OutboxRow = Selectable<OutboxTable>;

/** A lane head: the row, and its channel's pace (see paceChannel), if it has one. */
export type OutboxHead = OutboxRow & { paced_until: string | null; paced_by: string | null };

/**
 * The oldest due message of each channel (per-channel order is kept: a parent goes before its replies), and
 * every due message without a channel. The channels with messages still owed are walked one index seek at a
 * time (a recursive skip-scan of `outbox_open`), so a round costs the same with ten or ten thousand queued.
 */
export async function dueHeads(db: Db, nowIso: string, limit: number): Promise<OutboxHead[]> {
  const open = dialectSql(db).indexHint('outbox_open');
  const result = await sql<OutboxHead>`
    with recursive lane(channel) as (
      select min(channel) from outbox ${open} where status in ('pending', 'sending')
      union all
      select (
        select min(next.channel) from outbox as next ${open}
        where next.status in ('pending', 'sending') and next.channel > lane.channel
      )
      from lane where lane.channel is not null
    ),
    head(id) as (
      select (
        select min(oldest.id) from outbox as oldest ${open}
        where oldest.status in ('pending', 'sending') and oldest.channel = lane.channel
      )
      from lane where lane.channel is not null
    )
    -- CROSS JOIN keeps the lanes as the outer loop: SQLite would otherwise walk every queued message instead.
    select o.*, paced.paced_until, paced.paced_by from head cross join outbox as o
    left join outbox_channels as paced on paced.channel = o.channel
    where o.id = head.id and o.status = 'pending' and o.next_attempt_at <= ${nowIso}
    union all
    -- Messages without a channel (App Home) are found in the same index: the due-time index would walk every
    -- queued message.
    select *, null as paced_until, null as paced_by from outbox ${open}
    where channel is null and status in ('pending', 'sending') and status = 'pending' and next_attempt_at <= ${nowIso}
    order by id
    limit ${limit}`.execute(db);
  return result.rows;
}

/**
 * Of these lane heads, the ones with more messages owed behind them (one index seek each): delivering those first
 * starts their channel's one-a-second pace early, so a burst drains sooner.
 */
export async function headsWithFollowers(db: Db, heads: Pick<OutboxRow, 'id' | 'channel'>[]): Promise<Set<number>> {
  const ids = heads.filter((h) => h.channel !== null).map((h) => h.id);
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('outbox as h')
    .select('h.id')
    .where('h.id', 'in', ids)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('outbox as n')
          .select('n.id')
          .whereRef('n.channel', '=', 'h.channel')
          .where('n.status', 'in', ['pending', 'sending'])
          .whereRef('n.id', '>', 'h.id'),
      ),
    )
    .execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * Takes a row for delivery for worker `by`: only while it is pending, the oldest message still owed to its channel,
 * and the channel is not paced by another worker (see paceChannel). One conditional UPDATE, on both dialects, and only one instance can win it: on
 * PostgreSQL (READ COMMITTED) a second UPDATE of the same row waits for the first to commit and then re-checks its
 * WHERE against the row as committed (status 'sending' now), so it changes nothing. That is what `FOR UPDATE SKIP
 * LOCKED` would give, in one statement instead of a locking select and an update; a loser learns at once
 * that the row is taken and moves on to other channels. The same holds for the due-work claims (repositories/due.ts).
 */
const claimRow = prepared((db, p: { id: number; until: string; now: string; by: string }) =>
  db
    .updateTable('outbox')
    .set({ status: 'sending', claimed_until: p.until })
    .where('id', '=', p.id)
    .where('status', '=', 'pending')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('outbox_channels as paced')
            .select('paced.channel')
            .whereRef('paced.channel', '=', 'outbox.channel')
            .where('paced.paced_until', '>', p.now)
            .where('paced.paced_by', '!=', p.by),
        ),
      ),
    )
    // An earlier message of the channel still owed (a head list read before another instance changed it): order.
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('outbox as earlier')
            .select('earlier.id')
            .whereRef('earlier.channel', '=', 'outbox.channel')
            .where(sql<boolean>`earlier.status in ('pending', 'sending')`)
            .whereRef('earlier.id', '<', 'outbox.id'),
        ),
      ),
    ),
);

/** Claims a row for worker `by` until `untilIso`; false when another worker got it first or its channel waits. */
export async function claim(db: Db, id: number, by: string, untilIso: string, nowIso: string): Promise<boolean> {
  return (await claimRow.run(db, { id, by, until: untilIso, now: nowIso })) === 1;
}

const paceOfChannel = prepared((db, p: { channel: string; until: string; by: string }) =>
  db
    .insertInto('outbox_channels')
    .values({ channel: p.channel, paced_until: p.until, paced_by: p.by })
    .onConflict((oc) =>
      oc.column('channel').doUpdateSet((eb) => ({
        paced_until: eb.ref('excluded.paced_until'),
        paced_by: eb.ref('excluded.paced_by'),
      })),
    ),
);

/**
 * No other worker than `by` claims a message to `channel` before `untilIso`. Written once Slack has answered `by`'s
 * call, before that message's outcome: while the row is still 'sending' its channel is closed anyway (see
 * claimRow), so the two writes need no transaction between them. Counted from Slack's answer, so another
 * instance's next call cannot reach Slack sooner than the pace; `by` itself paces from its call's start, in memory.
 */
export async function paceChannel(db: Db, channel: string, by: string, untilIso: string): Promise<void> {
  await paceOfChannel.run(db, { channel, by, until: untilIso });
}

/** Rows left 'sending' by a worker that died go back to the queue. */
export async function releaseStale(db: Db, nowIso: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: 'pending', claimed_until: null })
    .where('status', '=', 'sending')
    .where('claimed_until', '<', nowIso)
    .execute();
}

/** A worker still waiting for Slack's answer extends its claims, so a short claim never expires under it. */
export async function renewClaims(db: Db, ids: number[], untilIso: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('outbox')
    .set({ claimed_until: untilIso })
    .where('id', 'in', ids)
    .where('status', '=', 'sending')
    .execute();
}

/** Gives a claim back without an attempt (the worker stopped, or the delivery broke before Slack answered). */
export async function releaseClaim(db: Db, id: number, error: string | null): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({ status: 'pending', claimed_until: null, last_error: error ?? eb.ref('last_error') }))
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

/** Every claim (the one instance that delivers from this database starts: whatever it claimed before died with it). */
export async function releaseAllClaims(db: Db): Promise<number> {
  const result = await db
    .updateTable('outbox')
    .set({ status: 'pending', claimed_until: null, last_error: 'interrupted: the app stopped during delivery' })
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** When the first pending message that falls due after `afterIso` does (ISO text), or null when none will. */
export async function nextDueAfter(db: Db, afterIso: string): Promise<string | null> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.min('next_attempt_at').as('next'))
    .where('status', '=', 'pending')
    .where('next_attempt_at', '>', afterIso)
    .executeTakeFirst();
  return row?.next ? String(row.next) : null;
}

/** Retry times past `latestIso` (written before the wall clock stepped back) are brought forward to it. */
export async function capRetryTimes(db: Db, latestIso: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ next_attempt_at: latestIso })
    .where('status', '=', 'pending')
    .where('next_attempt_at', '>', latestIso)
    .execute();
}

export async function markSent(db: Db, id: number, channel: string | null, ts: string | null, nowIso: string) {
  await db
    .updateTable('outbox')
    .set({ status: 'sent', result_channel: channel, result_ts: ts, sent_at: nowIso, claimed_until: null })
    .where('id', '=', id)
    .execute();
}

export async function markRetry(db: Db, id: number, error: string, nextIso: string, countAttempt: boolean) {
  await db
    .updateTable('outbox')
    .set((eb) => ({
      status: 'pending',
      claimed_until: null,
      last_error: error,
      next_attempt_at: nextIso,
      attempts: countAttempt ? eb('attempts', '+', 1) : eb.ref('attempts'),
    }))
    .where('id', '=', id)
    .execute();
}

export async function markFailed(db: Db, id: number, error: string) {
  await db
    .updateTable('outbox')
    .set((eb) => ({ status: 'failed', claimed_until: null, last_error: error, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/**
 * Sets a message aside after its last allowed attempt: it no longer heads its channel's lane, so the messages
 * behind it go on; an operator sees it (/healthz, `cli outbox`) and may queue it again (requeue).
 */
export async function markHeld(db: Db, id: number, error: string) {
  await db
    .updateTable('outbox')
    .set((eb) => ({ status: 'held', claimed_until: null, last_error: error, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Queues a set-aside (or failed) message again, due now, with its attempts counted from zero. */
export async function requeue(db: Db, id: number): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({ status: 'pending', attempts: 0, next_attempt_at: DUE_NOW, claimed_until: null })
    .where('id', '=', id)
    .where('status', 'in', ['held', 'failed'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface OutboxCounts {
  pending: number;
  sending: number;
  held: number;
  failed: number;
}

/** How many messages are owed, in flight, set aside and refused. */
export async function outboxCounts(db: Db): Promise<OutboxCounts> {
  const rows = await db
    .selectFrom('outbox')
    .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
    .where('status', 'in', ['pending', 'sending', 'held', 'failed'])
    .groupBy('status')
    .execute();
  const counts: OutboxCounts = { pending: 0, sending: 0, held: 0, failed: 0 };
  for (const row of rows) {
    if (row.status === 'pending' || row.status === 'sending' || row.status === 'held' || row.status === 'failed')
      counts[row.status] = Number(row.n);
  }
  return counts;
}

/** Messages set aside or refused, newest first: what an operator looks at. */
export async function undelivered(db: Db, limit: number): Promise<OutboxRow[]> {
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('status', 'in', ['held', 'failed'])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export interface Delivered {
  channel: string;
  ts: string;
}

/**
 * Where an earlier message landed: undefined if never queued, null if queued but not delivered yet, 'held' if it
 * was set aside (see markHeld).
 */
export async function deliveredRef(db: Db, key: string): Promise<Delivered | 'held' | null | undefined> {
  const [type, ...rest] = key.split(':');
  const rows = await db
    .selectFrom('outbox')
    .select(['status', 'result_channel', 'result_ts'])
    .where('ref_type', '=', type ?? '')
    .where('ref_id', '=', rest.join(':'))
    .where('method', '=', 'chat.postMessage')
    .orderBy('id', 'desc')
    .execute();
  if (rows.length === 0) return undefined;
  const sent = rows.find((r) => r.status === 'sent' && r.result_channel && r.result_ts);
  if (sent?.result_channel && sent.result_ts) return { channel: sent.result_channel, ts: sent.result_ts };
  if (rows.some((r) => r.status === 'pending' || r.status === 'sending')) return null;
  return rows.some((r) => r.status === 'held') ? 'held' : undefined;
}

/** Every queued or delivered message about these loops and their interviews (parents, summaries, notices, kits, prompts). */
export async function messagesOfLoops(db: Db, loopIds: number[], interviewIds: number[]): Promise<OutboxRow[]> {
  if (loopIds.length === 0) return [];
  return db
    .selectFrom('outbox')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([
          eb('ref_type', 'in', ['loop_parent', 'loop_summary', 'loop_msg']),
          eb('ref_id', 'in', loopIds.map(String)),
        ]),
        // Summaries of later rounds: `<loop>:round:<n>`.
        ...loopIds.map((id) => eb.and([eb('ref_type', '=', 'loop_summary'), eb('ref_id', 'like', `${id}:round:%`)])),
        ...interviewIds.flatMap((id) => [
          eb.and([eb('ref_type', '=', 'kit_dm'), eb('ref_id', 'like', `${id}:%`)]),
          eb.and([eb('ref_type', '=', 'scorecard_prompt'), eb('ref_id', 'like', `${id}:%`)]),
        ]),
      ]),
    )
    .orderBy('id')
    .execute();
}

/** Whether a message with this ref was ever queued for posting (it may be edited from then on). */
const postOfRef = prepared((db, p: { type: string; id: string }) =>
  db
    .selectFrom('outbox')
    .select('id')
    .where('ref_type', '=', p.type)
    .where('ref_id', '=', p.id)
    .where('method', '=', 'chat.postMessage')
    .limit(1),
);

export async function wasPosted(db: Db, ref: MessageRef): Promise<boolean> {
  return (await postOfRef.first(db, { type: ref.type, id: ref.id })) !== undefined;
}
