import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { freshDatabase } from '../../../test/db.js';
import { makeUser, testPassword } from '../../../test/factories.js';
import { buildApp } from '../app.js';
import { testFieldKeys } from '../../../test/keys.js';

/**
 * Request budgets fit an office behind one address: each logged-in session has its own, and only
 * callers without a session share their address's (issue #11 item 11).
 */
let database: Awaited<ReturnType<typeof freshDatabase>>;
let app: FastifyInstance;
const office = '192.0.2.10';

beforeAll(async () => {
  database = await freshDatabase();
  app = await buildApp({ db: database.db, logLevel: 'silent', webDir: null, loginRateLimit: 1000, fieldKeys: testFieldKeys, requestsPerMinute: { perSession: 3, perAddress: 2 } });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

async function session(username: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: testPassword }, remoteAddress: office });
  const c = res.cookies.find((x) => x.name === 'hrsp_sid');
  if (!c) throw new Error(`login ${res.statusCode} ${res.body}`);
  return `hrsp_sid=${c.value}`;
}

const home = (cookie: string) => app.inject({ url: '/api/v1/home', headers: { cookie }, remoteAddress: office });

describe('request budgets', () => {
  it('gives each session its own budget, so colleagues behind one address do not block each other', async () => {
    const a = await session((await makeUser(database.db, 'district')).username);
    const b = await session((await makeUser(database.db, 'district')).username);
    const first = [await home(a), await home(a), await home(a)].map((r) => r.statusCode);
    expect(first).toEqual([200, 200, 200]);
    const over = await home(a);
    expect(over.statusCode).toBe(429);
    expect(over.json()).toEqual({ code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试' });
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    // The colleague at the next desk, same address, still works.
    expect((await home(b)).statusCode).toBe(200);
  });

  it('counts callers without a session by address, and a made-up cookie earns no budget of its own', async () => {
    const info = (cookie?: string) => app.inject({ url: '/api/v1/public/info', remoteAddress: '192.0.2.99', ...(cookie ? { headers: { cookie } } : {}) });
    expect((await info()).statusCode).toBe(200);
    expect((await info('hrsp_sid=made-up-1')).statusCode).toBe(200);
    const third = await info('hrsp_sid=made-up-2');
    expect(third.statusCode).toBe(429);
    expect(third.headers['retry-after']).toBeDefined();
  });
});
