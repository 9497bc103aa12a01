import { type Kysely, sql } from 'kysely';
import { continueSequences } from './postgres/sequences.js';
import type { Database } from './schema.js';

/** Parents before children, so that every foreign key finds its row; tables added later follow these. */
const ORDER = [
  'competencies',
  'questions',
  'interviewer_tips',
  'candidates',
  'loops',
  'interviews',
  'interview_panelists',
  'kit_items',
  'scorecards',
  'scorecard_ratings',
  'scorecard_notes',
  'scorecard_revisions',
  'decisions',
  'audit_log',
  'slack_deliveries',
  'outbox',
  'user_profiles',
];
/** Kept by the target itself: the bank's version stamps (its triggers set them as the rows arrive). */
const SKIPPED = new Set(['bank_versions']);
const BATCH = 500;

export type CopyResult = { ok: true; tables: number; rows: number } | { ok: false; message: string };

/**
 * Copies every row of a SQLite database into a PostgreSQL database migrated to the same version and still empty,
 * in one transaction: a failure leaves the target as it was. Ids are kept, and the target's id sequences continue
 * after them.
 */
export async function copyDatabase(from: Kysely<Database>, to: Kysely<Database>): Promise<CopyResult> {
  const source = await from.introspection.getTables();
  const target = new Set((await to.introspection.getTables()).map((t) => t.name));
  const names = source.map((t) => t.name).filter((name) => !SKIPPED.has(name));
  const missing = names.filter((name) => !target.has(name));
  if (missing.length > 0) {
    return {
      ok: false,
      message: `The PostgreSQL database has no table ${missing.join(', ')}: is it the same version?`,
    };
  }
  const tables = [...ORDER.filter((name) => names.includes(name)), ...names.filter((n) => !ORDER.includes(n)).sort()];
  const db = to as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const source$ = from as unknown as Kysely<Record<string, Record<string, unknown>>>;
  for (const table of tables) {
    const row = await db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    if (Number(row.n) > 0) {
      return {
        ok: false,
        message: `The PostgreSQL database already holds data (table ${table}): copy into a new, empty database.`,
      };
    }
  }
  let rows = 0;
  await db.transaction().execute(async (trx) => {
    for (const table of tables) {
      for (let offset = 0; ; offset += BATCH) {
        const batch = await source$
          .selectFrom(table)
          .selectAll()
          .orderBy(sql`rowid`)
          .limit(BATCH)
          .offset(offset)
          .execute();
        if (batch.length === 0) break;
        await trx.insertInto(table).values(batch).execute();
        rows += batch.length;
        if (batch.length < BATCH) break;
      }
    }
    await continueSequences(trx as unknown as Kysely<Database>, tables);
  });
  return { ok: true, tables: tables.length, rows };
}
