/**
 * The public answers cache: hits cost no database query, a write anywhere (this app, another app
 * on the same database, the runtime role) drops what it changed, a lost listening connection
 * turns the cache off until it is back, and ETags answer 304.
 */
import crypto from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/client.js';
import { grantRuntimeRole } from '../../db/roles.js';
import { freshDatabase } from '../../../test/db.js';
import { loginAs, testApp, type Client } from '../../../test/app.js';
import { makePlatform, makeUser } from '../../../test/factories.js';
import { startChangeListener, type ChangeListener } from '../cluster/changes.js';
import { CHANGE_CHANNEL } from '../cluster/repository.js';
import { cacheKey, PublicCache } from './cache.js';

let database: Awaited<ReturnType<typeof freshDatabase>>;
let asRuntime: Database;
let runtimeRole = '';
let listener: ChangeListener;
/** Two apps on one database, as two processes behind one address; `a` connects as the runtime role. */
let a: FastifyInstance;
let b: FastifyInstance;
let staffA: Client;
let platformId = '';
let queries = 0;

beforeAll(async () => {
  database = await freshDatabase();
  runtimeRole = `hrsp_pc_${crypto.randomBytes(4).toString('hex')}`;
  const password = crypto.randomBytes(12).toString('hex');
  await database.pool.query(`create role ${runtimeRole} login password '${password}'`);
  await grantRuntimeRole(database.db, runtimeRole);
  const url = new URL(database.url);
  url.username = runtimeRole;
  url.password = password;
  asRuntime = openDatabase(url.toString(), 4);
  // Every query takes a client from the pool: counting acquisitions counts queries.
  database.pool.on('acquire', () => queries++);
  listener = await startChangeListener(database.url, () => undefined);
  platformId = await makePlatform(database.db, { name: '缓存测试平台甲' });
  const staff = await makeUser(database.db, 'bureau');
  a = await testApp(asRuntime.db);
  b = await testApp(database.db);
  staffA = await loginAs(a, staff.username);
}, 60_000);

afterAll(async () => {
  await a.close();
  await b.close();
  await listener.stop();
  await asRuntime.close();
  await database.drop();
});

const get = (app: FastifyInstance, url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url: `/api/v1${url}`, headers });
const names = (res: LightMyRequestResponse) => res.json<{ items: { name: string }[] }>().items.map((x) => x.name);

