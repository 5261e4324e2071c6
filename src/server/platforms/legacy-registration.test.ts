import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, useTestApp, type Client } from '../../../test/app.js';
import { makeUser } from '../../../test/factories.js';
import { readXlsx, sheetRows } from '../../../test/xlsx.js';

/**
 * Art 14 (四): no national or municipal platform enters the registry as 已认定 by plain
 * registration; 存量平台登记 (recognized before HRSP) is the bureau's, on the original document.
 * Nor as 筹建中 (Art 15): that comes only from the approval of 筹建 on an application.
 */
const ctx = useTestApp();
const c: Record<string, Client> = {};

const base = { name: '万州区人力资源服务产业园', type: 'comprehensive_park', districtCode: '500101' };
const rows = async (sql: string, params: unknown[]) => (await ctx.database.pool.query<Record<string, unknown>>(sql, params)).rows;
interface ErrorBody { code: string; message: string; details: { field: string; message: string }[] }

beforeAll(async () => {
  const db = ctx.database.db;
  c.bureau = await loginAs(ctx.app, (await makeUser(db, 'bureau')).username);
  c.admin = await loginAs(ctx.app, (await makeUser(db, 'admin')).username);
  c.auditor = await loginAs(ctx.app, (await makeUser(db, 'auditor')).username);
  c.district = await loginAs(ctx.app, (await makeUser(db, 'district', { districtCode: '500101' })).username);
});

describe('creating a municipal or national platform directly as 已认定', () => {
  it('is refused, naming Art 14 and 存量平台登记, and saves nothing', async () => {
    for (const body of [{ ...base, level: 'municipal' }, { ...base, level: 'municipal', status: 'recognized' }, { ...base, level: 'national', status: 'recognized' }]) {
      const res = await c.bureau!.call('POST', '/platforms', body);
      expect(res.statusCode, res.body).toBe(400);
      const err = res.json<ErrorBody>();
      expect(err.details[0]!.field).toBe('status');
      expect(err.message).toContain('不能直接登记为「已认定」');
      expect(err.message).toContain('存量平台登记');
    }
    expect((await c.bureau!.call('POST', '/platforms', { ...base, level: 'municipal' })).json<ErrorBody>().message).toContain('公示无异议后由市人力社保局认定（第十四条）');
    expect(await rows('select 1 from platforms where name = $1', [base.name])).toHaveLength(0);
  });

  it('refuses 筹建中 too: 筹建 comes from an approved application, with its need, consent and term (Art 15)', async () => {
    for (const who of ['bureau', 'admin'] as const) {
      const res = await c[who]!.call('POST', '/platforms', { ...base, name: '万州筹建园', level: 'municipal', status: 'preparing' });
      expect(res.statusCode, res.body).toBe(400);
      const err = res.json<ErrorBody>();
      expect(err.details).toEqual([{ field: 'status', message: expect.stringMatching(/^状态：「筹建中」只能由市人力社保局在认定申请中批准先行筹建后产生（第十五条/) }]);
      expect(err.message).toContain('不能在名录中直接登记');
    }
    // Nothing half-made: no platform without a term, no term, no audit row.
    expect(await rows('select 1 from platforms where name = $1', ['万州筹建园'])).toHaveLength(0);
    expect(await rows("select 1 from platforms where status = 'preparing'", [])).toHaveLength(0);
    expect(await rows('select 1 from preparation_terms', [])).toHaveLength(0);
    expect(await rows("select 1 from audit_log where action = 'platform.create'", [])).toHaveLength(0);
  });
});

