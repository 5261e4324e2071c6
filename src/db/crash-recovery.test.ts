import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, untilStarted } from '../../test/e2e-server.js';
import { isPostgresOf } from './embedded.js';

/**
 * `hrsp serve` killed with SIGKILL while its embedded PostgreSQL runs: the next start on the same
 * data folder must come up by itself. The watchdog is switched off in the first run so that the
 * orphan is really there when the second start begins (the start-up recovery is what is tested);
 * a second case checks that the watchdog alone stops the orphan, a third that a postmaster.pid
 * naming a dead process (both killed) is left to PostgreSQL, which replaces it.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrsp-crash-'));
fs.chmodSync(dataDir, 0o755);
const clusterDir = path.join(dataDir, 'pg');
const running: ChildProcess[] = [];

async function serve(port: number, pgPort: number, extra: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; output: () => string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env, PORT: String(port), HOST: '127.0.0.1', HRSP_DATA_DIR: dataDir, HRSP_PG_PORT: String(pgPort), HRSP_DEMO: 'off', LOG_LEVEL: 'warn',
    HRSP_WEB_DIR: path.join(dataDir, 'no-web'), ...extra,
  };
  delete env.DATABASE_URL;
  // node itself, not npx/tsx's wrapper process, so that SIGKILL hits the HRSP process.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/hrsp.ts', 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  const output = await untilStarted(child, 100_000);
  return { child, output };
}

const postmasterPid = () => Number(fs.readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
const exited = (c: ChildProcess) => (c.exitCode !== null || c.signalCode !== null ? Promise.resolve() : new Promise((r) => c.on('exit', r)));
const aliveP = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

afterAll(async () => {
  for (const c of running) {
    if (c.exitCode === null && c.signalCode === null) {
      c.kill('SIGINT');
      await exited(c);
    }
  }
  // A failed run must not leave its orphan behind either.
  if (fs.existsSync(path.join(clusterDir, 'postmaster.pid'))) {
    const pid = postmasterPid();
    if (isPostgresOf(pid, clusterDir)) {
      process.kill(pid, 'SIGINT');
      for (let i = 0; i < 100 && aliveP(pid); i++) await new Promise((r) => setTimeout(r, 100));
    }
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('restart after a crash (kill -9 of the HRSP process)', () => {
  it('stops the orphaned embedded PostgreSQL at the next start and comes up', async () => {
    const [port, pgPort] = [await freePort(), await freePort()];
    const first = await serve(port, pgPort, { HRSP_PG_WATCHDOG: 'off' });
    const orphan = postmasterPid();
    expect(isPostgresOf(orphan, clusterDir)).toBe(true);
    first.child.kill('SIGKILL');
    await exited(first.child);
    await new Promise((r) => setTimeout(r, 1500));
    expect(aliveP(orphan)).toBe(true); // the orphan holds the cluster, as after a real crash

    const second = await serve(port, pgPort);
    expect(aliveP(orphan)).toBe(false);
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
    expect(second.output()).toMatch(/启动用时/);

    // The watchdog: killed again, this time the postgres stops within a few seconds by itself.
    const pg2 = postmasterPid();
    second.child.kill('SIGKILL');
    await exited(second.child);
    let stopped = false;
    for (let i = 0; i < 100 && !stopped; i++) {
      await new Promise((r) => setTimeout(r, 100));
      stopped = !aliveP(pg2);
    }
    expect(stopped).toBe(true);
    // Both killed (a power cut): postmaster.pid names a dead process, and PostgreSQL replaces it itself.
    const third = await serve(port, pgPort, { HRSP_PG_WATCHDOG: 'off' });
    const pg3 = postmasterPid();
    third.child.kill('SIGKILL');
    process.kill(pg3, 'SIGKILL');
    await exited(third.child);
    for (let i = 0; i < 50 && aliveP(pg3); i++) await new Promise((r) => setTimeout(r, 100));
    expect(fs.existsSync(path.join(clusterDir, 'postmaster.pid'))).toBe(true);
    const fourth = await serve(port, pgPort);
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
    fourth.child.kill('SIGINT');
    await exited(fourth.child);
    expect(fs.existsSync(path.join(clusterDir, 'postmaster.pid'))).toBe(false);
  }, 300_000);
});
