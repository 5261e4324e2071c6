/** Art 16 on a real database: districts' policies by version, the district's decision, one per type, 备案 and its scope. */
import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, useTestApp, type Client } from '../../../test/app.js';
import { makeOrg, makePlatform, makeSite, makeUser, makeYearData } from '../../../test/factories.js';

const ctx = useTestApp();
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};
const count = async (sql: string, params: unknown[] = []) => Number((await ctx.database.pool.query<{ n: string }>(sql, params)).rows[0]!.n);

interface Check { errors: { code: string; message: string }[]; result: { outcome: string; conditions: { id: string; status: string; threshold: string }[] } | null }
interface Filing { platformStatus: string; steps: string[]; filing: { state: string; quotaReason: string | null } | null; quota: { exceeded: boolean } }

async function market(name: string, area: number, personTimes: number, districtCode = '500107') {
  const db = ctx.database.db;
  const id = await makePlatform(db, { level: 'district', type: 'specialized_market', districtCode, name, status: 'pending_filing' });
  await makeSite(db, id, area);
  await makeYearData(db, id, 2024, { personTimesServed: { bachelorOrBelow: personTimes } });
  return id;
}

const policy = (area: string, effectiveFrom: string, docNo: string) =>
  ({ docNo, effectiveFrom, thresholds: { specialized_market: { area, 'serviceEffect.personTimes': '2000' } } });

beforeAll(async () => {
  const db = ctx.database.db;
  ids.a = await market('九龙坡甲人才市场', 600, 3000);
  ids.b = await market('九龙坡乙人才市场', 900, 3000);
  ids.wz = await market('万州人才市场', 600, 3000, '500101');
  const op = await makeOrg(db, 'operator', '500107');
  const users = {
    bureau: await makeUser(db, 'bureau'),
    district: await makeUser(db, 'district', { districtCode: '500107' }),
    wz: await makeUser(db, 'district', { districtCode: '500101' }),
    district_gov: await makeUser(db, 'district_gov', { districtCode: '500107' }),
    operator: await makeUser(db, 'operator', { organizationId: op }),
    expert: await makeUser(db, 'expert'),
  };
  for (const [role, u] of Object.entries(users)) c[role] = await loginAs(ctx.app, u.username);
});

describe('district policies (versioned) and the check', () => {
  it('without a policy the check says so and links to the page; the decision is refused', async () => {
    const check = (await c.district!.call('GET', `/platforms/${ids.a}/conditions?year=2024`)).json<Check>();
    expect(check.errors[0]!.code).toBe('DISTRICT_POLICY_REQUIRED');
    expect(check.errors[0]!.message).toContain('请区县人社局在「区县认定政策」页面登记');
    const res = await c.district!.call('POST', `/platforms/${ids.a}/district-filing/decide`, { year: 2024, docNo: '九龙坡人社发〔2025〕1号', decidedOn: '2025-03-01' });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ code: string }>().code).toBe('DISTRICT_POLICY_REQUIRED');
  });

  it('keeps each district\'s policy to itself; the bureau reads all and writes none', async () => {
    const v1 = await c.district!.call('POST', '/district-policies', policy('500', '2024-01-01', '九龙坡人社发〔2024〕2号'));
    expect(v1.statusCode, v1.body).toBe(201);
    expect(await count("select count(*) n from audit_log where action = 'district_policy.create'")).toBe(1);
    const raise = await c.district!.call('POST', '/district-policies', policy('2000', '2024-01-01', 'x'));
    expect(raise.statusCode).toBe(400);
    expect(raise.body).toContain('只能降低标准');
    expect((await c.wz!.call('GET', '/district-policies?districtCode=500107')).statusCode).toBe(404);
    expect((await c.wz!.call('GET', '/district-policies')).json<{ versions: unknown[] }>().versions).toEqual([]);
    expect((await c.bureau!.call('GET', '/district-policies')).json<{ versions: { districtCode: string }[] }>().versions.map((v) => v.districtCode)).toEqual(['500107']);
    expect((await c.bureau!.call('POST', '/district-policies', policy('500', '2024-01-01', 'x'))).statusCode).toBe(403);
    for (const role of ['district_gov', 'operator', 'expert'] as const) {
      expect((await c[role]!.call('GET', '/district-policies')).statusCode).toBe(403);
      expect((await c[role]!.call('POST', '/district-policies', policy('500', '2024-01-01', 'x'))).statusCode).toBe(403);
    }
  });

  it('judges a platform by the version in force at its recognition date, a new one by today\'s', async () => {
    const res = await c.district!.call('POST', `/platforms/${ids.a}/district-filing/decide`, { year: 2024, docNo: '九龙坡人社发〔2025〕1号', decidedOn: '2025-03-01' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Filing>().filing!.state).toBe('decided');
    // A stricter later version (800 m²): A, recognized under the first, still passes; a new platform of 600 m² would not.
    expect((await c.district!.call('POST', '/district-policies', policy('800', '2025-06-01', '九龙坡人社发〔2025〕7号'))).statusCode).toBe(201);
    const a = (await c.district!.call('GET', `/platforms/${ids.a}/conditions?year=2024`)).json<Check>();
    expect(a.result!.conditions.find((x) => x.id === 'area')).toMatchObject({ status: 'pass', threshold: '≥ 500 平方米' });
    const fresh = await market('九龙坡丙人才市场', 600, 3000);
    const f = (await c.district!.call('GET', `/platforms/${fresh}/conditions?year=2024`)).json<Check>();
    expect(f.result!.conditions.find((x) => x.id === 'area')).toMatchObject({ status: 'fail', threshold: '≥ 800 平方米' });
    await ctx.database.pool.query('delete from platforms where id = $1', [fresh]);
  });
});

