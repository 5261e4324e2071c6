import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client, useTestApp } from '../../../../test/app.js';
import { makeOrg, makePlatform, makeResidence, makeSite, makeUser, makeYearData } from '../../../../test/factories.js';
import { cq2025, factorFor, scoreSheet, type PlatformLevel, type PlatformType, type ScoreScheme } from '../../../domain/index.js';
import { readFacts } from '../entries/scoring.js';

const ctx = useTestApp();
const c: Partial<Record<'bureau' | 'jlp' | 'wz' | 'operator' | 'expert', Client>> = {};
const p: Partial<Record<'muni' | 'rectifying' | 'national' | 'preparing' | 'exited' | 'jlpDistrict' | 'wzDistrict', string>> = {};
const windows = { selfEvaluationEnd: '2026-03-31', districtReviewEnd: '2026-04-30', municipalReviewEnd: '2026-06-30' };

interface Entry { id: string; platformId: string; level: PlatformLevel; type: PlatformType; factor: string; voluntary: boolean; status: string; selfTotal: string | null; facts: Record<string, unknown> }
interface Problem { code: string; message: string; details: { field: string; message: string }[] }

const count = async (sql: string, args: unknown[] = []) => Number((await ctx.database.pool.query<{ n: string }>(sql, args)).rows[0]!.n);
const auditCount = (action: string) => count('select count(*) n from audit_log where action = $1', [action]);

beforeAll(async () => {
  const db = ctx.database.db;
  const operatorOrg = await makeOrg(db, 'operator', '500107');
  p.muni = await makePlatform(db, { level: 'municipal', districtCode: '500107', operatorOrgId: operatorOrg, name: '九龙坡市级园' });
  p.rectifying = await makePlatform(db, { level: 'municipal', districtCode: '500101', status: 'rectifying', name: '万州整改园' });
  p.national = await makePlatform(db, { level: 'national', type: 'specialized_market', districtCode: '500107', name: '国家级市场' });
  p.preparing = await makePlatform(db, { level: 'municipal', districtCode: '500107', status: 'preparing', name: '筹建园' });
  p.exited = await makePlatform(db, { level: 'municipal', districtCode: '500107', status: 'exited', name: '已退出园' });
  p.jlpDistrict = await makePlatform(db, { level: 'district', districtCode: '500107', name: '九龙坡区级园' });
  p.wzDistrict = await makePlatform(db, { level: 'district', districtCode: '500101', name: '万州区级园' });
  for (let i = 0; i < 12; i++) await makeResidence(db, { platformId: p.muni, aboveScale: i < 3, revenueYuan: 90_000_000, taxYuan: 400_000 });
  await makeSite(db, p.muni, 23_000);
  await makeYearData(db, p.muni, 2025, { safety: 'full', valueOrientation: 'sound', researchResults: 2, honours: { municipal: 1 } });
  await makeYearData(db, p.national, 2025, { safety: 'basic', valueOrientation: 'sound', researchResults: 4 });
  for (let i = 0; i < 5; i++) await makeResidence(db, { platformId: p.jlpDistrict, revenueYuan: 10_000_000 });
  c.bureau = await loginAs(ctx.app, (await makeUser(db, 'bureau')).username);
  c.jlp = await loginAs(ctx.app, (await makeUser(db, 'district', { districtCode: '500107' })).username);
  c.wz = await loginAs(ctx.app, (await makeUser(db, 'district', { districtCode: '500101' })).username);
  c.operator = await loginAs(ctx.app, (await makeUser(db, 'operator', { organizationId: operatorOrg })).username);
  c.expert = await loginAs(ctx.app, (await makeUser(db, 'expert')).username);
});

