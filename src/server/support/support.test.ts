/**
 * The support register through the API: the eligibility shown from the published grade of the year,
 * the reason required when it does not qualify, each role's scope, audit rows, and totals equal to
 * sums computed here from the rows the test recorded.
 */
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