describe('one per type per district', () => {
  it('refuses a second platform of a type without a reason, records it with one, and flags it to the bureau', async () => {
    const body = { year: 2024, docNo: '九龙坡人社发〔2025〕12号', decidedOn: '2025-06-15' };
    const refused = await c.district!.call('POST', `/platforms/${ids.b}/district-filing/decide`, body);
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ code: string; details: { field: string }[] }>()).toMatchObject({ code: 'QUOTA_REASON_REQUIRED', details: [{ field: 'quotaReason' }] });
    const ok = await c.district!.call('POST', `/platforms/${ids.b}/district-filing/decide`, { ...body, quotaReason: '服务西部物流园区，与甲市场服务对象不同' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<Filing>().filing!.quotaReason).toBe('服务西部物流园区，与甲市场服务对象不同');
    const flagged = (await c.bureau!.call('GET', '/district-filings?exceptions=true')).json<{ platformId: string; exception: boolean }[]>();
    expect(flagged.map((r) => r.platformId)).toEqual([ids.b]);
  });
});

describe('备案', () => {
  it('files, is questioned, answers, and is acknowledged; only then is the platform 已备案', async () => {
    const notes = (kind: string) => count('select count(*) n from notifications where kind = $1', [kind]);
    expect((await c.bureau!.call('POST', `/platforms/${ids.a}/district-filing/acknowledge`, {})).statusCode).toBe(409);
    const filed = await c.district!.call('POST', `/platforms/${ids.a}/district-filing/file`, {});
    expect(filed.statusCode, filed.body).toBe(200);
    expect(filed.json<Filing>()).toMatchObject({ platformStatus: 'pending_filing', filing: { state: 'pending' } });
    expect(await notes('district.filing.submitted')).toBe(1);
    expect((await c.district!.call('POST', `/platforms/${ids.a}/district-filing/acknowledge`, {})).statusCode).toBe(403);
    expect((await c.bureau!.call('POST', `/platforms/${ids.a}/district-filing/question`, {})).statusCode).toBe(400);
    const q = await c.bureau!.call('POST', `/platforms/${ids.a}/district-filing/question`, { text: '请补充场地产权证明' });
    expect(q.json<Filing>().filing!.state).toBe('questioned');
    expect(await notes('district.filing.questioned')).toBe(1);
    expect((await c.district!.call('POST', `/platforms/${ids.a}/district-filing/file`, {})).statusCode).toBe(400);
    expect((await c.district!.call('POST', `/platforms/${ids.a}/district-filing/file`, { text: '已上传产权证明' })).statusCode).toBe(200);
    const ack = await c.bureau!.call('POST', `/platforms/${ids.a}/district-filing/acknowledge`, { text: '同意备案' });
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json<Filing>()).toMatchObject({ platformStatus: 'filed', filing: { state: 'acknowledged' }, steps: [] });
    expect(await notes('district.filing.acknowledged')).toBe(1);
    expect(await count("select count(*) n from platform_status_history where platform_id = $1 and from_status = 'pending_filing' and to_status = 'filed'", [ids.a])).toBe(1);
    for (const action of ['district_filing.decide', 'district_filing.file', 'district_filing.question', 'district_filing.acknowledge']) {
      expect(await count('select count(*) n from audit_log where action = $1 and entity_id = $2', [action, ids.a]), action).toBeGreaterThan(0);
    }
    expect((await c.bureau!.call('POST', `/platforms/${ids.a}/district-filing/acknowledge`, {})).statusCode).toBe(409);
    expect((await c.bureau!.call('GET', '/district-filings?state=acknowledged')).json<{ platformId: string }[]>().map((r) => r.platformId)).toEqual([ids.a]);
  });

  it('keeps filings in scope: another district neither reads nor writes them; government, operator and expert are refused', async () => {
    expect((await c.wz!.call('GET', `/platforms/${ids.b}/district-filing`)).statusCode).toBe(404);
    expect((await c.wz!.call('POST', `/platforms/${ids.b}/district-filing/file`, {})).statusCode).toBe(404);
    expect((await c.wz!.call('POST', `/platforms/${ids.b}/district-filing/decide`, { year: 2024, docNo: 'x', decidedOn: '2025-01-01' })).statusCode).toBe(404);
    expect((await c.wz!.call('GET', '/district-filings')).json<unknown[]>()).toEqual([]);
    expect((await c.wz!.call('GET', '/district-filings?districtCode=500107')).statusCode).toBe(404);
    expect((await c.district!.call('POST', `/platforms/${ids.wz}/district-filing/decide`, { year: 2024, docNo: 'x', decidedOn: '2025-01-01' })).statusCode).toBe(404);
    for (const role of ['district_gov', 'operator', 'expert'] as const) {
      expect((await c[role]!.call('GET', `/platforms/${ids.b}/district-filing`)).statusCode).toBe(403);
      expect((await c[role]!.call('GET', '/district-filings')).statusCode).toBe(403);
      expect((await c[role]!.call('POST', `/platforms/${ids.b}/district-filing/file`, {})).statusCode).toBe(403);
      expect((await c[role]!.call('POST', `/platforms/${ids.b}/district-filing/acknowledge`, {})).statusCode).toBe(403);
    }
  });
});

