import { defineConfig } from 'vitest/config';

// Every test runs on SQLite; the outbox's tests and the end-to-end flows run on PostgreSQL too (TEST_DATABASE_URL, or a
// server started for the run by tests/support/postgres-setup.ts).
const onBothDialects = [
  'tests/jobs/**/*.test.ts',
  'tests/e2e/schedule.test.ts',
  'tests/e2e/kit.test.ts',
  'tests/e2e/scorecard.test.ts',
  'tests/e2e/manage.test.ts',
  'tests/e2e/idempotency.test.ts',
  'tests/e2e/foundation.test.ts',
  'tests/e2e/bad-input.test.ts',
  'tests/e2e/insights.test.ts',
  'tests/services/insight.test.ts',
  'tests/services/insight-ledger.test.ts',
  'tests/cli-insights.test.ts',
];
/** About SQLite itself: its group commit, checkpoints, query plans, a migration of its old data, a full disk. */
const sqliteOnly = [
  'tests/db/group-commit.test.ts',
  'tests/db/query-plans.test.ts',
  'tests/db/migration-every-rater.test.ts',
  'tests/e2e/backup.test.ts',
  'tests/e2e/health.test.ts',
];
/** About PostgreSQL itself: copying a SQLite database in, races between connections, two instances. */
const postgresOnly = ['tests/postgres/**/*.test.ts'];

export default defineConfig({
  test: {
    // Checks what each test sent to the Slack stand-in (e.g. unescaped `<` in mrkdwn).
    setupFiles: ['tests/support/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['tests/**/*.test.ts'], exclude: postgresOnly } },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: [...onBothDialects, ...postgresOnly],
          exclude: sqliteOnly,
          env: { TEST_DIALECT: 'postgres' },
          globalSetup: ['tests/support/postgres-setup.ts'],
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
