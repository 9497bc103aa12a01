import type { Kysely } from 'kysely';
import { readBank } from '../db/repositories/bank.js';
import { getInterview, interviewsOfLoop, upcomingFor } from '../db/repositories/interviews.js';
import { kitOf } from '../db/repositories/kits.js';
import { findLoopsByCandidate, getLoop } from '../db/repositories/loops.js';
import type { Database } from '../db/schema.js';
import { endsAt, type Interview, interviewNumber, type KitItemRecord, type Loop } from '../domain/loop.js';
import { escapeMrkdwn } from '../domain/mrkdwn.js';
import { type Actor, canSeeWholeKit, isPanelist } from '../domain/permissions.js';
import { type Bank, fail, ok, type Result } from '../domain/types.js';

export interface KitLookup {
  bank: Bank;
  loop: Loop;
  interview: Interview;
  items: KitItemRecord[];
  /** The requester's own part; null when they see every part (hiring lead or admin, not on the panel). */
  panelistId: string | null;
}

const AD_HOC_HINT = 'For an ad hoc kit: `/interview questions senior technical 45m`.';

async function pick(db: Kysely<Database>, actor: Actor, target: string | null, now: Date): Promise<Result<Interview>> {
  if (target === null) {
    const next = (await upcomingFor(db, actor.userId, now, 200)).find((i) => isPanelist(actor.userId, i));
    return next ? ok(next) : fail('none', `You are not on the panel of any upcoming interview. ${AD_HOC_HINT}`);
  }
  const number = interviewNumber(target);
  if (number !== null) {
    const interview = await getInterview(db, number);
    return interview
      ? ok(interview)
      : fail('not_found', `There is no interview #${number}. \`/interview upcoming\` lists yours.`);
  }
  const loops = (await findLoopsByCandidate(db, target)).filter((l) => l.status === 'open');
  for (const loop of loops) {
    const interviews = (await interviewsOfLoop(db, loop.id)).filter(
      (i) =>
        i.status === 'scheduled' && endsAt(i) > now && (isPanelist(actor.userId, i) || canSeeWholeKit(actor, loop)),
    );
    if (interviews[0]) return ok(interviews[0]);
  }
  return fail(
    'not_found',
    `I found no upcoming interview with a candidate named "${escapeMrkdwn(target)}" that you are part of. ${AD_HOC_HINT}`,
  );
}

/** The kit the requester should see: their own part, or every part for the hiring lead and admins. */
export async function findKit(
  db: Kysely<Database>,
  actor: Actor,
  target: string | null,
  now: Date,
): Promise<Result<KitLookup>> {
  const picked = await pick(db, actor, target, now);
  if (!picked.ok) return picked;
  const interview = picked.value;
  const loop = await getLoop(db, interview.loopId);
  if (!loop) return fail('not_found', `Interview #${interview.id} has no loop.`);
  const own = isPanelist(actor.userId, interview);
  if (!own && !canSeeWholeKit(actor, loop)) {
    return fail(
      'forbidden',
      `You are not on the panel of interview #${interview.id}, so its questions are not shown to you.`,
    );
  }
  if (interview.status === 'cancelled') return fail('cancelled', `Interview #${interview.id} was cancelled.`);
  const [bank, items] = await Promise.all([readBank(db), kitOf(db, interview.id)]);
  return ok({ bank, loop, interview, items, panelistId: own ? actor.userId : null });
}
