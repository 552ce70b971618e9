import { defineConfig } from 'vitest/config';

// Runs on Node >= 22 (`npm run test:unit` picks it, see scripts/node.mjs): better-sqlite3 13
// segfaults on Node 20.
// The db and handler suites run twice: on SQLite (every file) and on PostgreSQL (team mode), the
// same tests with SAKURA_TEST_DB=postgres and a throw-away cluster from test/pg-global-setup.ts.
const onBothEngines = [
  'test/unit/contract.test.ts',
  'test/unit/demo.test.ts',
  'test/unit/handlers-applications.test.ts',
  'test/unit/import-jobs.test.ts',
  'test/unit/paging-last-lists.test.ts',
  'test/unit/import-chunked.test.ts',
  'test/unit/paging-lists.test.ts',
  'test/unit/programs-handlers.test.ts',
  'test/unit/program-checks.test.ts',
  'test/unit/results-db.test.ts',
  'test/unit/results-programs.test.ts',
  'test/unit/results-stats.test.ts',
  'test/unit/review-handlers.test.ts',
  'test/unit/review-sheets.test.ts',
  'test/unit/web-server.test.ts',
  'test/unit/team-*.test.ts',
];
// Team mode itself (roles, LISTEN/NOTIFY, copy to and from a server): PostgreSQL only.
const postgresOnly = ['test/unit/pg-*.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    // better-sqlite3 is a native addon: separate processes keep each file's databases apart.
    pool: 'forks',
    testTimeout: 30_000,
    globalSetup: ['test/unit/global-setup.ts'],
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['test/unit/**/*.test.ts'], exclude: postgresOnly } },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: [...onBothEngines, ...postgresOnly],
          env: { SAKURA_TEST_DB: 'postgres' },
          globalSetup: ['test/pg-global-setup.ts'],
        },
      },
    ],
  },
});
