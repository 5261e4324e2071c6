import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client, useTestApp } from '../../../test/app.js';
import { tinyPdf, upload } from '../../../test/multipart.js';
import { makeUser } from '../../../test/factories.js';
import { materialKinds } from '../../domain/recognition/materials.js';
import { lastYear } from '../clock.js';

/** GET /recognition/applications/:id/form.xlsx: 附表1 with both opinions, in the reading scope, audited. */
const ctx = useTestApp();
let gov: Client, hrss: Client, bureau: Client, otherGov: Client;
let id = '';

const form = {
  name: '导出测试产业园', type: 'comprehensive_park', address: '重庆市九龙坡区某路 1 号', carrier: 'online_offline', contactName: '张三', contactPhone: '13800000000',
  siteAreaM2: 12000, siteCount: 2, construction: 'renovated', investmentYuan: 30_000_000, operationMode: 'entrusted', teamSize: 6,
  services: ['policy', 'financing'], dataYear: lastYear(),
  figures: { managementStaff: 2, operatingStaff: 4, hrEnterprises: 25, aboveScaleEnterprises: 6, revenueYuan: 1_200_000_000 },
};

beforeAll(async () => {
  const db = ctx.database.db;
  const user = async (role: Parameters<typeof makeUser>[1], opts: Parameters<typeof makeUser>[2] = {}) => loginAs(ctx.app, (await makeUser(db, role, opts)).username);
  gov = await user('district_gov', { districtCode: '500107' });
  hrss = await user('district', { districtCode: '500107' });
  bureau = await user('bureau');
  otherGov = await user('district_gov', { districtCode: '500101' });
  const created = await gov.call('POST', '/recognition/applications', form);
  expect(created.statusCode, created.body).toBe(201);
  id = created.json<{ id: string }>().id;
  for (const k of materialKinds) {
    const res = await upload(ctx.app, gov, `/recognition/applications/${id}/files`, { purpose: k }, { name: `${k}.pdf`, content: tinyPdf, type: 'application/pdf' });
    expect(res.statusCode, res.body).toBe(201);
  }
  expect((await gov.call('POST', `/recognition/applications/${id}/send`)).statusCode).toBe(200);
  expect((await hrss.call('POST', `/recognition/applications/${id}/hrss-opinion`, { opinion: '区人社局同意推荐', opinionDate: '2026-03-02', signer: '李四' })).statusCode).toBe(200);
  expect((await gov.call('POST', `/recognition/applications/${id}/gov-submit`, { opinion: '区政府同意推荐', opinionDate: '2026-03-05', signer: '王五' })).statusCode).toBe(200);
});

async function cellsOf(body: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(body).buffer);
  const ws = wb.getWorksheet('附表1');
  const out: string[] = [];
  ws?.eachRow((row) => row.eachCell((cell) => out.push(cell.text)));
  return out;
}

describe('附表1 as .xlsx', () => {
  it('exports the form in its layout with both opinions, ticked choices and A4 setup; the download is audited', async () => {
    const before = Number((await ctx.database.pool.query<{ n: string }>(`select count(*) n from audit_log where action = 'export.download'`)).rows[0]?.n);
    const res = await bureau.call('GET', `/recognition/applications/${id}/form.xlsx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('认定申请表-导出测试产业园.xlsx'));
    const cells = await cellsOf(res.rawPayload);
    expect(cells[0]).toBe('重庆市市级人力资源服务发展平台认定申请表');
    const all = cells.join('\n');
    expect(all).toContain('申报单位（盖章）：九龙坡区人民政府');
    expect(all).toContain('☑ 线上+线下');
    expect(all).toContain('☐ 新建  ☑ 改建');
    expect(all).toContain('30,000,000 元');
    expect(all).toMatch(/区县（自治县）人力社保部门意见：\n区人社局同意推荐[\s\S]*签发人：李四 {4}2026 年 3 月 2 日/);
    expect(all).toMatch(/区县（自治县）人民政府意见：\n区政府同意推荐[\s\S]*签发人：王五 {4}2026 年 3 月 5 日/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(res.rawPayload).buffer);
    expect(wb.getWorksheet('附表1')?.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait' });
    const after = Number((await ctx.database.pool.query<{ n: string }>(`select count(*) n from audit_log where action = 'export.download'`)).rows[0]?.n);
    expect(after).toBe(before + 1);
  });

  it('is read in the application\'s scope: another district\'s government gets 404, its own 200', async () => {
    expect((await otherGov.call('GET', `/recognition/applications/${id}/form.xlsx`)).statusCode).toBe(404);
    expect((await gov.call('GET', `/recognition/applications/${id}/form.xlsx`)).statusCode).toBe(200);
  });
});
