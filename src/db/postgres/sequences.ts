import { sql } from 'kysely';
import type { Db } from '../schema.js';

/** After rows were copied in with their ids: each serial id continues after the largest one copied. */
export async function continueSequences(db: Db, tables: string[]): Promise<void> {
  const { rows } = await sql<{ table: string; sequence: string }>`
    select table_name as "table", pg_get_serial_sequence(quote_ident(table_name), column_name) as sequence
    from information_schema.columns
    where table_schema = current_schema() and column_name = 'id' and column_default like 'nextval%'`.execute(db);
  for (const { table, sequence } of rows) {
    if (!tables.includes(table)) continue;
    await sql`select setval(${sequence}, coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(
      db,
    );
  }
}
