import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client, useTestApp } from '../../../../test/app.js';
import { makeOrg, makePlatform, makeSite, makeUser, makeYearData } from '../../../../test/factories.js';
import { evaluationEntries, evaluations } from '../../../db/schema/index.js';
import { grade, type Participant } from '../../../domain/index.js';
import { todayIso } from '../../clock.js';

const ctx = useTestApp();
type Who = 'bureau' | 'jlp' | 'yz' | 'operatorA' | 'expert';
const c: Partial<Record<Who, Client>> = {};
const pid: Record<string, string> = {};
const eid: Record<string, string> = {};
let evaluationId = '';

interface Problem { code: string; message: string; details?: { field: string; message: string }[]; items?: string[] }
interface Ranked {
  entryId: string; platformName: string; level: 'national' | 'municipal' | 'district'; type: Participant['type']; score: string; rank: number; pool: string;
  withinCap: boolean; computed: string; grade: string; reasons: string[]; recommendation: string; proposals: { kind: string }[];
  conditionsLost: boolean | null; previousGrade: 'excellent' | 'pass' | 'fail' | null; meetsMunicipalConditions: boolean | null;
  decision: { grade: string; source: string; reason: string } | null;
}
interface Panel {
  pools: { pool: string; participants: number; cap: number; held: string[]; slotsForHeld: number }[];
  ranking: Ranked[]; held: { entryId: string; decided: boolean }[]; warnings: string[];
  pending: { entryId: string }[]; excluded: { entryId: string; reason: string }[]; blocking: string[];
}
interface Proposal { id: string; platformId: string; kind: 'removal' | 'promotion'; status: string; decisionNote: string | null }

