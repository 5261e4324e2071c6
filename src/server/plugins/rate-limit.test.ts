import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { freshDatabase } from '../../../test/db.js';
import { makeUser, testPassword } from '../../../test/factories.js';
import { buildApp } from '../app.js';
import { testFieldKeys } from '../../../test/keys.js';

/**
 * Request budgets fit an office behind one address: each signed-in session has its own, callers
 * without a session share their address's (anonymous 401s included), and logins have their own
 * per address (issue #17).
 */
let database: Awaited<ReturnType<typeof freshDatabase>>;
let app: FastifyInstance;
const office = '192.0.2.10';
const RATE_LIMITED = { code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试' };
/** The budget's clock, pinned 30 s into the current minute: no window ends during a test. */
const pinned = Math.floor(Date.now() / 60_000) * 60_000 + 30_000;
const rateLimitClock = () => pinned;

beforeAll(async () => {
  database = await freshDatabase();
  app = await buildApp({ db: database.db, logLevel: 'silent', webDir: null, loginRateLimit: 3, fieldKeys: testFieldKeys, requestsPerMinute: { perSession: 3, perAddress: 2 }, rateLimitClock });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

async function session(on: FastifyInstance, username: string, remoteAddress = office): Promise<string> {
  const res = await on.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: testPassword }, remoteAddress });
  const c = res.cookies.find((x) => x.name === 'hrsp_sid');
  if (!c) throw new Error(`login ${res.statusCode} ${res.body}`);
  return `hrsp_sid=${c.value}`;
}

const home = (cookie: string | null, remoteAddress = office, on = app) => on.inject({ url: '/api/v1/home', remoteAddress, ...(cookie ? { headers: { cookie } } : {}) });

/** A 429 in Chinese with Retry-After; the general budget's windows end on the minute, a login window a minute after its first attempt. */
function expectRateLimited(res: Awaited<ReturnType<typeof home>>, windowOnTheMinute = true): void {
  expect(res.statusCode).toBe(429);
  expect(res.json()).toEqual(RATE_LIMITED);
  const retryAfter = Number(res.headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  // The pinned clock is 30 s into its minute.
  if (windowOnTheMinute) expect(retryAfter).toBe(30);
}

describe('request budgets', () => {
  it('gives each session its own budget, so colleagues behind one address do not block each other', async () => {
    const a = await session(app, (await makeUser(database.db, 'district')).username);
    const b = await session(app, (await makeUser(database.db, 'district')).username);
    const first = [await home(a), await home(a), await home(a)].map((r) => r.statusCode);
    expect(first).toEqual([200, 200, 200]);
    expectRateLimited(await home(a));
    // The colleague at the next desk, same address, still works.
    expect((await home(b)).statusCode).toBe(200);
  });

  it('counts anonymous 401s against the address, and a signed-in colleague there is not blocked', async () => {
    const ip = '192.0.2.20';
    const colleague = await session(app, (await makeUser(database.db, 'district')).username, ip);
    expect((await home(null, ip)).statusCode).toBe(401);
    expect((await home('hrsp_sid=made-up-token', ip)).statusCode).toBe(401);
    // The address's budget (2) is spent by the two 401s: guessing session tokens is throttled.
    expectRateLimited(await home(null, ip));
    expectRateLimited(await home('hrsp_sid=another-made-up-token', ip));
    expect((await home(colleague, ip)).statusCode).toBe(200);
    // Another address is not affected.
    expect((await home(null, '192.0.2.21')).statusCode).toBe(401);
  });

  it('counts callers without a session by address, and a made-up cookie earns no budget of its own', async () => {
    const info = (cookie?: string) => app.inject({ url: '/api/v1/public/info', remoteAddress: '192.0.2.99', ...(cookie ? { headers: { cookie } } : {}) });
    expect((await info()).statusCode).toBe(200);
    expect((await info('hrsp_sid=made-up-1')).statusCode).toBe(200);
    const third = await info('hrsp_sid=made-up-2');
    expect(third.statusCode).toBe(429);
    expect(third.headers['retry-after']).toBeDefined();
  });

  it('limits login attempts per address on their own budget, apart from the general one', async () => {
    const ip = '192.0.2.30';
    const user = await makeUser(database.db, 'district');
    // The general budget of this address is spent first: logging in still works.
    await home(null, ip);
    await home(null, ip);
    expect((await home(null, ip)).statusCode).toBe(429);
    const attempt = (password: string, from = ip) => app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: user.username, password }, remoteAddress: from });
    expect((await attempt('wrong-1')).statusCode).toBe(401);
    expect((await attempt('wrong-2')).statusCode).toBe(401);
    expect((await attempt(testPassword)).statusCode).toBe(200);
    // The fourth attempt in the minute from this address, even with the right password.
    expectRateLimited(await attempt(testPassword), false);
    expect((await attempt(testPassword, '192.0.2.31')).statusCode).toBe(200);
  });
});

describe('defaults for an office of 50 behind one NAT address', () => {
  let defaults: FastifyInstance;
  beforeAll(async () => {
    defaults = await buildApp({ db: database.db, logLevel: 'silent', webDir: null, fieldKeys: testFieldKeys });
    await defaults.ready();
  });
  afterAll(async () => {
    await defaults.close();
  });

  it('lets 51 people sign in within a minute and work, one of them busy, while the portal is read anonymously', async () => {
    const ip = '203.0.113.50';
    const people = await Promise.all(Array.from({ length: 51 }, () => makeUser(database.db, 'district')));
    const sessions: string[] = [];
    for (const p of people) sessions.push(await session(defaults, p.username, ip));
    const statuses = new Set<number>();
    // A busy colleague: 600 requests in a row (a page every second for ten minutes, in no time).
    for (let i = 0; i < 600; i++) statuses.add((await home(sessions[0] ?? null, ip, defaults)).statusCode);
    for (let i = 0; i < 300; i++) statuses.add((await defaults.inject({ url: '/api/v1/public/districts?nocache=' + String(i), remoteAddress: ip })).statusCode);
    for (const s of sessions) statuses.add((await home(s, ip, defaults)).statusCode);
    expect([...statuses]).toEqual([200]);
  });
});

describe('two processes on one database', () => {
  it('count one address together: past the limit both answer 429 within a report interval', async () => {
    const opts = { db: database.db, logLevel: 'silent', webDir: null, fieldKeys: testFieldKeys, requestsPerMinute: { perAddress: 10 }, rateLimitSyncMs: 50, rateLimitClock };
    const [a, b] = [await buildApp(opts), await buildApp(opts)];
    try {
      const ip = '198.51.100.77';
      for (let i = 0; i < 6; i++) {
        expect((await home(null, ip, a)).statusCode).toBe(401);
        expect((await home(null, ip, b)).statusCode).toBe(401);
      }
      // 12 over both, each process alone counted 6 of 10. A process refreshes a key's total at its
      // first report after it was asked about the key: one more request each may pass (the stated
      // tolerance), then both know the total and refuse.
      const settle = () => new Promise((r) => setTimeout(r, 300));
      await settle();
      await home(null, ip, a);
      await home(null, ip, b);
      await settle();
      expectRateLimited(await home(null, ip, a));
      expectRateLimited(await home(null, ip, b));
    } finally {
      await a.close();
      await b.close();
    }
  });
});
