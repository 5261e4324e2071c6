/**
 * Art 33 only through its path: the registry's status change never moves a platform into 已认定 by
 * itself (a district-level one to municipal, or one in preparation), for any role; the bureau's
 * confirmation of a published Art 33 proposal does, and only for a qualifying one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client, useTestApp } from '../../../../test/app.js';
import { makeOrg, makePlatform, makeSite, makeUser, makeYearData } from '../../../../test/factories.js';
import { evaluationEntries, evaluationProposals, evaluations } from '../../../db/schema/index.js';
import type { Role } from '../../../domain/auth/roles.js';

const ctx = useTestApp();
const roles: Role[] = ['admin', 'security_admin', 'auditor', 'bureau', 'district', 'district_gov', 'operator', 'expert'];
const c: Partial<Record<Role, Client>> = {};
const pid: Record<string, string> = {};
const prop: Record<string, string> = {};
let evaluationId = '';

const q = async <T extends Record<string, unknown>>(sql: string, args: unknown[] = []) => (await ctx.database.pool.query<T>(sql, args)).rows;
const platformOf = async (id: string) => (await q<{ level: string; status: string; recognition_doc_no: string | null }>('select level, status, recognition_doc_no from platforms where id = $1', [id]))[0];
const count = async (sql: string, args: unknown[]) => Number((await q<{ n: string }>(sql, args))[0]!.n);

beforeAll(async () => {
  const db = ctx.database.db;
  const org = await makeOrg(db, 'operator', '500107');
  const market = async (key: string, opts: { qualified?: boolean; level?: 'district' | 'municipal'; status?: 'preparing' } = {}) => {
    const id = await makePlatform(db, { type: 'specialized_market', level: opts.level ?? 'district', name: `平台${key}`, operatorOrgId: org, ...(opts.status ? { status: opts.status } : {}) });
    if (opts.qualified !== false) {
      await makeSite(db, id, 1200);
      await makeYearData(db, id, 2025, { personTimesServed: { bachelorOrBelow: 5200, postgraduate: 300 } });
    }
    pid[key] = id;
  };
  await market('Q');
  await market('Pass');
  await market('Unmet', { qualified: false });
  await market('Moved');
  await market('Prep', { level: 'municipal', status: 'preparing' });
  for (const role of roles) {
    const opts = role === 'operator' ? { organizationId: org } : role === 'district' || role === 'district_gov' ? { districtCode: '500107' } : {};
    c[role] = await loginAs(ctx.app, (await makeUser(db, role, opts)).username);
  }
  // A published 2025 campaign: the expert review and the panel are other features, their outcome is put here.
  const [e] = await db.insert(evaluations).values({
    year: 2025, schemeId: 'cq-2025', selfEvaluationEnd: '2025-03-01', districtReviewEnd: '2025-04-01', municipalReviewEnd: '2025-05-01', status: 'published', publishedAt: new Date(),
  }).returning({ id: evaluations.id });
  evaluationId = e!.id;
  const grades = { Q: 'excellent', Pass: 'pass', Unmet: 'excellent', Moved: 'excellent' } as const;
  for (const [k, grade] of Object.entries(grades)) {
    await db.insert(evaluationEntries).values({ evaluationId, platformId: pid[k]!, level: 'district', type: 'specialized_market', factor: '0.8', voluntary: true, status: 'published', reviewedTotal: '90', grade, gradeSource: 'computed' });
    const [p] = await db.insert(evaluationProposals).values({ evaluationId, platformId: pid[k]!, kind: 'promotion', reason: '2025 年度评估为优秀' }).returning({ id: evaluationProposals.id });
    prop[k] = p!.id;
  }
});

describe('the status endpoint never recognizes', () => {
  it('refuses 区县级 已备案 → 已认定 for every role, with the Art 33 path named, writing nothing', async () => {
    for (const role of roles) {
      const res = await c[role]!.call('POST', `/platforms/${pid.Q}/status`, { to: 'recognized', reason: '评估优秀，直接认定', effectiveDate: '2025-12-20' });
      expect(res.statusCode, `${role}: ${res.body}`).toBeGreaterThanOrEqual(400);
      if (res.statusCode === 400) expect(res.json<{ message: string }>().message).toContain('第三十三条');
    }
    const bureau = await c.bureau!.call('POST', `/platforms/${pid.Q}/status`, { to: 'recognized', reason: '评估优秀，直接认定', effectiveDate: '2025-12-20' });
    expect(bureau.json<{ code: string; message: string }>()).toMatchObject({ code: 'TRANSITION_REFUSED', message: expect.stringContaining('「已备案」不能直接变更为「已认定」') });
    expect(await platformOf(pid.Q!)).toMatchObject({ level: 'district', status: 'filed' });
    expect(await count('select count(*) n from platform_status_history where platform_id = $1', [pid.Q])).toBe(0);
  });

  it('refuses 筹建中 → 已认定 for every role (recognized only by its acceptance)', async () => {
    for (const role of roles) {
      const res = await c[role]!.call('POST', `/platforms/${pid.Prep}/status`, { to: 'recognized', reason: '验收', effectiveDate: '2025-12-20' });
      expect(res.statusCode, `${role}: ${res.body}`).toBeGreaterThanOrEqual(400);
    }
    expect((await c.bureau!.call('POST', `/platforms/${pid.Prep}/status`, { to: 'recognized', reason: '验收', effectiveDate: '2025-12-20' })).json<{ message: string }>().message)
      .toContain('第十五条');
    expect(await platformOf(pid.Prep!)).toMatchObject({ level: 'municipal', status: 'preparing' });
  });
});

describe('confirming an Art 33 proposal', () => {
  const confirm = (key: string, body: Record<string, unknown> = { decisionDate: '2025-12-20', docNo: '渝人社〔2025〕301号' }) =>
    c.bureau!.call('POST', `/proposals/${prop[key]}/confirm`, body);

  it('shows the check: grade, status and every municipal condition', async () => {
    const ok = await c.bureau!.call('GET', `/proposals/${prop.Q}/art33-check`);
    expect(ok.statusCode, ok.body).toBe(200);
    const body = ok.json<{ eligible: boolean; grade: string; conditions: { passed: boolean }[]; reasons: string[] }>();
    expect(body).toMatchObject({ eligible: true, grade: 'excellent', reasons: [] });
    expect(body.conditions.length).toBeGreaterThan(0);
    expect(body.conditions.every((x) => x.passed)).toBe(true);
    const unmet = (await c.bureau!.call('GET', `/proposals/${prop.Unmet}/art33-check`)).json<{ eligible: boolean; reasons: string[] }>();
    expect(unmet.eligible).toBe(false);
    expect(unmet.reasons.join()).toContain('不符合市级平台认定条件');
    for (const role of ['district', 'operator', 'expert', 'district_gov'] as const) {
      expect((await c[role]!.call('GET', `/proposals/${prop.Q}/art33-check`)).statusCode).toBe(403);
    }
  });

  it('refuses a grade other than 优秀, failing conditions, a platform already municipal; and asks for the decision', async () => {
    const pass = await confirm('Pass');
    expect(pass.statusCode).toBe(409);
    expect(pass.json<{ code: string; message: string }>()).toMatchObject({ code: 'ART33_REFUSED', message: expect.stringContaining('等次为「合格」') });
    const unmet = await confirm('Unmet');
    expect(unmet.statusCode).toBe(409);
    expect(unmet.json<{ message: string }>().message).toContain('不符合市级平台认定条件');
    // Recognized by an application in the meantime: already municipal.
    await q("update platforms set level = 'municipal', status = 'recognized' where id = $1", [pid.Moved]);
    const moved = await confirm('Moved');
    expect(moved.statusCode).toBe(409);
    expect(moved.json<{ message: string }>().message).toContain('该平台已是市级平台');
    const noDoc = await confirm('Q', { decisionDate: '2025-12-20' });
    expect(noDoc.statusCode).toBe(400);
    expect(noDoc.json<{ details: { field: string }[] }>().details[0]?.field).toBe('docNo');
    expect((await confirm('Q', { decisionDate: '2025-12-20', docNo: '301号' })).statusCode).toBe(400);
    expect((await c.district!.call('POST', `/proposals/${prop.Q}/confirm`, { decisionDate: '2025-12-20', docNo: '渝人社〔2025〕301号' })).statusCode).toBe(403);
    for (const k of ['Pass', 'Unmet', 'Moved', 'Q']) expect((await q<{ status: string }>('select status from evaluation_proposals where id = $1', [prop[k]]))[0]?.status).toBe('proposed');
    expect(await platformOf(pid.Pass!)).toMatchObject({ level: 'district', status: 'filed' });
    expect(await count("select count(*) n from audit_log where action = 'evaluation.proposal.confirm'", [])).toBe(0);
  });

  it('confirms a qualifying one: municipal 已认定 with its document, history, audit and the district told', async () => {
    const res = await confirm('Q', { decisionDate: '2025-12-20', docNo: '渝人社[2025]301号', note: '局长办公会通过' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ status: string; decisionNote: string }>()).toMatchObject({ status: 'confirmed', decisionNote: expect.stringContaining('渝人社〔2025〕301号') });
    expect(await platformOf(pid.Q!)).toEqual({ level: 'municipal', status: 'recognized', recognition_doc_no: '渝人社〔2025〕301号' });
    const [h] = await q<{ from_status: string; to_status: string; effective_date: string; reason: string }>(
      "select from_status, to_status, to_char(effective_date, 'YYYY-MM-DD') effective_date, reason from platform_status_history where platform_id = $1", [pid.Q]);
    expect(h).toMatchObject({ from_status: 'filed', to_status: 'recognized', effective_date: '2025-12-20' });
    const [a] = await q<{ summary: { docNo: string; level: string[] } }>("select summary from audit_log where action = 'evaluation.proposal.confirm' and entity_id = $1", [prop.Q]);
    expect(a?.summary).toMatchObject({ docNo: '渝人社〔2025〕301号', level: ['district', 'municipal'] });
    expect(await count("select count(*) n from audit_log where action = 'platform.status' and entity_id = $1", [pid.Q])).toBe(1);
    for (const role of ['district', 'district_gov'] as const) {
      const notes = (await c[role]!.call('GET', '/notifications')).json<{ items: { kind: string; title: string; link: string }[] }>().items;
      expect(notes.find((n) => n.kind === 'platform.promoted')).toMatchObject({ title: expect.stringContaining('平台Q'), link: `/app/platforms/${pid.Q}` });
    }
    expect((await confirm('Q')).statusCode).toBe(409);
  });
});
