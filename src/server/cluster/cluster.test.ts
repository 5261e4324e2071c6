/**
 * Two real `hrsp serve` processes on one database (DATABASE_URL), as behind one address: what one
 * does, the other knows at once (sessions, revocation, settings, rate limits), and the hourly job
 * runs once. Runs on the embedded PostgreSQL and, in CI, on Debian's PostgreSQL 15.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobRuns } from '../../db/schema/index.js';
import { freshDatabase } from '../../../test/db.js';
import { testKeyFileText } from '../../../test/keys.js';
import { freePort, untilStarted } from '../../../test/e2e-server.js';
import { makePlatform, makeUser, testPassword, type MadeUser } from '../../../test/factories.js';
import { tinyPdf } from '../../../test/multipart.js';
import { REMINDER_JOB } from '../evaluations/campaign/reminders.js';

interface Server {
  base: string;
  process: ChildProcess;
  output: () => string;
  dataDir: string;
}

const LOGIN_LIMIT = 5;

async function startServer(databaseUrl: string): Promise<Server> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrsp-cluster-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', HRSP_DATA_DIR: dataDir, HRSP_DEMO: 'off',
    HRSP_WEB_DIR: path.join(dataDir, 'no-web'), LOG_LEVEL: 'warn', HRSP_LOGIN_RATE_LIMIT: String(LOGIN_LIMIT),
    // Each process reports its request counts every 100 ms (default 1 s): the cross-process tolerance.
    HRSP_RATE_LIMIT_SYNC_MS: '100',
    // As behind a reverse proxy: each test speaks from an address of its own (X-Forwarded-For), so limits do not mix.
    HRSP_TRUST_PROXY: 'on',
    // Every server on one database shares the master key.
    HRSP_SECRET_KEY: testKeyFileText,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/hrsp.ts', 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const output = await untilStarted(child, 60_000);
  return { base: `http://127.0.0.1:${port}`, process: child, output, dataDir };
}

async function stopServer(s: Server): Promise<void> {
  if (s.process.exitCode === null && s.process.pid !== undefined) {
    const exited = new Promise((resolve) => s.process.on('exit', resolve));
    process.kill(-s.process.pid, 'SIGINT');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 10_000)))]);
    clearTimeout(timer);
  }
  s.process.stdout?.destroy();
  s.process.stderr?.destroy();
  fs.rmSync(s.dataDir, { recursive: true, force: true });
}

interface Session {
  cookie: string;
  csrf: string;
}

function call(server: Server, ip: string, method: string, url: string, opts: { session?: Session; body?: unknown } = {}): Promise<Response> {
  const headers: Record<string, string> = { 'x-forwarded-for': ip };
  if (opts.session) {
    headers.cookie = opts.session.cookie;
    headers['x-csrf-token'] = opts.session.csrf;
  }
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${server.base}/api/v1${url}`, { method, headers, ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }) });
}

async function login(server: Server, ip: string, username: string): Promise<Session> {
  const res = await call(server, ip, 'POST', '/auth/login', { body: { username, password: testPassword } });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

/**
 * Polls `probe` until it returns `want`, for at most `withinMs`, and returns how long that took.
 * A change reaches the other process when PostgreSQL delivers the notification (milliseconds, more
 * on a loaded machine), not in the same instant as the writer's response; the caches this replaces
 * kept stale answers for 2 s (sessions) and 5 s (settings), so the bound below still tells them apart.
 */
async function settles<T>(probe: () => Promise<T>, want: T, withinMs = 1_000): Promise<number> {
  const started = Date.now();
  let got = await probe();
  while (!Object.is(got, want) && JSON.stringify(got) !== JSON.stringify(want) && Date.now() - started < withinMs) {
    await new Promise((r) => setTimeout(r, 10));
    got = await probe();
  }
  expect(got).toEqual(want);
  return Date.now() - started;
}

let database: Awaited<ReturnType<typeof freshDatabase>> | null = null;
let a: Server | null = null;
let b: Server | null = null;
let admin: MadeUser | null = null;
let staff: MadeUser | null = null;

const servers = () => {
  if (!a || !b || !admin || !staff || !database) throw new Error('servers not started');
  return { a, b, admin, staff, database };
};