const shift = (n: number) => new Date(Date.parse(`${todayIso()}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const q = async <T extends Record<string, unknown>>(sql: string, args: unknown[] = []) => (await ctx.database.pool.query<T>(sql, args)).rows;
const auditCount = async (action: string) => Number((await q<{ n: string }>('select count(*) n from audit_log where action = $1', [action]))[0]!.n);
const panel = async () => {
  const res = await c.bureau!.call('GET', `/evaluations/${evaluationId}/panel`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Panel>();
};
const row = (p: Panel, key: string) => p.ranking.find((r) => r.entryId === eid[key])!;
const review = (key: string, total: string) =>
  q("update evaluation_entries set status = 'reviewed', reviewed_total = $2 where id = $1", [eid[key], total]);

/** The domain's grade() on the same inputs the panel shows: results must be its results. */
function domainGrades(p: Panel, overrides: { key: string; grade: 'excellent' | 'pass' | 'fail'; reason: string }[]) {
  const participants: Participant[] = p.ranking.map((r) => ({
    id: r.entryId, type: r.type, level: r.level, score: r.score,
    ...(r.level === 'municipal' && r.conditionsLost === true ? { lostConditions: true } : {}),
    ...(r.previousGrade === null ? {} : { previousGrade: r.previousGrade }),
    ...(r.meetsMunicipalConditions === null ? {} : { meetsMunicipalConditions: r.meetsMunicipalConditions }),
  }));
  const res = grade(participants, { excellentMin: '85', passMin: '60', excellentShare: '0.3', pool: 'all' }, overrides.map((o) => ({ id: eid[o.key]!, grade: o.grade, reason: o.reason })));
  if (!res.ok) throw new Error(JSON.stringify(res.errors));
  return new Map(res.value.participants.map((x) => [x.id, x]));
}

beforeAll(async () => {
  const db = ctx.database.db;
  const orgA = await makeOrg(db, 'operator', '500107');
  // A specialized market meets the municipal conditions with 1,200 m² and more than 5,000 person-times (Art 13).
  const market = async (key: string, opts: { level?: 'municipal' | 'district'; districtCode?: string; qualified?: boolean; status?: 'preparing'; operatorOrgId?: string; contactName?: string } = {}) => {
    const id = await makePlatform(db, {
      type: 'specialized_market', level: opts.level ?? 'municipal', name: `平台${key}`, districtCode: opts.districtCode ?? '500107',
      ...(opts.status === undefined ? {} : { status: opts.status }), ...(opts.operatorOrgId === undefined ? {} : { operatorOrgId: opts.operatorOrgId }),
      ...(opts.contactName === undefined ? {} : { contactName: opts.contactName, contactPhone: '13800000000' }),
    });
    if (opts.qualified !== false) {
      await makeSite(db, id, 1200);
      await makeYearData(db, id, 2025, { personTimesServed: { bachelorOrBelow: 5200, postgraduate: 300 } });
    }
    pid[key] = id;
  };
  await market('A', { operatorOrgId: orgA, contactName: '张联系' });
  await market('C');
  await market('D');
  await market('L', { qualified: false });
  await market('R');
  await market('R2');
  await market('F1', { districtCode: '500101' });
  await market('F2');
  await market('F3');
  await market('F4');
  await market('Dist', { level: 'district' });
  await market('P', { status: 'preparing' });

  c.bureau = await loginAs(ctx.app, (await makeUser(db, 'bureau')).username);
  c.jlp = await loginAs(ctx.app, (await makeUser(db, 'district', { districtCode: '500107' })).username);
  c.yz = await loginAs(ctx.app, (await makeUser(db, 'district', { districtCode: '500101' })).username);
  c.operatorA = await loginAs(ctx.app, (await makeUser(db, 'operator', { organizationId: orgA })).username);
  c.expert = await loginAs(ctx.app, (await makeUser(db, 'expert')).username);

  // Last year's campaign, published: R and R2 were 不合格.
  const [prev] = await db.insert(evaluations).values({
    year: 2024, schemeId: 'cq-2025', selfEvaluationEnd: '2024-03-01', districtReviewEnd: '2024-04-01', municipalReviewEnd: '2024-05-01', status: 'published', publishedAt: new Date(),
    results: {
      evaluationId: 'prev', year: 2024, schemeId: 'cq-2025', settings: { excellentMin: '85.00', passMin: '60.00', excellentShare: '0.3', pool: 'all' }, pools: [], warnings: [], proposals: [], excluded: [],
      items: ['R', 'R2'].map((k) => ({
        entryId: k, platformId: pid[k], platformName: `平台${k}`, districtName: '九龙坡区', level: 'municipal', type: 'specialized_market', score: '50.00', rank: 1, pool: '全部参评平台',
        grade: 'fail', gradeLabel: '不合格', gradeSource: 'computed', reasons: [], recommendation: 'not_recommended', recommendationText: '',
      })),
    },
  }).returning({ id: evaluations.id });
  for (const k of ['R', 'R2']) {
    await db.insert(evaluationEntries).values({ evaluationId: prev!.id, platformId: pid[k]!, level: 'municipal', type: 'specialized_market', factor: '1', status: 'published', reviewedTotal: '50', grade: 'fail', gradeSource: 'computed' });
  }

  const created = await c.bureau.call('POST', '/evaluations', { year: 2025, schemeId: 'cq-2025', selfEvaluationEnd: shift(1), districtReviewEnd: shift(2), municipalReviewEnd: shift(3) });
  expect(created.statusCode, created.body).toBe(201);
  evaluationId = created.json<{ id: string }>().id;
  expect((await c.bureau.call('POST', `/evaluations/${evaluationId}/open`)).statusCode).toBe(200);
  expect((await c.jlp.call('POST', `/evaluations/${evaluationId}/district-applications`, { platformId: pid.Dist })).statusCode).toBe(201);
  // A platform in preparation never gets an entry at opening; one put there by hand is left out of grading.
  await db.insert(evaluationEntries).values({ evaluationId, platformId: pid.P!, level: 'municipal', type: 'specialized_market', factor: '1', status: 'reviewed', reviewedTotal: '99' });
  for (const r of await q<{ id: string; platform_id: string }>('select id, platform_id from evaluation_entries where evaluation_id = $1', [evaluationId])) {
    const key = Object.entries(pid).find(([, v]) => v === r.platform_id)?.[0];
    if (key) eid[key] = r.id;
  }
  expect(Object.keys(eid).sort()).toEqual(Object.keys(pid).sort());
  // The expert review is another feature: the entries are put into `reviewed` with their totals here.
  const totals: Record<string, string> = { A: '95', C: '90', D: '90', L: '99', R: '50', R2: '40', F1: '70', F2: '70', F3: '70', Dist: '96' };
  for (const [k, t] of Object.entries(totals)) await review(k, t);
  await q("update evaluation_entries set status = 'under_review' where id = $1", [eid.F4]);
});

describe('the bureau’s panel meeting', () => {
  it('keeps the bureau’s endpoints to the bureau', async () => {
    const base = `/evaluations/${evaluationId}`;
    for (const who of [c.jlp!, c.operatorA!, c.expert!]) {
      expect((await who.call('POST', `${base}/conditions-recheck`)).statusCode).toBe(403);
      expect((await who.call('GET', `${base}/panel`)).statusCode).toBe(403);
      expect((await who.call('PUT', `${base}/panel/decisions/${eid.C}`, { grade: 'excellent', reason: 'x' })).statusCode).toBe(403);
      expect((await who.call('POST', `${base}/grade`)).statusCode).toBe(403);
      expect((await who.call('POST', `${base}/publish`)).statusCode).toBe(403);
      expect((await who.call('GET', `${base}/proposals`)).statusCode).toBe(403);
    }
  });

  it('re-checks municipal platforms’ conditions on the year’s data (Art 31); the bureau may confirm with a reason', async () => {
    const res = await c.bureau!.call('POST', `/evaluations/${evaluationId}/conditions-recheck`);
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json<{ entryId: string; conditionsLost: boolean | null; conditionsNote: string | null; policy: string | null }[]>();
    const lost = rows.find((r) => r.entryId === eid.L)!;
    expect(lost).toMatchObject({ conditionsLost: true, policy: 'cq-2025' });
    expect(lost.conditionsNote).toContain('不符合认定条件');
    expect(rows.find((r) => r.entryId === eid.A)).toMatchObject({ conditionsLost: false });
    // District-level platforms are not re-checked for Art 31; their municipal conditions are shown on the panel.
    expect(rows.find((r) => r.entryId === eid.Dist)).toMatchObject({ conditionsLost: null });
    expect(await auditCount('evaluation.conditions_recheck')).toBe(1);

    const noReason = await c.bureau!.call('PUT', `/evaluations/${evaluationId}/entries/${eid.L}/conditions`, { lost: true });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json<Problem>().details?.[0]?.field).toBe('reason');
    const confirmed = await c.bureau!.call('PUT', `/evaluations/${evaluationId}/entries/${eid.L}/conditions`, { lost: true, reason: '现场核查确认场地已不再使用' });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ conditionsLost: true, decidedByBureau: true });
    expect(await auditCount('evaluation.entry.conditions')).toBe(1);
    // A re-check leaves the bureau's own finding alone.
    const again = (await c.bureau!.call('POST', `/evaluations/${evaluationId}/conditions-recheck`)).json<{ entryId: string; decidedByBureau: boolean }[]>();
    expect(again.find((r) => r.entryId === eid.L)?.decidedByBureau).toBe(true);
  });

  it('shows the ranking, the cap line, the held tie, lost conditions and the consequences, as grade() computes them', async () => {
    const p = await panel();
    expect(p.pools).toHaveLength(1);
    expect(p.pools[0]).toMatchObject({ participants: 10, cap: 3, slotsForHeld: 1 });
    expect(p.pools[0]!.held.sort()).toEqual([eid.C, eid.D].sort());
    expect(p.held.map((h) => h.entryId).sort()).toEqual([eid.C, eid.D].sort());
    expect(row(p, 'L')).toMatchObject({ grade: 'fail', conditionsLost: true });
    expect(row(p, 'L').reasons.join()).toContain('第三十一条');
    expect(row(p, 'Dist')).toMatchObject({ grade: 'excellent', meetsMunicipalConditions: true, recommendation: 'supported', withinCap: true });
    expect(row(p, 'Dist').proposals.map((x) => x.kind)).toEqual(['recognize_as_municipal']);
    expect(row(p, 'R')).toMatchObject({ grade: 'fail', previousGrade: 'fail' });
    expect(row(p, 'R').proposals.map((x) => x.kind)).toEqual(['remove_from_municipal']);
    expect(p.pending.map((x) => x.entryId)).toEqual([eid.F4]);
    expect(p.excluded.map((x) => x.entryId)).toEqual([eid.P]);
    expect(p.excluded[0]?.reason).toContain('筹建');
    const expected = domainGrades(p, []);
    for (const r of p.ranking) expect({ id: r.entryId, grade: r.grade, rank: r.rank }).toEqual({ id: r.entryId, grade: expected.get(r.entryId)?.grade, rank: expected.get(r.entryId)?.rank });
  });

  it('refuses grading while an entry is not reviewed or a held tie is undecided', async () => {
    const res = await c.bureau!.call('POST', `/evaluations/${evaluationId}/grade`);
    expect(res.statusCode).toBe(409);
    const body = res.json<Problem>();
    expect(body.code).toBe('GRADING_BLOCKED');
    expect(body.message).toContain('平台F4');
    expect(body.message).toContain('平台C');
    expect(await auditCount('evaluation.grade')).toBe(0);
  });

  it('records decisions only with a reason; withdraws them; tells ties from overrides', async () => {
    const url = (k: string) => `/evaluations/${evaluationId}/panel/decisions/${eid[k]}`;
    const noReason = await c.bureau!.call('PUT', url('C'), { grade: 'excellent', reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json<Problem>().details?.[0]?.field).toBe('reason');
    expect((await c.bureau!.call('PUT', url('C'), { grade: 'excellent' })).json<Problem>().details?.[0]?.field).toBe('reason');
    expect((await c.bureau!.call('PUT', url('C'), { grade: 'pass', reason: '先定为合格' })).statusCode).toBe(200);
    expect((await c.bureau!.call('DELETE', url('C'))).statusCode).toBe(200);
    expect((await c.bureau!.call('DELETE', url('C'))).statusCode).toBe(409);
    expect((await c.bureau!.call('PUT', url('C'), { grade: 'excellent', reason: '评审会议：服务成效更突出' })).statusCode).toBe(200);
    expect((await c.bureau!.call('PUT', url('D'), { grade: 'pass', reason: '评审会议：同分比较后定为合格' })).statusCode).toBe(200);
    const res = await c.bureau!.call('PUT', url('F2'), { grade: 'fail', reason: '核查发现服务人次虚报' });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json<Panel>();
    expect(row(p, 'C').decision).toMatchObject({ grade: 'excellent', source: 'tie_decision' });
    expect(row(p, 'D')).toMatchObject({ grade: 'pass', computed: 'held', decision: { source: 'tie_decision' } });
    expect(row(p, 'F2')).toMatchObject({ grade: 'fail', computed: 'pass', decision: { source: 'override' } });
    expect(p.held.every((h) => h.decided)).toBe(true);
    expect(p.warnings).toEqual([]);
    expect(await auditCount('evaluation.entry.decision')).toBe(4);
    expect(await auditCount('evaluation.entry.decision_withdraw')).toBe(1);
  });

  it('grades every reviewed entry once the last one is reviewed, equal to grade() with the decisions', async () => {
    expect((await c.bureau!.call('POST', `/evaluations/${evaluationId}/grade`)).statusCode).toBe(409);
    await review('F4', '65');
    const res = await c.bureau!.call('POST', `/evaluations/${evaluationId}/grade`);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json<Panel>();
    expect(p.blocking).toEqual([]);
    const expected = domainGrades(p, [
      { key: 'C', grade: 'excellent', reason: 'r' }, { key: 'D', grade: 'pass', reason: 'r' }, { key: 'F2', grade: 'fail', reason: 'r' },
    ]);
    const stored = await q<{ id: string; status: string; grade: string; grade_source: string; rank: number; recommendation: string }>(
      'select id, status, grade, grade_source, rank, recommendation from evaluation_entries where evaluation_id = $1 and id <> $2', [evaluationId, eid.P]);
    expect(stored).toHaveLength(11);
    for (const s of stored) {
      const g = expected.get(s.id)!;
      expect({ status: s.status, grade: s.grade, rank: s.rank, recommendation: s.recommendation }).toEqual({ status: 'graded', grade: g.grade, rank: g.rank, recommendation: g.recommendation });
    }
    const bySource = Object.fromEntries(stored.map((s) => [s.id, s.grade_source]));
    expect(bySource[eid.L!]).toBe('lost_conditions');
    expect(bySource[eid.C!]).toBe('tie_decision');
    expect(bySource[eid.F2!]).toBe('override');
    expect(bySource[eid.A!]).toBe('computed');
    expect(await auditCount('evaluation.grade')).toBe(1);
    // Graded is not published: the bureau sees the grade, the operator and the district do not yet.
    const gradeOf = async (who: Client, url: string) => (await who.call('GET', url)).json<{ id: string; grade: string | null; reviewedTotal: string | null }[]>().find((x) => x.id === eid.A);
    const list = `/evaluations/${evaluationId}/entries`;
    expect((await gradeOf(c.bureau!, list))?.grade).toBe(expected.get(eid.A!)!.grade);
    expect(await gradeOf(c.operatorA!, list)).toMatchObject({ grade: null, reviewedTotal: null });
    expect(await gradeOf(c.jlp!, list)).toMatchObject({ grade: null, reviewedTotal: null });
    expect((await c.operatorA!.call('GET', `${list}/${eid.A}`)).json<{ grade: string | null }>().grade).toBeNull();
    expect((await c.bureau!.call('GET', `${list}/${eid.A}`)).json<{ grade: string | null }>().grade).toBe(expected.get(eid.A!)!.grade);
    expect((await c.bureau!.call('PUT', `/evaluations/${evaluationId}/panel/decisions/${eid.A}`, { grade: 'pass', reason: 'x' })).statusCode).toBe(409);
  });

  it('publishes: freezes the results, creates the proposals, tells operators and districts; then nothing changes', async () => {
    const res = await c.bureau!.call('POST', `/evaluations/${evaluationId}/publish`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ schemeId: string; items: { platformId: string; grade: string }[] }>();
    expect(body.schemeId).toBe('cq-2025');
    expect(body.items).toHaveLength(11);
    const [e] = await q<{ status: string; results: { schemeId: string; proposals: unknown[] } }>('select status, results from evaluations where id = $1', [evaluationId]);
    expect(e).toMatchObject({ status: 'published', results: { schemeId: 'cq-2025' } });
    expect(await q("select id from evaluation_entries where evaluation_id = $1 and status <> 'published' and id <> $2", [evaluationId, eid.P])).toEqual([]);
    const kinds = (await q<{ kind: string; platform_id: string }>('select kind, platform_id from evaluation_proposals where evaluation_id = $1', [evaluationId]))
      .map((r) => `${r.kind}:${r.platform_id}`).sort();
    expect(kinds).toEqual([`promotion:${pid.Dist}`, `removal:${pid.R}`, `removal:${pid.R2}`].sort());
    const note = (await c.operatorA!.call('GET', '/notifications')).json<{ items: { kind: string; title: string }[] }>().items;
    expect(note.find((n) => n.kind === 'evaluation.published')?.title).toContain('优秀');
    expect((await c.jlp!.call('GET', '/notifications')).json<{ items: { kind: string }[] }>().items.map((n) => n.kind)).toContain('evaluation.published');
    expect(await auditCount('evaluation.publish')).toBe(1);
    const mine = (await c.operatorA!.call('GET', `/evaluations/${evaluationId}/entries/${eid.A}`)).json<{ grade: string | null; reviewedTotal: string | null }>();
    expect(mine.grade).toBe(body.items.find((i) => i.platformId === pid.A)?.grade);
    expect(mine.reviewedTotal).not.toBeNull();

    const base = `/evaluations/${evaluationId}`;
    expect((await c.bureau!.call('POST', `${base}/publish`)).statusCode).toBe(409);
    expect((await c.bureau!.call('POST', `${base}/grade`)).statusCode).toBe(409);
    expect((await c.bureau!.call('POST', `${base}/conditions-recheck`)).statusCode).toBe(409);
    expect((await c.bureau!.call('PUT', `${base}/entries/${eid.L}/conditions`, { lost: false, reason: 'x' })).statusCode).toBe(409);
    expect((await c.bureau!.call('PUT', `${base}/panel/decisions/${eid.D}`, { grade: 'excellent', reason: 'x' })).statusCode).toBe(409);
    expect((await c.bureau!.call('DELETE', `${base}/panel/decisions/${eid.D}`)).statusCode).toBe(409);
    expect((await c.bureau!.call('PATCH', `${base}/windows`, { municipalReviewEnd: shift(30) })).statusCode).toBe(409);
    expect((await c.operatorA!.call('PUT', `${base}/entries/${eid.A}`, { rowTexts: {} })).statusCode).toBe(409);
    expect((await c.jlp!.call('POST', `${base}/district-applications`, { platformId: pid.Dist })).statusCode).toBe(409);
  });

  it('shows the results in scope, and publicly only published years without personal data or scores', async () => {
    const mine = (await c.operatorA!.call('GET', `/evaluations/${evaluationId}/results`)).json<{ items: { platformId: string }[] }>();
    expect(mine.items.map((x) => x.platformId)).toEqual([pid.A]);
    const yz = (await c.yz!.call('GET', `/evaluations/${evaluationId}/results`)).json<{ items: { platformId: string }[] }>();
    expect(yz.items.map((x) => x.platformId)).toEqual([pid.F1]);
    expect((await c.bureau!.call('GET', `/evaluations/${evaluationId}/results`)).json<{ items: unknown[] }>().items).toHaveLength(11);

    const draft = await c.bureau!.call('POST', '/evaluations', { year: 2026, schemeId: 'cq-2025', selfEvaluationEnd: shift(1), districtReviewEnd: shift(2), municipalReviewEnd: shift(3) });
    const draftId = draft.json<{ id: string }>().id;
    expect((await c.bureau!.call('GET', `/evaluations/${draftId}/results`)).statusCode).toBe(409);
    const years = await ctx.app.inject({ method: 'GET', url: '/api/v1/public/evaluations' });
    expect(years.statusCode, years.body).toBe(200);
    expect(years.json<{ year: number }[]>().map((y) => y.year)).toEqual([2025, 2024]);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/public/evaluations/2026/results' })).statusCode).toBe(404);
    const pub = await ctx.app.inject({ method: 'GET', url: '/api/v1/public/evaluations/2025/results' });
    expect(pub.statusCode, pub.body).toBe(200);
    const items = pub.json<{ items: Record<string, unknown>[] }>().items;
    expect(items).toHaveLength(11);
    expect(Object.keys(items[0]!).sort()).toEqual(['districtName', 'grade', 'gradeLabel', 'level', 'levelLabel', 'platformName', 'type', 'typeLabel']);
    expect(items.find((x) => x.platformName === '平台A')).toMatchObject({ gradeLabel: '优秀', districtName: '九龙坡区', levelLabel: '市级' });
    expect(pub.body).not.toContain('张联系');
    expect(pub.body).not.toContain('13800000000');
  });

  it('confirms or rejects each proposal; confirming changes the platform through the transition table', async () => {
    const list = await c.bureau!.call('GET', `/evaluations/${evaluationId}/proposals`);
    expect(list.statusCode, list.body).toBe(200);
    const proposals = list.json<Proposal[]>();
    const of = (kind: string, key: string) => proposals.find((p) => p.kind === kind && p.platformId === pid[key])!;
    expect((await c.jlp!.call('POST', `/proposals/${of('removal', 'R').id}/confirm`, {})).statusCode).toBe(403);

    const noNote = await c.bureau!.call('POST', `/proposals/${of('removal', 'R2').id}/reject`, {});
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json<Problem>().details?.[0]?.field).toBe('note');
    const rejected = await c.bureau!.call('POST', `/proposals/${of('removal', 'R2').id}/reject`, { note: '已完成整改，暂不退出' });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json<Proposal>()).toMatchObject({ status: 'rejected', decisionNote: '已完成整改，暂不退出' });
    expect((await q<{ status: string }>('select status from platforms where id = $1', [pid.R2]))[0]?.status).toBe('recognized');

    const removed = await c.bureau!.call('POST', `/proposals/${of('removal', 'R').id}/confirm`, {});
    expect(removed.statusCode, removed.body).toBe(200);
    expect((await q<{ status: string }>('select status from platforms where id = $1', [pid.R]))[0]?.status).toBe('exited');
    expect((await c.bureau!.call('POST', `/proposals/${of('removal', 'R').id}/confirm`, {})).statusCode).toBe(409);

    const promoted = await c.bureau!.call('POST', `/proposals/${of('promotion', 'Dist').id}/confirm`, { note: '局长办公会通过', decisionDate: todayIso(), docNo: '渝人社〔2025〕301号' });
    expect(promoted.statusCode, promoted.body).toBe(200);
    expect((await q<{ status: string; level: string }>('select status, level from platforms where id = $1', [pid.Dist]))[0]).toEqual({ status: 'recognized', level: 'municipal' });
    const history = await q<{ to_status: string; reason: string }>('select to_status, reason from platform_status_history where platform_id = $1', [pid.Dist]);
    expect(history[0]?.reason).toContain('第三十三条');
    expect(await auditCount('evaluation.proposal.confirm')).toBe(2);
    expect(await auditCount('evaluation.proposal.reject')).toBe(1);
    expect(await auditCount('platform.status')).toBe(2);
  });
});
