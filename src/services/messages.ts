import {
  enqueue,
  hasPending,
  havePending,
  type MessageRef,
  type RefState,
  refKey,
  wasPosted,
} from '../db/repositories/outbox.js';
import type { Db } from '../db/schema.js';

// The messages use cases owe, queued in their transaction (the outbox delivers them). Messages about a loop
// carry a ref, so they can be edited later, and found again for erasure and retention.

export const loopParentRef = (loopId: number): MessageRef => ({ type: 'loop_parent', id: String(loopId) });
/** A loop's summary of a round: round 1 keeps the loop's own id (as summaries were posted before rounds). */
export const loopSummaryRef = (loopId: number, round = 1): MessageRef => ({
  type: 'loop_summary',
  id: round > 1 ? `${loopId}:round:${round}` : String(loopId),
});
/** Any other message about a loop: thread replies and notices. */
export const loopMessageRef = (loopId: number): MessageRef => ({ type: 'loop_msg', id: String(loopId) });
export const kitDmRef = (interviewId: number, userId: string): MessageRef => ({
  type: 'kit_dm',
  id: `${interviewId}:${userId}`,
});
export const scorecardPromptRef = (interviewId: number, userId: string): MessageRef => ({
  type: 'scorecard_prompt',
  id: `${interviewId}:${userId}`,
});

type Render = { name: string } & Record<string, unknown>;

/** Posts a message rendered from the database at delivery; the dedupe key makes it owed once. */
async function postRendered(
  db: Db,
  ref: MessageRef,
  channel: string,
  render: Render,
  now: Date,
  extra: Record<string, unknown> = {},
) {
  await enqueue(
    db,
    {
      method: 'chat.postMessage',
      channel,
      payload: { channel, unfurl_links: false, ...extra, $render: render },
      ref,
      dedupeKey: refKey(ref),
    },
    now,
  );
}

/**
 * Re-renders a posted message in place, on the lane (`channel`) it was posted on so the edit follows the post.
 * Several changes before delivery make one edit.
 */
export async function refreshRendered(
  db: Db,
  ref: MessageRef,
  channel: string,
  render: Render,
  now: Date,
  state?: RefState,
): Promise<void> {
  if (state ? state.editQueued : await hasPending(db, ref, 'chat.update')) return;
  const key = refKey(ref);
  await enqueue(
    db,
    { method: 'chat.update', channel, payload: { channel: { $channel: key }, ts: { $ts: key }, $render: render }, ref },
    now,
  );
}

export async function postLoopParent(db: Db, loopId: number, channel: string, now: Date): Promise<void> {
  await postRendered(db, loopParentRef(loopId), channel, { name: 'loop_parent', loopId }, now);
}

export async function refreshLoopParent(
  db: Db,
  loopId: number,
  channel: string,
  now: Date,
  state?: RefState,
): Promise<void> {
  await refreshRendered(db, loopParentRef(loopId), channel, { name: 'loop_parent', loopId }, now, state);
}

export async function postLoopSummary(db: Db, loopId: number, channel: string, now: Date, round = 1): Promise<void> {
  const thread = { thread_ts: { $ts: refKey(loopParentRef(loopId)) } };
  await postRendered(db, loopSummaryRef(loopId, round), channel, { name: 'loop_summary', loopId, round }, now, thread);
}

/** Re-renders a round's summary in place (hidden again while a later round's panelists write theirs). */
export async function refreshLoopSummary(
  db: Db,
  loopId: number,
  channel: string,
  now: Date,
  round: number,
  state?: RefState,
): Promise<void> {
  await refreshRendered(
    db,
    loopSummaryRef(loopId, round),
    channel,
    { name: 'loop_summary', loopId, round },
    now,
    state,
  );
}

/**
 * The hiring lead's DM when the last scorecard of a round is in: the tally and a link to the summary, once. It
 * waits in the decision channel's lane behind the summary, so the link can point at the summary itself.
 */