beforeAll(async () => {
  database = await freshDatabase();
  admin = await makeUser(database.db, 'security_admin');
  staff = await makeUser(database.db, 'bureau');
  // Started together, as a service manager would: start-up, migrations and the first reminder run overlap.
  [a, b] = await Promise.all([startServer(database.url), startServer(database.url)]);
}, 120_000);

afterAll(async () => {
  await Promise.all([a, b].map((s) => (s ? stopServer(s) : Promise.resolve())));
  await database?.drop();
});

describe('two hrsp serve processes on one database', () => {
  it('a session opened on A works on B, and logging out on A ends it on B at once', async () => {
    const { a, b, staff } = servers();
    const ip = '198.51.100.1';
    const s = await login(a, ip, staff.username);
    expect((await call(b, ip, 'GET', '/auth/session', { session: s })).status).toBe(200);
    expect((await call(a, ip, 'POST', '/auth/logout', { session: s })).status).toBe(204);
    // B resolved the session a moment ago and would have kept it for two seconds.
    await settles(async () => (await call(b, ip, 'GET', '/auth/session', { session: s })).status, 401);
  });

  it("the security administrator's forced logout on A ends the session on B at once", async () => {
    const { a, b, admin, staff } = servers();
    const ip = '198.51.100.2';
    const victim = await login(b, ip, staff.username);
    expect((await call(b, ip, 'GET', '/auth/session', { session: victim })).status).toBe(200);
    const boss = await login(a, ip, admin.username);
    const list = (await (await call(a, ip, 'GET', '/sessions', { session: boss })).json()) as { id: string; userId: string }[];
    const target = list.find((x) => x.userId === staff.id);
    expect(target).toBeDefined();
    expect((await call(a, ip, 'DELETE', `/sessions/${target?.id ?? ''}`, { session: boss })).status).toBe(204);
    await settles(async () => (await call(b, ip, 'GET', '/auth/session', { session: victim })).status, 401);
  });

  it('a security setting changed on A is what B uses at once', async () => {
    const { a, b, admin } = servers();
    const ip = '198.51.100.3';
    const onA = await login(a, ip, admin.username);
    const onB = await login(b, ip, admin.username);
    const before = (await (await call(b, ip, 'GET', '/settings', { session: onB })).json()) as { idleTimeoutMinutes: number; sessionMaxHours: number; passwordMaxAgeDays: number };
    const next = {
      lockoutThreshold: 5, lockoutMinutes: 15, idleTimeoutMinutes: before.idleTimeoutMinutes === 45 ? 50 : 45,
      sessionMaxHours: before.sessionMaxHours, passwordMaxAgeDays: before.passwordMaxAgeDays,
    };
    expect((await call(a, ip, 'PUT', '/settings', { session: onA, body: next })).status).toBe(200);
    // B read the settings a moment ago and would have kept them for five seconds.
    await settles(async () => (await call(b, ip, 'GET', '/settings', { session: onB })).json(), next);
    const info = (await (await call(b, ip, 'GET', '/auth/session', { session: onB })).json()) as { idleTimeoutMinutes: number };
    expect(info.idleTimeoutMinutes).toBe(next.idleTimeoutMinutes);
  });

  it("a platform renamed on A is in B's cached public directory at once", async () => {
    const { a, b, staff, database } = servers();
    const ip = '198.51.100.8';
    const platformId = await makePlatform(database.db, { name: '集群缓存平台甲' });
    const directory = async (s: Server) => {
      const res = await call(s, ip, 'GET', '/public/platforms?q=集群缓存平台');
      return { cache: res.headers.get('x-hrsp-cache'), names: ((await res.json()) as { items: { name: string }[] }).items.map((x) => x.name) };
    };
    // Both processes keep the answer (a later request is a hit: no database query). The platform's own
    // insert announces a change too, which may reach a process after its first answer: then that one is not kept.
    for (const s of [a, b]) await settles(() => directory(s), { cache: 'hit', names: ['集群缓存平台甲'] });
    const s = await login(a, ip, staff.username);
    expect((await call(a, ip, 'PATCH', `/platforms/${platformId}`, { session: s, body: { name: '集群缓存平台乙' } })).status).toBe(200);
    await settles(async () => (await directory(b)).names, ['集群缓存平台乙']);
  });

  it('counts login attempts to A and B together: past the limit both answer 429 in Chinese with Retry-After', async () => {
    const { a, b } = servers();
    const ip = '198.51.100.4';
    const remaining: number[] = [];
    for (let i = 0; i < LOGIN_LIMIT; i++) {
      const res = await call(i % 2 === 0 ? a : b, ip, 'POST', '/auth/login', { body: { username: 'nobody', password: 'wrong' } });
      expect(res.status).toBe(401);
      remaining.push(Number(res.headers.get('x-ratelimit-remaining')));
    }
    expect(remaining).toEqual([4, 3, 2, 1, 0]);
    for (const server of [a, b]) {
      const res = await call(server, ip, 'POST', '/auth/login', { body: { username: 'nobody', password: 'wrong' } });
      expect(res.status).toBe(429);
      expect(((await res.json()) as { message: string }).message).toMatch(/频繁/);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it('counts the per-address request budget on A and B together, within one report interval', async () => {
    const { a, b, database } = servers();
    const ip = '198.51.100.5';
    // The budget's windows end on the minute: start with time to spare in this one.
    if (Date.now() % 60_000 > 50_000) await new Promise((r) => setTimeout(r, 60_000 - (Date.now() % 60_000) + 100));
    // An anonymous 401 is counted (and never cached).
    const left = async (s: Server) => Number((await call(s, ip, 'GET', '/home')).headers.get('x-ratelimit-remaining'));
    const first = await left(a);
    await left(a);
    await left(a);
    // Each process writes its counts at its report; wait for the stored total rather than a fixed time (a loaded machine is slow).
    const stored = async () => Number((await database.pool.query<{ n: string | null }>(
      "select sum(count) n from rate_limit_hits where key like 'budget %' and key like $1", [`%${ip}`])).rows[0]?.n ?? 0);
    await expect.poll(stored, { timeout: 10_000, interval: 50 }).toBe(3);
    // B learns A's count at its first report after it was asked about the address (its report writes and reads in one statement).
    await left(b);
    await expect.poll(stored, { timeout: 10_000, interval: 50 }).toBe(4);
    expect(await left(b)).toBe(first - 4);
    await left(a);
    await expect.poll(stored, { timeout: 10_000, interval: 50 }).toBe(6);
    // A may have written its count before B wrote its second: A reads the total again at its next report
    // about the address, which the next request to A brings about.
    await left(a);
    await expect.poll(stored, { timeout: 10_000, interval: 50 }).toBe(7);
    await new Promise((r) => setTimeout(r, 300));
    expect(await left(a)).toBe(first - 7);
  });

  it('runs the hourly reminder job once although both processes started it', async () => {
    const { database, a, b } = servers();
    const pids = [a.process.pid, b.process.pid].map(String);
    let run: (typeof jobRuns.$inferSelect) | undefined;
    for (let i = 0; i < 50 && run?.lastFinishedAt == null; i++) {
      [run] = await database.db.select().from(jobRuns).where(eq(jobRuns.name, REMINDER_JOB));
      if (run?.lastFinishedAt == null) await new Promise((r) => setTimeout(r, 100));
    }
    // Both tried at start-up, long before this point; a second run would have counted 2.
    await new Promise((r) => setTimeout(r, 500));
    [run] = await database.db.select().from(jobRuns).where(eq(jobRuns.name, REMINDER_JOB));
    expect(run?.runs).toBe(1);
    expect(pids).toContain(run?.lastRunner.split(':').pop());
  });

  // Attachments live in PostgreSQL, so every process serves every file.
  it('serves on B an attachment uploaded on A', async () => {
    const { a, b, staff, database } = servers();
    const ip = '198.51.100.6';
    const platformId = await makePlatform(database.db, { districtCode: '500107' });
    const onA = await login(a, ip, staff.username);
    const form = new FormData();
    form.append('platformId', platformId);
    form.append('ownerType', 'platform');
    form.append('purpose', 'recognition');
    form.append('file', new Blob([tinyPdf], { type: 'application/pdf' }), '认定文件.pdf');
    const up = await fetch(`${a.base}/api/v1/files`, { method: 'POST', headers: { 'x-forwarded-for': ip, cookie: onA.cookie, 'x-csrf-token': onA.csrf }, body: form });
    expect(up.status, await up.clone().text()).toBe(201);
    const { id } = (await up.json()) as { id: string };
    const onB = await login(b, ip, staff.username);
    const down = await call(b, ip, 'GET', `/files/${id}/download`, { session: onB });
    expect(down.status).toBe(200);
    expect(Buffer.from(await down.arrayBuffer())).toEqual(tinyPdf);
  });
});
