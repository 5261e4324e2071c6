import { beforeAll, describe, expect, it } from 'vitest';
import { readXlsx } from '../../../test/xlsx.js';
import { loginAs, useTestApp, type Client } from '../../../test/app.js';
import { makeEnterprise, makeOrg, makePlatform, makeResidence, makeUscc, makeUser } from '../../../test/factories.js';

const ctx = useTestApp();
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};
const count = async (sql: string, params: unknown[] = []) => Number((await ctx.database.pool.query<{ n: string }>(sql, params)).rows[0]!.n);

beforeAll(async () => {
  const db = ctx.database.db;
  ids.op = await makeOrg(db, 'operator', '500107');
  ids.jlp = await makePlatform(db, { districtCode: '500107', operatorOrgId: ids.op, name: '九龙坡园' });
  ids.jlp2 = await makePlatform(db, { districtCode: '500107', name: '九龙坡二园' });
  ids.wz = await makePlatform(db, { districtCode: '500101', name: '万州园' });
  ids.yc = await makePlatform(db, { districtCode: '500118', name: '永川园' });
  for (const [role, opts] of [['bureau', {}], ['district', { districtCode: '500107' }], ['wzDistrict', { districtCode: '500101' }], ['gov', { districtCode: '500107' }], ['operator', { organizationId: ids.op }]] as const) {
    const r = role === 'wzDistrict' ? 'district' : role === 'gov' ? 'district_gov' : role;
    c[role] = await loginAs(ctx.app, (await makeUser(db, r, opts)).username);
  }
});

const body = (over: Record<string, unknown> = {}) => ({
  year: 2025, uscc: makeUscc(), name: '重庆测试人力资源有限公司', industry: 'L 租赁和商务服务业', isHrService: true, aboveScale: true,
  mode: 'offline', entryDate: '2024-03-01', revenueYuan: 15_000_000, passThroughYuan: 2_000_000, taxYuan: 300_000, ...over,
});

describe('residences and the USCC check', () => {
  it('creates the enterprise by code and the residence, audited', async () => {
    const code = makeUscc();
    // Pasted codes come with spaces and lower case; they are kept as written by the registry.
    const ok = await c.operator!.call('POST', `/platforms/${ids.jlp!}/residences`, body({ uscc: ` ${code.slice(0, 9).toLowerCase()} ${code.slice(9)} ` }));
    expect(ok.statusCode, ok.body).toBe(201);
    const row = ok.json<{ id: string; uscc: string; industry: string; isServiceIndustry: boolean; atYearEnd: boolean; aboveScale: boolean; revenueYuan: number }>();
    expect(row).toMatchObject({ uscc: code, industry: 'L', isServiceIndustry: true, atYearEnd: true, aboveScale: true, revenueYuan: 15_000_000 });
    expect(await count("select count(*) n from audit_log where action = 'residence.create' and entity_id = $1", [row.id])).toBe(1);
  });

  it('refuses a code with a wrong check character, naming the expected one, and writes nothing', async () => {
    const good = makeUscc();
    const wrong = `${good.slice(0, 17)}${good.endsWith('0') ? '1' : '0'}`;
    const before = await count('select count(*) n from enterprises');
    const res = await c.operator!.call('POST', `/platforms/${ids.jlp!}/residences`, body({ uscc: wrong }));
    expect(res.statusCode).toBe(400);
    const err = res.json<{ details: { field: string; message: string }[] }>().details[0]!;
    expect(err.field).toBe('uscc');
    expect(err.message).toContain(`统一社会信用代码：校验位错误，应为 ${good.charAt(17)}`);
    expect(await count('select count(*) n from enterprises')).toBe(before);
    const accepted = await c.operator!.call('POST', `/platforms/${ids.jlp!}/residences`, body({ uscc: wrong, usccOverrideReason: '营业执照原件如此，已核对' }));
    expect(accepted.statusCode, accepted.body).toBe(201);
    expect(accepted.json<{ usccOverrideReason: string }>().usccOverrideReason).toBe('营业执照原件如此，已核对');
    const bad = await c.operator!.call('POST', `/platforms/${ids.jlp!}/residences`, body({ uscc: 'ABC', usccOverrideReason: '理由' }));
    expect(bad.json<{ message: string }>().message).toMatch(/^统一社会信用代码：应为 18 位/);
  });

  it('rejects non-integer and negative money, and pass-through above revenue', async () => {
    for (const [field, value] of [['revenueYuan', 12.5], ['taxYuan', -1], ['passThroughYuan', 20_000_000]] as const) {
      const res = await c.operator!.call('POST', `/platforms/${ids.jlp!}/residences`, body({ [field]: value }));
      expect(res.statusCode, field).toBe(400);
      expect(res.json<{ details: { field: string }[] }>().details[0]!.field).toBe(field);
    }
  });

  it('refuses a second residence of the same enterprise in the same platform and year', async () => {
    const b = body();
    expect((await c.bureau!.call('POST', `/platforms/${ids.jlp2!}/residences`, b)).statusCode).toBe(201);
    expect((await c.bureau!.call('POST', `/platforms/${ids.jlp2!}/residences`, b)).statusCode).toBe(409);
  });

  it('scopes reads and writes', async () => {
    const r = await makeResidence(ctx.database.db, { platformId: ids.wz! });
    expect((await c.district!.call('GET', `/platforms/${ids.wz!}/residences?year=2025`)).statusCode).toBe(404);
    expect((await c.district!.call('PATCH', `/residences/${r.id}`, { taxYuan: 1 })).statusCode).toBe(404);
    expect((await c.operator!.call('DELETE', `/residences/${r.id}`)).statusCode).toBe(404);
    const own = await makeResidence(ctx.database.db, { platformId: ids.jlp! });
    expect((await c.gov!.call('PATCH', `/residences/${own.id}`, { taxYuan: 1 })).statusCode).toBe(403);
    expect((await c.gov!.call('DELETE', `/residences/${own.id}`)).statusCode).toBe(403);
    const patched = await c.operator!.call('PATCH', `/residences/${own.id}`, { exitDate: '2025-12-31', aboveScale: true });
    expect(patched.json<{ atYearEnd: boolean; aboveScale: boolean }>()).toEqual(expect.objectContaining({ atYearEnd: false, aboveScale: true }));
    expect((await c.operator!.call('DELETE', `/residences/${own.id}`)).statusCode).toBe(204);
    expect(await count("select count(*) n from audit_log where action in ('residence.update', 'residence.delete') and entity_id = $1", [own.id])).toBe(2);
  });
});