describe('存量平台登记', () => {
  it('requires the original document number and date, with Chinese field errors', async () => {
    const res = await c.bureau!.call('POST', '/platforms/legacy', { ...base, level: 'municipal' });
    expect(res.statusCode).toBe(400);
    const details = res.json<ErrorBody>().details;
    expect(details.map((d) => d.field).sort()).toEqual(['recognitionDocNo', 'recognizedAt']);
    expect(details.find((d) => d.field === 'recognitionDocNo')!.message).toBe('认定文号：须填写原认定文号');
    expect(details.find((d) => d.field === 'recognizedAt')!.message).toBe('认定（备案）日期：须填写原认定日期（YYYY-MM-DD）');

    const noDate = await c.bureau!.call('POST', '/platforms/legacy', { ...base, level: 'municipal', recognitionDocNo: '渝人社〔2021〕88号' });
    expect(noDate.json<ErrorBody>().details).toEqual([{ field: 'recognizedAt', message: '认定（备案）日期：须填写原认定日期（YYYY-MM-DD）' }]);
    const badNo = await c.bureau!.call('POST', '/platforms/legacy', { ...base, level: 'municipal', recognitionDocNo: '第88号', recognizedAt: '2021-05-10' });
    expect(badNo.json<ErrorBody>().details[0]).toEqual({ field: 'recognitionDocNo', message: expect.stringMatching(/^认定文号：格式应为「渝人社〔2022〕215号」$/) });
    const otherIssuer = await c.bureau!.call('POST', '/platforms/legacy', { ...base, level: 'municipal', recognitionDocNo: '人社部函〔2021〕88号', recognizedAt: '2021-05-10' });
    expect(otherIssuer.json<ErrorBody>().message).toContain('应以「渝人社」开头');
    const future = await c.bureau!.call('POST', '/platforms/legacy', { ...base, level: 'municipal', recognitionDocNo: '渝人社〔2021〕88号', recognizedAt: '2999-01-01' });
    expect(future.json<ErrorBody>().details[0]!.field).toBe('recognizedAt');
    const district = await c.bureau!.call('POST', '/platforms/legacy', { ...base, level: 'district', recognitionDocNo: '渝人社〔2021〕88号', recognizedAt: '2021-05-10' });
    expect(district.json<ErrorBody>().details[0]!.field).toBe('level');
    expect(await rows('select 1 from platforms where name = $1', [base.name])).toHaveLength(0);
  });

  it('is refused to a district HRSS unit', async () => {
    const res = await c.district!.call('POST', '/platforms/legacy', { ...base, level: 'municipal', recognitionDocNo: '渝人社〔2021〕88号', recognizedAt: '2021-05-10' });
    expect(res.statusCode).toBe(403);
    expect(await rows('select 1 from platforms where name = $1', [base.name])).toHaveLength(0);
  });

  it('registers the platform as 已认定, labelled 存量登记 in detail, list, export, history and audit', async () => {
    const res = await c.bureau!.call('POST', '/platforms/legacy', { ...base, level: 'municipal', recognitionDocNo: '渝人社[2021]88号', recognizedAt: '2021-05-10' });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json<{ id: string; status: string; origin: string; recognitionDocNo: string; recognizedAt: string }>();
    expect(p).toMatchObject({ status: 'recognized', origin: 'legacy', recognitionDocNo: '渝人社〔2021〕88号', recognizedAt: '2021-05-10' });

    const list = (await c.bureau!.call('GET', `/platforms?q=${encodeURIComponent(base.name)}`)).json<{ items: { id: string; origin: string }[] }>();
    expect(list.items.find((x) => x.id === p.id)?.origin).toBe('legacy');
    const wb = await readXlsx((await c.bureau!.call('GET', `/platforms/export?q=${encodeURIComponent(base.name)}`)).rawPayload);
    const sheet = sheetRows(wb.worksheets[0]!);
    const header = sheet[0]!;
    expect(sheet[1]![header.indexOf('登记方式')]).toBe('存量登记');

    const history = await rows('select from_status, to_status, reason, effective_date::text d from platform_status_history where platform_id = $1', [p.id]);
    expect(history).toEqual([{ from_status: null, to_status: 'recognized', reason: '存量平台登记：依渝人社〔2021〕88号认定', d: '2021-05-10' }]);
    const audit = await rows("select summary from audit_log where action = 'platform.legacy_register' and entity_id = $1", [p.id]);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ summary: { after: { origin: 'legacy', status: 'recognized', recognitionDocNo: '渝人社〔2021〕88号' } } });
    const log = (await c.auditor!.call('GET', '/audit-log?action=platform.legacy_register')).json<{ items: { actionLabel: string; changes: { label: string; text: string }[] }[] }>();
    expect(log.items[0]!.actionLabel).toBe('存量平台登记');
    expect(JSON.stringify(log.items[0]!.changes)).toContain('登记方式：存量登记');
  });

  it('keeps the document valid on later edits', async () => {
    const id = (await rows('select id from platforms where name = $1', [base.name]))[0]!.id as string;
    const cleared = await c.bureau!.call('PATCH', `/platforms/${id}`, { recognitionDocNo: '' });
    expect(cleared.json<ErrorBody>().details[0]).toEqual({ field: 'recognitionDocNo', message: '认定文号：存量登记的平台须填写原认定文号' });
    const fixed = await c.bureau!.call('PATCH', `/platforms/${id}`, { recognitionDocNo: '渝人社〔2021〕89号' });
    expect(fixed.statusCode, fixed.body).toBe(200);
  });
});
