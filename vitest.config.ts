import { defineConfig } from 'vitest/config';

/** Browser test files run this many at a time, each worker on a demo server of its own (test/global-e2e.ts). */
const e2eWorkers = Number(process.env.HRSP_E2E_WORKERS ?? 2);

// Three suites: pure unit tests, server tests against a real PostgreSQL, browser tests.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/domain/**/*.test.ts', 'src/cli/**/*.test.ts', 'src/web/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'db',
          include: ['src/server/**/*.test.ts', 'src/db/**/*.test.ts'],
          globalSetup: ['test/global-db.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          globalSetup: ['test/global-e2e.ts'],
          testTimeout: 90_000,
          hookTimeout: 180_000,
          fileParallelism: e2eWorkers > 1,
          maxWorkers: e2eWorkers,
          // Tests marked concurrent (the walk's roles) run three at a time.
          maxConcurrency: 3,
        },
      },
    ],
  },
});
