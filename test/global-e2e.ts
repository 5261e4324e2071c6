import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * Browser tests run against the real product: the web app is built, then `hrsp serve` starts
 * on a fresh data folder with the embedded PostgreSQL and the demo dataset, exactly as
 * `npm start` does. Teardown stops it with SIGINT, as Ctrl-C would.
 */
let server: ChildProcess | null = null;
let dataDir: string | null = null;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function setup(project: TestProject): Promise<void> {
  const build = spawnSync('node', ['scripts/ensure-web.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('web build failed');
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrsp-e2e-'));
  fs.chmodSync(dataDir, 0o755);
  const port = await freePort();
  const pgPort = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', HRSP_DATA_DIR: dataDir, HRSP_PG_PORT: String(pgPort), HRSP_DEMO: 'on', LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  // Its own process group, so that teardown can signal the whole tree as a terminal's Ctrl-C does.
  server = spawn('npx', ['tsx', 'src/cli/hrsp.ts', 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 90_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      if (output.includes('已启动')) {
        clearTimeout(timer);
        resolve();
      }
    };
    server?.stdout?.on('data', onData);
    server?.stderr?.on('data', onData);
    server?.on('exit', (code) => reject(new Error(`server exited (${String(code)}):\n${output}`)));
  });
  project.provide('baseUrl', `http://127.0.0.1:${port}`);
  project.provide('serverOutput', output);
}

export async function teardown(): Promise<void> {
  if (server && server.exitCode === null) {
    let timer: NodeJS.Timeout | undefined;
    const exited = new Promise((resolve) => server?.on('exit', resolve));
    if (server.pid !== undefined) process.kill(-server.pid, 'SIGINT');
    // A pending timer would keep Vitest from exiting, so clear it once the server is gone.
    await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 15_000)))]);
    clearTimeout(timer);
  }
  server?.stdout?.destroy();
  server?.stderr?.destroy();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    serverOutput: string;
  }
}
