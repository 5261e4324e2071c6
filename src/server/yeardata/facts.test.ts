import { beforeAll, describe, expect, it } from 'vitest';
import { readXlsx } from '../../../test/xlsx.js';
import { loginAs, useTestApp, type Client } from '../../../test/app.js';
import { makeEnterprise, makeOrg, makePlatform, makeResidence, makeSite, makeStaff, makeUser, makeYearData } from '../../../test/factories.js';
import { scoreDocument } from '../rules/service.js';
import { conditionFactsFor, sheetFactsFor } from './facts.js';

const ctx = useTestApp();
const ids: Record<string, string> = {};
const c: Record<string, Client> = {};
const M = 1_000_000;
const yearEnd = { residents: 'year_end' } as const;

beforeAll(async () => {
  const db = ctx.database.db;
  const op = await makeOrg(db, 'operator', '500107');
  const park = (ids.park = await makePlatform(db, { districtCode: '500107', operatorOrgId: op, name: '综合园' }));
  await makeSite(db, park, 8000);
  await makeSite(db, park, 5500.5);
  await makeStaff(db, park, { team: 'management' });
  await makeStaff(db, park, { team: 'management' });
  await makeStaff(db, park, { team: 'management', fullTime: false });
  await makeStaff(db, park, { team: 'operating', professionalTitle: '经济师' });
  await makeStaff(db, park, { team: 'operating' });
  await makeStaff(db, park, { team: 'operating' });
  await makeStaff(db, park, { team: 'operating', fullTime: false, professionalTitle: '高级经济师' });
  const r = (o: Parameters<typeof makeResidence>[1]) => makeResidence(db, o);
  for (let i = 0; i < 3; i++) await r({ platformId: park, aboveScale: true, revenueYuan: 100 * M, passThroughYuan: 10 * M, taxYuan: M });
  for (let i = 0; i < 2; i++) await r({ platformId: park, revenueYuan: 5 * M, taxYuan: 100_000 });
  await r({ platformId: park, isHrService: false, industry: 'I', aboveScale: true, revenueYuan: 50 * M, taxYuan: 500_000 });
  await r({ platformId: park, isHrService: false, industry: 'C', revenueYuan: 7 * M, taxYuan: 70_000 });
  await r({ platformId: park, exitDate: '2025-06-30', revenueYuan: 9 * M, taxYuan: 90_000 });
  await r({ platformId: park, entryDate: '2025-03-01', exitDate: '2026-02-01', mode: 'agreement', revenueYuan: 200 * M, taxYuan: 2 * M });
  await r({ platformId: park, mode: 'online', isHrService: false, industry: 'C', revenueYuan: 300 * M });
  await r({ platformId: park, year: 2024, aboveScale: true, revenueYuan: 999 * M });
  await makeYearData(db, park, 2025, { platformTaxYuan: 250_000, employersServed: 500, events: [{ attendance: 160 }], honours: { municipal: 2 } });

  const sp = (ids.specialized = await makePlatform(db, { districtCode: '500107', type: 'specialized_park', orientation: 'industry' }));
  await r({ platformId: sp, aboveScale: true, revenueYuan: 10 * M });
  await r({ platformId: sp, isHrService: false, industry: 'I', aboveScale: true, revenueYuan: 20 * M });
  await r({ platformId: sp, isHrService: false, industry: 'C', aboveScale: true, revenueYuan: 5 * M });

  const market = (ids.market = await makePlatform(db, { districtCode: '500107', type: 'specialized_market', level: 'district' }));
  await makeSite(db, market, 1200);
  const hr = await makeEnterprise(db, {});
  await r({ platformId: market, enterpriseId: hr.id, revenueYuan: 3 * M, passThroughYuan: M });
  await r({ platformId: market, revenueYuan: 3 * M, passThroughYuan: M });
  await r({ platformId: market, mode: 'agreement', revenueYuan: 2 * M });
  await r({ platformId: market, isHrService: false, industry: 'M', revenueYuan: 10 * M });
  await makeYearData(db, market, 2025, { ownRevenueYuan: M, humanCapitalYuan: 500 * M, personTimesServed: { bachelorOrBelow: 4000, postgraduate: 1200 } });
  await makePlatform(db, { districtCode: '500107', type: 'specialized_market', level: 'district', parentPlatformId: park });

  c.operator = await loginAs(ctx.app, (await makeUser(db, 'operator', { organizationId: op })).username);
  c.bureau = await loginAs(ctx.app, (await makeUser(db, 'bureau')).username);
});

