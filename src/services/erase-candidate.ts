import type { Kysely } from 'kysely';
import { transact } from '../db/client.js';
import { audit } from '../db/repositories/audit.js';
import { nameKey } from '../db/repositories/loops.js';
import { enqueue, messagesOfLoops } from '../db/repositories/outbox.js';
import type { Database, Db } from '../db/schema.js';
import { fail, ok, type Result } from '../domain/types.js';

export const ERASED = '[erased]';

/**
 * Replaces the full name (any case) and each capitalised part of it of 3 letters or more (as written, so
 * "Min Park" blanks "Min" but not "60 min") wherever they appear in free text.
 */
export function scrubber(name: string): (text: string) => string {
  const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const edge = (body: string, flags: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${body})(?![\\p{L}\\p{N}])`, flags);
  const full = edge(literal(name.trim()), 'giu');
  const parts = name
    .trim()
    .split(/\s+/)
    .filter((p) => p.length >= 3 && /^\p{Lu}/u.test(p))
    .map(literal);
  const partial = parts.length > 0 ? edge(parts.join('|'), 'gu') : null;
  return (text: string) => {
    const once = text.replace(full, ERASED);
    return partial ? once.replace(partial, ERASED) : once;
  };
}

export interface Candidate {
  id: number;
  name: string;
  loopIds: number[];
  leads: string[];
}

/** Candidates with this name (case-insensitive) that are not erased yet, with their loops' hiring leads. */
export async function candidatesNamed(db: Db, name: string): Promise<Candidate[]> {
  const key = nameKey(name);
  const rows = await db
    .selectFrom('candidates as c')
    .leftJoin('loops as l', 'l.candidate_id', 'c.id')
    .select(['c.id', 'c.name', 'l.id as loopId', 'l.hiring_lead_id'])
    .where('c.name_key', '=', key)
    .where('c.erased_at', 'is', null)
    .execute();
  const byId = new Map<number, Candidate>();
  for (const r of rows) {
    const c = byId.get(r.id) ?? { id: r.id, name: r.name ?? '', loopIds: [], leads: [] };
    if (r.loopId !== null) c.loopIds.push(r.loopId);
    if (r.hiring_lead_id && !c.leads.includes(r.hiring_lead_id)) c.leads.push(r.hiring_lead_id);
    byId.set(r.id, c);
  }
  return [...byId.values()];
}

export interface Erased {
  candidateId: number;
  messagesEdited: number;
}

/**
 * Erases a candidate's personal data: the name and links, and the name wherever it was written in notes,
 * takeaways, rationales and queued messages; the app's Slack messages that named them are edited. Audited.
 */
export async function eraseCandidate(
  db: Kysely<Database>,
  input: { candidateId: number; actor: string; isAdmin: boolean; now: Date },
): Promise<Result<Erased>> {
  return transact(db, async (trx): Promise<Result<Erased>> => {
    const row = await trx.selectFrom('candidates').selectAll().where('id', '=', input.candidateId).executeTakeFirst();
    if (!row) return fail('not_found', 'That candidate no longer exists.');
    if (row.erased_at || !row.name) return fail('erased', 'That candidate’s data is already erased.');
    const loops = await trx
      .selectFrom('loops')
      .select(['id', 'hiring_lead_id'])
      .where('candidate_id', '=', row.id)
      .execute();
    if (!input.isAdmin && !loops.some((l) => l.hiring_lead_id === input.actor)) {
      return fail('forbidden', 'Only an admin or the hiring lead of this candidate’s loop can erase their data.');
    }
    const scrub = scrubber(row.name);
    const at = input.now.toISOString();
    await trx
      .updateTable('candidates')
      .set({ name: null, name_key: null, links: null, erased_at: at })
      .where('id', '=', row.id)
      .execute();

    const loopIds = loops.map((l) => l.id);
    const interviews = loopIds.length
      ? await trx.selectFrom('interviews').select(['id', 'notes']).where('loop_id', 'in', loopIds).execute()
      : [];
    for (const i of interviews) {
      if (i.notes && scrub(i.notes) !== i.notes)
        await trx
          .updateTable('interviews')
          .set({ notes: scrub(i.notes) })
          .where('id', '=', i.id)
          .execute();
    }
    const interviewIds = interviews.map((i) => i.id);
    if (interviewIds.length > 0) {
      const cards = await trx
        .selectFrom('scorecards')
        .select(['id', 'key_takeaways', 'draft'])
        .where('interview_id', 'in', interviewIds)
        .execute();
      for (const c of cards) {
        await trx
          .updateTable('scorecards')
          .set({ key_takeaways: c.key_takeaways && scrub(c.key_takeaways), draft: c.draft && scrub(c.draft) })
          .where('id', '=', c.id)
          .execute();
      }
      const cardIds = cards.map((c) => c.id);
      if (cardIds.length > 0) {
        for (const n of await trx
          .selectFrom('scorecard_notes')
          .selectAll()
          .where('scorecard_id', 'in', cardIds)
          .execute()) {
          await trx
            .updateTable('scorecard_notes')
            .set({ note: scrub(n.note) })
            .where('scorecard_id', '=', n.scorecard_id)
            .where('question_id', '=', n.question_id)
            .execute();
        }
        for (const r of await trx
          .selectFrom('scorecard_revisions')
          .select(['id', 'content'])
          .where('scorecard_id', 'in', cardIds)
          .execute()) {
          await trx
            .updateTable('scorecard_revisions')
            .set({ content: scrub(r.content) })
            .where('id', '=', r.id)
            .execute();
        }
      }
    }
    if (loopIds.length > 0) {
      for (const d of await trx
        .selectFrom('decisions')
        .select(['id', 'rationale'])
        .where('loop_id', 'in', loopIds)
        .execute()) {
        await trx
          .updateTable('decisions')
          .set({ rationale: scrub(d.rationale) })
          .where('id', '=', d.id)
          .execute();
      }
    }
    const messagesEdited = await editMessages(trx, scrub, loopIds, interviewIds, input.now);
    await audit(
      trx,
      {
        actor: input.actor,
        action: 'candidate.erased',
        entityType: 'candidate',
        entityId: row.id,
        details: { loops: loopIds, messagesEdited },
      },
      input.now,
    );
    return ok({ candidateId: row.id, messagesEdited });
  });
}

/** Edits the candidate's delivered messages and scrubs them in the queue; other loops' messages are untouched. */
async function editMessages(
  trx: Db,
  scrub: (text: string) => string,
  loopIds: number[],
  interviewIds: number[],
  now: Date,
): Promise<number> {
  let edited = 0;
  for (const row of await messagesOfLoops(trx, loopIds, interviewIds)) {
    const scrubbed = scrub(row.payload);
    if (scrubbed !== row.payload)
      await trx.updateTable('outbox').set({ payload: scrubbed }).where('id', '=', row.id).execute();
    if (row.method !== 'chat.postMessage' || row.status !== 'sent' || !row.result_channel || !row.result_ts) continue;
    const payload = JSON.parse(scrubbed) as Record<string, unknown>;
    if (!payload.$render && scrubbed === row.payload) continue;
    const fields: Record<string, unknown> = payload.$render
      ? { $render: payload.$render }
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
