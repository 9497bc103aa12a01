// vitest globalSetup of the SQLite project: a template database file (migrated, the bank loaded) that each test's
// fresh database is copied from, as the PostgreSQL project copies its template database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { prepareDatabase } from '../../src/services/bootstrap.js';

declare module 'vitest' {
  export interface ProvidedContext {
    sqliteTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'interview-assistant-template-'));
  const path = join(dir, 'template.sqlite');
  const { handle } = await prepareDatabase({ path }, new Date());
  await handle.close(); // the last connection: its write-ahead log is folded into the file
  project.provide('sqliteTemplate', path);
  return () => rmSync(dir, { recursive: true, force: true });
}