describe('sheetFactsFor', () => {
  it('counts a comprehensive park’s offline HR service residents at year end, all residents’ tax, sites and full-time staff', async () => {
    const s = await sheetFactsFor(ctx.database.db, ids.park!, 2025, yearEnd);
    expect(s.type).toBe('comprehensive_park');
    expect(s.facts).toEqual({
      residentEnterprises: { aboveScale: 3, other: 2 },
      residentRevenueYuan: '310000000',
      taxYuan: '6020000',
      onlineRevenueYuan: '200000000',
      areaM2: '13500.50',
      operatingStaff: { titled: 1, other: 2 },
      employersServed: 500,
      events: [{ attendance: 160 }],
      honours: { municipal: 2 },
    });
    if (s.type !== 'comprehensive_park') throw new Error('type');
    const sheet = scoreDocument(s);
    expect(sheet.ok).toBe(true);
    if (sheet.ok) expect(sheet.value.rows.find((r) => r.code === '1.1')?.score).toBe('2.20');
  });

  it('counts the year’s arrivals instead of the residents at year end when the scheme says so (RULES.md §8)', async () => {
    const arrivals = (ids.arrivals = await makePlatform(ctx.database.db, { districtCode: '500107', name: '新入驻园' }));
    const r = (o: Parameters<typeof makeResidence>[1]) => makeResidence(ctx.database.db, o);
    await r({ platformId: arrivals, entryDate: '2019-05-01', aboveScale: true, revenueYuan: 40 * M });
    await r({ platformId: arrivals, entryDate: '2025-01-01', aboveScale: true, revenueYuan: 30 * M });
    await r({ platformId: arrivals, entryDate: '2025-12-31', revenueYuan: 20 * M });
    await r({ platformId: arrivals, entryDate: '2025-04-01', exitDate: '2025-09-30', revenueYuan: 10 * M });
    await r({ platformId: arrivals, revenueYuan: 5 * M });
    expect((await sheetFactsFor(ctx.database.db, arrivals, 2025, yearEnd)).facts).toMatchObject({ residentEnterprises: { aboveScale: 2, other: 2 }, residentRevenueYuan: '95000000' });
    // Arrivals: entered in 2025 (one left again), not the 2019 resident nor one with no entry date; figures stay those at year end.
    const s = await sheetFactsFor(ctx.database.db, arrivals, 2025, { residents: 'arrivals' });
    expect(s.facts).toMatchObject({ residentEnterprises: { aboveScale: 1, other: 2 }, residentRevenueYuan: '95000000' });
  });

  it('counts a specialized park’s service-industry residents and carries its orientation', async () => {
    const s = await sheetFactsFor(ctx.database.db, ids.specialized!, 2025, yearEnd);
    expect(s.facts).toMatchObject({ orientation: 'industry', residentEnterprises: { aboveScale: 2, other: 0 }, residentRevenueYuan: '30000000' });
  });

  it('adds a market’s own revenue to its HR service residents’ revenue without pass-through', async () => {
    const s = await sheetFactsFor(ctx.database.db, ids.market!, 2025, yearEnd);
    expect(s.facts).toMatchObject({ revenueYuan: '7000000', hrEnterprises: 3, areaM2: '1200.00', personTimesServed: { bachelorOrBelow: 4000, postgraduate: 1200 } });
    expect(s.facts).not.toHaveProperty('humanCapitalYuan');
  });
});

describe('conditionFactsFor and the conditions endpoint', () => {
  it('gives the parks’ condition facts', async () => {
    expect((await conditionFactsFor(ctx.database.db, ids.park!, 2025)).facts).toEqual({
      district: '500107', areaM2: '13500.50', sites: 2, managementStaff: 2, operatingStaff: 3, hrEnterprises: 6,
      aboveScaleEnterprises: 3, revenueYuan: '510000000', passThroughYuan: '30000000',
      offlineResidents: { hrEnterprises: 5, aboveScaleEnterprises: 3, revenueYuan: '310000000', passThroughYuan: '30000000' },
    });
    expect((await conditionFactsFor(ctx.database.db, ids.specialized!, 2025)).facts).toMatchObject({
      hrEnterprises: 1, aboveScaleEnterprises: 2, revenueYuan: '30000000', hrRevenueYuan: '10000000', orientation: 'industry',
    });
  });

  it('gives a district-level market its service effect and the Art 16 counts', async () => {
    expect((await conditionFactsFor(ctx.database.db, ids.market!, 2025)).facts).toEqual({
      district: '500107', areaM2: '1200.00', personTimesServed: 5200, humanCapitalYuan: 500_000_000, existingDistrictPlatforms: 0, existingBranches: 1,
    });
  });

  it('explains why a district-level platform is not checked yet', async () => {
    const res = (await c.bureau!.call('GET', `/platforms/${ids.market!}/conditions?year=2025`)).json<{ result: unknown; errors: { code: string; message: string }[] }>();
    expect(res.result).toBeNull();
    expect(res.errors[0]).toMatchObject({ code: 'DISTRICT_POLICY_REQUIRED' });
    expect(res.errors[0]!.message).toMatch(/第十六条/);
  });

  it('checks the latest year by default and shows each condition', async () => {
    const res = await c.operator!.call('GET', `/platforms/${ids.park!}/conditions`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ year: number; result: { outcome: string; conditions: { id: string; status: string }[] } }>();
    expect(body.year).toBe(2025);
    const status = Object.fromEntries(body.result.conditions.map((x) => [x.id, x.status]));
    expect(status).toMatchObject({ area: 'pass', sites: 'pass', managementStaff: 'pass', operatingStaff: 'pass', hrEnterprises: 'fail', aboveScaleEnterprises: 'fail', revenue: 'fail' });
    expect(body.result.outcome).toBe('not_met');
  });

  it('counts every resident (offline, online, agreement) by default and shows the setting beside the result (RULES.md §3)', async () => {
    const body = (await c.operator!.call('GET', `/platforms/${ids.park!}/conditions`)).json<{ result: { conditions: { id: string; value: string }[]; settings: { key: string; value: string; text: string }[] } }>();
    expect(body.result.conditions.find((x) => x.id === 'hrEnterprises')?.value).toBe('6 家');
    expect(body.result.settings).toContainEqual({ key: 'conditionResidents', value: 'all', text: '认定条件中的入驻企业数和营业收入按全部入驻企业（线下、线上、协议入驻）计' });
  });
});

