import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client, useTestApp } from '../../../test/app.js';
import { makePlatform, makeSite, makeUser, makeYearData } from '../../../test/factories.js';
import { todayIso } from '../clock.js';

const ctx = useTestApp();
const shift = (n: number) => new Date(Date.parse(`${todayIso()}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
let bureau: Client;
let wzDistrict: Client;
let jlpDistrict: Client;
let wz = '';
let jlp = '';
let evaluationId = '';

interface Problem { code: string; details?: { field: string; message: string }[] }
interface Row { platformId: string; conditionsLost: boolean | null; conditionsNote: string | null }
const lowered = { lowered: [{ condition: 'area', threshold: '800', decidedBy: '市人力社保局', decidedOn: '2024-03-01', reason: '渝东北地区放宽面积要求' }] };
const auditCount = async () => Number((await ctx.database.pool.query<{ n: string }>("select count(*) n from audit_log where action = 'platform.recognition_terms'")).rows[0]!.n);
const recheck = async () => {
  const res = await bureau.call('POST', `/evaluations/${evaluationId}/conditions-recheck`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Row[]>();
};

beforeAll(async () => {
  const db = ctx.database.db;
  // 900 m² is below the market's 1,000 m² (Art 13 (一)); the year's service figures meet the rest.
  for (const [key, district] of [['wz', '500101'], ['jlp', '500107']] as const) {
    const id = await makePlatform(db, { level: 'municipal', type: 'specialized_market', districtCode: district, name: `条款测试${key}` });
    await makeSite(db, id, 900);
    await makeYearData(db, id, 2025, { personTimesServed: { bachelorOrBelow: 5200, postgraduate: 300 } });
    if (key === 'wz') wz = id;
    else jlp = id;
  }
  bureau = await loginAs(ctx.app, (await makeUser(db, 'bureau')).username);
  wzDistrict = await loginAs(ctx.app, (await makeUser(db, 'district', { districtCode: '500101' })).username);
  jlpDistrict = await loginAs(ctx.app, (await makeUser(db, 'district', { districtCode: '500107' })).username);
  const created = await bureau.call('POST', '/evaluations', { year: 2025, schemeId: 'cq-2025', selfEvaluationEnd: shift(5), districtReviewEnd: shift(10), municipalReviewEnd: shift(20) });
  evaluationId = created.json<{ id: string }>().id;
  expect((await bureau.call('POST', `/evaluations/${evaluationId}/open`)).statusCode).toBe(200);
});

describe('recognition terms and the Art 31 re-check', () => {
  it('without terms, the plain table: 900 m² fails the 1,000 m² condition', async () => {
    const rows = await recheck();
    expect(rows.find((r) => r.platformId === wz)).toMatchObject({ conditionsLost: true, conditionsNote: expect.stringContaining('平台建筑面积') });
  });

  it('only the bureau records terms; Art 17 only in 渝东北 and 渝东南; nothing saved on refusal', async () => {
    expect((await wzDistrict.call('PUT', `/platforms/${wz}/recognition-terms`, lowered)).statusCode).toBe(403);
    const outside = await bureau.call('PUT', `/platforms/${jlp}/recognition-terms`, lowered);
    expect(outside.statusCode).toBe(400);
    expect(outside.json<Problem>().details?.[0]).toMatchObject({ field: expect.stringMatching(/^recognitionTerms/), message: expect.stringContaining('第十七条') });
    const unknown = await bureau.call('PUT', `/platforms/${wz}/recognition-terms`, { lowered: [{ ...lowered.lowered[0], condition: 'nothing' }] });
    expect(unknown.statusCode).toBe(400);
    const noWho = await bureau.call('PUT', `/platforms/${wz}/recognition-terms`, { lowered: [{ ...lowered.lowered[0], decidedBy: '' }] });
    expect(noWho.json<Problem>().details?.[0]?.field).toBe('lowered.0.decidedBy');
    expect(await auditCount()).toBe(0);
    expect((await bureau.call('GET', `/platforms/${wz}/recognition-terms`)).json()).toEqual({});
  });

  it('with the lowered threshold it was granted, the same year passes; the district reads the terms of its own platforms only', async () => {
    const res = await bureau.call('PUT', `/platforms/${wz}/recognition-terms`, lowered);
    expect(res.statusCode, res.body).toBe(200);
    expect(await auditCount()).toBe(1);
    expect((await wzDistrict.call('GET', `/platforms/${wz}/recognition-terms`)).json()).toEqual(lowered);
    expect((await jlpDistrict.call('GET', `/platforms/${wz}/recognition-terms`)).statusCode).toBe(404);
    const rows = await recheck();
    expect(rows.find((r) => r.platformId === wz)?.conditionsLost).toBe(false);
    expect(rows.find((r) => r.platformId === jlp)?.conditionsLost).toBe(true);
    // The registry's own check on the detail page applies the same terms.
    const area = async (id: string) => (await bureau.call('GET', `/platforms/${id}/conditions?year=2025`))
      .json<{ result: { conditions: { id: string; status: string; threshold: string }[] } }>().result.conditions.find((c) => c.id === 'area');
    expect(await area(wz)).toMatchObject({ status: 'pass', threshold: expect.stringContaining('800') });
    expect(await area(jlp)).toMatchObject({ status: 'fail' });
  });
});
