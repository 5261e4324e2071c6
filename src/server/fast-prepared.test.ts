/**
 * The fast path of prepared queries (fast-prepared.ts) gives exactly what Drizzle's own execute
 * gives, column kinds and decoders included (timestamps as Date, sealed contact fields opened,
 * `.mapWith(Number)`, nested selections, NULLs from left joins), and is taken for the queries the
 * server relies on: if a Drizzle upgrade moves the fields it reads, these tests fail rather than
 * the server silently falling back.
 */
import { eq, getTableColumns, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { districts, organizations, platforms, sessions, users } from '../db/schema/index.js';
import { freshDatabase } from '../../test/db.js';
import { makeOrg, makePlatform, makeSite, makeUser } from '../../test/factories.js';
import { fastPrepared } from './fast-prepared.js';
import { findPlatform, findPlatformDetail, listPlatforms, platformStats } from './platforms/repository.js';
import { platformListQuery } from './platforms/schema.js';

let database: Awaited<ReturnType<typeof freshDatabase>>;
let parentId = '';
let childId = '';
let loneId = '';
let farBranchId = '';

beforeAll(async () => {
  database = await freshDatabase();
  const db = database.db;
  parentId = await makePlatform(database.db, { name: '快速映射测试园区', contactName: '张三', contactPhone: '13800138000' });
  childId = await makePlatform(db, { name: '快速映射测试分园', parentPlatformId: parentId, level: 'district' });
  loneId = await makePlatform(db, { name: '快速映射无运营机构平台', districtCode: '500101' });
  // A branch in another district: listed to the bureau, not to the parent's district.
  farBranchId = await makePlatform(db, { name: '快速映射外区分园', parentPlatformId: parentId, level: 'district', districtCode: '500101' });
  await db.update(platforms).set({ operatorOrgId: null, recognizedAt: '2025-03-01' }).where(eq(platforms.id, loneId));
  await makeSite(db, parentId, 1234);
  await makeUser(db, 'district', { districtCode: '500107' });
  await makeOrg(db, 'operator', '500107', '快速映射测试运营机构');
});
afterAll(async () => {
  await database.drop();
});

describe('fastPrepared', () => {
  it('maps every column kind of a joined select as Drizzle does, NULLs of left joins included', async () => {
    const parent = alias(platforms, 'parent');
    const query = database.db
      .select({
        ...getTableColumns(platforms), districtName: districts.name, operatorName: organizations.name, parentName: parent.name,
        sites: sql<number>`(select count(*) from platform_sites s where s.platform_id = ${platforms.id})`.mapWith(Number),
        label: sql<string>`${platforms.name} || '·'`.as('label'),
      })
      .from(platforms)
      .innerJoin(districts, eq(platforms.districtCode, districts.code))
      .leftJoin(organizations, eq(platforms.operatorOrgId, organizations.id))
      .leftJoin(parent, eq(platforms.parentPlatformId, parent.id))
      .where(sql`${platforms.name} like ${sql.placeholder('like')}`)
      .orderBy(platforms.name)
      .prepare('fast_prepared_test_all_columns');
    const fast = fastPrepared(query);
    expect(fast.fast).toBe(true);
    expect(fast.describedOnce).toBe(true);
    const mine = await fast.execute({ like: '快速映射%' });
    const theirs = await query.execute({ like: '快速映射%' });
    expect(mine).toEqual(theirs);
    // Again, and again on every connection of the pool: executions without a Describe (described-query.ts) give the same.
    for (let i = 0; i < 6; i++) expect(await fast.execute({ like: '快速映射%' })).toEqual(theirs);
    expect((await Promise.all(Array.from({ length: 8 }, () => fast.execute({ like: '快速映射%' }))))).toEqual(Array.from({ length: 8 }, () => theirs));
    expect(mine).toHaveLength(4);
    const parentRow = mine.find((r) => r.id === parentId);
    expect(parentRow?.createdAt).toBeInstanceOf(Date);
    expect(parentRow?.contactPhone).toBe('13800138000');
    expect(parentRow?.sites).toBe(1);
    expect(mine.find((r) => r.id === loneId)).toMatchObject({ operatorName: null, parentName: null, recognizedAt: '2025-03-01', label: '快速映射无运营机构平台·' });
    expect(mine.find((r) => r.id === childId)?.parentName).toBe('快速映射测试园区');
  });

  it('builds nested objects of inner joins (the session query shape)', async () => {
    const query = database.db
      .select({ user: { id: users.id, role: users.role, createdAt: users.createdAt }, org: { name: organizations.name } })
      .from(users)
      .innerJoin(organizations, eq(users.organizationId, organizations.id))
      .orderBy(users.username)
      .prepare('fast_prepared_test_nested');
    const fast = fastPrepared(query);
    expect(fast.fast).toBe(true);
    const mine = await fast.execute();
    expect(mine.length).toBeGreaterThan(0);
    expect(mine).toEqual(await query.execute());
  });

  it("keeps Drizzle's mapping where a left join can make a nested object null", async () => {
    const query = database.db
      .select({ session: { id: sessions.id }, user: { id: users.id } })
      .from(users)
      .leftJoin(sessions, eq(sessions.userId, users.id))
      .prepare('fast_prepared_test_nullable_nested');
    const fast = fastPrepared(query);
    expect(fast.fast).toBe(false);
    const rows = await fast.execute();
    expect(rows.some((r) => r.session === null)).toBe(true);
  });

  it('refuses a call without a placeholder value, as Drizzle does', async () => {
    const query = database.db.select({ id: platforms.id }).from(platforms).where(eq(platforms.id, sql.placeholder('id'))).prepare('fast_prepared_test_missing');
    await expect(fastPrepared(query).execute({})).rejects.toThrow('No value for placeholder "id"');
  });

  it("serves the platform list, detail, figures and branches through the fast path with Drizzle's values", async () => {
    const scope = { kind: 'district' as const, districtCode: '500107' };
    // Twice: the second time each statement runs without a Describe on its connection.
    for (let i = 0; i < 2; i++) await listPlatforms(database.db, scope, platformListQuery.parse({ q: '快速映射' })).then((p) => findPlatformDetail(database.db, scope, p.rows[0]?.id ?? ''));
    const page = await listPlatforms(database.db, scope, platformListQuery.parse({ q: '快速映射' }));
    expect(page.rows.map((r) => r.id).sort()).toEqual([parentId, childId].sort());
    expect(page.total).toBe(2);
    const detail = await findPlatform(database.db, scope, parentId);
    expect(detail).toMatchObject({ id: parentId, contactName: '张三', contactPhone: '13800138000', operatorName: expect.any(String), parentPlatformName: null });
    expect(detail?.updatedAt).toBeInstanceOf(Date);
    expect(await findPlatform(database.db, scope, loneId)).toBeNull();
    expect(await platformStats(database.db, parentId)).toMatchObject({ siteCount: 1, totalAreaM2: 1234 });
    const page2 = await findPlatformDetail(database.db, scope, parentId);
    expect(page2).toMatchObject({ siteCount: 1, totalAreaM2: 1234, latestDataYear: null, branches: [{ id: childId, name: '快速映射测试分园', districtName: '九龙坡区' }] });
    expect(await findPlatformDetail(database.db, { kind: 'district', districtCode: '500101' }, parentId)).toBeNull();
    // A branch outside the caller's scope is not listed.
    expect((await findPlatformDetail(database.db, { kind: 'all' }, parentId))?.branches.map((b) => b.id).sort()).toEqual([childId, farBranchId].sort());
    expect((await findPlatformDetail(database.db, { kind: 'operator', organizationId: '00000000-0000-0000-0000-000000000000' }, parentId))).toBeNull();
  });
});
