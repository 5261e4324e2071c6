import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { embeddedPasswordFile, embeddedUrl } from '../src/db/embedded.js';
import { installFieldKeys } from '../src/server/crypto/field-keys.js';
import { testFieldKeys, testKeyFileText } from './keys.js';

/** A running `hrsp serve` on a fresh data folder: its web address, its database, and how to stop it. */
export interface E2eServer {
  baseUrl: string;
  /** The embedded PostgreSQL's URL, for tests that seed a world of their own. */
  databaseUrl: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** Resolves once a spawned `hrsp serve` prints its start banner; rejects when it exits first or is late. */
export function untilStarted(child: ChildProcess, timeoutMs: number): Promise<() => string> {
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), timeoutMs);
    const onData = (d: Buffer) => {
      output += d.toString();
      if (output.includes('已启动')) {
        clearTimeout(timer);
        resolve(() => output);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${String(code)}):\n${output}`));
    });
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts the real product exactly as `npm start` does (the web app must be built already),
 * with or without the demo dataset. Stopping sends SIGINT to its process group, as Ctrl-C would.
 */
export async function startServer(opts: { demo: boolean }): Promise<E2eServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrsp-e2e-'));
  fs.chmodSync(dataDir, 0o755);
  // The server's key (it reads <dataDir>/secret.key) is the tests' key, so that factories writing to its
  // database from this process seal the contact columns as the server does.
  fs.writeFileSync(path.join(dataDir, 'secret.key'), testKeyFileText, { mode: 0o600 });
  installFieldKeys(testFieldKeys);
  const port = await freePort();
  const pgPort = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env, PORT: String(port), HOST: '127.0.0.1', HRSP_DATA_DIR: dataDir, HRSP_PG_PORT: String(pgPort), HRSP_DEMO: opts.demo ? 'on' : 'off', LOG_LEVEL: 'warn',
    // Every browser test logs in from 127.0.0.1; the per-address limit is tested by the db suite (auth tests).
    HRSP_LOGIN_RATE_LIMIT: '600',
    // Tests seed through the API in bursts no person makes; the budgets are tested by the db suite (plugins/rate-limit.test.ts).
    HRSP_SESSION_RATE_LIMIT: '6000', HRSP_ADDRESS_RATE_LIMIT: '6000',
  };
  delete env.DATABASE_URL;
  // Its own process group, so that stopping can signal the whole tree as a terminal's Ctrl-C does.
  const server: ChildProcess = spawn('npx', ['tsx', 'src/cli/hrsp.ts', 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const output = await untilStarted(server, 90_000);
  const password = fs.readFileSync(embeddedPasswordFile(path.join(dataDir, 'pg')), 'utf8').trim();
  const stop = async () => {
    if (server.exitCode === null) {
      let timer: NodeJS.Timeout | undefined;
      const exited = new Promise((resolve) => server.on('exit', resolve));
      if (server.pid !== undefined) process.kill(-server.pid, 'SIGINT');
      // A pending timer would keep Vitest from exiting, so clear it once the server is gone.
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 15_000)))]);
      clearTimeout(timer);
    }
    server.stdout?.destroy();
    server.stderr?.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  return { baseUrl: `http://127.0.0.1:${port}`, databaseUrl: embeddedUrl(password, pgPort), output, stop };
}
