import { spawnSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { startServer, type E2eServer } from './e2e-server.js';

/**
 * Browser tests run against the real product: the web app is built, then `hrsp serve` starts
 * on a fresh data folder with the embedded PostgreSQL and the demo dataset, exactly as
 * `npm start` does. Teardown stops it with SIGINT, as Ctrl-C would. A test that needs a world
 * of its own (e2e/campaign.test.ts) starts another server without the demo (test/e2e-server.ts).
 */
let server: E2eServer | null = null;

export async function setup(project: TestProject): Promise<void> {
  const build = spawnSync('node', ['scripts/ensure-web.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('web build failed');
  server = await startServer({ demo: true });
  project.provide('baseUrl', server.baseUrl);
  project.provide('serverOutput', server.output());
}

export async function teardown(): Promise<void> {
  await server?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    serverOutput: string;
  }
}
