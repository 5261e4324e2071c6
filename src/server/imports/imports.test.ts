import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { Readable } from 'node:stream';
import type yauzl from 'yauzl';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { readXlsx } from '../../../test/xlsx.js';
import { loginAs, useTestApp, type Client } from '../../../test/app.js';
import { makeEnterprise, makeOrg, makePlatform, makeResidence, makeUscc, makeUser } from '../../../test/factories.js';
import { upload } from '../../../test/multipart.js';
import { xlsxBomb } from '../../../test/xlsx-bomb.js';
import { COL, COLUMN_ORDER } from './columns.js';
import { inImportGate } from './service.js';

/** The zip entries the upload check opened to inflate, in order, with the size each declares. */
const opened = vi.hoisted((): { name: string; declared: number }[] => []);
vi.mock('yauzl', async (importOriginal) => {
  const real = (await importOriginal<{ default: typeof yauzl }>()).default;
  const fromBufferPromise: typeof real.fromBufferPromise = async (...args) => {
    const zip = await real.fromBufferPromise(...args);
    const open = zip.openReadStreamPromise.bind(zip);
    zip.openReadStreamPromise = (entry, ...rest) => {
      opened.push({ name: entry.fileName, declared: entry.uncompressedSize });
      return open(entry, ...rest);
    };
    return zip;
  };
  return { default: { ...real, fromBufferPromise } };
});

const ctx = useTestApp();
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};
const count = async (sql: string, params: unknown[] = []) => Number((await ctx.database.pool.query<{ n: string }>(sql, params)).rows[0]!.n);

beforeAll(async () => {
  const db = ctx.database.db;
  const op = await makeOrg(db, 'operator', '500107');
  ids.jlp = await makePlatform(db, { districtCode: '500107', operatorOrgId: op });
  ids.wz = await makePlatform(db, { districtCode: '500101' });
  const operator = await makeUser(db, 'operator', { organizationId: op });
  ids.operatorUser = operator.id;
  c.operator = await loginAs(ctx.app, operator.username);
  c.gov = await loginAs(ctx.app, (await makeUser(db, 'district_gov', { districtCode: '500107' })).username);
});

type Row = Partial<Record<(typeof COLUMN_ORDER)[number], string | number | Date | null>>;
const good = (over: Row = {}): Row => ({
  uscc: makeUscc(), name: `企业${Math.random().toString(36).slice(2, 8)}`, industry: 'L 租赁和商务服务业', isHrService: '是', aboveScale: '否',
  mode: '线下', entryDate: new Date(Date.UTC(2024, 4, 1)), revenue: 8_000_000, passThrough: 0, tax: 160_000, ...over,
});

