import { getLoop } from '../db/repositories/loops.js';
import { enqueue } from '../db/repositories/outbox.js';
import type { Db } from '../db/schema.js';
import { loopMessageRef } from './messages.js';

/**
 * The decision thread of a loop cannot be posted (the app is not in the channel, or it is gone or archived): the
 * hiring lead is told by DM how to fix it, once per loop and reason. The thread itself stays queued and is
 * posted as soon as Slack lets the app post there.
 */
export async function tellLeadChannelBlocked(db: Db, loopId: number, error: string, now: Date): Promise<boolean> {
  const loop = await getLoop(db, loopId);
  if (!loop) return false;
  await enqueue(
    db,
    {
      method: 'chat.postMessage',
      channel: loop.hiringLeadId,
      payload: {
        channel: loop.hiringLeadId,
        $render: { name: 'channel_access', loopId, channel: loop.decisionChannelId, error },
      },
      ref: loopMessageRef(loopId),
      dedupeKey: `channel_access:${loopId}:${error}`,
    },
    now,
  );
  return true;
}
