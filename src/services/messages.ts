import { enqueue, hasPending, wasPosted } from '../db/repositories/outbox.js';
import type { Db } from '../db/schema.js';

// The messages use cases owe, queued in their transaction (the outbox delivers them).

export const loopParentRef = (loopId: number) => ({ type: 'loop_parent', id: String(loopId) });
/** Any other message about a loop: thread replies and notices. */
export const loopMessageRef = (loopId: number) => ({ type: 'loop_msg', id: String(loopId) });
export const kitDmRef = (interviewId: number, userId: string) => ({ type: 'kit_dm', id: `${interviewId}:${userId}` });
const key = (ref: { type: string; id: string }) => `${ref.type}:${ref.id}`;

export async function postLoopParent(db: Db, loopId: number, channel: string, now: Date): Promise<void> {
  await enqueue(
    db,
    {
      method: 'chat.postMessage',
      channel,
      payload: { channel, unfurl_links: false, $render: { name: 'loop_parent', loopId } },
      ref: loopParentRef(loopId),
      dedupeKey: `parent:${loopId}`,
    },
    now,
  );
}

/** Re-renders the loop's parent message in place; several changes before delivery make one edit. */
export async function refreshLoopParent(db: Db, loopId: number, channel: string, now: Date): Promise<void> {
  const ref = loopParentRef(loopId);
  if (await hasPending(db, ref, 'chat.update')) return;
  await enqueue(
    db,
    {
      method: 'chat.update',
      channel,
      payload: { channel: { $channel: key(ref) }, ts: { $ts: key(ref) }, $render: { name: 'loop_parent', loopId } },
      ref,
    },
    now,
  );
}

export async function postThreadReply(
  db: Db,
  loopId: number,
  channel: string,
  text: string,
  now: Date,
  dedupeKey?: string,
) {
  await enqueue(
    db,
    {
      method: 'chat.postMessage',
      channel,
      payload: { channel, thread_ts: { $ts: key(loopParentRef(loopId)) }, text, unfurl_links: false },
      ref: loopMessageRef(loopId),
      ...(dedupeKey ? { dedupeKey } : {}),
    },
    now,
  );
}

export async function sendKitDm(db: Db, interviewId: number, userId: string, now: Date): Promise<void> {
  await enqueue(
    db,
    {
      method: 'chat.postMessage',
      channel: userId,
      payload: { channel: userId, $render: { name: 'panelist_kit', interviewId, userId } },
      ref: kitDmRef(interviewId, userId),
      dedupeKey: `kit_dm:${interviewId}:${userId}`,
    },
    now,
  );
}

/** Re-renders a panelist's kit DM in place (after a swap, a cancellation or a new time). */
export async function refreshKitDm(db: Db, interviewId: number, userId: string, now: Date): Promise<void> {
  const ref = kitDmRef(interviewId, userId);
  if (await hasPending(db, ref, 'chat.update')) return;
  await enqueue(
    db,
    {
      method: 'chat.update',
      channel: userId,
      payload: {
        channel: { $channel: key(ref) },
        ts: { $ts: key(ref) },
        $render: { name: 'panelist_kit', interviewId, userId },
      },
      ref,
    },
    now,
  );
}

/** A notice by DM about a loop (kept with the loop's other messages, e.g. for erasure and retention). */
export async function sendDm(
  db: Db,
  loopId: number,
  userId: string,
  text: string,
  now: Date,
  dedupeKey?: string,
): Promise<void> {
  await enqueue(
    db,
    {
      method: 'chat.postMessage',
      channel: userId,
      payload: { channel: userId, text },
      ref: loopMessageRef(loopId),
      ...(dedupeKey ? { dedupeKey } : {}),
    },
    now,
  );
}

export const scorecardPromptRef = (interviewId: number, userId: string) => ({
  type: 'scorecard_prompt',
  id: `${interviewId}:${userId}`,
});

/** The after-interview DM with the button that opens the scorecard. */
export async function sendScorecardPrompt(db: Db, interviewId: number, userId: string, now: Date): Promise<void> {
  await enqueue(
    db,
    {
      method: 'chat.postMessage',
      channel: userId,
      payload: { channel: userId, $render: { name: 'scorecard_prompt', interviewId, userId } },
      ref: scorecardPromptRef(interviewId, userId),
      dedupeKey: `scorecard_prompt:${interviewId}:${userId}`,
    },
    now,
  );
}

/** Shows the prompt DM as done (or edited) after a submission, if the prompt was sent. */
export async function refreshScorecardPrompt(db: Db, interviewId: number, userId: string, now: Date): Promise<void> {
  const ref = scorecardPromptRef(interviewId, userId);
  if (!(await wasPosted(db, ref)) || (await hasPending(db, ref, 'chat.update'))) return;
  await enqueue(
    db,
    {
      method: 'chat.update',
      channel: userId,
      payload: {
        channel: { $channel: key(ref) },
        ts: { $ts: key(ref) },
        $render: { name: 'scorecard_prompt', interviewId, userId },
      },
      ref,
    },
    now,
  );
}