describe('a residence naming another district’s enterprise (issue #10, cross-scope write)', () => {
  const enterpriseRow = async (id: string) => (await ctx.database.pool.query(
    'select e.name, e.industry, e.is_hr_service, e.uscc_override_reason, e.updated_at, y.above_scale from enterprises e left join enterprise_years y on y.enterprise_id = e.id and y.year = 2025 where e.id = $1', [id])).rows[0] as Record<string, unknown>;

  it('links the residence and leaves the shared record, its above-scale flag and the other platform’s counts as they were', async () => {
    const db = ctx.database.db;
    const shared = await makeEnterprise(db, { name: '万州共享企业', industry: 'L', isHrService: true, aboveScale: { year: 2025, value: true } });
    await makeResidence(db, { platformId: ids.wz!, enterpriseId: shared.id });
    const before = await enterpriseRow(shared.id);
    const wzBefore = (await c.wzDistrict!.call('GET', `/platforms/${ids.wz!}/residences?year=2025&isHrService=true&aboveScale=true`)).json<{ total: number }>().total;
    for (const [role, platform] of [['operator', ids.jlp!], ['district', ids.jlp2!]] as const) {
      const res = await c[role]!.call('POST', `/platforms/${platform}/residences`, body({ uscc: shared.uscc, name: '被改掉的名称', industry: 'C 制造业', isHrService: false, aboveScale: false }));
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json<{ enterpriseName: string }>().enterpriseName).toBe('万州共享企业');
    }
    expect(await enterpriseRow(shared.id)).toEqual(before);
    expect((await c.wzDistrict!.call('GET', `/platforms/${ids.wz!}/residences?year=2025&isHrService=true&aboveScale=true`)).json<{ total: number }>().total).toBe(wzBefore);
    // Now resident in 九龙坡 too, it is still not 九龙坡's to rename: it is shared with 万州.
    expect((await c.operator!.call('PATCH', `/enterprises/${shared.id}`, { name: '被改掉的名称' })).statusCode).toBe(403);
    expect((await c.district!.call('PATCH', `/enterprises/${shared.id}`, { isHrService: false })).statusCode).toBe(403);
    expect(await enterpriseRow(shared.id)).toEqual(before);
    expect(await count("select count(*) n from audit_log where action = 'enterprise.update' and entity_id = $1", [shared.id])).toBe(0);
  });

  it('still updates the shared record for the bureau and for whoever edits a platform it resides in', async () => {
    const db = ctx.database.db;
    const own = await makeEnterprise(db, { name: '九龙坡自有企业', aboveScale: { year: 2025, value: false } });
    await makeResidence(db, { platformId: ids.jlp!, enterpriseId: own.id });
    const res = await c.district!.call('POST', `/platforms/${ids.jlp2!}/residences`, body({ uscc: own.uscc, name: '九龙坡自有企业（更名）', aboveScale: true }));
    expect(res.statusCode, res.body).toBe(201);
    expect(await enterpriseRow(own.id)).toMatchObject({ name: '九龙坡自有企业（更名）', above_scale: true });
    const elsewhere = await makeEnterprise(db, { name: '永川企业' });
    await makeResidence(db, { platformId: ids.yc!, enterpriseId: elsewhere.id });
    expect((await c.bureau!.call('POST', `/platforms/${ids.wz!}/residences`, body({ uscc: elsewhere.uscc, name: '永川企业（市局更正）' }))).statusCode).toBe(201);
    expect(await enterpriseRow(elsewhere.id)).toMatchObject({ name: '永川企业（市局更正）' });
  });
});