async function workbook(rows: Row[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('入驻企业名录');
  ws.addRow(COLUMN_ORDER.map((k) => COL[k]));
  for (const r of rows) ws.addRow(COLUMN_ORDER.map((k) => r[k] ?? null));
  wb.addWorksheet('填写说明').addRow(['说明']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const importFile = (client: Client, content: Buffer, platformId = ids.jlp!, year = '2025') =>
  upload(ctx.app, client, '/imports/enterprises', { platformId, year }, { name: '名录.xlsx', content });

const tableCounts = async () => ({
  enterprises: await count('select count(*) n from enterprises'),
  residences: await count('select count(*) n from residences'),
  years: await count('select count(*) n from enterprise_years'),
  audit: await count("select count(*) n from audit_log where action = 'enterprise.import'"),
});

describe('the template', () => {
  it('has the Chinese headers, drop-down lists, an example row and an instructions sheet', async () => {
    const res = await c.operator!.call('GET', '/imports/enterprise-template');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const wb = await readXlsx(res.rawPayload);
    const ws = wb.worksheets[0]!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(['统一社会信用代码', '企业名称', '所属行业', '是否人力资源服务企业(是/否)', '是否规模以上(是/否)', '入驻方式(线下/线上/协议)', '入驻日期', '退出日期', '营业收入(元)', '其中代收代付(元)', '纳税额(元)', '代码校验未通过的说明']);
    expect(ws.getRow(2).getCell(2).text).toMatch(/^（示例）/);
    expect(ws.getCell('D5').dataValidation).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    expect(ws.getCell('F9').dataValidation).toMatchObject({ type: 'list', formulae: ['"线下,线上,协议"'] });
    expect(wb.worksheets.map((w) => w.name)).toEqual(['入驻企业名录', '填写说明', '行业门类']);
  });

  it('imports nothing from an untouched template (the example row is skipped)', async () => {
    const template = (await c.operator!.call('GET', '/imports/enterprise-template')).rawPayload;
    const res = await importFile(c.operator!, template);
    expect(res.json<{ code: string }>().code).toBe('FILE_EMPTY');
  });
});

describe('importing the enterprise directory', () => {
  it('reports every bad row by row and column, and changes nothing', async () => {
    const valid = makeUscc();
    const wrongCheck = `${valid.slice(0, 17)}${valid.endsWith('1') ? '2' : '1'}`;
    const dup = makeUscc();
    const before = await tableCounts();
    const res = await importFile(c.operator!, await workbook([
      good(),
      good({ uscc: wrongCheck }),
      good({ revenue: 1234.5, isHrService: '也许' }),
      good({ uscc: dup }),
      good({ uscc: dup, tax: -3, mode: '远程' }),
      good({ industry: '人工智能', entryDate: '2026-01-05' }),
    ]));
    expect(res.statusCode).toBe(400);
    const body = res.json<{ code: string; rowErrors: { row: number; column: string; message: string }[]; errorCount: number }>();
    expect(body.code).toBe('IMPORT_INVALID');
    const messages = body.rowErrors.map((e) => e.message);
    expect(messages).toContain(`第 3 行「统一社会信用代码」：校验位错误，应为 ${valid.charAt(17)}（确属真实代码的，请填写「代码校验未通过的说明」）`);
    expect(messages).toContain('第 4 行「营业收入」：须为整数（元），不能有小数');
    expect(messages).toContain('第 4 行「是否人力资源服务企业」：应为「是」或「否」，实际为「也许」');
    expect(messages).toContain('第 6 行「纳税额」：不能为负数');
    expect(messages).toContain('第 6 行「入驻方式」：应为「线下」「线上」或「协议」，实际为「远程」');
    expect(messages).toContain('第 7 行「所属行业」：「人工智能」不是国民经济行业门类，请从下拉列表选择');
    expect(messages).toContain('第 7 行「入驻日期」：不能晚于 2025 年末');
    expect(body.rowErrors.find((e) => e.row === 3)!.column).toBe('统一社会信用代码');
    expect(body.errorCount).toBe(body.rowErrors.length);
    expect(await tableCounts()).toEqual(before);
  });

  it('accepts a code failing the check when a reason is given', async () => {
    const valid = makeUscc();
    const wrongCheck = `${valid.slice(0, 17)}${valid.endsWith('1') ? '2' : '1'}`;
    const res = await importFile(c.operator!, await workbook([good({ uscc: wrongCheck, overrideReason: '营业执照原件如此', entryDate: null })]), ids.jlp, '2023');
    expect(res.statusCode, res.body).toBe(200);
    expect((await ctx.database.pool.query('select uscc_override_reason r from enterprises where uscc = $1', [wrongCheck])).rows[0].r).toBe('营业执照原件如此');
  });

  it('saves a valid file in one go, and a second import of it changes nothing', async () => {
    const rows = [good({ aboveScale: '是', revenue: 320_000_000, passThrough: 20_000_000 }), good({ mode: '协议' }), good({ exitDate: '2025-06-30' }), good({ isHrService: '否', industry: 'I' })];
    const file = await workbook(rows);
    const first = await importFile(c.operator!, file);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ rows: 4, created: 4, updated: 0, unchanged: 0, enterprises: { created: 4, updated: 0, unchanged: 0 } });
    const aboveScale = await ctx.database.pool.query('select ey.above_scale from enterprise_years ey join enterprises e on e.id = ey.enterprise_id where e.uscc = $1 and ey.year = 2025', [rows[0]!.uscc]);
    expect(aboveScale.rows[0].above_scale).toBe(true);
    const stamp = async () => (await ctx.database.pool.query<{ r: string; e: string }>(
      'select (select max(updated_at)::text from residences where platform_id = $1) r, (select max(updated_at)::text from enterprises) e', [ids.jlp])).rows[0]!;
    const before = { counts: await tableCounts(), stamp: await stamp() };
    const second = await importFile(c.operator!, file);
    expect(second.json()).toMatchObject({ rows: 4, created: 0, updated: 0, unchanged: 4, enterprises: { created: 0, updated: 0, unchanged: 4 } });
    expect({ counts: await tableCounts(), stamp: await stamp() }).toEqual(before);

    const changed = await importFile(c.operator!, await workbook([{ ...rows[0]!, tax: 999 }, ...rows.slice(1)]));
    expect(changed.json()).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
    expect(await count("select count(*) n from audit_log where action = 'enterprise.import'")).toBe(before.counts.audit + 1);
  });

  // exceljs's streaming reader reads a sheet before it knows the workbook when the shared
  // strings come before the sheets and xl/workbook.xml after them (exceljs#3064), and calls
  // the file broken. Valid files of other tools come in that order; the import reads them.
  it('reads a valid file whose parts come in the order the streaming reader trips over', async () => {
    const zip = await JSZip.loadAsync(await workbook([good(), good()]));
    const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
    const early = ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml'];
    const order = [...early, ...names.filter((n) => !early.includes(n) && n !== 'xl/workbook.xml'), 'xl/workbook.xml'];
    expect(order.slice().sort()).toEqual(names.slice().sort());
    const reordered = new JSZip();
    for (const n of order) reordered.file(n, await zip.files[n]!.async('nodebuffer'));
    const file = await reordered.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const stream = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(file), { worksheets: 'emit', sharedStrings: 'cache' });
    const readAll = async (): Promise<number> => {
      let n = 0;
      for await (const sheet of stream) for await (const _row of sheet) n += 1;
      return n;
    };
    await expect(readAll()).rejects.toThrow();

    const res = await importFile(c.operator!, file, ids.jlp, '2024');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rows: 2, created: 2 });
  });

  it('refuses what is not an xlsx file, and a file beyond the row limit, with a clear message', async () => {
    const notXlsx = await importFile(c.operator!, Buffer.from('统一社会信用代码,企业名称\n'));
    expect(notXlsx.json<{ code: string; message: string }>()).toMatchObject({ code: 'FILE_INVALID' });
    const many = Array.from({ length: 20_001 }, () => ({ uscc: 'X', name: 'x' }));
    const tooMany = await importFile(c.operator!, await workbook(many));
    expect(tooMany.json<{ code: string; message: string }>()).toEqual(expect.objectContaining({ code: 'TOO_MANY_ROWS', message: '数据超过 20,000 行的上限，请分批导入' }));
  });

  it('reads files above the JSON body limit, and refuses one above 10 MB with a clear message', async () => {
    const twoMb = await importFile(c.operator!, Buffer.alloc(2 * 1024 * 1024, 1));
    expect(twoMb.json<{ code: string }>().code).toBe('FILE_INVALID');
    const big = await importFile(c.operator!, Buffer.alloc(10 * 1024 * 1024 + 1, 1));
    expect(big.statusCode).toBe(413);
    expect(big.json<{ code: string; message: string }>()).toEqual({ code: 'FILE_TOO_LARGE', message: '文件超过 10 MB 的上限' });
  });

  // A million rows in 80 KB, the shared strings after the sheet. Before the check, one upload
  // took the server from ~170 MB to ~700 MB (ten million rows in 760 KB: several GB); the
  // memory and time of refusing one are printed by bench/xlsx-bomb.ts.
  it('refuses a zip bomb in Chinese without inflating its sheet, and stores nothing', async () => {
    const bomb = await xlsxBomb(1_000_000);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const before = await tableCounts();
    opened.length = 0;
    const res = await importFile(c.operator!, bomb);
    expect(res.statusCode).toBe(400);
    expect(res.json<{ code: string; message: string }>()).toEqual({ code: 'XLSX_TOO_LARGE', message: '文件压缩比异常（超过 200 倍），不予读取', details: [{ field: 'file', message: '文件压缩比异常（超过 200 倍），不予读取' }] });
    // Only the small parts before the sheet were inflated (yauzl stops each at its declared size).
    expect(opened.map((e) => e.name)).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels']);
    expect(opened.reduce((sum, e) => sum + e.declared, 0)).toBeLessThan(4 * 1024);
    expect(await tableCounts()).toEqual(before);
  });

  it('refuses a file of many real-looking rows while reading it, before exceljs holds them', async () => {
    const res = await importFile(c.operator!, await xlsxBomb(100_000, { numbered: true }));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'TOO_MANY_ROWS', message: '表格行数超过 50,000 行上限，请分批导入' });
  });

  it('imports one file at a time per user, and turns away those beyond two running and four waiting', async () => {
    // Rows that fail validation: each import reads the whole file and writes nothing.
    const file = await workbook(Array.from({ length: 3000 }, () => ({ uscc: 'X', name: 'x' })));
    // The user's first import held in the gate (two real requests raced: the first could finish before the second came).
    let finish: (() => void) | undefined;
    const held = inImportGate(ids.operatorUser!, () => new Promise<void>((resolve) => (finish = resolve)));
    const refused = await importFile(c.operator!, file);
    finish?.();
    await held;
    const processed = await importFile(c.operator!, file);
    expect([processed.statusCode, refused.statusCode]).toEqual([400, 409]);
    expect(refused.json()).toEqual({ code: 'IMPORT_IN_PROGRESS', message: '您已有一个导入正在进行，请等它完成后再导入' });

    // Two run, four wait; the others are turned away with Retry-After.
    const db = ctx.database.db;
    const org = (await ctx.database.pool.query<{ id: string }>('select operator_org_id id from platforms where id = $1', [ids.jlp])).rows[0]!.id;
    const users = await Promise.all(Array.from({ length: 8 }, async () => loginAs(ctx.app, (await makeUser(db, 'operator', { organizationId: org })).username)));
    const answers = await Promise.all(users.map((u) => importFile(u, file)));
    const statuses = answers.map((r) => r.statusCode);
    // Exactly 6 and 2 when all eight arrive before the first is done (the gate's own test pins that).
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((s) => s === 429).length).toBeLessThanOrEqual(2);
    expect(statuses.filter((s) => s !== 429).every((s) => s === 400)).toBe(true);
    const full = answers.find((r) => r.statusCode === 429)!;
    expect(full.json()).toEqual({ code: 'IMPORT_QUEUE_FULL', message: '当前导入的人较多，请 10 秒后重试' });
    expect(full.headers['retry-after']).toBe('10');
  });

  it('links a row naming another district’s enterprise without rewriting its shared record (issue #10)', async () => {
    const db = ctx.database.db;
    const shared = await makeEnterprise(db, { name: '万州共享企业', industry: 'L', isHrService: true, aboveScale: { year: 2025, value: true } });
    await makeResidence(db, { platformId: ids.wz!, enterpriseId: shared.id });
    const snapshot = async () => (await ctx.database.pool.query(
      'select e.name, e.industry, e.is_hr_service, e.updated_at, y.above_scale from enterprises e left join enterprise_years y on y.enterprise_id = e.id and y.year = 2025 where e.id = $1', [shared.id])).rows[0] as unknown;
    const before = await snapshot();
    const res = await importFile(c.operator!, await workbook([good({ uscc: shared.uscc, name: '被改掉的名称', industry: 'C 制造业', isHrService: '否', aboveScale: '否' })]));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 1, enterprises: { created: 0, updated: 0, unchanged: 1 } });
    expect(await snapshot()).toEqual(before);
    expect(await count('select count(*) n from residences where enterprise_id = $1 and platform_id = $2', [shared.id, ids.jlp])).toBe(1);
  });

  it('refuses names with direction overrides or nothing visible, as the API does', async () => {
    const before = await tableCounts();
    const res = await importFile(c.operator!, await workbook([good({ name: '\u202E司公限有\u202C' }), good({ name: '\u200B\u200B' })]));
    expect(res.statusCode).toBe(400);
    const messages = res.json<{ details: { message: string }[] }>().details.map((d) => d.message);
    expect(messages).toEqual([expect.stringMatching(/^第 2 行「企业名称」：不能包含文字方向控制字符/), expect.stringMatching(/^第 3 行「企业名称」：不能只包含空白或不可见字符/)]);
    expect(await tableCounts()).toEqual(before);
  });

  it('is for those who edit the platform', async () => {
    const file = await workbook([good()]);
    expect((await importFile(c.operator!, file, ids.wz)).statusCode).toBe(404);
    expect((await importFile(c.gov!, file)).statusCode).toBe(403);
    const noYear = await upload(ctx.app, c.operator!, '/imports/enterprises', { platformId: ids.jlp! }, { name: 'a.xlsx', content: file });
    expect(noYear.statusCode).toBe(400);
    expect(noYear.json<{ message: string }>().message).toMatch(/^年度：/);
  });
});
