// vitest globalSetup of the PostgreSQL project: one server per test run, and a template database (migrated, the
// bank loaded) that each test's fresh database is copied from.
import type { TestProject } from 'vitest/node';
import { prepareDatabase } from '../../src/services/bootstrap.js';
import { withDatabase } from './postgres-admin.js';
import { startPostgres } from './postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
    postgresTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgres();
  const template = `ia_template_${process.pid}_${Date.now().toString(36)}`;
  await withDatabase(server.url, async (client) => {
    await client.query(`create database ${template}`);
  });
  const url = new URL(server.url);
  url.pathname = `/${template}`;
  const { handle } = await prepareDatabase({ path: '', url: url.toString() }, new Date());
  await handle.close();
  project.provide('postgresUrl', server.url);
  project.provide('postgresTemplate', template);
  return async () => {
    await withDatabase(server.url, (client) => client.query(`drop database if exists ${template} with (force)`)).catch(
      () => undefined,
    );
    await server.stop();
  };
}
