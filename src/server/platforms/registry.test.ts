import { beforeAll, describe, expect, it } from 'vitest';
import { readXlsx } from '../../../test/xlsx.js';
import { loginAs, useTestApp, type Client } from '../../../test/app.js';
import { makeOrg, makePlatform, makeUser } from '../../../test/factories.js';

const ctx = useTestApp();
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};

const count = async (sql: string, params: unknown[] = []) => Number((await ctx.database.pool.query<{ n: string }>(sql, params)).rows[0]!.n);
const audits = (action: string, entityId: string) => count('select count(*) n from audit_log where action = $1 and entity_id = $2', [action, entityId]);

beforeAll(async () => {
  const db = ctx.database.db;
  const op = await makeOrg(db, 'operator', '500107');
  ids.op = op;
  ids.own = await makePlatform(db, { districtCode: '500107', operatorOrgId: op, name: '九龙坡甲园', contactName: '张三', contactPhone: '13812345678' });
  ids.districtLevel = await makePlatform(db, { districtCode: '500107', level: 'district', type: 'specialized_park', name: '九龙坡区级园' });
  ids.wz = await makePlatform(db, { districtCode: '500101', name: '万州丙园', contactPhone: '13900001111' });
  const users = {
    admin: await makeUser(db, 'admin'),
    bureau: await makeUser(db, 'bureau'),
    district: await makeUser(db, 'district', { districtCode: '500107' }),
    district_gov: await makeUser(db, 'district_gov', { districtCode: '500107' }),
    operator: await makeUser(db, 'operator', { organizationId: op }),
    expert: await makeUser(db, 'expert'),
  };
  for (const [role, u] of Object.entries(users)) c[role] = await loginAs(ctx.app, u.username);
});

describe('platform details and edits', () => {
  it('keeps the list shape, adds fields, and masks phones in lists', async () => {
    const res = await c.bureau!.call('GET', '/platforms?q=九龙坡甲园');
    const row = res.json<{ items: Record<string, unknown>[] }>().items[0]!;
    expect(Object.keys(row)).toEqual(expect.arrayContaining(['id', 'name', 'level', 'type', 'districtCode', 'districtName', 'operatorOrgId', 'operatorName', 'status', 'recognizedAt', 'category', 'carrier']));
    expect(row.contactPhone).toBe('138****5678');
    expect(row.category).toBe('park');
  });

  it('tells the caller what it may do', async () => {
    const op = (await c.operator!.call('GET', `/platforms/${ids.own!}`)).json<{ canEdit: boolean; editableFields: string[]; allowedTransitions: unknown[] }>();
    expect(op.canEdit).toBe(true);
    expect(op.editableFields.sort()).toEqual(['contactName', 'contactPhone', 'services']);
    expect(op.allowedTransitions).toEqual([]);
    const gov = (await c.district_gov!.call('GET', `/platforms/${ids.own!}`)).json<{ canEdit: boolean; canViewContact: boolean }>();
    expect(gov).toMatchObject({ canEdit: false, canViewContact: false });
    const bureau = (await c.bureau!.call('GET', `/platforms/${ids.own!}`)).json<{ allowedTransitions: { to: string }[] }>();
    expect(bureau.allowedTransitions.map((t) => t.to).sort()).toEqual(['exited', 'rectifying', 'revoked']);
  });

  it('lets an operator change contacts and services only, audited with a masked phone', async () => {
    const ok = await c.operator!.call('PATCH', `/platforms/${ids.own!}`, { contactName: '李四', contactPhone: '13700001234', services: ['policy', 'financing'] });
    expect(ok.statusCode, ok.body).toBe(200);
    const summary = (await ctx.database.pool.query('select summary::text s from audit_log where action = $1 and entity_id = $2 order by at desc limit 1', ['platform.update', ids.own])).rows[0].s as string;
    expect(summary).toContain('137****1234');
    expect(summary).not.toContain('13700001234');
    const before = await audits('platform.update', ids.own!);
    const refused = await c.operator!.call('PATCH', `/platforms/${ids.own!}`, { contactName: '王五', level: 'national', recognitionDocNo: '渝人社〔2025〕1号' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ message: string }>().message).toBe('您无权修改：认定文号、层级');
    expect((await c.bureau!.call('GET', `/platforms/${ids.own!}`)).json<{ contactName: string }>().contactName).toBe('李四');
    expect(await audits('platform.update', ids.own!)).toBe(before);
  });

  it('lets a district unit edit recognition data of its district-level platforms only', async () => {
    expect((await c.district!.call('PATCH', `/platforms/${ids.districtLevel!}`, { orientation: 'industry', recognitionDocNo: '九人社〔2024〕8号' })).statusCode).toBe(200);
    const municipal = await c.district!.call('PATCH', `/platforms/${ids.own!}`, { recognitionDocNo: 'X' });
    expect(municipal.statusCode).toBe(403);
    expect((await c.district!.call('PATCH', `/platforms/${ids.wz!}`, { name: '改名' })).statusCode).toBe(404);
    expect((await c.district_gov!.call('PATCH', `/platforms/${ids.own!}`, { contactName: 'x' })).statusCode).toBe(403);
  });

  it('refuses an orientation for a park that is not specialized, naming the field', async () => {
    const res = await c.bureau!.call('PATCH', `/platforms/${ids.own!}`, { orientation: 'industry' });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ details: { field: string }[] }>().details[0]!.field).toBe('orientation');
  });

  it('shows the full phone only to those who deal with the platform, and audits each look', async () => {
    const before = await audits('platform.view_contact', ids.own!);
    const res = await c.district!.call('GET', `/platforms/${ids.own!}/contact`);
    expect(res.json<{ contactPhone: string }>().contactPhone).toBe('13700001234');
    expect(await audits('platform.view_contact', ids.own!)).toBe(before + 1);
    expect((await c.district_gov!.call('GET', `/platforms/${ids.own!}/contact`)).statusCode).toBe(403);
    expect((await c.operator!.call('GET', `/platforms/${ids.wz!}/contact`)).statusCode).toBe(404);
    expect(await audits('platform.view_contact', ids.own!)).toBe(before + 1);
  });
});

