import { inject } from 'vitest';

/**
 * The demo server of this test file's worker. Browser test files run side by side (vitest.config.ts,
 * `maxWorkers`), and test/global-e2e.ts starts one demo server per worker, so a file that changes demo data
 * never meets another file doing the same. Vitest numbers its workers 1…maxWorkers (VITEST_POOL_ID) and never
 * gives one number to two files running at once.
 */
export function demoBaseUrl(): string {
  const urls = inject('demoBaseUrls');
  const worker = Number(process.env.VITEST_POOL_ID ?? '1');
  const url = urls[worker - 1];
  if (url === undefined) throw new Error(`no demo server for worker ${String(worker)} (${String(urls.length)} started): start as many as the e2e project's maxWorkers`);
  return url;
}
