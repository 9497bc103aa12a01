import { type Kysely, sql } from 'kysely';
import { migrateToLatest } from './database.js';
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
const BATCH = 500;

export type CopyResult = { ok: true; tables: number; rows: number } | { ok: false; message: string };

/**
 * Copies every row of a SQLite database (migrated to the latest version) into a new PostgreSQL database that has no
 * tables yet: it is migrated first, then filled in one transaction, so a failure leaves it holding no data. Rows
 * the migrations put there (version stamps, state rows) give way to the source's. Ids are kept, and the target's
 * id sequences continue after them.
 */
export async function copyDatabase(from: Kysely<Database>, to: Kysely<Database>): Promise<CopyResult> {
  const existing = await to.introspection.getTables();
  if (existing.length > 0) {
    return {
      ok: false,
      message: `The PostgreSQL database already has tables (${existing[0]?.name}): copy into a new, empty database.`,
    };
  }
  await migrateToLatest(to);
  const source = await from.introspection.getTables();
  const target = new Set((await to.introspection.getTables()).map((t) => t.name));
  const names = source.map((t) => t.name);
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
  let rows = 0;
  await db.transaction().execute(async (trx) => {
    for (const table of tables) {
      await trx.deleteFrom(table).execute();
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
