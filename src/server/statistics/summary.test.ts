/**
 * platform_year_figures stays equal to its source rows after every kind of write: each step below
 * writes (through the routes where a user does it, else as the code that writes it does) and then
 * the whole table is compared with a recomputation in JS from the source tables (test/figures-summary.ts).
 */
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { enterprises, enterpriseYears, platforms, platformYearData, residences } from '../../db/schema/index.js';
import { loginAs, useTestApp, type Client } from '../../../test/app.js';
import { makeEnterprise, makeOrg, makePlatform, makeResidence, makeUscc, makeUser, makeYearData } from '../../../test/factories.js';
import { expectedSummary, summaryRows } from '../../../test/figures-summary.js';

const ctx = useTestApp();
const ids: Record<string, string> = {};
let operator: Client;
let bureau: Client;

async function expectConsistent(): Promise<void> {
  const pool = ctx.database.pool;
  const stored = await summaryRows(pool);
  expect(stored).toEqual(await expectedSummary(pool));
}

beforeAll(async () => {
  const db = ctx.database.db;
  const op = await makeOrg(db, 'operator', '500107');
  ids.park = await makePlatform(db, { districtCode: '500107', operatorOrgId: op, type: 'comprehensive_park', name: '一致性综合园' });
  ids.market = await makePlatform(db, { districtCode: '500101', type: 'specialized_market', name: '一致性市场' });
  ids.special = await makePlatform(db, { districtCode: '500118', type: 'specialized_park', level: 'district', name: '一致性专业园' });
  operator = await loginAs(ctx.app, (await makeUser(db, 'operator', { organizationId: op })).username);
  bureau = await loginAs(ctx.app, (await makeUser(db, 'bureau')).username);
  for (const year of [2023, 2024]) {
    for (const p of [ids.park, ids.market, ids.special]) {
      for (let i = 0; i < 3; i++) await makeResidence(db, { platformId: p, year, aboveScale: i === 0, revenueYuan: 1_000_000 * (i + 1), taxYuan: 10_000 * (i + 1), exitDate: i === 2 && year === 2024 ? '2024-05-01' : null });
    }
  }
  await makeYearData(db, ids.market, 2024, { personTimesServed: { bachelorOrBelow: 700, postgraduate: 30, academician: 1 }, placedInChongqing: { bachelorOrBelow: 200 } });
  await makeYearData(db, ids.special, 2024, { serviceLineTalentServed: { bachelorOrBelow: 50 }, industryTalentSupplied: { postgraduate: 9, talentCard: 2 } });
});