let evaluationId = '';
const entriesOf = async (who: Client) => {
  const res = await who.call('GET', `/evaluations/${evaluationId}/entries`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Entry[]>();
};

describe('evaluation campaign', () => {
  it('validates the campaign: windows in order, an adopted scheme, one per year; nothing written on failure', async () => {
    const audits = await auditCount('evaluation.create');
    const order = await c.bureau!.call('POST', '/evaluations', { year: 2025, schemeId: 'cq-2025', ...windows, districtReviewEnd: '2026-03-01' });
    expect(order.statusCode).toBe(400);
    const body = order.json<Problem>();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.details).toEqual([{ field: 'districtReviewEnd', message: '区县初审截止日：须晚于自评截止日' }]);
    const municipal = await c.bureau!.call('POST', '/evaluations', { year: 2025, schemeId: 'cq-2025', ...windows, municipalReviewEnd: '2026-04-30' });
    expect(municipal.json<Problem>().details[0]).toMatchObject({ field: 'municipalReviewEnd', message: expect.stringMatching(/^市级评审截止日：/) });
    const draft = await c.bureau!.call('POST', '/schemes/cq-2025/clone', { id: 'cq-2026', year: 2026, title: '2026 草稿' });
    expect(draft.statusCode, draft.body).toBe(201);
    const notAdopted = await c.bureau!.call('POST', '/evaluations', { year: 2025, schemeId: 'cq-2026', ...windows });
    expect(notAdopted.json<Problem>().details[0]).toMatchObject({ field: 'schemeId', message: expect.stringMatching(/尚未发布采用/) });
    const cutoffs = await c.bureau!.call('POST', '/evaluations', { year: 2025, schemeId: 'cq-2025', ...windows, passCutoff: '90' });
    expect(cutoffs.json<Problem>().details[0]!.field).toBe('passCutoff');
    expect((await c.jlp!.call('POST', '/evaluations', { year: 2025, schemeId: 'cq-2025', ...windows })).statusCode).toBe(403);
    expect(await count('select count(*) n from evaluations')).toBe(0);
    expect(await auditCount('evaluation.create')).toBe(audits);

    const ok = await c.bureau!.call('POST', '/evaluations', { year: 2025, schemeId: 'cq-2025', ...windows });
    expect(ok.statusCode, ok.body).toBe(201);
    const created = ok.json<{ id: string; status: string; excellentCutoff: string; passCutoff: string }>();
    expect(created).toMatchObject({ status: 'draft', excellentCutoff: '85.00', passCutoff: '60.00' });
    evaluationId = created.id;
    expect(await auditCount('evaluation.create')).toBe(audits + 1);
    const again = await c.bureau!.call('POST', '/evaluations', { year: 2025, schemeId: 'cq-2025', ...windows });
    expect(again.json<Problem>().details[0]!.field).toBe('year');
  });

  it('opens with national and municipal participants found automatically; 筹建 and district-level ones are not included', async () => {
    const audits = await auditCount('evaluation.open');
    const res = await c.bureau!.call('POST', `/evaluations/${evaluationId}/open`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ status: string; entries: number }>()).toMatchObject({ status: 'open', entries: 3 });
    expect(await auditCount('evaluation.open')).toBe(audits + 1);
    const entries = await entriesOf(c.bureau!);
    const byPlatform = new Map(entries.map((e) => [e.platformId, e]));
    expect([...byPlatform.keys()].sort()).toEqual([p.muni!, p.rectifying!, p.national!].sort());
    expect(byPlatform.get(p.muni!)).toMatchObject({ factor: '1.00', voluntary: false, status: 'draft' });
    expect(byPlatform.get(p.national!)).toMatchObject({ factor: '3.00', voluntary: false, status: 'draft' });
    // Facts are pre-filled from the registry and the year's data.
    expect(byPlatform.get(p.muni!)!.facts).toMatchObject({ safety: 'full', residentEnterprises: { aboveScale: 3, other: 9 } });
    expect(Number(byPlatform.get(p.muni!)!.selfTotal)).toBeGreaterThan(0);
    expect((await c.bureau!.call('POST', `/evaluations/${evaluationId}/open`)).statusCode).toBe(409);
  });

  it('takes district-level platforms by their district’s application only', async () => {
    const other = await c.wz!.call('POST', `/evaluations/${evaluationId}/district-applications`, { platformId: p.jlpDistrict! });
    expect(other.statusCode).toBe(404);
    expect((await c.operator!.call('POST', `/evaluations/${evaluationId}/district-applications`, { platformId: p.jlpDistrict! })).statusCode).toBe(403);
    const municipal = await c.jlp!.call('POST', `/evaluations/${evaluationId}/district-applications`, { platformId: p.muni! });
    expect(municipal.statusCode).toBe(400);
    expect(municipal.json<Problem>().message).toMatch(/自动参加/);
    const audits = await auditCount('evaluation.district_apply');
    const ok = await c.jlp!.call('POST', `/evaluations/${evaluationId}/district-applications`, { platformId: p.jlpDistrict! });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json<Entry>()).toMatchObject({ platformId: p.jlpDistrict!, level: 'district', factor: '0.50', voluntary: true, status: 'draft' });
    expect(await auditCount('evaluation.district_apply')).toBe(audits + 1);
    expect((await c.jlp!.call('POST', `/evaluations/${evaluationId}/district-applications`, { platformId: p.jlpDistrict! })).statusCode).toBe(409);
    const byBureau = await c.bureau!.call('POST', `/evaluations/${evaluationId}/district-applications`, { platformId: p.wzDistrict! });
    expect(byBureau.statusCode, byBureau.body).toBe(201);
  });

  it('scopes the entries list by role', async () => {
    const ids = async (who: Client) => (await entriesOf(who)).map((e) => e.platformId).sort();
    expect(await ids(c.bureau!)).toEqual([p.muni!, p.rectifying!, p.national!, p.jlpDistrict!, p.wzDistrict!].sort());
    expect(await ids(c.jlp!)).toEqual([p.muni!, p.national!, p.jlpDistrict!].sort());
    expect(await ids(c.wz!)).toEqual([p.rectifying!, p.wzDistrict!].sort());
    expect(await ids(c.operator!)).toEqual([p.muni!]);
    expect(await ids(c.expert!)).toEqual([]);
  });

  it('lets every logged-in role read the scheme the campaign uses, as adopted', async () => {
    const id = (await c.bureau!.call('GET', '/evaluations')).json<{ id: string; schemeId: string }[]>()[0]!;
    for (const who of [c.operator!, c.jlp!, c.expert!]) {
      const res = await who.call('GET', `/evaluations/${id.id}/scheme`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<{ id: string; status: string; document: { tables: Record<string, unknown> } }>()).toMatchObject({ id: id.schemeId, status: 'adopted' });
    }
    expect((await ctx.app.inject({ method: 'GET', url: `/api/v1/evaluations/${id.id}/scheme` })).statusCode).toBe(401);
  });

  it('previews the impact of another scheme with the rule engine’s own totals on both sides', async () => {
    const draft = (await c.bureau!.call('GET', '/schemes/cq-2026')).json<{ document: ScoreScheme }>().document;
    const changed: ScoreScheme = { ...draft, factors: { ...draft.factors, national: '4' } };
    expect((await c.bureau!.call('PUT', '/schemes/cq-2026', changed)).statusCode).toBe(200);
    expect((await c.jlp!.call('GET', `/evaluations/${evaluationId}/impact?against=cq-2026`)).statusCode).toBe(403);
    const res = await c.bureau!.call('GET', `/evaluations/${evaluationId}/impact?against=cq-2026`);
    expect(res.statusCode, res.body).toBe(200);
    type Side = { total: string | null; grade: string | null };
    const items = res.json<{ items: { platformId: string; current: Side; other: Side }[] }>().items;
    const entries = await entriesOf(c.bureau!);
    expect(items).toHaveLength(entries.length);
    const expected = (scheme: ScoreScheme, e: Entry) => {
      const facts = readFacts(e.type, e.facts);
      if (facts === null) throw new Error('facts');
      const sheet = scoreSheet(scheme, e.type, factorFor(scheme, e.level), facts);
      if (!sheet.ok) throw new Error(JSON.stringify(sheet.errors));
      return sheet.value.total;
    };
    for (const e of entries) {
      const item = items.find((i) => i.platformId === e.platformId)!;
      expect(item.current.total).toBe(expected(cq2025, e));
      expect(item.other.total).toBe(expected(changed, e));
      expect(item.current.grade).not.toBeNull();
      if (e.level !== 'national') expect(item.current.total).toBe(e.selfTotal);
    }
  });

  it('rolls back the participants and the audit row together when opening fails', async () => {
    const created = await c.bureau!.call('POST', '/evaluations', { year: 2024, schemeId: 'cq-2025', selfEvaluationEnd: '2025-03-31', districtReviewEnd: '2025-04-30', municipalReviewEnd: '2025-06-30' });
    const id = created.json<{ id: string }>().id;
    const audits = await auditCount('evaluation.open');
    await ctx.database.pool.query(`create or replace function hrsp_fail() returns trigger language plpgsql as $$ begin raise exception 'boom'; end $$`);
    await ctx.database.pool.query('create trigger hrsp_fail_t before insert on evaluation_entries for each row execute function hrsp_fail()');
    try {
      const res = await c.bureau!.call('POST', `/evaluations/${id}/open`);
      expect(res.statusCode).toBe(500);
    } finally {
      await ctx.database.pool.query('drop trigger hrsp_fail_t on evaluation_entries');
    }
    expect(await auditCount('evaluation.open')).toBe(audits);
    expect((await c.bureau!.call('GET', `/evaluations/${id}`)).json<{ status: string; entries: number }>()).toMatchObject({ status: 'draft', entries: 0 });
  });
});