describe('year data', () => {
  it('validates against the platform’s type, naming the field in Chinese, and saves nothing when bad', async () => {
    const bad = await c.operator!.call('PUT', `/platforms/${ids.park!}/year-data/2025`, { data: { events: [{ attendance: 80 }, { attendance: -5 }], industryEnterprisesServed: 3 } });
    expect(bad.statusCode).toBe(400);
    const details = bad.json<{ details: { field: string; message: string }[] }>().details;
    expect(details).toContainEqual({ field: 'data.events.1.attendance', message: '举办活动（第 2 项）·参加人数：不能为负数' });
    expect(details.some((d) => d.message.includes('industryEnterprisesServed'))).toBe(true);
    expect((await c.operator!.call('GET', `/platforms/${ids.park!}/year-data/2025`)).json<{ data: { employersServed: number } }>().data.employersServed).toBe(500);
  });

  it('saves a valid document with an audit row of what changed, and shows the derived facts beside it', async () => {
    const res = await c.operator!.call('PUT', `/platforms/${ids.park!}/year-data/2025`, { data: { platformTaxYuan: 250_000, employersServed: 620, safety: 'full' } });
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json<{ data: Record<string, unknown>; derived: { taxYuan: string }; canEdit: boolean; updatedByName: string }>();
    expect(detail.data).toEqual({ platformTaxYuan: 250_000, employersServed: 620, safety: 'full' });
    expect(detail.derived.taxYuan).toBe('6020000');
    const audit = (await ctx.database.pool.query("select summary from audit_log where action = 'year_data.update' order by at desc limit 1")).rows[0].summary as Record<string, unknown>;
    expect(Object.keys(audit).sort()).toEqual(['employersServed', 'events', 'honours', 'safety', 'year']);
    const years = (await c.bureau!.call('GET', `/platforms/${ids.park!}/year-data`)).json<{ year: number; residences: number; filledFacts: number }[]>();
    expect(years).toEqual([expect.objectContaining({ year: 2025, residences: 10, filledFacts: 3 }), expect.objectContaining({ year: 2024, residences: 1, filledFacts: 0 })]);
  });

  it('keeps a year readable after the platform’s type is corrected, leaving out facts of the old type', async () => {
    const id = await makePlatform(ctx.database.db, { districtCode: '500107' });
    await makeYearData(ctx.database.db, id, 2025, { employersServed: 5, researchResults: 2 });
    expect((await c.bureau!.call('PATCH', `/platforms/${id}`, { type: 'specialized_park', orientation: 'service_line' })).statusCode).toBe(200);
    const res = await c.bureau!.call('GET', `/platforms/${id}/year-data/2025`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ type: string; data: unknown }>()).toMatchObject({ type: 'specialized_park', data: { researchResults: 2 } });
    expect(res.json<{ data: object }>().data).not.toHaveProperty('employersServed');
  });

  it('exports the years as xlsx', async () => {
    const res = await c.bureau!.call('GET', `/platforms/${ids.park!}/year-data/export`);
    expect(res.statusCode).toBe(200);
    const wb = await readXlsx(res.rawPayload);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    const row2025 = (ws.getRow(2).values as unknown[]).slice(1);
    expect(row2025[0]).toBe(2025);
    const current = (await c.bureau!.call('GET', `/platforms/${ids.park!}/year-data/2025`)).json<{ data: { employersServed: number } }>();
    expect(row2025[header.indexOf('服务用人单位数')]).toBe(current.data.employersServed);
    expect(row2025[header.indexOf('产业园及入驻企业纳税（元）')]).toBe(6_020_000);
    expect(row2025[header.indexOf('建筑面积（平方米）')]).toBe(13_500.5);
    expect(ws.getRow(3).getCell(1).value).toBe(2024);
  });
});
