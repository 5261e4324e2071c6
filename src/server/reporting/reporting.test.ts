import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client, useTestApp } from '../../../test/app.js';
import { makeOrg, makePlatform, makeUser, makeYearData } from '../../../test/factories.js';
import { notificationLink } from '../../domain/notifications/kinds.js';
import { yearDataSchemas } from '../yeardata/schema.js';
import { REPORT_FIGURES } from '../../domain/reporting/figures.js';
import { runReportingReminders } from './job.js';
import { reportingTodos } from './service.js';
import type { Actor } from '../../domain/auth/actor.js';

/**
 * Operating-data reporting (Art 18, 20): scope per role (an operator its platforms and those
 * entrusted to it, a district its district, the bureau all; government and experts refused), the
 * workflow with a return and a resubmission, the yearly report writing the year data, the
 * reminders once each, the matrix and the to-dos.
 */
const ctx = useTestApp();
const c: Record<string, Client> = {};
const actors: Record<string, Actor> = {};
const p = { own: '', ownMarket: '', otherOperator: '', otherDistrict: '', national: '', exited: '' };
let quarterly = { id: '', periods: [] as { id: string; label: string; dueOn: string }[] };
let yearly = { id: '', periods: [] as { id: string; label: string; dueOn: string }[] };

const ok = async (who: Client, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, status = 200) => {
  const res = await who.call(method, path, body);
  expect(res.statusCode, `${method} ${path}: ${res.body}`).toBe(status);
  return res;
};
const q1 = () => quarterly.periods[0]!.id;
const q2 = () => quarterly.periods[1]!.id;
const auditCount = async (action: string, entityId?: string) => Number((await ctx.database.pool.query<{ n: string }>(
  'select count(*) n from audit_log where action = $1 and ($2::text is null or entity_id = $2)', [action, entityId ?? null],
)).rows[0]!.n);

beforeAll(async () => {
  const db = ctx.database.db;
  const ourOrg = await makeOrg(db, 'operator', '500107', '我方运营公司');
  const otherOrg = await makeOrg(db, 'operator', '500107');
  const wzOrg = await makeOrg(db, 'operator', '500101');
  p.own = await makePlatform(db, { districtCode: '500107', operatorOrgId: ourOrg, name: '我方综合园' });
  p.ownMarket = await makePlatform(db, { districtCode: '500107', operatorOrgId: ourOrg, name: '我方市场', type: 'specialized_market' });
  p.otherOperator = await makePlatform(db, { districtCode: '500107', operatorOrgId: otherOrg, name: '同区他方园' });
  p.otherDistrict = await makePlatform(db, { districtCode: '500101', operatorOrgId: wzOrg, name: '万州园' });
  p.national = await makePlatform(db, { districtCode: '500101', operatorOrgId: wzOrg, name: '国家级园', level: 'national' });
  p.exited = await makePlatform(db, { districtCode: '500107', operatorOrgId: ourOrg, name: '已退出园', status: 'exited' });
  const users = {
    bureau: await makeUser(db, 'bureau'),
    district: await makeUser(db, 'district', { districtCode: '500107' }),
    wzDistrict: await makeUser(db, 'district', { districtCode: '500101' }),
    gov: await makeUser(db, 'district_gov', { districtCode: '500107' }),
    operator: await makeUser(db, 'operator', { organizationId: ourOrg }),
    wzOperator: await makeUser(db, 'operator', { organizationId: wzOrg }),
    expert: await makeUser(db, 'expert'),
  };
  const roles: Record<keyof typeof users, [Actor['role'], string | null]> = {
    bureau: ['bureau', null], district: ['district', '500107'], wzDistrict: ['district', '500101'], gov: ['district_gov', '500107'],
    operator: ['operator', '500107'], wzOperator: ['operator', '500101'], expert: ['expert', null],
  };
  for (const [k, u] of Object.entries(users) as [keyof typeof users, (typeof users)[keyof typeof users]][]) {
    c[k] = await loginAs(ctx.app, u.username);
    actors[k] = { userId: u.id, username: u.username, role: roles[k][0], organizationId: u.organizationId, organizationName: '', districtCode: roles[k][1] };
  }
  quarterly = (await ok(c.bureau!, 'POST', '/reporting/cycles', {
    name: '2026 年季度运营数据', kind: 'quarterly', year: 2026, daysAfterEnd: 15,
    figures: { comprehensive_park: ['residentEnterprises', 'jobsPromoted'], specialized_market: ['databaseRecords'] },
  })).json();
  yearly = (await ok(c.bureau!, 'POST', '/reporting/cycles', {
    name: '2025 年度运营数据', kind: 'yearly', year: 2025, daysAfterEnd: 90,
    figures: { comprehensive_park: ['residentEnterprises', 'employersServed', 'jobsPromoted', 'platformTaxYuan'] },
  })).json();
});

