import type ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client, useTestApp } from '../../../../test/app.js';
import { makeOrg, makePlatform, makeResidence, makeSite, makeUser, makeYearData } from '../../../../test/factories.js';
import { readXlsx } from '../../../../test/xlsx.js';
import { cq2025, type PlatformType } from '../../../domain/index.js';
import { todayIso } from '../../clock.js';
import { sheetNames } from './service.js';

const ctx = useTestApp();
type Who = 'bureau' | 'jlp' | 'wz' | 'operator' | 'otherOperator';
const c: Partial<Record<Who, Client>> = {};
const shift = (n: number) => new Date(Date.parse(`${todayIso()}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

interface Detail {
  id: string; type: PlatformType; selfTotal: string | null; platformName: string;
  rowTexts: Record<string, string>;
  sheet: { total: string; rows: { code: string; score: string; explanation: string }[] } | null;
}

let evaluationId = '';
let entryId = '';
let specializedEntryId = '';
const PARK = '九龙坡区测试综合园';
const SPECIAL = '九龙坡区[专业]园:测试/一个名字很长很长很长很长很长很长的平台';
const sheetUrl = (id = entryId) => `/evaluations/${evaluationId}/entries/${id}/sheet.xlsx`;

async function download(who: Client, url: string): Promise<{ wb: ExcelJS.Workbook; disposition: string }> {
  const res = await who.call('GET', url);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  return { wb: await readXlsx(res.rawPayload), disposition: String(res.headers['content-disposition']) };
}

const cellText = (v: ExcelJS.CellValue): string => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** Column number of a header in the sheet's header row (the first row holding 序号). */
function columns(ws: ExcelJS.Worksheet): { header: number; col: (name: string) => number } {
  let header = 0;
  ws.eachRow((row, n) => {
    if (header === 0 && row.values instanceof Array && row.values.includes('序号')) header = n;
  });
  expect(header).toBeGreaterThan(0);
  const row = ws.getRow(header);
  return {
    header,
    col: (name) => {
      for (let i = 1; i <= ws.columnCount; i++) if (row.getCell(i).value === name) return i;
      throw new Error(`no column ${name}`);
    },
  };
}

/** The data row of each row code, and the 合计 row. */
function scoreRows(ws: ExcelJS.Worksheet): { byCode: Map<string, ExcelJS.Row>; total: ExcelJS.Row | undefined } {
  const { header, col } = columns(ws);
  const codeCol = col('序号');
  const byCode = new Map<string, ExcelJS.Row>();
  let total: ExcelJS.Row | undefined;
  ws.eachRow((row, n) => {
    if (n <= header) return;
    if (row.getCell(1).value === '合计') total = row;
    const code = row.getCell(codeCol).value;
    if (typeof code === 'string' && /^\d+\.\d+$/.test(code)) byCode.set(code, row);
  });
  return { byCode, total };
}

const num = (v: ExcelJS.CellValue): string => {
  if (typeof v !== 'number') throw new Error(`not a number: ${cellText(v)}`);
  return v.toFixed(2);
};

beforeAll(async () => {
  const db = ctx.database.db;
  const operatorOrg = await makeOrg(db, 'operator', '500107');
  const otherOrg = await makeOrg(db, 'operator', '500107');
  const platformId = await makePlatform(db, { level: 'municipal', districtCode: '500107', operatorOrgId: operatorOrg, name: PARK });
  await makePlatform(db, { level: 'municipal', districtCode: '500107', operatorOrgId: otherOrg, name: SPECIAL, type: 'specialized_park', orientation: 'industry' });
  for (let i = 0; i < 8; i++) await makeResidence(db, { platformId, aboveScale: i < 2, revenueYuan: 50_000_000, taxYuan: 300_123 });
  await makeSite(db, platformId, 15_000);
  await makeYearData(db, platformId, 2025, { safety: 'full', valueOrientation: 'sound', researchResults: 1 });
  c.bureau = await loginAs(ctx.app, (await makeUser(db, 'bureau')).username);
  c.jlp = await loginAs(ctx.app, (await makeUser(db, 'district', { districtCode: '500107' })).username);
  c.wz = await loginAs(ctx.app, (await makeUser(db, 'district', { districtCode: '500101' })).username);
  c.operator = await loginAs(ctx.app, (await makeUser(db, 'operator', { organizationId: operatorOrg })).username);
  c.otherOperator = await loginAs(ctx.app, (await makeUser(db, 'operator', { organizationId: otherOrg })).username);
  const created = await c.bureau.call('POST', '/evaluations', { year: 2025, schemeId: 'cq-2025', selfEvaluationEnd: shift(5), districtReviewEnd: shift(10), municipalReviewEnd: shift(20) });
  expect(created.statusCode, created.body).toBe(201);
  evaluationId = created.json<{ id: string }>().id;
  expect((await c.bureau.call('POST', `/evaluations/${evaluationId}/open`)).statusCode).toBe(200);
  const entries = (await c.bureau.call('GET', `/evaluations/${evaluationId}/entries`)).json<{ id: string; platformId: string; platformName: string }[]>();
  entryId = entries.find((e) => e.platformId === platformId)!.id;
  specializedEntryId = entries.find((e) => e.platformName === SPECIAL)!.id;
  const saved = await c.operator.call('PUT', `/evaluations/${evaluationId}/entries/${entryId}`, { rowTexts: { '1.1': '年末入驻企业 8 家，其中规模以上 2 家。', '5.3': '获市级荣誉 1 项' } });
  expect(saved.statusCode, saved.body).toBe(200);
});

describe('score sheet download', () => {
  it('gives the operator, its district and the bureau the 附表 layout with the engine’s scores; others get 404', async () => {
    const detail = (await c.operator!.call('GET', `/evaluations/${evaluationId}/entries/${entryId}`)).json<Detail>();
    expect(detail.sheet).not.toBeNull();
    for (const who of [c.operator!, c.jlp!, c.bureau!]) {
      const { wb, disposition } = await download(who, sheetUrl());
      expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(`2025年度绩效评估评分表-${PARK}.xlsx`)}`);
      const ws = wb.getWorksheet('评分表')!;
      expect(ws.getCell('A1').value).toBe('附表2 重庆市市级综合性人力资源服务产业园绩效评估评分表');
      expect(cellText(ws.getCell('A2').value)).toContain(PARK);
      expect(cellText(ws.getCell('A2').value)).toContain('2025');
      const { col } = columns(ws);
      expect(() => col('评审得分')).toThrow();
      const { byCode, total } = scoreRows(ws);
      expect([...byCode.keys()]).toEqual(cq2025.tables.comprehensive_park.rows.map((r) => r.code));
      for (const r of detail.sheet!.rows) {
        const row = byCode.get(r.code)!;
        expect(num(row.getCell(col('自评得分')).value), r.code).toBe(r.score);
        expect(row.getCell(col('自评得分')).numFmt).toBe('0.00');
        expect(row.getCell(col('说明')).value).toBe(r.explanation);
      }
      expect(num(total!.getCell(col('自评得分')).value)).toBe(detail.selfTotal);
      // 一级指标 spans its rows; print setup is A4 landscape, one page wide, header repeated.
      expect(ws.getCell(`A${byCode.get('1.2')!.number}`).isMerged).toBe(true);
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, printTitlesRow: `${columns(ws).header}:${columns(ws).header}` });

      const report = wb.getWorksheet('自评报告')!;
      const texts = new Map<string, string>();
      report.eachRow((row) => texts.set(cellText(row.getCell(1).value), cellText(row.getCell(3).value)));
      expect(texts.get('1.1')).toBe(detail.rowTexts['1.1']);
      expect(texts.get('5.3')).toBe('获市级荣誉 1 项');
      expect(texts.get('2.1')).toBe('（未填写）');
    }
    expect((await c.otherOperator!.call('GET', sheetUrl())).statusCode).toBe(404);
    expect((await c.wz!.call('GET', sheetUrl())).statusCode).toBe(404);
  });

  it('adds the 评审得分 column once the experts’ review left a reviewed sheet', async () => {
    const detail = (await c.bureau!.call('GET', `/evaluations/${evaluationId}/entries/${entryId}`)).json<Detail>();
    const reviewed = { ...detail.sheet!, rows: detail.sheet!.rows.map((r) => (r.code === '1.1' ? { ...r, score: '1.25' } : r)), total: '42.35' };
    await ctx.database.pool.query('update evaluation_entries set reviewed_sheet = $1, reviewed_total = $2 where id = $3', [JSON.stringify(reviewed), '42.35', entryId]);
    const { wb } = await download(c.bureau!, sheetUrl());
    const ws = wb.getWorksheet('评分表')!;
    const { col } = columns(ws);
    const { byCode, total } = scoreRows(ws);
    expect(num(byCode.get('1.1')!.getCell(col('评审得分')).value)).toBe('1.25');
    expect(num(byCode.get('1.1')!.getCell(col('自评得分')).value)).toBe(detail.sheet!.rows[0]!.score);
    expect(num(total!.getCell(col('评审得分')).value)).toBe('42.35');
  });

  it('lays out 附表3 with its 选其一 pairs', async () => {
    const { wb } = await download(c.bureau!, sheetUrl(specializedEntryId));
    const ws = wb.getWorksheet('评分表')!;
    expect(ws.getCell('A1').value).toBe('附表3 重庆市市级专业性行业性人力资源服务产业园绩效评估评分表');
    const { byCode } = scoreRows(ws);
    expect([...byCode.keys()]).toEqual(cq2025.tables.specialized_park.rows.map((r) => r.code));
    const { col } = columns(ws);
    expect(ws.getCell(byCode.get('2.2')!.number, col('分值')).isMerged).toBe(true);
  });
});