describe('registering platforms', () => {
  it('lets a district unit file a district-level platform in its own district, with a history row', async () => {
    const res = await c.district!.call('POST', '/platforms', { name: '九龙坡新园', level: 'district', type: 'comprehensive_park', districtCode: '500107', services: ['policy'] });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json<{ id: string; status: string }>();
    expect(p.status).toBe('pending_filing');
    expect(await count('select count(*) n from platform_status_history where platform_id = $1 and to_status = $2 and from_status is null', [p.id, 'pending_filing'])).toBe(1);
    expect(await audits('platform.create', p.id)).toBe(1);
  });

  it('refuses a district unit a municipal platform or another district', async () => {
    const municipal = await c.district!.call('POST', '/platforms', { name: 'x', level: 'municipal', type: 'comprehensive_park', districtCode: '500107' });
    expect(municipal.statusCode).toBe(400);
    expect(municipal.json<{ message: string }>().message).toMatch(/^层级：/);
    const other = await c.district!.call('POST', '/platforms', { name: 'x', level: 'district', type: 'comprehensive_park', districtCode: '500101' });
    expect(other.json<{ details: { field: string }[] }>().details[0]!.field).toBe('districtCode');
    for (const role of ['operator', 'district_gov', 'expert']) {
      expect((await c[role]!.call('POST', '/platforms', { name: 'x', level: 'district', type: 'comprehensive_park', districtCode: '500107' })).statusCode).toBe(403);
    }
  });

  it('accepts a branch only as a district-level platform of a national or municipal parent', async () => {
    // A municipal platform is never registered here (Art 14, 15); a district-level parent is refused.
    const bad = await c.bureau!.call('POST', '/platforms', { name: '分园', level: 'district', type: 'comprehensive_park', districtCode: '500101', parentPlatformId: ids.districtLevel });
    expect(bad.json<{ details: { field: string; message: string }[] }>().details[0]).toEqual({ field: 'parentPlatformId', message: '上级平台：须为国家级或市级平台' });
    const ok = await c.bureau!.call('POST', '/platforms', { name: '九龙坡甲园万州分园', level: 'district', type: 'comprehensive_park', districtCode: '500101', parentPlatformId: ids.own });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json<{ parentPlatformName: string }>().parentPlatformName).toBe('九龙坡甲园');
  });
});

