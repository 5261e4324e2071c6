import { spawnSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { startServer, type E2eServer } from './e2e-server.js';

/**
 * Browser tests run against the real product: the web app is built, then `hrsp serve` starts
 * on a fresh data folder with the embedded PostgreSQL and the demo dataset, exactly as
 * `npm start` does. Test files run side by side (the e2e project's maxWorkers), so one demo
 * server starts per worker, all at once; a file finds its own through e2e/demo-server.ts, and
 * files changing demo data never meet. Teardown stops them with SIGINT, as Ctrl-C would. A test
 * that needs a world of its own (e2e/campaign.test.ts) starts another server (test/e2e-server.ts).
 */
let servers: E2eServer[] = [];

export async function setup(project: TestProject): Promise<void> {
  const build = spawnSync('node', ['scripts/ensure-web.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('web build failed');
  const count = await serversNeeded(project);
  const started = await Promise.allSettled(Array.from({ length: count }, () => startServer({ demo: true })));
  servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failure = started.find((s) => s.status === 'rejected');
  if (failure) {
    await teardown();
    throw failure.reason;
  }
  project.provide('demoBaseUrls', servers.map((s) => s.baseUrl));
}

export async function teardown(): Promise<void> {
  await Promise.all(servers.map((s) => s.stop()));
  servers = [];
}

/** One per worker; fewer when fewer files run (one file, as while writing a test, needs one server). */
async function serversNeeded(project: TestProject): Promise<number> {
  const workers = Math.max(1, project.config.maxWorkers);
  // The file filters of the command line (`vitest run --project e2e e2e/x.test.ts`); not in Vitest's typed API.
  const filters: unknown = Reflect.get(project.vitest, 'filenamePattern');
  if (!Array.isArray(filters) || filters.length === 0) return workers;
  const { testFiles } = await project.globTestFiles(filters.filter((f): f is string => typeof f === 'string'));
  return Math.min(workers, Math.max(1, testFiles.length));
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The demo servers' addresses, one per worker (e2e/demo-server.ts). */
    demoBaseUrls: string[];
  }
}
