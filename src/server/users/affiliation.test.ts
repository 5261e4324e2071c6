import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client, useTestApp } from '../../../test/app.js';
import { makeOrg, makePlatform, makeResidence, makeSite, makeUser, makeYearData, type MadeUser } from '../../../test/factories.js';
import { todayIso } from '../clock.js';

/** An expert's affiliation is set on the account by the bureau or the system administrator, and the conflict-of-interest check uses it. */
const ctx = useTestApp();
const c: Record<string, Client> = {};
let expert: MadeUser;
let operatorOrg = '';
let otherOperatorOrg = '';
let entryUrl = '';

interface Problem { code: string; message: string; details?: { field: string; message: string }[] }
const shift = (n: number) => new Date(Date.parse(`${todayIso()}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const ok = async (who: Client, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, status = 200) => {
  const res = await who.call(method, path, body);
  expect(res.statusCode, `${method} ${path}: ${res.body}`).toBe(status);
  return res;
};

beforeAll(async () => {
  const db = ctx.database.db;
  operatorOrg = await makeOrg(db, 'operator', '500107', '重庆九龙人力资源运营有限公司');
  otherOperatorOrg = await makeOrg(db, 'operator', '500101');
  const platformId = await makePlatform(db, { level: 'municipal', districtCode: '500107', operatorOrgId: operatorOrg, name: '九龙坡回避园' });
  for (let i = 0; i < 8; i++) await makeResidence(db, { platformId, aboveScale: i < 2, revenueYuan: 50_000_000, taxYuan: 300_000 });
  await makeSite(db, platformId, 15_000);
  await makeYearData(db, platformId, 2025, { safety: 'full', valueOrientation: 'sound', researchResults: 1 });
  for (const role of ['admin', 'bureau', 'district'] as const) {
    c[role] = await loginAs(ctx.app, (await makeUser(db, role, role === 'district' ? { districtCode: '500107' } : {})).username);
  }
  const operator = await makeUser(db, 'operator', { organizationId: operatorOrg });
  c.operator = await loginAs(ctx.app, operator.username);
  expert = await makeUser(db, 'expert');
  c.expert = await loginAs(ctx.app, expert.username);

  // An entry forwarded to the bureau, ready for expert assignment.
  const evaluationId = (await ok(c.bureau!, 'POST', '/evaluations', { year: 2025, schemeId: 'cq-2025', selfEvaluationEnd: shift(5), districtReviewEnd: shift(10), municipalReviewEnd: shift(20) }, 201)).json<{ id: string }>().id;
  await ok(c.bureau!, 'POST', `/evaluations/${evaluationId}/open`);
  const entries = (await ok(c.operator, 'GET', `/evaluations/${evaluationId}/entries`)).json<{ id: string; platformId: string }[]>();
  entryUrl = `/evaluations/${evaluationId}/entries/${entries.find((e) => e.platformId === platformId)!.id}`;
  await ok(c.operator, 'POST', `${entryUrl}/submit`);
  const rows = (await ok(c.district!, 'GET', entryUrl)).json<{ sheet: { rows: { code: string; counted: boolean }[] } }>().sheet.rows.filter((r) => r.counted);
  await ok(c.district!, 'PUT', `${entryUrl}/rows/review`, { rows: rows.map((r) => ({ code: r.code, decision: 'accepted' })) });
  await ok(c.district!, 'POST', `${entryUrl}/forward`);
});

describe("an expert's affiliation", () => {
  it('is refused to anyone but the bureau and the system administrator', async () => {
    for (const role of ['district', 'operator', 'expert']) {
      expect((await c[role]!.call('PUT', `/users/${expert.id}/affiliation`, { affiliationOrgId: operatorOrg })).statusCode).toBe(403);
    }
  });

  it('must be an operator, a district government or HRSS bureau, on an expert account, with Chinese field errors', async () => {
    const pool = (await ctx.database.pool.query<{ id: string }>("select id from organizations where kind = 'expert_pool' limit 1")).rows[0]?.id ?? await makeOrg(ctx.database.db, 'expert_pool');
    const notAllowed = await c.bureau!.call('PUT', `/users/${expert.id}/affiliation`, { affiliationOrgId: pool });
    expect(notAllowed.json<Problem>().details?.[0]?.field).toBe('affiliationOrgId');
    expect(notAllowed.json<Problem>().details?.[0]?.message).toBe('所属单位（利益回避）：须为「平台运营机构」、「区县人民政府」、「区县人社局」类机构');
    // A district HRSS bureau is accepted (on another expert): that expert then avoids the district's recognition applications.
    const other = await makeUser(ctx.database.db, 'expert');
    const set = await c.bureau!.call('PUT', `/users/${other.id}/affiliation`, { affiliationOrgId: await makeOrg(ctx.database.db, 'district', '500107') });
    expect(set.statusCode, set.body).toBe(200);
    const notExpert = await c.bureau!.call('PUT', `/users/${(await makeUser(ctx.database.db, 'bureau')).id}/affiliation`, { affiliationOrgId: operatorOrg });
    expect(notExpert.json<Problem>().details?.[0]?.message).toBe('所属单位（利益回避）：只有评审专家账号设置所属单位');
    const malformed = await c.bureau!.call('PUT', `/users/${expert.id}/affiliation`, { affiliationOrgId: 'x' });
    expect(malformed.json<Problem>().details?.[0]).toEqual({ field: 'affiliationOrgId', message: '所属单位（利益回避）：须为机构编号' });
  });

  it('is set by the bureau, shown on the account, audited, and then keeps the expert off that operator’s platform', async () => {
    // Before: nothing ties the expert to the operator. (Not assigned here: the first assignment would start the review.)
    const set = await ok(c.bureau!, 'PUT', `/users/${expert.id}/affiliation`, { affiliationOrgId: operatorOrg });
    expect(set.json()).toMatchObject({ affiliationOrgId: operatorOrg, affiliationOrgName: '重庆九龙人力资源运营有限公司' });
    const listed = (await ok(c.admin!, 'GET', `/users?q=${expert.username}`)).json<{ items: { id: string; affiliationOrgName: string | null }[] }>();
    expect(listed.items.find((x) => x.id === expert.id)?.affiliationOrgName).toBe('重庆九龙人力资源运营有限公司');
    const audit = (await ctx.database.pool.query("select summary from audit_log where action = 'user.affiliation' and entity_id = $1", [expert.id])).rows;
    expect(audit).toEqual([{ summary: { affiliationOrgId: [null, operatorOrg] } }]);

    const refused = await c.bureau!.call('POST', `${entryUrl}/experts`, { expertUserId: expert.id });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<Problem>()).toMatchObject({ code: 'CONFLICT_OF_INTEREST', details: [{ field: 'expertUserId', message: expect.stringContaining('利益冲突') }] });
    expect(Number((await ctx.database.pool.query('select count(*) n from expert_assignments where expert_user_id = $1', [expert.id])).rows[0].n)).toBe(0);
  });

  it('changed by the system administrator to another operator, frees the expert for this platform', async () => {
    await ok(c.admin!, 'PUT', `/users/${expert.id}/affiliation`, { affiliationOrgId: otherOperatorOrg });
    await ok(c.bureau!, 'POST', `${entryUrl}/experts`, { expertUserId: expert.id }, 201);
    await ok(c.admin!, 'PUT', `/users/${expert.id}/affiliation`, { affiliationOrgId: null });
    expect(Number((await ctx.database.pool.query("select count(*) n from audit_log where action = 'user.affiliation' and entity_id = $1", [expert.id])).rows[0].n)).toBe(3);
  });
});