export async function tellLeadSummaryReady(
  db: Db,
  loopId: number,
  leadId: string,
  round: number,
  lane: string,
  now: Date,
): Promise<void> {
  await enqueue(
    db,
    {
      method: 'chat.postMessage',
      channel: lane,
      payload: { channel: leadId, unfurl_links: false, $render: { name: 'lead_summary_ready', loopId, round } },
      ref: loopMessageRef(loopId),
      dedupeKey: `lead_summary_ready:${loopId}:${round}`,
    },
    now,
  );
}

export async function postThreadReply(db: Db, loopId: number, channel: string, text: string, now: Date): Promise<void> {
  await enqueue(
    db,
    {
      method: 'chat.postMessage',
      channel,
      payload: { channel, thread_ts: { $ts: refKey(loopParentRef(loopId)) }, text, unfurl_links: false },
      ref: loopMessageRef(loopId),
    },
    now,
  );
}

export async function sendKitDm(db: Db, interviewId: number, userId: string, now: Date): Promise<void> {
  await postRendered(db, kitDmRef(interviewId, userId), userId, { name: 'panelist_kit', interviewId, userId }, now);
}

/** Re-renders a panelist's kit DM in place (after a swap, a cancellation or a new time). */
export async function refreshKitDm(db: Db, interviewId: number, userId: string, now: Date): Promise<void> {
  await refreshRendered(db, kitDmRef(interviewId, userId), userId, { name: 'panelist_kit', interviewId, userId }, now);
}

/** A notice by DM about a loop. */
export async function sendDm(db: Db, loopId: number, userId: string, text: string, now: Date): Promise<void> {
  await enqueue(
    db,
    { method: 'chat.postMessage', channel: userId, payload: { channel: userId, text }, ref: loopMessageRef(loopId) },
    now,
  );
}

/** The after-interview DM with the button that opens the scorecard. */
export async function sendScorecardPrompt(db: Db, interviewId: number, userId: string, now: Date): Promise<void> {
  await postRendered(
    db,
    scorecardPromptRef(interviewId, userId),
    userId,
    { name: 'scorecard_prompt', interviewId, userId },
    now,
  );
}

/** Shows the prompt DM as done (or edited) after a submission, if the prompt was sent. */
export async function refreshScorecardPrompt(
  db: Db,
  interviewId: number,
  userId: string,
  now: Date,
  state?: RefState,
): Promise<void> {
  const ref = scorecardPromptRef(interviewId, userId);
  if (!(state ? state.posted : await wasPosted(db, ref))) return;
  await refreshRendered(db, ref, userId, { name: 'scorecard_prompt', interviewId, userId }, now, state);
}

/** The DM before an interview: the panelist's part and a button to take notes. Owed once per start time. */
export async function sendKitReminder(
  db: Db,
  loopId: number,
  interviewId: number,
  userId: string,
  startsAtIso: string,
  now: Date,
): Promise<void> {
  const render = { name: 'kit_reminder', interviewId, userId, startsAt: startsAtIso };
  await enqueue(
    db,
    {
      method: 'chat.postMessage',
      channel: userId,
      payload: { channel: userId, unfurl_links: false, $render: render },
      ref: loopMessageRef(loopId),
      dedupeKey: `kit-reminder:${interviewId}:${userId}:${startsAtIso}`,
    },
    now,
  );
}

/** Republishes the users' App Home from the database; several changes before delivery make one publish each. */
export async function refreshHomes(db: Db, userIds: readonly string[], now: Date): Promise<void> {
  const refs = [...new Set(userIds)].map((userId): MessageRef => ({ type: 'app_home', id: userId }));
  const pending = await havePending(db, refs, 'views.publish');
  for (const [i, ref] of refs.entries()) {
    if (pending[i]) continue;
    const userId = ref.id;
    await enqueue(
      db,
      {
        method: 'views.publish',
        channel: null,
        payload: { user_id: userId, $render: { name: 'app_home', userId } },
        ref,
      },
      now,
    );
  }
}