describe('cycles (the bureau)', () => {
  it('makes the periods with their due dates, and refuses an unknown or unfit figure', async () => {
    expect(quarterly.periods.map((x) => [x.label, x.dueOn])).toEqual([
      ['2026 年第一季度', '2026-04-15'], ['2026 年第二季度', '2026-07-15'], ['2026 年第三季度', '2026-10-15'], ['2026 年第四季度', '2027-01-15'],
    ]);
    expect(yearly.periods.map((x) => [x.label, x.dueOn])).toEqual([['2025 年度', '2026-03-31']]);
    const bad = await c.bureau!.call('POST', '/reporting/cycles', { name: 'x', kind: 'yearly', year: 2026, daysAfterEnd: 10, figures: { specialized_market: ['jobsPromoted'] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('不适用于该类平台');
    const edited = (await ok(c.bureau!, 'PUT', `/reporting/cycles/${quarterly.id}`, {
      name: '2026 年季度运营数据', figures: { comprehensive_park: ['residentEnterprises', 'jobsPromoted'], specialized_market: ['databaseRecords'] },
      periods: [{ id: q1(), dueOn: '2026-04-20' }],
    })).json<{ periods: { dueOn: string }[] }>();
    expect(edited.periods[0]!.dueOn).toBe('2026-04-20');
    expect(await auditCount('reporting.cycle.update')).toBe(1);
  });

  it('is the bureau’s only', async () => {
    for (const k of ['district', 'operator', 'gov', 'expert']) {
      expect((await c[k]!.call('POST', '/reporting/cycles', { name: 'x', kind: 'yearly', year: 2026, daysAfterEnd: 10, figures: { comprehensive_park: ['jobsPromoted'] } })).statusCode, k).toBe(403);
      expect((await c[k]!.call('GET', '/reporting/cycles')).statusCode, k).toBe(403);
    }
  });

  it('asks only figures whose year-data key the year data of that type accepts', () => {
    for (const f of REPORT_FIGURES) {
      if (f.yearDataKey === null) continue;
      for (const t of f.types) expect(yearDataSchemas[t].safeParse({ [f.yearDataKey]: 1 }).success, `${f.key} ${t}`).toBe(true);
    }
  });
});

describe('scope', () => {
  it('lists an operator’s own operating platforms’ periods only, for the types asked', async () => {
    const mine = (await ok(c.operator!, 'GET', '/reporting/mine')).json<{ platformId: string; periodId: string }[]>();
    expect(new Set(mine.map((m) => m.platformId))).toEqual(new Set([p.own, p.ownMarket]));
    // The market is asked only the quarterly figures: 4 quarters + (2 platforms) and the park the year too.
    expect(mine.filter((m) => m.platformId === p.own)).toHaveLength(5);
    expect(mine.filter((m) => m.platformId === p.ownMarket)).toHaveLength(4);
  });

  it('hides other operators’ and districts’ platforms (404) and refuses government and experts (403)', async () => {
    for (const id of [p.otherOperator, p.otherDistrict]) {
      expect((await c.operator!.call('GET', `/reporting/periods/${q1()}/platforms/${id}`)).statusCode).toBe(404);
      expect((await c.operator!.call('PUT', `/reporting/periods/${q1()}/platforms/${id}`, { figures: { jobsPromoted: 1 } })).statusCode).toBe(404);
    }
    expect((await c.wzDistrict!.call('GET', `/reporting/periods/${q1()}/platforms/${p.own}`)).statusCode).toBe(404);
    expect((await c.district!.call('GET', `/reporting/periods/${q1()}/platforms/${p.own}`)).statusCode).toBe(200);
    for (const k of ['gov', 'expert']) {
      for (const path of ['/reporting/mine', '/reporting/review', '/reporting/matrix', `/reporting/periods/${q1()}/platforms/${p.own}`]) {
        expect((await c[k]!.call('GET', path)).statusCode, `${k} ${path}`).toBe(403);
      }
    }
    expect((await c.district!.call('GET', '/reporting/mine')).statusCode).toBe(403);
    expect((await c.operator!.call('GET', '/reporting/matrix')).statusCode).toBe(403);
  });

  it('lets the body the bureau entrusts with a national platform report for it (Art 18)', async () => {
    const ourOrg = actors.operator!.organizationId;
    expect((await c.bureau!.call('PUT', `/reporting/delegations/${p.own}`, { reportingOrgId: ourOrg })).statusCode).toBe(400); // not national
    expect((await c.district!.call('PUT', `/reporting/delegations/${p.national}`, { reportingOrgId: ourOrg })).statusCode).toBe(403);
    await ok(c.bureau!, 'PUT', `/reporting/delegations/${p.national}`, { reportingOrgId: ourOrg });
    const mine = (await ok(c.operator!, 'GET', '/reporting/mine')).json<{ platformId: string }[]>();
    expect(mine.some((m) => m.platformId === p.national)).toBe(true);
    // The entrusted body submits; the platform's district returns it; both reporting bodies' users are told.
    const r = (await ok(c.operator!, 'POST', `/reporting/periods/${q1()}/platforms/${p.national}/submit`, { figures: { residentEnterprises: 5, jobsPromoted: 6 } })).json<{ id: string }>();
    await ok(c.wzDistrict!, 'POST', `/reporting/reports/${r.id}/return`, { reason: '请补充说明' });
    const told = (await ctx.database.pool.query<{ user_id: string }>("select user_id from notifications where kind = 'reporting.report.returned' and title like '国家级园%'")).rows.map((x) => x.user_id);
    expect(new Set(told)).toEqual(new Set([actors.operator!.userId, actors.wzOperator!.userId]));
    await ctx.database.pool.query('delete from notifications'); // the workflow test below counts its own
    await ok(c.bureau!, 'PUT', `/reporting/delegations/${p.national}`, { reportingOrgId: null });
    expect((await ok(c.operator!, 'GET', '/reporting/mine')).json<{ platformId: string }[]>().some((m) => m.platformId === p.national)).toBe(false);
  });
});

describe('the workflow', () => {
  it('runs submit → return (with reason) → resubmit → accept, each audited and notified', async () => {
    const path = `/reporting/periods/${q1()}/platforms/${p.own}`;
    const draft = (await ok(c.operator!, 'PUT', path, { figures: { residentEnterprises: 30 } })).json<{ state: string; canEdit: boolean; actions: string[]; fields: { label: string }[] }>();
    expect(draft).toMatchObject({ state: 'draft', canEdit: true, actions: ['submit'] });
    expect(draft.fields.map((f) => f.label)).toEqual(['线下入驻企业数量', '入驻企业促进就业人数']);
    expect((await c.operator!.call('PUT', path, { figures: { databaseRecords: 3 } })).statusCode).toBe(400); // not asked of a park
    const incomplete = await c.operator!.call('POST', `${path}/submit`, { figures: { residentEnterprises: 30 } });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.body).toContain('入驻企业促进就业人数');
    const submitted = (await ok(c.operator!, 'POST', `${path}/submit`, { figures: { residentEnterprises: 30, jobsPromoted: 120 } })).json<{ id: string; state: string; canEdit: boolean }>();
    expect(submitted).toMatchObject({ state: 'submitted', canEdit: false });
    expect((await c.operator!.call('PUT', path, { figures: { residentEnterprises: 31 } })).statusCode).toBe(409);
    const id = submitted.id;

    // The wrong district cannot see it; the operator cannot review; a return needs a reason.
    expect((await c.wzDistrict!.call('POST', `/reporting/reports/${id}/accept`)).statusCode).toBe(404);
    expect((await c.operator!.call('POST', `/reporting/reports/${id}/accept`)).statusCode).toBe(403);
    expect((await c.district!.call('POST', `/reporting/reports/${id}/return`, { reason: ' ' })).statusCode).toBe(400);
    const review = (await ok(c.district!, 'GET', '/reporting/review')).json<{ id: string; state: string }[]>();
    expect(review).toEqual([expect.objectContaining({ id, state: 'submitted' })]);
    // 万州 sees only its own district's reports (the national platform's returned one), not 九龙坡's.
    expect((await ok(c.wzDistrict!, 'GET', '/reporting/review')).json<{ platformId: string }[]>().map((x) => x.platformId)).toEqual([p.national]);

    const returned = (await ok(c.district!, 'POST', `/reporting/reports/${id}/return`, { reason: '促进就业人数与台账不符' })).json<{ state: string; returnReason: string }>();
    expect(returned).toMatchObject({ state: 'returned', returnReason: '促进就业人数与台账不符' });
    expect((await c.district!.call('POST', `/reporting/reports/${id}/accept`)).statusCode).toBe(409);
    const todos = await reportingTodos(ctx.database.db, actors.operator!, '2026-04-10');
    expect(todos).toContainEqual(expect.objectContaining({ kind: 'reporting.returned', link: `/app/reporting/${q1()}/${p.own}` }));

    await ok(c.operator!, 'POST', `${path}/submit`, { figures: { residentEnterprises: 30, jobsPromoted: 110 } });
    expect(await reportingTodos(ctx.database.db, actors.district!, '2026-04-10')).toEqual([expect.objectContaining({ kind: 'reporting.to_review', count: 1, link: '/app/reporting' })]);
    const accepted = (await ok(c.district!, 'POST', `/reporting/reports/${id}/accept`)).json<{ state: string; figures: Record<string, number>; actions: string[] }>();
    expect(accepted).toMatchObject({ state: 'accepted', figures: { residentEnterprises: 30, jobsPromoted: 110 }, actions: [] });
    expect((await c.district!.call('POST', `/reporting/reports/${id}/return`, { reason: 'x' })).statusCode).toBe(409);

    expect(await auditCount('reporting.report.submit', id)).toBe(2);
    expect(await auditCount('reporting.report.return', id)).toBe(1);
    expect(await auditCount('reporting.report.accept', id)).toBe(1);
    const kinds = (await ctx.database.pool.query<{ kind: string; link: string; user_id: string }>("select kind, link, user_id from notifications where kind like 'reporting.%' order by created_at")).rows;
    expect(kinds.map((k) => k.kind)).toEqual(['reporting.report.submitted', 'reporting.report.returned', 'reporting.report.submitted', 'reporting.report.accepted']);
    expect(new Set(kinds.map((k) => k.link))).toEqual(new Set([notificationLink('reporting.report.returned', {})]));
    // The wzDistrict got none: the submission went to the platform's district.
    const wzId = actors.wzDistrict!.userId;
    expect(kinds.some((k) => k.user_id === wzId)).toBe(false);
  });

  it('shows the bureau the matrix of platforms × periods, filtered by district and type, and exports it', async () => {
    const m = (await ok(c.bureau!, 'GET', `/reporting/matrix?cycleId=${quarterly.id}`)).json<{ periods: { id: string }[]; rows: { platformId: string; cells: { periodId: string; state: string | null; standing: string }[] }[] }>();
    expect(m.periods).toHaveLength(4);
    const own = m.rows.find((r) => r.platformId === p.own)!;
    expect(own.cells[0]).toMatchObject({ periodId: q1(), state: 'accepted', standing: 'done' });
    expect(m.rows.some((r) => r.platformId === p.exited)).toBe(false);
    expect(m.rows.map((r) => r.platformId)).toContain(p.otherDistrict);
    const district = (await ok(c.bureau!, 'GET', '/reporting/matrix?districtCode=500101')).json<{ rows: { platformId: string }[] }>();
    expect(new Set(district.rows.map((r) => r.platformId))).toEqual(new Set([p.otherDistrict, p.national]));
    const markets = (await ok(c.bureau!, 'GET', '/reporting/matrix?type=specialized_market')).json<{ rows: { platformId: string }[] }>();
    expect(markets.rows.map((r) => r.platformId)).toEqual([p.ownMarket]);
    const jlp = (await ok(c.district!, 'GET', '/reporting/matrix')).json<{ rows: { platformId: string }[] }>();
    expect(new Set(jlp.rows.map((r) => r.platformId))).toEqual(new Set([p.own, p.ownMarket, p.otherOperator]));
    const file = await ok(c.bureau!, 'GET', `/reporting/matrix/export?cycleId=${quarterly.id}`);
    expect(file.headers['content-type']).toContain('spreadsheetml');
  });
});

describe('the yearly report feeds the year data', () => {
  it('writes the year-data figures into that year’s data on acceptance, keeping the rest, with an audit row', async () => {
    await makeYearData(ctx.database.db, p.own, 2025, { researchResults: 3, employersServed: 1 });
    const path = `/reporting/periods/${yearly.periods[0]!.id}/platforms/${p.own}`;
    const before = (await ok(c.operator!, 'GET', path)).json<{ yearDataNote: string }>();
    expect(before.yearDataNote).toContain('将写入 2025 年度数据');
    const r = (await ok(c.operator!, 'POST', `${path}/submit`, { figures: { residentEnterprises: 30, employersServed: 45, jobsPromoted: 400, platformTaxYuan: 1_000_000 } })).json<{ id: string }>();
    const yearAudits = await auditCount('year_data.update');
    await ok(c.district!, 'POST', `/reporting/reports/${r.id}/accept`);
    const data = (await ok(c.operator!, 'GET', `/platforms/${p.own}/year-data/2025`)).json<{ data: Record<string, unknown> }>().data;
    expect(data).toEqual({ researchResults: 3, employersServed: 45, jobsPromoted: 400, platformTaxYuan: 1_000_000 });
    expect(await auditCount('year_data.update')).toBe(yearAudits + 1);
    const accept = (await ctx.database.pool.query<{ summary: { yearData: string } }>("select summary from audit_log where action = 'reporting.report.accept' and entity_id = $1", [r.id])).rows[0]!;
    expect(accept.summary.yearData).toBe('已写入 2025 年度数据');
  });

  it('leaves a year whose self-evaluation was submitted as it is', async () => {
    const created = await ok(c.bureau!, 'POST', '/evaluations', { year: 2025, schemeId: 'cq-2025', selfEvaluationEnd: '2099-01-10', districtReviewEnd: '2099-01-20', municipalReviewEnd: '2099-01-30' }, 201);
    const evaluationId = created.json<{ id: string }>().id;
    await ctx.database.pool.query(
      "insert into evaluation_entries (evaluation_id, platform_id, level, type, factor, status) values ($1, $2, 'municipal', 'comprehensive_park', 1, 'submitted')", [evaluationId, p.otherOperator],
    );
    await makeYearData(ctx.database.db, p.otherOperator, 2025, { employersServed: 7 });
    const other = await makeUser(ctx.database.db, 'operator', { organizationId: (await ctx.database.pool.query<{ o: string }>('select operator_org_id o from platforms where id = $1', [p.otherOperator])).rows[0]!.o });
    const otherClient = await loginAs(ctx.app, other.username);
    const path = `/reporting/periods/${yearly.periods[0]!.id}/platforms/${p.otherOperator}`;
    const r = (await ok(otherClient, 'POST', `${path}/submit`, { figures: { residentEnterprises: 3, employersServed: 99, jobsPromoted: 9, platformTaxYuan: 1 } })).json<{ id: string; yearDataNote: string }>();
    expect(r.yearDataNote).toContain('不再写入');
    await ok(c.district!, 'POST', `/reporting/reports/${r.id}/accept`);
    const data = (await ok(c.bureau!, 'GET', `/platforms/${p.otherOperator}/year-data/2025`)).json<{ data: Record<string, unknown> }>().data;
    expect(data).toEqual({ employersServed: 7 });
  });
});

describe('reminders', () => {
  const notes = async () => (await ctx.database.pool.query<{ kind: string; title: string }>("select kind, title from notifications where kind like 'reporting.reminder.%' order by created_at, title")).rows;

  it('sends one reminder within 7 days before the due date and one after it, per owed platform and period', async () => {
    // Q2 (due 2026-07-15): the market and the park of our operator, the other operator's park, 万州's two.
    const owed = 5;
    // The first run catches up on the periods already past (Q1, the year); nothing of Q2 yet.
    expect(await runReportingReminders(ctx.database.db, '2026-07-07')).toMatchObject({ dueSoon: 0 });
    expect(await runReportingReminders(ctx.database.db, '2026-07-08')).toEqual({ dueSoon: owed, overdue: 0 });
    expect(await runReportingReminders(ctx.database.db, '2026-07-12')).toEqual({ dueSoon: 0, overdue: 0 });
    // Our park reports Q2 in time: no overdue reminder for it.
    await ok(c.operator!, 'POST', `/reporting/periods/${q2()}/platforms/${p.own}/submit`, { figures: { residentEnterprises: 31, jobsPromoted: 10 } });
    expect(await runReportingReminders(ctx.database.db, '2026-07-16')).toEqual({ dueSoon: 0, overdue: owed - 1 });
    expect(await runReportingReminders(ctx.database.db, '2026-08-30')).toEqual({ dueSoon: 0, overdue: 0 });
    const ours = (await notes()).filter((n) => n.title.startsWith('我方') && n.title.includes('第二季度'));
    expect(ours.map((n) => n.kind)).toEqual(['reporting.reminder.due_soon', 'reporting.reminder.due_soon', 'reporting.reminder.overdue']);
    expect(ours.map((n) => n.title)).toContain('我方市场2026 年第二季度运营数据已逾期未报送（截止 2026-07-15）');
  });

  it('lists the overdue ones on the bureau’s to-dos and the owed ones on the operator’s', async () => {
    const bureau = await reportingTodos(ctx.database.db, actors.bureau!, '2026-07-16');
    expect(bureau).toContainEqual(expect.objectContaining({ kind: 'reporting.overdue', link: '/app/reporting' }));
    const op = await reportingTodos(ctx.database.db, actors.operator!, '2026-07-16');
    expect(op).toContainEqual(expect.objectContaining({ kind: 'reporting.due', title: '我方市场2026 年第二季度运营数据已逾期' }));
    expect(await reportingTodos(ctx.database.db, actors.gov!, '2026-07-16')).toEqual([]);
  });
});
