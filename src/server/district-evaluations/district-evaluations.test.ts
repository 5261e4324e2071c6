/**
 * Art 28: a district unit files its yearly evaluation of its own district-level platforms; the bureau
 * sees which of the 41 districts have filed, acknowledges or returns; nobody else takes part.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client, useTestApp } from '../../../test/app.js';
import { makePlatform, makeUser } from '../../../test/factories.js';
import { tinyPdf, upload } from '../../../test/multipart.js';
import type { Role } from '../../domain/auth/roles.js';
import { DISTRICTS } from '../../domain/reference/districts.js';

const ctx = useTestApp();
const c: Partial<Record<Role | 'wz', Client>> = {};
const pid: Record<string, string> = {};

interface Filing {
  id: string | null; status: string; statusLabel: string; districtName: string; items: { platformId: string; platformName: string; grade: string; score: string | null }[];
  platforms: { id: string; name: string }[]; problems: string[]; document: { originalName: string } | null; decisionNote: string | null;
}
interface Overview { total: number; counts: Record<string, number>; rows: { districtCode: string; status: string; platforms: number; items: number; filingId: string | null }[] }

const q = async <T extends Record<string, unknown>>(sql: string, args: unknown[] = []) => (await ctx.database.pool.query<T>(sql, args)).rows;

beforeAll(async () => {
  const db = ctx.database.db;
  pid.a = await makePlatform(db, { level: 'district', districtCode: '500107', name: '九龙坡甲园' });
  pid.b = await makePlatform(db, { level: 'district', districtCode: '500107', name: '九龙坡乙园' });
  pid.muni = await makePlatform(db, { level: 'municipal', districtCode: '500107', name: '九龙坡市级园' });
  pid.wz = await makePlatform(db, { level: 'district', districtCode: '500101', name: '万州园' });
  for (const role of ['admin', 'bureau', 'district', 'district_gov', 'operator', 'expert', 'auditor'] as const) {
    c[role] = await loginAs(ctx.app, (await makeUser(db, role, role === 'district' || role === 'district_gov' ? { districtCode: '500107' } : {})).username);
  }
  c.wz = await loginAs(ctx.app, (await makeUser(db, 'district', { districtCode: '500101' })).username);
});

describe('a district files its evaluation results', () => {
  let id = '';

  it('starts from its own district-level platforms, none filed', async () => {
    const res = await c.district!.call('GET', '/district-evaluations/mine/2025');
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json<Filing>();
    expect(f).toMatchObject({ id: null, status: 'none', districtName: '九龙坡区', items: [] });
    expect(f.platforms.map((p) => p.name)).toEqual(['九龙坡乙园', '九龙坡甲园'].sort((x, y) => x.localeCompare(y)));
    expect(f.problems).toContain('评估结果：缺少「九龙坡甲园」');
  });

  it('refuses another district’s platform, and every role but the district unit', async () => {
    const foreign = await c.district!.call('PUT', '/district-evaluations/mine/2025', { items: [{ platformId: pid.wz, grade: '优秀' }] });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json<{ message: string }>().message).toContain('本区县已备案的区县级平台');
    const muni = await c.district!.call('PUT', '/district-evaluations/mine/2025', { items: [{ platformId: pid.muni, grade: '优秀' }] });
    expect(muni.statusCode).toBe(400);
    for (const role of ['admin', 'bureau', 'district_gov', 'operator', 'expert', 'auditor'] as const) {
      expect((await c[role]!.call('GET', '/district-evaluations/mine/2025')).statusCode, role).toBe(403);
      expect((await c[role]!.call('PUT', '/district-evaluations/mine/2025', { items: [] })).statusCode, role).toBe(403);
    }
    for (const role of ['district', 'district_gov', 'operator', 'expert', 'auditor'] as const) {
      expect((await c[role]!.call('GET', '/district-evaluations/overview/2025')).statusCode, role).toBe(403);
    }
    expect(await q('select id from district_evaluation_filings')).toEqual([]);
  });

  it('saves a draft, refuses an incomplete submission, submits a complete one with its document', async () => {
    const draft = await c.district!.call('PUT', '/district-evaluations/mine/2025', { items: [{ platformId: pid.a, grade: 'A档', score: '91.5', note: '按本区办法评定' }], note: '九龙坡区区县级平台评估办法（试行）' });
    expect(draft.statusCode, draft.body).toBe(200);
    const f = draft.json<Filing>();
    expect(f).toMatchObject({ status: 'draft', items: [{ platformId: pid.a, platformName: '九龙坡甲园', grade: 'A档', score: '91.5' }] });
    id = f.id!;
    const incomplete = await c.district!.call('POST', `/district-evaluations/filings/${id}/submit`);
    expect(incomplete.statusCode).toBe(409);
    expect(incomplete.json<{ message: string }>().message).toContain('缺少「九龙坡乙园」');
    expect((await c.district!.call('PUT', '/district-evaluations/mine/2025', { items: [{ platformId: pid.a, grade: 'A档', score: '91.5' }, { platformId: pid.b, grade: 'B档', score: '101' }] })).statusCode).toBe(400);
    expect((await c.district!.call('PUT', '/district-evaluations/mine/2025', { items: [{ platformId: pid.a, grade: 'A档', score: '91.5' }, { platformId: pid.b, grade: 'B档' }] })).statusCode).toBe(200);
    const doc = await upload(ctx.app, c.district!, `/district-evaluations/filings/${id}/document`, {}, { name: '九龙坡区2025年度评估结果.pdf', content: tinyPdf });
    expect(doc.statusCode, doc.body).toBe(200);
    expect(doc.json<Filing>().document?.originalName).toBe('九龙坡区2025年度评估结果.pdf');
    expect((await upload(ctx.app, c.wz!, `/district-evaluations/filings/${id}/document`, {}, { name: 'x.pdf', content: tinyPdf })).statusCode).toBe(404);
    expect((await c.wz!.call('GET', `/district-evaluations/filings/${id}`)).statusCode).toBe(404);
    expect((await c.wz!.call('POST', `/district-evaluations/filings/${id}/submit`)).statusCode).toBe(404);
    const sent = await c.district!.call('POST', `/district-evaluations/filings/${id}/submit`);
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json<Filing>()).toMatchObject({ status: 'submitted', problems: [] });
    expect((await c.district!.call('PUT', '/district-evaluations/mine/2025', { items: [] })).statusCode).toBe(409);
    const notes = (await c.bureau!.call('GET', '/notifications')).json<{ items: { kind: string; link: string }[] }>().items;
    expect(notes.find((n) => n.kind === 'district_evaluation.submitted')?.link).toBe('/app/district-evaluations');
    const download = await c.bureau!.call('GET', `/district-evaluations/filings/${id}/document`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(tinyPdf)).toBe(true);
  });

  it('lets the bureau return it with a reason and acknowledge the resubmission; the district is told', async () => {
    expect((await c.district!.call('POST', `/district-evaluations/filings/${id}/acknowledge`, {})).statusCode).toBe(403);
    expect((await c.bureau!.call('POST', `/district-evaluations/filings/${id}/return`, {})).statusCode).toBe(400);
    const back = await c.bureau!.call('POST', `/district-evaluations/filings/${id}/return`, { note: '请补充乙园得分' });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json<Filing>()).toMatchObject({ status: 'returned', decisionNote: '请补充乙园得分' });
    expect((await c.district!.call('PUT', '/district-evaluations/mine/2025', { items: [{ platformId: pid.a, grade: 'A档', score: '91.5' }, { platformId: pid.b, grade: 'B档', score: '78' }] })).statusCode).toBe(200);
    expect((await c.district!.call('POST', `/district-evaluations/filings/${id}/submit`)).statusCode).toBe(200);
    const ack = await c.bureau!.call('POST', `/district-evaluations/filings/${id}/acknowledge`, { note: '已备案' });
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json<Filing>().status).toBe('acknowledged');
    expect((await c.bureau!.call('POST', `/district-evaluations/filings/${id}/acknowledge`, {})).statusCode).toBe(409);
    const kinds = (await c.district!.call('GET', '/notifications')).json<{ items: { kind: string; link: string }[] }>().items.map((n) => `${n.kind} ${n.link}`);
    expect(kinds).toEqual(expect.arrayContaining(['district_evaluation.returned /app/district-evaluations/mine', 'district_evaluation.acknowledged /app/district-evaluations/mine']));
    const actions = (await q<{ action: string }>("select action from audit_log where entity_type = 'district_evaluation_filing' and entity_id = $1 order by at", [id])).map((r) => r.action);
    expect(actions).toEqual(['district_evaluation.save', 'district_evaluation.save', 'district_evaluation.document', 'district_evaluation.submit', 'district_evaluation.return', 'district_evaluation.save', 'district_evaluation.submit', 'district_evaluation.acknowledge']);
  });
});

describe('the bureau’s overview', () => {
  it('lists every district of the reference data with its state; the counts equal the filings', async () => {
    // Two more districts' filings, straight into the table: one draft, one submitted.
    await q("insert into district_evaluation_filings (district_code, year, status) values ('500101', 2025, 'submitted'), ('500102', 2025, 'draft'), ('500103', 2024, 'acknowledged')");
    const res = await c.bureau!.call('GET', '/district-evaluations/overview/2025');
    expect(res.statusCode, res.body).toBe(200);
    const o = res.json<Overview>();
    expect(o.total).toBe(DISTRICTS.length);
    expect(o.total).toBe(41);
    expect(o.rows.map((r) => r.districtCode).sort()).toEqual(DISTRICTS.map((d) => d.code).sort());
    const filed = await q<{ status: string; n: string }>('select status, count(*) n from district_evaluation_filings where year = 2025 group by status');
    const expected = Object.fromEntries(filed.map((r) => [r.status, Number(r.n)]));
    expect(o.counts).toEqual({ none: 41 - filed.reduce((s, r) => s + Number(r.n), 0), draft: 0, submitted: 0, returned: 0, acknowledged: 0, ...expected });
    expect(o.counts).toMatchObject({ acknowledged: 1, submitted: 1, draft: 1, none: 38 });
    expect(o.rows.find((r) => r.districtCode === '500107')).toMatchObject({ status: 'acknowledged', platforms: 2, items: 2 });
    expect(o.rows.find((r) => r.districtCode === '500101')).toMatchObject({ status: 'submitted', platforms: 1 });
  });

  it('reminds the districts with platforms that have not submitted', async () => {
    await makePlatform(ctx.database.db, { level: 'district', districtCode: '500102', name: '渝中园' });
    const res = await c.bureau!.call('POST', '/district-evaluations/overview/2025/remind');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ districts: number }>().districts).toBe(1);
    expect((await c.district!.call('POST', '/district-evaluations/overview/2025/remind')).statusCode).toBe(403);
  });
});