const until = async (done: () => boolean | Promise<boolean>, ms = 5_000): Promise<boolean> => {
  const started = Date.now();
  for (;;) {
    if (await done()) return true;
    if (Date.now() - started >= ms) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('public answers cache', () => {
  it('answers a repeated public GET without a database query, with the same bytes and ETag', async () => {
    const first = await get(b, '/public/platforms?pageSize=50&page=1');
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-hrsp-cache']).toBe('miss');
    const before = queries;
    // The same query in another order is the same entry.
    const second = await get(b, '/public/platforms?page=1&pageSize=50');
    expect(queries - before).toBe(0);
    expect(second.statusCode).toBe(200);
    expect(second.headers['x-hrsp-cache']).toBe('hit');
    expect(second.body).toBe(first.body);
    expect(second.headers['content-type']).toBe(first.headers['content-type']);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    // The security headers of the full path are replayed with cached answers.
    expect(second.headers['x-content-type-options']).toBe('nosniff');
    expect(second.headers['content-security-policy']).toContain("default-src 'none'");
    expect(second.headers['content-security-policy']).toBe(first.headers['content-security-policy']);
    // The miss's request budget counts are not replayed (a hit is not counted).
    expect(first.headers['x-ratelimit-remaining']).toBeDefined();
    expect(second.headers['x-ratelimit-remaining']).toBeUndefined();
  });

  it('answers 304 to a matching If-None-Match, and the body to a stale one', async () => {
    const first = await get(b, '/public/districts');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const before = queries;
    const again = await get(b, '/public/districts', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    expect(again.headers['content-type']).toBeUndefined();
    expect(queries - before).toBe(0);
    const other = await get(b, '/public/districts', { 'if-none-match': '"0000"' });
    expect(other.statusCode).toBe(200);
    expect(other.body).toBe(first.body);
  });

  it('drops the directory when a platform is written through the API, in this app and in the other', async () => {
    // Both apps have the directory cached.
    for (const app of [a, b]) {
      await get(app, '/public/platforms');
      expect((await get(app, '/public/platforms')).headers['x-hrsp-cache']).toBe('hit');
      expect(names(await get(app, '/public/platforms'))).toContain('缓存测试平台甲');
    }
    // Written through a, which connects as the runtime role: the trigger does not stand in its way.
    const patched = await staffA.call('PATCH', `/platforms/${platformId}`, { name: '缓存测试平台乙' });
    expect(patched.statusCode).toBe(200);
    for (const app of [a, b]) {
      expect(await until(async () => names(await get(app, '/public/platforms')).includes('缓存测试平台乙'))).toBe(true);
      expect(names(await get(app, '/public/platforms'))).not.toContain('缓存测试平台甲');
    }
    // The other topics stay cached.
    expect((await get(b, '/public/districts')).headers['x-hrsp-cache']).toBe('hit');
  });

  it('drops what a statement of the runtime role changes on each bound table', async () => {
    await get(b, '/public/evaluations');
    expect((await get(b, '/public/evaluations')).headers['x-hrsp-cache']).toBe('hit');
    // A statement changing no row still announces (statement-level), which is enough to drop.
    await asRuntime.pool.query(`update evaluations set status = status where false`);
    expect(await until(async () => (await get(b, '/public/evaluations')).headers['x-hrsp-cache'] === 'miss')).toBe(true);
    await get(b, '/public/districts');
    await asRuntime.pool.query(`update districts set name = name where code = '500107'`);
    expect(await until(async () => (await get(b, '/public/districts')).headers['x-hrsp-cache'] === 'miss')).toBe(true);
  });

  it('bypasses the cache while the listening connection is lost, and uses it again once back', async () => {
    await get(b, '/public/platforms');
    expect((await get(b, '/public/platforms')).headers['x-hrsp-cache']).toBe('hit');
    await database.pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN ${CHANGE_CHANNEL}'`);
    expect(await until(() => !listener.connected())).toBe(true);
    // Nothing could be heard now: every answer comes from the database, and none is kept.
    await makePlatform(database.db, { name: '断线期间新增平台' });
    const during = await get(b, '/public/platforms');
    expect(during.headers['x-hrsp-cache']).toBeUndefined();
    expect(names(during)).toContain('断线期间新增平台');
    expect((await get(b, '/public/platforms')).headers['x-hrsp-cache']).toBeUndefined();
    expect(await until(() => listener.connected())).toBe(true);
    expect((await get(b, '/public/platforms')).headers['x-hrsp-cache']).toBe('miss');
    expect((await get(b, '/public/platforms')).headers['x-hrsp-cache']).toBe('hit');
  });

  it('does not cache errors or non-public routes', async () => {
    expect((await get(b, '/public/evaluations/2031/results')).statusCode).toBe(404);
    expect((await get(b, '/public/evaluations/2031/results')).headers['x-hrsp-cache']).toBeUndefined();
    expect((await get(b, '/public/info')).headers['x-hrsp-cache']).toBeUndefined();
  });
});

describe('PublicCache', () => {
  const ticketed = (c: PublicCache, key: string, body: string) => c.set(c.ticket(key, ['directory']), body, {});

  it('keeps an answer read before a drop out of the cache', () => {
    const c = new PublicCache(undefined, () => true);
    const ticket = c.ticket('/x', ['directory']);
    c.drop('directory'); // the write committed while the query was on its way
    expect(c.set(ticket, 'old', {})).toBeNull();
    expect(c.get('/x')).toBeUndefined();
  });

  it('evicts the least recently used answer beyond its entry and byte bounds', () => {
    const c = new PublicCache({ maxEntries: 2, maxBytes: 10, maxAgeMs: 60_000 }, () => true);
    ticketed(c, '/a', 'aaaa');
    ticketed(c, '/b', 'bbbb');
    expect(c.get('/a')?.body.toString()).toBe('aaaa'); // /b is now the least recently used
    ticketed(c, '/c', 'cccc');
    expect(c.get('/b')).toBeUndefined();
    expect(c.size()).toEqual({ entries: 2, bytes: 8 });
    ticketed(c, '/d', 'ddddddddd'); // 9 bytes: everything else goes
    expect(c.size()).toEqual({ entries: 1, bytes: 9 });
    expect(ticketed(c, '/e', 'x'.repeat(11))).toBeNull();
  });

  it('serves nothing while changes are not heard', () => {
    let live = true;
    const c = new PublicCache(undefined, () => live);
    ticketed(c, '/a', 'aaaa');
    live = false;
    expect(c.get('/a')).toBeUndefined();
    expect(ticketed(c, '/b', 'bbbb')).toBeNull();
  });

  it('keys a URL by its path and its sorted query', () => {
    expect(cacheKey('/p?b=2&a=1&a=0')).toBe('/p?a=0&a=1&b=2');
    expect(cacheKey('/p?')).toBe('/p');
    expect(cacheKey('/p')).toBe('/p');
    expect(cacheKey('/p?q=%E4%B9%9D')).toBe(cacheKey('/p?q=九'));
  });
});
