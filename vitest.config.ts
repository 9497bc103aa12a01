import { defineConfig } from 'vitest/config';

// Every test runs on SQLite. Every test that touches the database or drives the app runs on PostgreSQL too
// (TEST_DATABASE_URL, or a server started for the run by tests/support/postgres-setup.ts), except those below.

/** About SQLite itself: nothing of it exists on PostgreSQL. */
const sqliteOnly = [
  // SQLite's group commit of several use cases in one BEGIN IMMEDIATE.
  'tests/db/group-commit.test.ts',
  // SQLite's query planner (EXPLAIN QUERY PLAN, INDEXED BY).
  'tests/db/query-plans.test.ts',
  // A migration of data that only ever existed in SQLite files.
  'tests/db/migration-every-rater.test.ts',
  // The online SQLite file backup (the PostgreSQL answer, pg_dump, is checked in tests/cli.test.ts).
  'tests/e2e/backup.test.ts',
  // A full disk as SQLite sees it (max_page_count).
  'tests/e2e/health.test.ts',
  // A damaged SQLite file at start.
  'tests/e2e/start-failures.test.ts',
  // Another process holding SQLite's single write lock; PostgreSQL has no database-wide write lock.
  'tests/e2e/db-contention.test.ts',
  // `npm start` builds dist/ before it runs: once is enough, and two builds at once would write the same folder.
  'tests/e2e/npm-start.test.ts',
];
/** Pure code, or checks no database changes (the CLI's argument errors): nothing a second dialect would change. */
const noDatabase = [
  'tests/domain/**/*.test.ts',
  'tests/slack/**/*.test.ts',
  'tests/support/**/*.test.ts',
  'tests/bank/**/*.test.ts',
  'tests/config.test.ts',
  'tests/cli-usage.test.ts',
  'tests/manifest.test.ts',
];
/** About PostgreSQL itself: copying a SQLite database in, races between connections, two instances. */
const postgresOnly = ['tests/postgres/**/*.test.ts'];

export default defineConfig({
  test: {
    // Checks what each test sent to the Slack stand-in (e.g. unescaped `<` in mrkdwn).
    setupFiles: ['tests/support/setup.ts'],
    // Most of a test's time is spent waiting on the app, the Slack stand-in or PostgreSQL, not on a core: vitest's
    // default (one file fewer than the cores, so one at a time on a 2-core CI machine) took 13 min here, three 8.
    maxWorkers: 3,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['tests/**/*.test.ts'],
          exclude: postgresOnly,
          globalSetup: ['tests/support/sqlite-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['tests/**/*.test.ts'],
          exclude: [...sqliteOnly, ...noDatabase],
          env: { TEST_DIALECT: 'postgres' },
          globalSetup: ['tests/support/postgres-setup.ts'],
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
