import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client, useTestApp } from '../../../../test/app.js';
import { tinyPdf, upload } from '../../../../test/multipart.js';
import { makeOrg, makePlatform, makeResidence, makeSite, makeUser, makeYearData, type MadeUser } from '../../../../test/factories.js';
import { cq2025, scoreSheet, type PlatformType } from '../../../domain/index.js';
import { todayIso } from '../../clock.js';
import { readFacts } from '../entries/scoring.js';

const ctx = useTestApp();
type Who = 'bureau' | 'jlp' | 'operator' | 'expertA' | 'expertB' | 'expertC' | 'expertD';
const c: Partial<Record<Who, Client>> = {};
const u: Partial<Record<'expertA' | 'expertB' | 'expertC' | 'expertD' | 'conflicted' | 'operator', MadeUser>> = {};
let platformId = '';
let otherPlatformId = '';
let evaluationId = '';
let entryId = '';
let fileId = '';

interface Problem { code: string; message: string; details?: { field: string; message: string }[] }
interface Detail { id: string; type: PlatformType; factor: string; status: string; selfTotal: string | null; facts: Record<string, unknown>; sheet: { rows: { code: string; counted: boolean }[] } | null }
interface Assignment { id: string; expertUserId: string; expertName: string; status: string; declineReason: string | null; corrections: { fact: string }[]; judgedScores: Record<string, string> }
interface Own extends Assignment { privateNotes: string | null; judgedRows: { fact: string; cap: string }[]; preview: { reviewedTotal: string | null } }
interface ReviewRow { code: string; selfScore: string | null; reviewedScore: string | null; difference: string | null; changed: boolean; corrected: string[] }
interface Review {
  status: string; frozen: boolean; selfTotal: string | null; reviewedTotal: string | null; difference: string | null; rows: ReviewRow[];
  conflicts: { fact: string; applied: string }[]; corrections: { fact: string; after: unknown; expertName: string }[]; experts: { assigned: number; submitted: number; declined: number };
}

