import { defineConfig } from 'vitest/config';

// Runs on Node >= 22 (`npm run test:unit` picks it, see scripts/node.mjs): better-sqlite3 13
// segfaults on Node 20.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    // better-sqlite3 is a native addon: separate processes keep each file's databases apart.
    pool: 'forks',
    testTimeout: 30_000,
    globalSetup: ['test/unit/global-setup.ts'],
  },
});
