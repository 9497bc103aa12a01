import type { Kysely } from 'kysely';
import { transact } from '../db/database.js';
import { audit } from '../db/repositories/audit.js';
import {
  type Candidate,
  candidatesNamed as findCandidates,
  getCandidate,
  markErased,
  rewriteLoopTexts,
  setMessagePayload,
} from '../db/repositories/candidates.js';
import { enqueue, messagesOfLoops } from '../db/repositories/outbox.js';
import type { Database, Db } from '../db/schema.js';
import { jsonScrubber, scrubber } from '../domain/name-scrubber.js';
import { fail, ok, type Result } from '../domain/types.js';

export type { Candidate };

/** Candidates with this name (case-insensitive) that are not erased yet, with their loops' hiring leads. */
export function candidatesNamed(db: Db, name: string): Promise<Candidate[]> {
  return findCandidates(db, name);
}

export interface Erased {
  candidateId: number;
  messagesEdited: number;
}

/**
 * Erases a candidate's personal data: the name and links, and the name wherever it was written in notes,
 * takeaways, drafts, revisions, rationales and queued messages; every Slack message of the app about their loops
 * is edited (re-rendered, or its stored text scrubbed). Audited.
 */
export async function eraseCandidate(
  db: Kysely<Database>,
  input: { candidateId: number; actor: string; isAdmin: boolean; now: Date },
): Promise<Result<Erased>> {
  return transact(db, async (trx): Promise<Result<Erased>> => {
    const candidate = await getCandidate(trx, input.candidateId);
    if (!candidate) return fail('not_found', 'That candidate no longer exists.');
    if (candidate.erasedAt || !candidate.name) return fail('erased', 'That candidate’s data is already erased.');
    if (!input.isAdmin && !candidate.loops.some((l) => l.hiringLeadId === input.actor)) {
      return fail('forbidden', 'Only an admin or the hiring lead of this candidate’s loop can erase their data.');
    }
    const text = scrubber(candidate.name);
    const json = jsonScrubber(text);
    await markErased(trx, candidate.id, input.now.toISOString());
    const loopIds = candidate.loops.map((l) => l.id);
    const interviewIds = await rewriteLoopTexts(trx, loopIds, { text, json });
    const messagesEdited = await editMessages(trx, json, loopIds, interviewIds, input.now);
    await audit(
      trx,
      {
        actor: input.actor,
        action: 'candidate.erased',
        entityType: 'candidate',
        entityId: candidate.id,
        details: { loops: loopIds, messagesEdited },
      },
      input.now,
    );
    return ok({ candidateId: candidate.id, messagesEdited });
  });
}

/**
 * Scrubs the loops' messages in the queue and edits the delivered ones: a rendered message is rendered again
 * (as an edit, so a reminder or escalation whose reason has passed still shows, without the name); a message
 * with stored text gets the scrubbed text. Other loops' messages are untouched.
 */
async function editMessages(
  trx: Db,
  scrubJson: (json: string) => string,
  loopIds: number[],
  interviewIds: number[],
  now: Date,
): Promise<number> {
  let edited = 0;
  for (const row of await messagesOfLoops(trx, loopIds, interviewIds)) {
    const scrubbed = scrubJson(row.payload);
    if (scrubbed !== row.payload) await setMessagePayload(trx, row.id, scrubbed);
    if (row.method !== 'chat.postMessage' || row.status !== 'sent' || !row.result_channel || !row.result_ts) continue;
    const payload = JSON.parse(scrubbed) as Record<string, unknown>;
    const render = payload.$render as Record<string, unknown> | undefined;
    if (!render && scrubbed === row.payload) continue;
    const fields: Record<string, unknown> = render
      ? { $render: { ...render, edit: true } }
      : { text: payload.text, blocks: payload.blocks };
    await enqueue(
      trx,
      {
        method: 'chat.update',
        channel: row.channel,
        payload: { channel: row.result_channel, ts: row.result_ts, ...fields },
      },
      now,
    );
    edited += 1;
  }
  return edited;
}