describe('results download', () => {
  it('refuses operators and districts before publication; the bureau gets the list and one sheet per platform', async () => {
    expect((await c.operator!.call('GET', `/evaluations/${evaluationId}/results.xlsx`)).statusCode).toBe(403);
    expect((await c.jlp!.call('GET', `/evaluations/${evaluationId}/results.xlsx`)).statusCode).toBe(403);
    const { wb, disposition } = await download(c.bureau!, `/evaluations/${evaluationId}/results.xlsx`);
    expect(disposition).toMatch(/filename\*=UTF-8''2025/);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toHaveLength(3);
    expect(names[0]).toBe('结果');
    for (const n of names) {
      expect(n.length).toBeLessThanOrEqual(31);
      expect(n).not.toMatch(/[[\]:*?/\\]/);
    }
    const list = wb.getWorksheet('结果')!;
    const { header, col } = columns(list);
    const listed = [list.getRow(header + 1), list.getRow(header + 2)].map((r) => r.getCell(col('平台名称')).value);
    expect(listed.sort()).toEqual([PARK, SPECIAL].sort());
    const parkRow = [list.getRow(header + 1), list.getRow(header + 2)].find((r) => r.getCell(col('平台名称')).value === PARK)!;
    expect(parkRow.getCell(col('区县')).value).toBe('九龙坡区');
    expect(num(parkRow.getCell(col('评审得分')).value)).toBe('42.35');
    const detail = (await c.bureau!.call('GET', `/evaluations/${evaluationId}/entries/${entryId}`)).json<Detail>();
    expect(num(parkRow.getCell(col('自评得分')).value)).toBe(detail.selfTotal);
    const parkSheet = wb.worksheets.find((w) => w.name.includes(PARK))!;
    expect(parkSheet.getCell('A1').value).toBe('附表2 重庆市市级综合性人力资源服务产业园绩效评估评分表');
  });

  it('once published, gives each in their scope only their platforms', async () => {
    await ctx.database.pool.query(`update evaluations set status = 'published', published_at = now() where id = $1`, [evaluationId]);
    const { wb } = await download(c.operator!, `/evaluations/${evaluationId}/results.xlsx`);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['结果', `1 ${PARK}`]);
    const district = await download(c.jlp!, `/evaluations/${evaluationId}/results.xlsx`);
    expect(district.wb.worksheets).toHaveLength(3);
    const other = await download(c.wz!, `/evaluations/${evaluationId}/results.xlsx`);
    expect(other.wb.worksheets.map((w) => w.name)).toEqual(['结果']);
  });
});

describe('sheet names', () => {
  it('keeps Excel’s rules: ≤ 31 characters, no []:*?/\\, unique', () => {
    const names = sheetNames(['a'.repeat(40), 'a'.repeat(40), 'x[y]:z*?/\\', '结果'], ['结果']);
    for (const n of names) {
      expect(n.length).toBeLessThanOrEqual(31);
      expect(n).not.toMatch(/[[\]:*?/\\]/);
    }
    expect(new Set(names).size).toBe(4);
  });
});
