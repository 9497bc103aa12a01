// The database a test runs on: SQLite (a file copied from the migrated template of this run), or with
// TEST_DIALECT=postgres (the vitest project "postgres") a PostgreSQL database copied from its template.
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { DatabaseTarget, Dialect } from '../../src/db/database.js';
import { withDatabase } from './postgres-admin.js';

export const testDialect: Dialect = process.env.TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';

export interface TestDatabase {
  target: DatabaseTarget;
  /** The environment a child process (the CLI, the server) needs to open it. */
  env: Record<string, string>;
  /** Removes it (PostgreSQL; a SQLite file goes with its temporary folder). */
  drop: () => Promise<void>;
}

/** A new database, migrated with the bank loaded, or `empty` (no tables at all). */
export async function freshDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const path = join(mkdtempSync(join(tmpdir(), 'interview-assistant-')), 'test.sqlite');
  if (testDialect === 'sqlite') {
    if (!options.empty) copyFileSync(inject('sqliteTemplate'), path);
    return { target: { path }, env: { DATABASE_PATH: path }, drop: async () => undefined };
  }
  const admin = inject('postgresUrl');
  const name = `ia_test_${randomBytes(6).toString('hex')}`;
  const template = options.empty ? 'template0' : inject('postgresTemplate');
  await withDatabase(admin, (client) => client.query(`create database ${name} template ${template}`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    target: { path, url: url.toString() },
    env: { DATABASE_PATH: path, DATABASE_URL: url.toString() },
    drop: async () => {
      await withDatabase(admin, (client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}