describe('the per-platform-year summary', () => {
  it('is filled by the seed writes (bulk and single rows)', async () => {
    expect((await summaryRows(ctx.database.pool)).length).toBe(6);
    await expectConsistent();
  });

  it('follows residents added, changed and removed through the routes', async () => {
    const add = await operator.call('POST', `/platforms/${ids.park!}/residences`, {
      year: 2024, uscc: makeUscc(), name: '一致性新入驻企业有限公司', industry: 'L', isHrService: true, aboveScale: true, mode: 'offline', revenueYuan: 7_000_000, taxYuan: 70_000,
    });
    expect(add.statusCode, add.body).toBe(201);
    await expectConsistent();
    const id = add.json<{ id: string }>().id;
    const patch = await operator.call('PATCH', `/residences/${id}`, { revenueYuan: 8_000_000, aboveScale: false });
    expect(patch.statusCode, patch.body).toBe(200);
    await expectConsistent();
    expect((await operator.call('PATCH', `/residences/${id}`, { exitDate: '2024-07-01' })).statusCode).toBe(200);
    await expectConsistent();
    expect((await operator.call('DELETE', `/residences/${id}`)).statusCode).toBeLessThan(300);
    await expectConsistent();
  });

  it('follows year data saved and replaced through the route, and a platform-year with year data only', async () => {
    const put = await operator.call('PUT', `/platforms/${ids.park!}/year-data/2025`, { data: { jobsPromoted: 1234, employersServed: 10 } });
    expect(put.statusCode, put.body).toBe(200);
    await expectConsistent();
    expect((await operator.call('PUT', `/platforms/${ids.park!}/year-data/2025`, { data: { jobsPromoted: 99 } })).statusCode).toBe(200);
    await expectConsistent();
    const row = (await summaryRows(ctx.database.pool)).find((r) => r[0] === ids.park && r[1] === 2025);
    expect(row?.slice(2)).toEqual(['0', '0', '0', '0', '0', '99']);
  });

  it('follows bulk and direct writes of every source table', async () => {
    const db = ctx.database.db;
    // Residences moved to another year, a whole platform-year deleted, 规模以上 flags changed and removed.
    await db.update(residences).set({ year: 2022 }).where(sql`${residences.platformId} = ${ids.special!} and ${residences.year} = 2023`);
    await expectConsistent();
    await db.delete(residences).where(sql`${residences.platformId} = ${ids.market!} and ${residences.year} = 2023`);
    await expectConsistent();
    await db.update(enterpriseYears).set({ aboveScale: sql`not ${enterpriseYears.aboveScale}` });
    await expectConsistent();
    await db.delete(enterpriseYears).where(eq(enterpriseYears.year, 2024));
    await expectConsistent();
    await db.insert(enterpriseYears).select(db.select({ enterpriseId: residences.enterpriseId, year: residences.year, aboveScale: sql<boolean>`true`.as('above_scale') }).from(residences).where(eq(residences.year, 2024)));
    await expectConsistent();
    // Year data changed and deleted in bulk.
    await db.update(platformYearData).set({ data: sql`${platformYearData.data} || '{"placedInChongqing": {"postgraduate": 5}}'::jsonb` });
    await expectConsistent();
    await db.delete(platformYearData).where(eq(platformYearData.platformId, ids.special!));
    await expectConsistent();
  });

  it('follows an enterprise code starting and stopping to wait for a reviewer', async () => {
    const db = ctx.database.db;
    const e = await makeEnterprise(db);
    await makeResidence(db, { platformId: ids.park!, enterpriseId: e.id, year: 2024, revenueYuan: 5_000_000 });
    await db.update(enterprises).set({ usccOverrideReason: '旧版代码，待核实' }).where(eq(enterprises.id, e.id));
    await expectConsistent();
    await db.update(enterprises).set({ usccAcceptedReason: '旧版代码，待核实', usccAcceptedBy: 'test' }).where(eq(enterprises.id, e.id));
    await expectConsistent();
    await db.update(enterprises).set({ usccOverrideReason: '理由已改' }).where(eq(enterprises.id, e.id));
    await expectConsistent();
  });

  it('follows a platform changing type; moving district or level leaves it and the statistics read the new one', async () => {
    const db = ctx.database.db;
    await db.update(platforms).set({ type: 'comprehensive_park' }).where(eq(platforms.id, ids.market!));
    await expectConsistent();
    const before = await summaryRows(ctx.database.pool);
    await db.update(platforms).set({ districtCode: '500107', level: 'national' }).where(eq(platforms.id, ids.market!));
    expect(await summaryRows(ctx.database.pool)).toEqual(before);
    const f = (await bureau.call('GET', '/statistics/figures?year=2024&districtCode=500107')).json<{ byDistrict: { districtCode: string }[]; byLevel: { level: string; figures: { platforms: number } }[] }>();
    expect(f.byDistrict.map((d) => d.districtCode)).not.toContain('500101');
    expect(f.byLevel.find((l) => l.level === 'national')?.figures.platforms).toBe(1);
  });

  it('loses a deleted platform’s rows', async () => {
    const db = ctx.database.db;
    await db.delete(platforms).where(eq(platforms.id, ids.special!));
    await expectConsistent();
  });
});
