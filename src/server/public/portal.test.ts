import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { platforms, platformStaff } from '../../db/schema/index.js';
import { useTestApp } from '../../../test/app.js';
import { makePlatform, makeStaff } from '../../../test/factories.js';
import { directoryColumns, OPEN_DATA_LICENCE, resultColumns } from '../../domain/open-data/datasets.js';
import { seedDemo } from '../bootstrap/demo.js';

const ctx = useTestApp();
const get = (url: string) => ctx.app.inject({ method: 'GET', url: `/api/v1${url}` });

const SECRET_CONTACT = '保密联系人甲乙';
const SECRET_PHONE = '13987654321';
let preparingId = '';
let publicId = '';
/** Every person's name and phone the database holds for platforms: none may reach a public answer. */
let personal: string[] = [];

interface PublicRow { id: string; name: string; districtName: string }

async function allDirectoryRows(): Promise<PublicRow[]> {
  const res = await get('/public/platforms?pageSize=100');
  expect(res.statusCode).toBe(200);
  const page = res.json<{ items: PublicRow[]; total: number }>();
  expect(page.items.length).toBe(page.total);
  return page.items;
}

/** RFC 4180 as the portal writes it: quoted cells may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\r') continue;
    else if (c === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; } else cell += c;
  }
  return rows;
}

async function sheets(body: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(body).buffer);
  return wb;
}

function sheetRows(ws: ExcelJS.Worksheet | undefined): string[][] {
  const rows: string[][] = [];
  ws?.eachRow((r) => rows.push(Array.isArray(r.values) ? r.values.slice(1).map((v) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '')) : []));
  return rows;
}

beforeAll(async () => {
  const db = ctx.database.db;
  expect(await seedDemo(db)).toBe(true);
  preparingId = await makePlatform(db, { name: '筹建中的测试产业园', status: 'preparing', contactName: SECRET_CONTACT, contactPhone: SECRET_PHONE });
  publicId = await makePlatform(db, { name: '公开的测试产业园', status: 'recognized', contactName: SECRET_CONTACT, contactPhone: SECRET_PHONE });
  await makeStaff(db, publicId, { team: 'management' });
  const staff = await db.select({ name: platformStaff.name }).from(platformStaff);
  const contacts = await db.select({ name: platforms.contactName, phone: platforms.contactPhone }).from(platforms);
  personal = [...new Set([...staff.map((s) => s.name), ...contacts.flatMap((c) => [c.name, c.phone])].filter((x): x is string => x !== null && x.length >= 2))];
  expect(personal).toContain(SECRET_CONTACT);
  expect(personal.length).toBeGreaterThan(5);
});

function expectNothingPersonal(text: string): void {
  for (const p of personal) expect(text, `public answer contains personal data 「${p}」`).not.toContain(p);
}

describe('GET /public/platforms/:id', () => {
  it('shows a listed platform with its published grades and nothing personal', async () => {
    const rows = await allDirectoryRows();
    const jlp = rows.find((r) => r.name === '九龙坡区人力资源服务产业园');
    if (!jlp) throw new Error('demo platform missing');
    const res = await get(`/public/platforms/${jlp.id}`);
    expect(res.statusCode).toBe(200);
    const detail = res.json<{ name: string; districtName: string; grades: { year: number; gradeLabel: string }[] }>();
    expect(detail).toMatchObject({ name: '九龙坡区人力资源服务产业园', districtName: '九龙坡区' });
    expect(detail.grades.map((g) => g.year)).toContain(2024);
    expect(res.body).not.toMatch(/contact|phone|staff/i);
    expectNothingPersonal(res.body);
    const own = await get(`/public/platforms/${publicId}`);
    expect(own.statusCode).toBe(200);
    expectNothingPersonal(own.body);
  });

  it('is 404 for a platform that is not recognized or filed, and says nothing about it', async () => {
    const res = await get(`/public/platforms/${preparingId}`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('筹建中的测试产业园');
    expect((await get('/public/platforms/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await get('/public/platforms/not-an-id')).statusCode).toBe(400);
  });

  it('the directory lists neither the preparing platform nor anything personal', async () => {
    const res = await get('/public/platforms?pageSize=100');
    expect(res.body).not.toContain('筹建中的测试产业园');
    expect(res.body).toContain('公开的测试产业园');
    expectNothingPersonal(res.body);
  });
});

describe('open data', () => {
  it('the catalog states the licence and the dictionaries, and lists the published years', async () => {
    const res = await get('/public/open-data');
    expect(res.statusCode).toBe(200);
    const c = res.json<{ licence: { text: string[] }; directory: { rows: number; dictionary: { column: string }[] }; results: { years: { year: number; rows: number }[]; dictionary: { column: string }[] } }>();
    expect(c.licence.text.join('')).toContain('重庆市人力资源和社会保障局');
    expect(c.directory.dictionary.map((d) => d.column)).toEqual(directoryColumns.map((x) => x.header));
    expect(c.results.dictionary.map((d) => d.column)).toEqual(resultColumns.map((x) => x.header));
    expect(c.directory.rows).toBe((await allDirectoryRows()).length);
    expect(c.results.years.map((y) => y.year)).toContain(2024);
    expectNothingPersonal(res.body);
  });

  it('the directory CSV is UTF-8 with a BOM and holds exactly the directory rows, nothing personal', async () => {
    const res = await get('/public/platforms.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="hrsp-platforms-\d{8}\.csv"; filename\*=UTF-8''%E9%87%8D%E5%BA%86/);
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(res.rawPayload.subarray(3).toString('utf8'));
    expect(header).toEqual(directoryColumns.map((c) => c.header));
    const listed = await allDirectoryRows();
    expect(rows.map((r) => `${r[0]}|${r[1]}|${r[5]}`).sort()).toEqual(listed.map((r) => `${r.id}|${r.name}|${r.districtName}`).sort());
    expectNothingPersonal(res.body);
  });

  it('the directory workbook holds the same rows, then the dictionary and the licence', async () => {
    const res = await get('/public/platforms.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="hrsp-platforms-\d{8}\.xlsx"; filename\*=UTF-8''/);
    const wb = await sheets(res.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['数据', '数据字典']);
    const [header, ...rows] = sheetRows(wb.getWorksheet('数据'));
    expect(header).toEqual(directoryColumns.map((c) => c.header));
    const csv = parseCsv((await get('/public/platforms.csv')).rawPayload.subarray(3).toString('utf8')).slice(1);
    expect(rows).toEqual(csv);
    const dictionary = sheetRows(wb.getWorksheet('数据字典'));
    expect(dictionary.slice(1, directoryColumns.length + 1).map((r) => r[0])).toEqual(directoryColumns.map((c) => c.header));
    expect(dictionary.flat().join('')).toContain(OPEN_DATA_LICENCE.text[0]);
    const everything = wb.worksheets.flatMap((w) => sheetRows(w)).flat().join('\n');
    expectNothingPersonal(everything);
  });

  it('a published year’s results as CSV and workbook equal the public results list', async () => {
    const shown = (await get('/public/evaluations/2024/results')).json<{ items: { platformName: string; gradeLabel: string }[] }>();
    const csv = await get('/public/evaluations/2024/results.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="hrsp-results-2024\.csv"; filename\*=UTF-8''2024%20/);
    const [header, ...rows] = parseCsv(csv.rawPayload.subarray(3).toString('utf8'));
    expect(header).toEqual(resultColumns.map((c) => c.header));
    expect(rows.map((r) => `${r[1]}:${r[5]}`)).toEqual(shown.items.map((x) => `${x.platformName}:${x.gradeLabel}`));
    const xlsx = await get('/public/evaluations/2024/results.xlsx');
    expect(sheetRows((await sheets(xlsx.rawPayload)).getWorksheet('数据')).slice(1)).toEqual(rows);
    expectNothingPersonal(csv.body);
    expect((await get('/public/evaluations/2025/results.csv')).statusCode).toBe(404);
  });

  it('is public: anonymous downloads work and are not refused', async () => {
    for (const url of ['/public/open-data', '/public/platforms.xlsx', '/public/evaluations/2024/results.xlsx']) expect((await get(url)).statusCode).toBe(200);
  });
});