describe('enterprises resident offline in two platforms', () => {
  let shared: string;
  beforeAll(async () => {
    const db = ctx.database.db;
    shared = (await makeEnterprise(db, { name: '双园重复企业' })).id;
    await makeResidence(db, { platformId: ids.jlp!, enterpriseId: shared, year: 2024 });
    await makeResidence(db, { platformId: ids.wz!, enterpriseId: shared, year: 2024 });
    // Online in a third platform: not an offline duplicate there.
    await makeResidence(db, { platformId: ids.yc!, enterpriseId: shared, year: 2024, mode: 'online' });
    // Offline in two platforms of other districts only: 九龙坡 does not see it.
    const elsewhere = (await makeEnterprise(db, { name: '外区重复企业' })).id;
    await makeResidence(db, { platformId: ids.wz!, enterpriseId: elsewhere, year: 2024 });
    await makeResidence(db, { platformId: ids.yc!, enterpriseId: elsewhere, year: 2024 });
  });

  it('flags the residence rows', async () => {
    const rows = (await c.operator!.call('GET', `/platforms/${ids.jlp!}/residences?year=2024&duplicateOffline=true`)).json<{ items: { enterpriseName: string; duplicateOffline: boolean }[] }>().items;
    expect(rows.map((r) => r.enterpriseName)).toEqual(['双园重复企业']);
    const online = (await c.bureau!.call('GET', `/platforms/${ids.yc!}/residences?year=2024&mode=online`)).json<{ items: { duplicateOffline: boolean }[] }>().items;
    expect(online[0]!.duplicateOffline).toBe(false);
  });

  it('lists them to the bureau and to both districts, each seeing the pairs touching it', async () => {
    const names = async (client: Client) => (await client.call('GET', '/residences/duplicates?year=2024')).json<{ enterpriseName: string; residences: { districtName: string }[] }[]>();
    expect((await names(c.bureau!)).map((d) => d.enterpriseName).sort()).toEqual(['双园重复企业', '外区重复企业']);
    const jlp = await names(c.district!);
    expect(jlp.map((d) => d.enterpriseName)).toEqual(['双园重复企业']);
    expect(jlp[0]!.residences.map((r) => r.districtName).sort()).toEqual(['万州区', '九龙坡区']);
    expect((await names(c.wzDistrict!)).map((d) => d.enterpriseName).sort()).toEqual(['双园重复企业', '外区重复企业']);
    expect((await names(c.gov!)).map((d) => d.enterpriseName)).toEqual(['双园重复企业']);
    expect((await c.operator!.call('GET', '/residences/duplicates?year=2024')).statusCode).toBe(403);
  });
});

describe('enterprise lists', () => {
  it('shows a district only enterprises resident in its platforms', async () => {
    const e = await makeEnterprise(ctx.database.db, { name: '仅万州企业' });
    await makeResidence(ctx.database.db, { platformId: ids.wz!, enterpriseId: e.id });
    const jlp = (await c.district!.call('GET', '/enterprises?q=仅万州企业')).json<{ total: number }>();
    expect(jlp.total).toBe(0);
    expect((await c.district!.call('GET', `/enterprises/${e.id}`)).statusCode).toBe(404);
    expect((await c.wzDistrict!.call('GET', `/enterprises/${e.id}`)).statusCode).toBe(200);
    expect((await c.district!.call('PATCH', `/enterprises/${e.id}`, { name: '改名' })).statusCode).toBe(404);
  });

  it('exports residences with the import template’s columns, matching the filtered list', async () => {
    const list = (await c.operator!.call('GET', `/platforms/${ids.jlp!}/residences?year=2025&pageSize=100`)).json<{ items: { uscc: string }[] }>().items;
    const res = await c.operator!.call('GET', `/platforms/${ids.jlp!}/residences/export?year=2025`);
    expect(res.statusCode).toBe(200);
    const wb = await readXlsx(res.rawPayload);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('统一社会信用代码');
    const codes: string[] = [];
    ws.eachRow((row, n) => { if (n > 1) codes.push(row.getCell(1).text); });
    expect(codes).toEqual(list.map((r) => r.uscc));
    expect(codes.length).toBeGreaterThan(0);
  });
});