const count = async (sql: string, args: unknown[] = []) => Number((await ctx.database.pool.query<{ n: string }>(sql, args)).rows[0]!.n);
const auditCount = (action: string) => count('select count(*) n from audit_log where action = $1', [action]);
const shift = (n: number) => new Date(Date.parse(`${todayIso()}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const kinds = async (who: Client) => (await who.call('GET', '/notifications')).json<{ items: { kind: string }[] }>().items.map((n) => n.kind);
const url = (rest = '') => `/evaluations/${evaluationId}/entries/${entryId}${rest}`;
const ok = async (who: Client, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, status = 200) => {
  const res = await who.call(method, path, body);
  expect(res.statusCode, res.body).toBe(status);
  return res;
};
const entry = async () => (await ok(c.bureau!, 'GET', url())).json<Detail>();
const judgedFacts = (type: PlatformType) => cq2025.tables[type].rows.flatMap((r) => (r.rule.kind === 'judged' ? [r.rule.fact] : []));
const engineTotal = (d: Detail, facts: Record<string, unknown>) => {
  const read = readFacts(d.type, facts);
  if (read === null) throw new Error('facts');
  const s = scoreSheet(cq2025, d.type, d.factor, read);
  if (!s.ok) throw new Error(JSON.stringify(s.errors));
  return s.value.total;
};
const NOTE_A = '专家甲私人笔记：运营方负责人态度含糊';
const NOTE_B = '专家乙私人笔记：场地偏小';

beforeAll(async () => {
  const db = ctx.database.db;
  const operatorOrg = await makeOrg(db, 'operator', '500107');
  platformId = await makePlatform(db, { level: 'municipal', districtCode: '500107', operatorOrgId: operatorOrg, name: '九龙坡评审园' });
  otherPlatformId = await makePlatform(db, { level: 'municipal', districtCode: '500107', name: '未分配园' });
  for (let i = 0; i < 8; i++) await makeResidence(db, { platformId, aboveScale: i < 2, revenueYuan: 50_000_000, taxYuan: 300_000 });
  await makeSite(db, platformId, 15_000);
  await makeYearData(db, platformId, 2025, { safety: 'full', valueOrientation: 'sound', researchResults: 1 });
  c.bureau = await loginAs(ctx.app, (await makeUser(db, 'bureau')).username);
  c.jlp = await loginAs(ctx.app, (await makeUser(db, 'district', { districtCode: '500107' })).username);
  u.operator = await makeUser(db, 'operator', { organizationId: operatorOrg });
  c.operator = await loginAs(ctx.app, u.operator.username);
  for (const [k, name] of [['expertA', '专家甲'], ['expertB', '专家乙'], ['expertC', '专家丙'], ['expertD', '专家丁']] as const) {
    u[k] = await makeUser(db, 'expert');
    await ctx.database.pool.query('update users set display_name = $1 where id = $2', [name, u[k].id]);
    c[k] = await loginAs(ctx.app, u[k].username);
  }
  u.conflicted = await makeUser(db, 'expert');
  await ctx.database.pool.query('update users set affiliation_org_id = $1 where id = $2', [operatorOrg, u.conflicted.id]);

  const created = await ok(c.bureau, 'POST', '/evaluations', { year: 2025, schemeId: 'cq-2025', selfEvaluationEnd: shift(5), districtReviewEnd: shift(10), municipalReviewEnd: shift(20) }, 201);
  evaluationId = created.json<{ id: string }>().id;
  await ok(c.bureau, 'POST', `/evaluations/${evaluationId}/open`);
  const entries = (await c.operator.call('GET', `/evaluations/${evaluationId}/entries`)).json<{ id: string; platformId: string }[]>();
  entryId = entries.find((e) => e.platformId === platformId)!.id;
  const file = await upload(ctx.app, c.operator, '/files', { platformId, ownerType: 'evaluation_entry', ownerId: entryId, purpose: '1.1' }, { name: '入驻协议.pdf', content: tinyPdf });
  expect(file.statusCode, file.body).toBe(201);
  fileId = file.json<{ id: string }>().id;
  await ok(c.operator, 'POST', url('/submit'));
  const d = (await ok(c.jlp, 'GET', url())).json<Detail>();
  for (const r of d.sheet!.rows.filter((x) => x.counted)) await ok(c.jlp, 'PUT', url(`/rows/${r.code}/review`), { decision: 'accepted' });
  await ok(c.jlp, 'POST', url('/forward'));
});

describe('municipal review by experts', () => {
  it('refuses a conflicted expert, a non-expert and a duplicate; the first assignment starts the review', async () => {
    const conflicted = await c.bureau!.call('POST', url('/experts'), { expertUserId: u.conflicted!.id });
    expect(conflicted.statusCode).toBe(400);
    expect(conflicted.json<Problem>()).toMatchObject({ code: 'CONFLICT_OF_INTEREST', message: expect.stringContaining('利益冲突') });
    expect(conflicted.json<Problem>().details?.[0]?.field).toBe('expertUserId');
    const notExpert = await c.bureau!.call('POST', url('/experts'), { expertUserId: u.operator!.id });
    expect(notExpert.json<Problem>().details?.[0]?.field).toBe('expertUserId');
    expect((await c.operator!.call('POST', url('/experts'), { expertUserId: u.expertA!.id })).statusCode).toBe(403);
    expect((await c.expertA!.call('POST', url('/experts'), { expertUserId: u.expertA!.id })).statusCode).toBe(403);
    // Refused: nothing changed.
    expect((await entry()).status).toBe('forwarded');
    expect(await auditCount('evaluation.expert.assign')).toBe(0);
    expect(await auditCount('evaluation.entry.start_review')).toBe(0);
    expect(await count('select count(*) n from expert_assignments')).toBe(0);

    const a = await ok(c.bureau!, 'POST', url('/experts'), { expertUserId: u.expertA!.id }, 201);
    expect(a.json<Assignment>()).toMatchObject({ expertUserId: u.expertA!.id, expertName: '专家甲', status: 'assigned' });
    expect((await entry()).status).toBe('under_review');
    expect(await auditCount('evaluation.entry.start_review')).toBe(1);
    expect(await kinds(c.expertA!)).toEqual(['evaluation.expert.assigned']);
    expect(await kinds(c.expertB!)).toEqual([]);
    const again = await c.bureau!.call('POST', url('/experts'), { expertUserId: u.expertA!.id });
    expect(again.statusCode).toBe(409);
    await ok(c.bureau!, 'POST', url('/experts'), { expertUserId: u.expertB!.id }, 201);
    await ok(c.bureau!, 'POST', url('/experts'), { expertUserId: u.expertD!.id }, 201);
    expect(await auditCount('evaluation.expert.assign')).toBe(3);
    expect(await auditCount('evaluation.entry.start_review')).toBe(1);

    const mine = (await ok(c.expertA!, 'GET', '/expert/assignments')).json<{ entryId: string; year: number; platformName: string; status: string; entryStatus: string; deadline: string }[]>();
    expect(mine).toEqual([expect.objectContaining({ entryId, year: 2025, platformName: '九龙坡评审园', status: 'assigned', entryStatus: 'under_review', deadline: shift(20) })]);
    expect((await ok(c.expertC!, 'GET', '/expert/assignments')).json<unknown[]>()).toEqual([]);
  });

  it('shows an expert their assigned platform, entry and evidence, and nothing else; an unassigned expert gets 404', async () => {
    expect((await c.expertA!.call('GET', url())).statusCode).toBe(200);
    expect((await c.expertA!.call('GET', `/platforms/${platformId}`)).statusCode).toBe(200);
    expect((await c.expertA!.call('GET', `/platforms/${otherPlatformId}`)).statusCode).toBe(404);
    expect((await c.expertA!.call('GET', `/files?platformId=${platformId}&ownerType=evaluation_entry&ownerId=${entryId}`)).json<{ id: string }[]>().map((f) => f.id)).toEqual([fileId]);
    expect((await c.expertA!.call('GET', `/files/${fileId}/download`)).statusCode).toBe(200);
    const listed = (await c.expertA!.call('GET', '/platforms')).json<{ items: { id: string }[] }>().items.map((p) => p.id);
    expect(listed).toEqual([platformId]);
    expect((await c.expertA!.call('GET', `/evaluations/${evaluationId}/entries`)).json<{ id: string }[]>().map((e) => e.id)).toEqual([entryId]);

    const other = c.expertC!;
    for (const path of [url(), url('/assignment'), `/platforms/${platformId}`, `/files/${fileId}/download`, `/files?platformId=${platformId}`]) {
      const res = await other.call('GET', path);
      expect(res.statusCode, path).toBe(404);
    }
    expect((await other.call('PUT', url('/assignment'), { privateNotes: 'x' })).statusCode).toBe(404);
    expect((await other.call('POST', url('/assignment/submit'))).statusCode).toBe(404);
    expect((await other.call('GET', `/evaluations/${evaluationId}/entries`)).json<unknown[]>()).toEqual([]);
    // The bureau's endpoints are not the experts'.
    expect((await c.expertA!.call('GET', url('/experts'))).statusCode).toBe(403);
    expect((await c.expertA!.call('GET', url('/review'))).statusCode).toBe(403);
  });

  it('refuses bad work naming the field and saves nothing', async () => {
    const d = await entry();
    const [fact] = judgedFacts(d.type);
    const cases: [unknown, string][] = [
      [{ corrections: [{ fact: 'noSuchFact', value: 1, reason: '核实' }] }, 'corrections.0.fact'],
      [{ corrections: [{ fact: 'researchResults', value: -1, reason: '核实' }] }, 'corrections.0.value'],
      [{ corrections: [{ fact: fact!, value: { experts: [5] }, reason: '核实' }] }, 'corrections.0.fact'],
      [{ judgedScores: { [fact!]: 99 } }, `judgedScores.${fact!}`],
      [{ judgedScores: { [fact!]: 4.3 } }, `judgedScores.${fact!}`],
      [{ judgedScores: { researchResults: 1 } }, 'judgedScores.researchResults'],
    ];
    for (const [body, field] of cases) {
      const res = await c.expertA!.call('PUT', url('/assignment'), { ...(body as object), privateNotes: NOTE_A });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json<Problem>().details?.map((x) => x.field), JSON.stringify(body)).toContain(field);
    }
    const noReason = await c.expertA!.call('PUT', url('/assignment'), { corrections: [{ fact: 'researchResults', value: 3, reason: ' ' }] });
    expect(noReason.statusCode).toBe(400);
    expect(JSON.stringify(noReason.json<Problem>().details)).toContain('reason');
    const own = (await ok(c.expertA!, 'GET', url('/assignment'))).json<Own>();
    expect(own).toMatchObject({ corrections: [], judgedScores: {}, privateNotes: null, status: 'assigned' });
    expect(await auditCount('evaluation.expert.save')).toBe(0);
    // Submitting needs every judged row scored.
    const early = await c.expertA!.call('POST', url('/assignment/submit'));
    expect(early.statusCode).toBe(400);
    expect(early.json<Problem>().details?.map((x) => x.field)).toEqual(judgedFacts(d.type).map((f) => `judgedScores.${f}`));
    expect(await auditCount('evaluation.expert.submit')).toBe(0);
  });

  it('previews unsaved corrections and scores live: scored by the engine, half-typed input as problems, nothing saved', async () => {
    const d = await entry();
    const judged = judgedFacts(d.type);
    const saved = (await ok(c.expertA!, 'GET', url('/assignment'))).json<Own>();
    type Sheet = { reviewedTotal: string | null; problems: string[]; rows: { code: string; reviewed: string | null }[] };
    const preview = async (body: unknown) => (await ok(c.expertA!, 'POST', url('/assignment/preview'), body)).json<Sheet>();
    const scored = await preview({ corrections: [], judgedScores: Object.fromEntries(judged.map((f) => [f, 4])) });
    expect(scored.reviewedTotal).not.toBe(saved.preview.reviewedTotal);
    expect(Number(scored.reviewedTotal)).toBeCloseTo(Number(saved.preview.reviewedTotal ?? 0) + 4 * judged.length, 2);
    // A line still being typed (no fact, no reason yet) is skipped; an out-of-range score is a problem, not a 400.
    const typing = await preview({ corrections: [{ fact: '', value: '', reason: '' }], judgedScores: { [judged[0]!]: 99 } });
    expect(typing.reviewedTotal).toBe(saved.preview.reviewedTotal);
    expect(typing.problems.join()).toContain('的评分须在 0 至');
    // Nothing saved, nothing audited; only the assigned expert may preview.
    expect((await ok(c.expertA!, 'GET', url('/assignment'))).json<Own>()).toMatchObject({ judgedScores: {}, corrections: [] });
    expect(await auditCount('evaluation.expert.save')).toBe(0);
    expect((await c.expertC!.call('POST', url('/assignment/preview'), { corrections: [], judgedScores: {} })).statusCode).toBe(404);
    expect((await c.bureau!.call('POST', url('/assignment/preview'), { corrections: [], judgedScores: {} })).statusCode).toBe(403);
  });

  it('declines with a reason: the bureau is told, the expert loses access', async () => {
    const none = await c.expertD!.call('POST', url('/assignment/decline'), { reason: '  ' });
    expect(none.statusCode).toBe(400);
    expect(await auditCount('evaluation.expert.decline')).toBe(0);
    const res = await ok(c.expertD!, 'POST', url('/assignment/decline'), { reason: '曾为该运营机构提供咨询服务' });
    expect(res.json<Assignment>()).toMatchObject({ status: 'declined', declineReason: '曾为该运营机构提供咨询服务' });
    expect(await auditCount('evaluation.expert.decline')).toBe(1);
    expect(await kinds(c.bureau!)).toContain('evaluation.expert.declined');
    expect((await c.expertD!.call('GET', url())).statusCode).toBe(404);
    expect((await c.expertD!.call('GET', `/platforms/${platformId}`)).statusCode).toBe(404);
    const listed = (await ok(c.bureau!, 'GET', url('/experts'))).json<Assignment[]>();
    expect(listed.find((a) => a.expertUserId === u.expertD!.id)).toMatchObject({ status: 'declined', declineReason: '曾为该运营机构提供咨询服务' });
    expect((await c.bureau!.call('POST', url('/experts'), { expertUserId: u.expertD!.id })).statusCode).toBe(409);
  });

  it('computes the reviewed sheet with the engine: corrections, trimmed mean of the submitted scores, conflicts; finishing needs every expert done', async () => {
    const d = await entry();
    const judged = judgedFacts(d.type);
    const scoresA = Object.fromEntries(judged.map((f) => [f, 4]));
    const scoresB = Object.fromEntries(judged.map((f) => [f, '4.5']));
    await ok(c.expertA!, 'PUT', url('/assignment'), {
      corrections: [{ fact: 'researchResults', value: 3, reason: '佐证材料显示研究成果 3 项' }],
      judgedScores: scoresA,
      siteVisit: { date: todayIso(), participants: ['专家甲', '市局工作人员'], findings: '场地与申报一致' },
      privateNotes: NOTE_A,
    });
    const ownA = (await ok(c.expertA!, 'GET', url('/assignment'))).json<Own>();
    expect(ownA).toMatchObject({ privateNotes: NOTE_A, judgedScores: Object.fromEntries(judged.map((f) => [f, '4.00'])) });
    const withA = { ...d.facts, researchResults: 3, ...Object.fromEntries(judged.map((f) => [f, { experts: ['4.00'] }])) };
    expect(ownA.preview.reviewedTotal).toBe(engineTotal(d, withA));
    await ok(c.expertB!, 'PUT', url('/assignment'), { corrections: [{ fact: 'researchResults', value: 2, reason: '其中 1 项为上年度成果' }], judgedScores: scoresB, privateNotes: NOTE_B });
    expect(await auditCount('evaluation.expert.save')).toBe(2);

    // Nothing submitted yet: the reviewed sheet is the self-evaluated facts, judged rows pending.
    const before = (await ok(c.bureau!, 'GET', url('/review'))).json<Review>();
    expect(before).toMatchObject({ frozen: false, selfTotal: d.selfTotal, experts: { assigned: 2, submitted: 0, declined: 1 }, conflicts: [] });

    await ok(c.expertA!, 'POST', url('/assignment/submit'));
    expect((await c.expertA!.call('PUT', url('/assignment'), { privateNotes: '提交后再改' })).statusCode).toBe(409);
    const pending = await c.bureau!.call('POST', url('/finish-review'));
    expect(pending.statusCode).toBe(409);
    expect(pending.json<Problem>()).toMatchObject({ code: 'ENTRY_TRANSITION_REFUSED', message: expect.stringContaining('专家乙') });
    expect((await entry()).status).toBe('under_review');
    expect(await auditCount('evaluation.entry.finish_review')).toBe(0);

    const one = (await ok(c.bureau!, 'GET', url('/review'))).json<Review>();
    expect(one.reviewedTotal).toBe(engineTotal(d, withA));
    await ok(c.expertB!, 'POST', url('/assignment/submit'));
    expect(await auditCount('evaluation.expert.submit')).toBe(2);

    const review = (await ok(c.bureau!, 'GET', url('/review'))).json<Review>();
    // B submitted later: B's correction of the same fact wins, and the conflict is listed.
    const reviewedFacts = { ...d.facts, researchResults: 2, ...Object.fromEntries(judged.map((f) => [f, { experts: ['4.00', '4.50'] }])) };
    const uncorrected = { ...d.facts, ...Object.fromEntries(judged.map((f) => [f, { experts: ['4.00', '4.50'] }])) };
    expect(review.reviewedTotal).toBe(engineTotal(d, reviewedFacts));
    expect(review.reviewedTotal).not.toBe(engineTotal(d, uncorrected));
    expect(review.selfTotal).toBe(d.selfTotal);
    expect(review.conflicts).toEqual([expect.objectContaining({ fact: 'researchResults', applied: '专家乙' })]);
    expect(review.corrections).toEqual([expect.objectContaining({ fact: 'researchResults', after: 2, expertName: '专家乙' })]);
    const researchRow = review.rows.find((r) => r.corrected.includes('researchResults'))!;
    expect(researchRow.changed).toBe(true);
    expect(researchRow.difference).not.toBe('0.00');
    expect(review.rows.filter((r) => r.changed).length).toBeGreaterThan(0);

    const finished = (await ok(c.bureau!, 'POST', url('/finish-review'))).json<Review>();
    expect(finished).toMatchObject({ status: 'reviewed', frozen: true, reviewedTotal: review.reviewedTotal });
    expect(await auditCount('evaluation.entry.finish_review')).toBe(1);
    const stored = (await ctx.database.pool.query<{ reviewed_total: string; reviewed_facts: { researchResults: number }; has_sheet: boolean; reviewed_at: Date | null }>(
      'select reviewed_total, reviewed_facts, reviewed_sheet is not null as has_sheet, reviewed_at from evaluation_entries where id = $1', [entryId])).rows[0]!;
    expect(stored).toMatchObject({ reviewed_total: review.reviewedTotal, has_sheet: true });
    expect(stored.reviewed_facts.researchResults).toBe(2);
    expect(stored.reviewed_at).not.toBeNull();
    const seenByBureau = (await ok(c.bureau!, 'GET', url())).json<{ reviewedTotal: string | null; reviewedSheet: { total: string } | null }>();
    expect(seenByBureau).toMatchObject({ reviewedTotal: review.reviewedTotal, reviewedSheet: { total: review.reviewedTotal } });
    // Until publication the operator does not see the review's result.
    expect((await ok(c.operator!, 'GET', url())).json<{ reviewedTotal: string | null; reviewedSheet: unknown }>()).toMatchObject({ reviewedTotal: null, reviewedSheet: null });
    expect((await c.bureau!.call('POST', url('/finish-review'))).statusCode).toBe(409);
    expect((await c.bureau!.call('POST', url('/experts'), { expertUserId: u.expertC!.id })).statusCode).toBe(409);
    expect(await auditCount('evaluation.entry.finish_review')).toBe(1);
  });

  it('never shows private notes to anyone but their author', async () => {
    const bodies = [
      (await ok(c.operator!, 'GET', url())).body,
      (await ok(c.jlp!, 'GET', url())).body,
      (await ok(c.bureau!, 'GET', url())).body,
      (await ok(c.bureau!, 'GET', url('/experts'))).body,
      (await ok(c.bureau!, 'GET', url('/review'))).body,
      (await ok(c.operator!, 'GET', `/evaluations/${evaluationId}/entries`)).body,
      (await ok(c.expertA!, 'GET', url())).body,
    ];
    for (const b of bodies) {
      expect(b).not.toContain(NOTE_A);
      expect(b).not.toContain(NOTE_B);
    }
    expect((await c.operator!.call('GET', url('/experts'))).statusCode).toBe(403);
    expect((await c.jlp!.call('GET', url('/assignment'))).statusCode).toBe(403);
    const ownB = (await ok(c.expertB!, 'GET', url('/assignment'))).body;
    expect(ownB).toContain(NOTE_B);
    expect(ownB).not.toContain(NOTE_A);
    // Audit rows record that notes changed, never what they say.
    expect(await count("select count(*) n from audit_log where summary::text like '%' || $1 || '%'", ['私人笔记'])).toBe(0);
  });
});
