/**
 * Every paged list tells its exact total on any page, also one past the end: the totals are
 * counted apart from the page (src/server/pagination.ts `pageAndTotal`), not by `count(*) over()`
 * on the page's rows, which has no row to carry the total past the end.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, useTestApp, type Client } from '../../test/app.js';
import { makeEnterprise, makeUser } from '../../test/factories.js';

const ctx = useTestApp();
const c: Record<string, Client> = {};

beforeAll(async () => {
  const db = ctx.database.db;
  for (const role of ['admin', 'auditor', 'bureau'] as const) c[role] = await loginAs(ctx.app, (await makeUser(db, role)).username);
  await makeEnterprise(db, { name: '合计测试企业甲' });
  await makeEnterprise(db, { name: '合计测试企业乙' });
  // Two audit rows: logouts.
  for (let i = 0; i < 2; i++) {
    const out = await (await loginAs(ctx.app, (await makeUser(db, 'bureau')).username)).call('POST', '/auth/logout');
    expect(out.statusCode, out.body).toBeLessThan(300);
  }
});

const count = async (table: string) => Number((await ctx.database.pool.query<{ n: string }>(`select count(*) n from ${table}`)).rows[0]!.n);

describe('list totals', () => {
  it.each([
    ['admin', '/users', 'users'],
    ['admin', '/organizations', 'organizations'],
    ['auditor', '/audit-log', 'audit_log'],
    ['auditor', '/login-log', 'login_log'],
    ['bureau', '/enterprises', 'enterprises'],
  ])('%s %s: the same exact total on the first page and past the end', async (role, path, table) => {
    const first = await c[role]!.call('GET', `${path}?pageSize=1`);
    expect(first.statusCode, first.body).toBe(200);
    const expected = await count(table);
    expect(expected).toBeGreaterThan(1);
    expect(first.json<{ total: number; items: unknown[] }>()).toMatchObject({ total: expected, items: [expect.anything()] });
    const past = await c[role]!.call('GET', `${path}?page=9999&pageSize=1`);
    expect(past.json<{ total: number; items: unknown[] }>()).toEqual(expect.objectContaining({ total: expected, items: [] }));
  });
});