describe('lifecycle', () => {
  it('records an allowed change with its history row and audit row', async () => {
    const id = await makePlatform(ctx.database.db, { districtCode: '500107', name: '整改园' });
    const res = await c.bureau!.call('POST', `/platforms/${id}/status`, { to: 'rectifying', reason: '年度评估不合格，责令整改', effectiveDate: '2025-06-01' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ status: string }>().status).toBe('rectifying');
    const history = (await c.bureau!.call('GET', `/platforms/${id}/history`)).json<{ fromStatus: string; toStatus: string; reason: string; effectiveDate: string }[]>();
    expect(history[0]).toMatchObject({ fromStatus: 'recognized', toStatus: 'rectifying', reason: '年度评估不合格，责令整改', effectiveDate: '2025-06-01' });
    expect(await audits('platform.status', id)).toBe(1);
  });

  it('refuses a change the table does not allow, and one that is the bureau’s, writing nothing', async () => {
    const id = await makePlatform(ctx.database.db, { districtCode: '500107', name: '拒绝园' });
    const bad = await c.bureau!.call('POST', `/platforms/${id}/status`, { to: 'filed', reason: '错误', effectiveDate: '2025-06-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ code: string; message: string }>()).toMatchObject({ code: 'TRANSITION_REFUSED', message: '状态：不允许从「已认定」变更为「已备案」' });
    const district = await c.district!.call('POST', `/platforms/${id}/status`, { to: 'revoked', reason: '撤销', effectiveDate: '2025-06-01' });
    expect(district.statusCode).toBe(403);
    expect((await c.operator!.call('POST', `/platforms/${ids.own!}/status`, { to: 'exited', reason: 'x', effectiveDate: '2025-06-01' })).statusCode).toBe(403);
    expect(await count('select count(*) n from platform_status_history where platform_id = $1', [id])).toBe(0);
    expect(await audits('platform.status', id)).toBe(0);
  });

  it('lets a district unit decide its district-level platforms; promotion to municipal is not a status change (Art 33)', async () => {
    const id = await makePlatform(ctx.database.db, { districtCode: '500107', level: 'district' });
    expect((await c.district!.call('POST', `/platforms/${id}/status`, { to: 'rectifying', reason: '整改', effectiveDate: '2025-03-01' })).statusCode).toBe(200);
    expect((await c.district!.call('POST', `/platforms/${id}/status`, { to: 'filed', reason: '整改完成', effectiveDate: '2025-05-01' })).statusCode).toBe(200);
    const promoted = await c.bureau!.call('POST', `/platforms/${id}/status`, { to: 'recognized', reason: '评估优秀，直接认定', effectiveDate: '2025-12-20' });
    expect(promoted.statusCode).toBe(400);
    expect(promoted.json<{ message: string }>().message).toContain('第三十三条');
    expect((await c.bureau!.call('GET', `/platforms/${id}`)).json<{ level: string; status: string }>()).toMatchObject({ level: 'district', status: 'filed' });
    expect(await count('select count(*) n from platform_status_history where platform_id = $1', [id])).toBe(2);
  });

  it('rolls back the history row when the audit write fails', async () => {
    const id = await makePlatform(ctx.database.db, { districtCode: '500107' });
    const pool = ctx.database.pool;
    await pool.query(`create or replace function hrsp_fail() returns trigger language plpgsql as $$ begin raise exception 'boom'; end $$`);
    await pool.query(`create trigger hrsp_fail_t before insert on audit_log for each row when (new.action = 'platform.status') execute function hrsp_fail()`);
    try {
      expect((await c.bureau!.call('POST', `/platforms/${id}/status`, { to: 'exited', reason: '退出', effectiveDate: '2025-06-01' })).statusCode).toBe(500);
    } finally {
      await pool.query('drop trigger hrsp_fail_t on audit_log');
    }
    expect(await count('select count(*) n from platform_status_history where platform_id = $1', [id])).toBe(0);
    expect((await c.bureau!.call('GET', `/platforms/${id}`)).json<{ status: string }>().status).toBe('recognized');
  });
});

describe('export', () => {
  it('returns the filtered list as a valid xlsx with a Chinese filename', async () => {
    const list = (await c.district!.call('GET', '/platforms?pageSize=100&level=municipal')).json<{ items: { name: string }[] }>().items.map((p) => p.name);
    const res = await c.district!.call('GET', '/platforms/export?level=municipal');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".*\.xlsx"; filename\*=UTF-8''%E5%B9%B3%E5%8F%B0%E5%90%8D%E5%BD%95/);
    const wb = await readXlsx(res.rawPayload);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('平台名称');
    const names: string[] = [];
    ws.eachRow((row, n) => { if (n > 1) names.push(row.getCell(1).text); });
    expect(names).toEqual(list);
    expect(names.length).toBeGreaterThan(0);
    expect(names).not.toContain('万州丙园');
  });
});
