/**
 * The support register through the API: the eligibility shown from the published grade of the year,
 * the reason required when it does not qualify, each role's scope, audit rows, and totals equal to
 * sums computed here from the rows the test recorded.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client, useTestApp } from '../../../test/app.js';
import { makeOrg, makePlatform, makeUser } from '../../../test/factories.js';
import { tinyExe, tinyPdf, upload } from '../../../test/multipart.js';
import { evaluationEntries, evaluations } from '../../db/schema/index.js';

const ctx = useTestApp();
type Who = 'bureau' | 'jlp' | 'yz' | 'gov' | 'operator' | 'expert' | 'auditor';
let c: Record<Who, Client>;
const p: Record<'good' | 'bad' | 'none' | 'other' | 'dist', string> = { good: '', bad: '', none: '', other: '', dist: '' };
const YEAR = 2025;

interface Item { id: string; platformId: string; year: number; kind: string; amountYuan: number | null; outcome: string; standing: string; basis: string; reason: string | null; districtCode: string }
const q = async <T extends object>(sql: string, args: unknown[] = []) => (await ctx.database.pool.query<T & Record<string, unknown>>(sql, args)).rows;

async function post(who: Client, body: Record<string, unknown>, status = 200) {
  const res = await who.call('POST', '/support/items', body);
  expect(res.statusCode, res.body).toBe(status);
  return res;
}

beforeAll(async () => {
  const db = ctx.database.db;
  const org = await makeOrg(db, 'operator', '500107');
  p.good = await makePlatform(db, { name: '优秀平台', operatorOrgId: org });
  p.bad = await makePlatform(db, { name: '不合格平台' });
  p.none = await makePlatform(db, { name: '未评估平台' });
  p.other = await makePlatform(db, { name: '渝中平台', districtCode: '500103' });
  p.dist = await makePlatform(db, { name: '区县级平台', level: 'district' });
  const [ev] = await db.insert(evaluations).values({
    year: YEAR, schemeId: 'cq-2025', selfEvaluationEnd: '2025-03-01', districtReviewEnd: '2025-04-01', municipalReviewEnd: '2025-05-01', status: 'published', publishedAt: new Date(),
  }).returning({ id: evaluations.id });
  const entry = (platformId: string, grade: 'excellent' | 'pass' | 'fail') => ({ evaluationId: ev!.id, platformId, level: 'municipal' as const, type: 'comprehensive_park' as const, factor: '1', status: 'published' as const, grade, gradeSource: 'computed' as const });
  await db.insert(evaluationEntries).values([entry(p.good, 'excellent'), entry(p.bad, 'fail'), entry(p.other, 'pass')]);
  // An unpublished campaign's grade is no basis.
  const [draft] = await db.insert(evaluations).values({ year: YEAR + 1, schemeId: 'cq-2025', selfEvaluationEnd: '2026-03-01', districtReviewEnd: '2026-04-01', municipalReviewEnd: '2026-05-01', status: 'open' }).returning({ id: evaluations.id });
  await db.insert(evaluationEntries).values({ ...entry(p.good, 'excellent'), evaluationId: draft!.id });
  const users = {
    bureau: await makeUser(db, 'bureau'), jlp: await makeUser(db, 'district', { districtCode: '500107' }), yz: await makeUser(db, 'district', { districtCode: '500103' }),
    gov: await makeUser(db, 'district_gov', { districtCode: '500107' }), operator: await makeUser(db, 'operator', { organizationId: org }),
    expert: await makeUser(db, 'expert'), auditor: await makeUser(db, 'auditor'),
  };
  c = Object.fromEntries(await Promise.all(Object.entries(users).map(async ([k, u]) => [k, await loginAs(ctx.app, u.username)] as const))) as Record<Who, Client>;
});

describe('eligibility and the reason', () => {
  it('shows what the published grade of the year means for the kind', async () => {
    const e = async (platformId: string, kind: string, year = YEAR) => (await c.bureau.call('GET', `/support/eligibility?platformId=${platformId}&year=${year}&kind=${kind}`)).json<{ standing: string; qualifies: boolean; gradeLabel: string | null; basis: string }>();
    expect(await e(p.good, 'cluster')).toMatchObject({ standing: 'priority', qualifies: true, gradeLabel: '优秀' });
    expect(await e(p.bad, 'cluster')).toMatchObject({ standing: 'not_recommended', qualifies: false, gradeLabel: '不合格' });
    expect(await e(p.none, 'star_building')).toMatchObject({ standing: 'no_grade', qualifies: false, gradeLabel: null });
    expect(await e(p.good, 'cluster', YEAR + 1)).toMatchObject({ standing: 'no_grade', qualifies: false });
    expect(await e(p.bad, 'city_fund')).toMatchObject({ standing: 'not_tied', qualifies: true });
    expect(await e(p.dist, 'major_project')).toMatchObject({ standing: 'supported', qualifies: true });
  });

  it('records a qualifying item without a reason, and refuses a non-qualifying one without, naming the field', async () => {
    const ok = (await post(c.bureau, { platformId: p.good, year: YEAR, kind: 'cluster', title: '推荐纳入集聚区' })).json<Item>();
    expect(ok).toMatchObject({ standing: 'priority', reason: null, outcome: 'pending', districtCode: '500107' });
    const refused = await post(c.bureau, { platformId: p.bad, year: YEAR, kind: 'star_building', title: '星级楼宇' }, 400);
    expect(refused.json<{ message: string; details: { field: string }[] }>().details[0]?.field).toBe('reason');
    expect(refused.json<{ message: string }>().message).toMatch(/^理由：.*不合格.*须填写理由$/);
    await post(c.bureau, { platformId: p.bad, year: YEAR, kind: 'star_building', title: '星级楼宇', reason: '   ' }, 400);
    const withReason = (await post(c.bureau, { platformId: p.bad, year: YEAR, kind: 'star_building', title: '星级楼宇', amountYuan: 500_000, reason: '整改已完成，局务会研究同意' })).json<Item>();
    expect(withReason).toMatchObject({ standing: 'not_recommended', reason: '整改已完成，局务会研究同意', amountYuan: 500_000 });
    const rows = await q<{ action: string; summary: { reason: string | null; qualifies: boolean } }>("select action, summary from audit_log where entity_type = 'support_item' and entity_id = $1", [withReason.id]);
    expect(rows).toEqual([{ action: 'support.create', summary: expect.objectContaining({ reason: '整改已完成，局务会研究同意', qualifies: false }) }]);
    expect((await q('select 1 from support_items where platform_id = $1', [p.bad])).length).toBe(1);
  });

  it('refuses a fractional amount', async () => {
    await post(c.bureau, { platformId: p.good, year: YEAR, kind: 'city_fund', title: '资金', amountYuan: 10.5 }, 400);
  });
});

describe('scope per role', () => {
  it('a district unit records district funds for its own district only; other kinds and other districts refused', async () => {
    const own = (await post(c.jlp, { platformId: p.none, year: YEAR, kind: 'district_fund', title: '区县产业发展资金', amountYuan: 200_000, outcome: 'granted' })).json<Item>();
    expect(own.districtCode).toBe('500107');
    await post(c.jlp, { platformId: p.good, year: YEAR, kind: 'cluster', title: '集聚区' }, 403);
    await post(c.jlp, { platformId: p.other, year: YEAR, kind: 'district_fund', title: '别区' }, 404);
    await post(c.yz, { platformId: p.other, year: YEAR, kind: 'district_fund', title: '渝中资金', amountYuan: 300_000, outcome: 'granted' });
  });

  it('district government, operator, expert and auditor cannot record; the operator sees only its own platforms', async () => {
    for (const who of ['gov', 'operator', 'expert', 'auditor'] as const) {
      expect((await c[who].call('POST', '/support/items', { platformId: p.good, year: YEAR, kind: 'city_fund', title: 'x' })).statusCode).toBe(403);
    }
    const mine = (await c.operator.call('GET', '/support/items')).json<{ items: Item[] }>().items;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((i) => i.platformId === p.good)).toBe(true);
    expect((await c.expert.call('GET', '/support/items')).statusCode).toBe(403);
    expect((await c.auditor.call('GET', '/support/totals?by=year')).statusCode).toBe(403);
    const jlpItems = (await c.jlp.call('GET', '/support/items')).json<{ items: Item[] }>().items;
    expect(jlpItems.every((i) => i.districtCode === '500107')).toBe(true);
    const yzItem = (await c.yz.call('GET', '/support/items')).json<{ items: Item[] }>().items[0]!;
    expect((await c.jlp.call('GET', `/support/items/${yzItem.id}`)).statusCode).toBe(404);
    expect((await c.jlp.call('PATCH', `/support/items/${yzItem.id}`, { outcome: 'not_granted' })).statusCode).toBe(404);
  });

  it('the bureau updates the outcome and the amount, with an audit row', async () => {
    const item = (await c.bureau.call('GET', `/support/items?platformId=${p.good}&kind=cluster`)).json<{ items: Item[] }>().items[0]!;
    const res = await c.bureau.call('PATCH', `/support/items/${item.id}`, { outcome: 'granted', amountYuan: 1_000_000 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Item>()).toMatchObject({ outcome: 'granted', amountYuan: 1_000_000 });
    expect((await q("select 1 from audit_log where action = 'support.update' and entity_id = $1", [item.id])).length).toBe(1);
  });
});

describe('totals', () => {
  it('per platform, district and year equal the sums of the rows', async () => {
    const rows = (await c.bureau.call('GET', '/support/items')).json<{ items: Item[] }>().items;
    const sum = (key: (i: Item) => string) => {
      const m = new Map<string, { items: number; grantedYuan: number; recordedYuan: number }>();
      for (const i of rows) {
        const t = m.get(key(i)) ?? { items: 0, grantedYuan: 0, recordedYuan: 0 };
        t.items += 1;
        t.recordedYuan += i.amountYuan ?? 0;
        if (i.outcome === 'granted') t.grantedYuan += i.amountYuan ?? 0;
        m.set(key(i), t);
      }
      return Object.fromEntries(m);
    };
    const got = async (who: Client, by: string) => Object.fromEntries((await who.call('GET', `/support/totals?by=${by}`)).json<{ rows: { key: string; items: number; grantedYuan: number; recordedYuan: number }[] }>().rows
      .map((r) => [r.key, { items: r.items, grantedYuan: r.grantedYuan, recordedYuan: r.recordedYuan }]));
    expect(await got(c.bureau, 'platform')).toEqual(sum((i) => i.platformId));
    expect(await got(c.bureau, 'district')).toEqual(sum((i) => i.districtCode));
    expect(await got(c.bureau, 'year')).toEqual(sum((i) => String(i.year)));
    expect(Object.keys(await got(c.bureau, 'district')).sort()).toEqual(['500103', '500107']);
    // A district sees only its own district's totals.
    expect(Object.keys(await got(c.jlp, 'district'))).toEqual(['500107']);
    expect((await got(c.bureau, 'district'))['500103']).toEqual({ items: 1, grantedYuan: 300_000, recordedYuan: 300_000 });
  });
});

describe('documents', () => {
  it('the bureau attaches a PDF to an item (content checked); a renamed program is refused; the operator may not attach or delete', async () => {
    const item = (await c.bureau.call('GET', `/support/items?platformId=${p.good}&kind=cluster`)).json<{ items: Item[] }>().items[0]!;
    const fields = { platformId: p.good, ownerType: 'support_item', ownerId: item.id };
    const ok = await upload(ctx.app, c.bureau, '/files', fields, { name: '推荐文件.pdf', content: tinyPdf, type: 'application/pdf' });
    expect(ok.statusCode, ok.body).toBe(201);
    const fileId = ok.json<{ id: string }>().id;
    const exe = await upload(ctx.app, c.bureau, '/files', fields, { name: '推荐文件.pdf', content: tinyExe, type: 'application/pdf' });
    expect(exe.statusCode).toBe(400);
    expect(exe.json<{ details: { field: string }[] }>().details[0]?.field).toBe('file');
    const byOperator = await upload(ctx.app, c.operator, '/files', fields, { name: 'x.pdf', content: tinyPdf, type: 'application/pdf' });
    expect(byOperator.statusCode).toBe(400);
    expect(byOperator.json<{ details: { field: string }[] }>().details[0]?.field).toBe('ownerId');
    expect((await c.operator.call('DELETE', `/files/${fileId}`)).statusCode).toBe(403);
    // Another platform's item is no owner for this platform's file.
    const other = (await c.bureau.call('GET', `/support/items?platformId=${p.bad}`)).json<{ items: Item[] }>().items[0]!;
    expect((await upload(ctx.app, c.bureau, '/files', { ...fields, ownerId: other.id }, { name: 'x.pdf', content: tinyPdf, type: 'application/pdf' })).statusCode).toBe(400);
    expect((await q('select 1 from files where owner_type = $1', ['support_item'])).length).toBe(1);
  });
});

describe('editing and voiding', () => {
  it('an edit reads the grade again for the new year or kind: a reason is required when it does not qualify, as on creation', async () => {
    const item = (await post(c.bureau, { platformId: p.bad, year: YEAR, kind: 'city_fund', title: '市级资金', amountYuan: 80_000 })).json<Item>();
    expect(item).toMatchObject({ standing: 'not_tied', reason: null });
    const refused = await c.bureau.call('PATCH', `/support/items/${item.id}`, { kind: 'cluster' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ details: { field: string }[] }>().details[0]?.field).toBe('reason');
    const edited = await c.bureau.call('PATCH', `/support/items/${item.id}`, { kind: 'cluster', title: '推荐纳入集聚区', reason: '局务会研究同意' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json<Item & { title: string }>()).toMatchObject({ kind: 'cluster', title: '推荐纳入集聚区', standing: 'not_recommended', reason: '局务会研究同意', amountYuan: 80_000 });
    expect(edited.json<Item>().basis).toContain('不合格');
    // Clearing the reason while the grade still does not qualify is refused; back to a fund it is not needed.
    expect((await c.bureau.call('PATCH', `/support/items/${item.id}`, { reason: '' })).statusCode).toBe(400);
    const fund = (await c.bureau.call('PATCH', `/support/items/${item.id}`, { kind: 'city_fund', reason: '' })).json<Item>();
    expect(fund).toMatchObject({ standing: 'not_tied', reason: null });
    const audits = await q<{ summary: Record<string, unknown> }>("select summary from audit_log where action = 'support.update' and entity_id = $1 order by at", [item.id]);
    expect(audits).toHaveLength(2);
    expect(audits[0]?.summary).toMatchObject({ kind: ['city_fund', 'cluster'], reason: [null, '局务会研究同意'], standing: ['not_tied', 'not_recommended'], qualifies: false });
    // A district unit may not turn its fund into a kind only the bureau records, nor edit the bureau's kinds.
    const own = (await c.jlp.call('GET', `/support/items?platformId=${p.none}&kind=district_fund`)).json<{ items: Item[] }>().items[0]!;
    expect((await c.jlp.call('PATCH', `/support/items/${own.id}`, { kind: 'cluster', reason: 'x' })).statusCode).toBe(403);
    expect((await c.jlp.call('PATCH', `/support/items/${item.id}`, { title: 'x' })).statusCode).toBe(403);
  });

  it('voiding needs a reason, takes the item out of the register and its totals, and keeps an audit row', async () => {
    const item = (await post(c.bureau, { platformId: p.dist, year: YEAR, kind: 'major_project', title: '作废用项目', amountYuan: 123_000, outcome: 'granted' })).json<Item>();
    const yearTotal = async () => (await c.bureau.call('GET', `/support/totals?by=year&year=${YEAR}`)).json<{ rows: { grantedYuan: number; items: number }[] }>().rows[0]!;
    const before = await yearTotal();
    expect((await c.bureau.call('POST', `/support/items/${item.id}/void`, { reason: '' })).statusCode).toBe(400);
    expect((await c.bureau.call('POST', `/support/items/${item.id}/void`, {})).statusCode).toBe(400);
    expect((await c.yz.call('POST', `/support/items/${item.id}/void`, { reason: '重复登记' })).statusCode).toBe(404);
    expect((await c.operator.call('POST', `/support/items/${item.id}/void`, { reason: '重复登记' })).statusCode).toBe(403);
    expect((await c.bureau.call('POST', `/support/items/${item.id}/void`, { reason: '重复登记' })).statusCode).toBe(204);
    expect((await c.bureau.call('GET', `/support/items/${item.id}`)).statusCode).toBe(404);
    expect((await c.bureau.call('POST', `/support/items/${item.id}/void`, { reason: '重复登记' })).statusCode).toBe(404);
    expect((await c.bureau.call('PATCH', `/support/items/${item.id}`, { title: 'x' })).statusCode).toBe(404);
    expect((await c.bureau.call('GET', '/support/items')).json<{ items: Item[] }>().items.some((i) => i.id === item.id)).toBe(false);
    expect(await yearTotal()).toMatchObject({ items: before.items - 1, grantedYuan: before.grantedYuan - 123_000 });
    const rows = await q<{ action: string; summary: Record<string, unknown> }>("select action, summary from audit_log where entity_type = 'support_item' and entity_id = $1 order by at", [item.id]);
    expect(rows.map((r) => r.action)).toEqual(['support.create', 'support.void']);
    expect(rows[1]?.summary).toMatchObject({ reason: '重复登记', title: '作废用项目', amountYuan: 123_000 });
    expect(await q('select void_reason from support_items where id = $1', [item.id])).toEqual([{ void_reason: '重复登记' }]);
  });
});

describe('filters and the export', () => {
  it('filters by platform level and type, district and outcome; totals follow the filters', async () => {
    await post(c.bureau, { platformId: p.dist, year: YEAR, kind: 'major_project', title: '区县级平台重大项目', amountYuan: 60_000, outcome: 'granted' });
    const all = (await c.bureau.call('GET', '/support/items')).json<{ items: (Item & { platformLevel: string; platformType: string })[] }>().items;
    const got = async (query: string) => (await c.bureau.call('GET', `/support/items?${query}`)).json<{ items: Item[] }>().items.map((i) => i.id).sort();
    const want = (pred: (i: (typeof all)[number]) => boolean) => all.filter(pred).map((i) => i.id).sort();
    expect(want((i) => i.platformLevel === 'district').length).toBeGreaterThan(0);
    expect(await got('platformLevel=district')).toEqual(want((i) => i.platformLevel === 'district'));
    expect(await got('platformType=comprehensive_park')).toEqual(want((i) => i.platformType === 'comprehensive_park'));
    expect(await got('outcome=granted')).toEqual(want((i) => i.outcome === 'granted'));
    expect(await got('districtCode=500103&outcome=granted')).toEqual(want((i) => i.districtCode === '500103' && i.outcome === 'granted'));
    const totals = (await c.bureau.call('GET', '/support/totals?by=district&outcome=granted')).json<{ rows: { key: string; items: number }[] }>().rows;
    expect(Object.fromEntries(totals.map((r) => [r.key, r.items]))).toEqual({
      '500103': all.filter((i) => i.districtCode === '500103' && i.outcome === 'granted').length,
      '500107': all.filter((i) => i.districtCode === '500107' && i.outcome === 'granted').length,
    });
  });

  it('exports what is filtered as .xlsx, with its export audit row', async () => {
    const listed = (await c.jlp.call('GET', '/support/items?outcome=granted')).json<{ items: Item[] }>().items;
    const res = await c.jlp.call('GET', '/support/items/export?outcome=granted');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(res.rawPayload).buffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(2).value).toBe('平台');
    expect(ws.rowCount - 1).toBe(listed.length);
    expect(listed.length).toBeGreaterThan(0);
    const amounts = listed.map((i) => i.amountYuan);
    expect(Array.from({ length: listed.length }, (_, k) => ws.getRow(k + 2).getCell(8).value)).toEqual(amounts);
    const audits = await q<{ summary: { file: string; query: Record<string, string> } }>("select summary from audit_log where action = 'export.download' and entity_id = 'GET /api/v1/support/items/export'");
    expect(audits).toHaveLength(1);
    expect(audits[0]?.summary.query).toEqual({ outcome: 'granted' });
    expect(audits[0]?.summary.file).toMatch(/^扶持事项-\d{8}\.xlsx$/);
    expect((await c.expert.call('GET', '/support/items/export')).statusCode).toBe(403);
  });
});
