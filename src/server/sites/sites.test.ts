import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, useTestApp, type Client } from '../../../test/app.js';
import { makeOrg, makePlatform, makeUser } from '../../../test/factories.js';

const ctx = useTestApp();
let operator: Client;
let platformId: string;
const audits = async (action: string) => Number((await ctx.database.pool.query<{ n: string }>('select count(*) n from audit_log where action = $1', [action])).rows[0]!.n);

beforeAll(async () => {
  const op = await makeOrg(ctx.database.db, 'operator', '500107');
  platformId = await makePlatform(ctx.database.db, { operatorOrgId: op });
  operator = await loginAs(ctx.app, (await makeUser(ctx.database.db, 'operator', { organizationId: op })).username);
});

describe('sites and staff', () => {
  it('keeps areas exact to the hundredth and counts them on the detail page', async () => {
    const a = await operator.call('POST', `/platforms/${platformId}/sites`, { name: '主楼', address: '科城路 1 号', buildingAreaM2: 8000.25 });
    expect(a.statusCode, a.body).toBe(201);
    await operator.call('POST', `/platforms/${platformId}/sites`, { name: '副楼', address: '科城路 3 号', buildingAreaM2: 2000.5 });
    const detail = (await operator.call('GET', `/platforms/${platformId}`)).json<{ siteCount: number; totalAreaM2: number }>();
    expect(detail).toMatchObject({ siteCount: 2, totalAreaM2: 10000.75 });
    const bad = await operator.call('POST', `/platforms/${platformId}/sites`, { name: '三楼', address: '某路', buildingAreaM2: 1.234 });
    expect(bad.json<{ message: string }>().message).toBe('建筑面积（平方米）：最多两位小数');
    const site = a.json<{ id: string }>();
    expect((await operator.call('PATCH', `/platforms/${platformId}/sites/${site.id}`, { buildingAreaM2: 9000 })).json<{ buildingAreaM2: number }>().buildingAreaM2).toBe(9000);
    expect((await operator.call('DELETE', `/platforms/${platformId}/sites/${site.id}`)).statusCode).toBe(204);
    expect([await audits('site.create'), await audits('site.update'), await audits('site.delete')]).toEqual([2, 1, 1]);
  });

  it('counts full-time staff by team and title', async () => {
    for (const s of [
      { name: '甲', team: 'management' }, { name: '乙', team: 'management', fullTime: false },
      { name: '丙', team: 'operating', professionalTitle: '经济师' }, { name: '丁', team: 'operating' },
    ]) expect((await operator.call('POST', `/platforms/${platformId}/staff`, s)).statusCode).toBe(201);
    const detail = (await operator.call('GET', `/platforms/${platformId}`)).json<{ staff: unknown }>();
    expect(detail.staff).toEqual({ managementFullTime: 1, operatingFullTime: 2, operatingTitled: 1 });
    const bad = await operator.call('POST', `/platforms/${platformId}/staff`, { name: '戊', team: 'sales' });
    expect(bad.json<{ details: { field: string; message: string }[] }>().details[0]).toMatchObject({ field: 'team' });
    expect(bad.json<{ message: string }>().message).toMatch(/^所属团队：/);
  });
});
