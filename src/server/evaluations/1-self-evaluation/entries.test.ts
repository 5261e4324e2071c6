import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client, useTestApp } from '../../../../test/app.js';
import { tinyPdf, upload } from '../../../../test/multipart.js';
import { makeOrg, makePlatform, makeResidence, makeSite, makeUser, makeYearData } from '../../../../test/factories.js';
import { cq2025, scoreSheet, type PlatformType } from '../../../domain/index.js';
import { todayIso } from '../../clock.js';
import { readFacts } from '../entries/scoring.js';

const ctx = useTestApp();
type Who = 'bureau' | 'jlp' | 'wz' | 'gov' | 'operator' | 'otherOperator' | 'expert';
const c: Partial<Record<Who, Client>> = {};
let platformId = '';

interface Review { rowCode: string; decision: string; comment: string | null }
interface Detail {
  id: string; platformId: string; type: PlatformType; factor: string; status: string; selfTotal: string | null; facts: Record<string, unknown>;
  rowTexts: Record<string, string>; deadline: string | null; overdue: boolean; problems: string[]; reviews: Review[];
  sheet: { total: string; rows: { code: string; counted: boolean; explanation: string }[]; gaps: unknown } | null;
}
interface Problem { code: string; message: string; details?: { field: string; message: string }[] }

const count = async (sql: string, args: unknown[] = []) => Number((await ctx.database.pool.query<{ n: string }>(sql, args)).rows[0]!.n);
const auditCount = (action: string) => count('select count(*) n from audit_log where action = $1', [action]);
const shift = (n: number) => new Date(Date.parse(`${todayIso()}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const yesterday = shift(-1);
const kinds = async (who: Client) => (await who.call('GET', '/notifications')).json<{ items: { kind: string; link: string | null }[] }>().items.map((n) => n.kind);

let evaluationId = '';
let entryId = '';
const url = (rest = '') => `/evaluations/${evaluationId}/entries/${entryId}${rest}`;
const get = async (who: Client) => {
  const res = await who.call('GET', url());
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Detail>();
};
const expectedTotal = (d: Detail) => {
  const facts = readFacts(d.type, d.facts);
  if (facts === null) throw new Error('facts');
  const sheet = scoreSheet(cq2025, d.type, d.factor, facts);
  if (!sheet.ok) throw new Error(JSON.stringify(sheet.errors));
  return sheet.value.total;
};

beforeAll(async () => {
  const db = ctx.database.db;
  const operatorOrg = await makeOrg(db, 'operator', '500107');
  const otherOrg = await makeOrg(db, 'operator', '500107');
  platformId = await makePlatform(db, { level: 'municipal', districtCode: '500107', operatorOrgId: operatorOrg, name: '九龙坡市级园' });
  await makePlatform(db, { level: 'municipal', districtCode: '500107', operatorOrgId: otherOrg, name: '另一市级园' });
  for (let i = 0; i < 8; i++) await makeResidence(db, { platformId, aboveScale: i < 2, revenueYuan: 50_000_000, taxYuan: 300_000 });
  await makeSite(db, platformId, 15_000);
  await makeYearData(db, platformId, 2025, { safety: 'full', valueOrientation: 'sound', researchResults: 1 });
  c.bureau = await loginAs(ctx.app, (await makeUser(db, 'bureau')).username);
  c.jlp = await loginAs(ctx.app, (await makeUser(db, 'district', { districtCode: '500107' })).username);
  c.wz = await loginAs(ctx.app, (await makeUser(db, 'district', { districtCode: '500101' })).username);
  c.gov = await loginAs(ctx.app, (await makeUser(db, 'district_gov', { districtCode: '500107' })).username);
  c.operator = await loginAs(ctx.app, (await makeUser(db, 'operator', { organizationId: operatorOrg })).username);
  c.otherOperator = await loginAs(ctx.app, (await makeUser(db, 'operator', { organizationId: otherOrg })).username);
  c.expert = await loginAs(ctx.app, (await makeUser(db, 'expert')).username);
  // The self-evaluation window closed yesterday: the bureau has to extend it first.
  const created = await c.bureau.call('POST', '/evaluations', { year: 2025, schemeId: 'cq-2025', selfEvaluationEnd: yesterday, districtReviewEnd: shift(10), municipalReviewEnd: shift(20) });
  expect(created.statusCode, created.body).toBe(201);
  evaluationId = created.json<{ id: string }>().id;
  expect((await c.bureau.call('POST', `/evaluations/${evaluationId}/open`)).statusCode).toBe(200);
  const entries = (await c.operator.call('GET', `/evaluations/${evaluationId}/entries`)).json<{ id: string; platformId: string }[]>();
  entryId = entries.find((e) => e.platformId === platformId)!.id;
});

describe('self-evaluation and district preliminary review', () => {
  it('refuses saving after the window with its date, and allows it once the bureau extends the window', async () => {
    const before = await get(c.operator!);
    expect(before).toMatchObject({ status: 'draft', deadline: yesterday, overdue: true });
    const closed = await c.operator!.call('PUT', url(), { rowTexts: { '1.1': '入驻企业情况' } });
    expect(closed.statusCode).toBe(409);
    expect(closed.json<Problem>()).toMatchObject({ code: 'WINDOW_CLOSED', message: expect.stringContaining(yesterday) });
    const submitClosed = await c.operator!.call('POST', url('/submit'));
    expect(submitClosed.json<Problem>()).toMatchObject({ code: 'WINDOW_CLOSED', message: expect.stringContaining(yesterday) });
    expect(await auditCount('evaluation.entry.save')).toBe(0);
    expect(await auditCount('evaluation.entry.submit')).toBe(0);

    expect((await c.jlp!.call('PATCH', `/evaluations/${evaluationId}/windows`, { selfEvaluationEnd: shift(5) })).statusCode).toBe(403);
    const earlier = await c.bureau!.call('PATCH', `/evaluations/${evaluationId}/windows`, { selfEvaluationEnd: shift(-3) });
    expect(earlier.json<Problem>().details?.[0]?.field).toBe('selfEvaluationEnd');
    const extended = await c.bureau!.call('PATCH', `/evaluations/${evaluationId}/windows`, { selfEvaluationEnd: shift(5) });
    expect(extended.statusCode, extended.body).toBe(200);
    expect(extended.json<{ selfEvaluationEnd: string }>().selfEvaluationEnd).toBe(shift(5));
    expect(await auditCount('evaluation.windows')).toBe(1);
    const list = (await c.operator!.call('GET', `/evaluations/${evaluationId}/entries`)).json<{ id: string; deadline: string; overdue: boolean }[]>();
    expect(list.find((e) => e.id === entryId)).toMatchObject({ deadline: shift(5), overdue: false });
  });

  it('keeps each entry in scope: other district 404, other operator 404, an unassigned expert 404, district governments 403', async () => {
    expect((await c.wz!.call('GET', url())).statusCode).toBe(404);
    expect((await c.otherOperator!.call('GET', url())).statusCode).toBe(404);
    expect((await c.otherOperator!.call('PUT', url(), { rowTexts: {} })).statusCode).toBe(404);
    expect((await c.expert!.call('GET', url())).statusCode).toBe(404);
    expect((await c.gov!.call('GET', url())).statusCode).toBe(403);
    expect((await c.jlp!.call('GET', url())).statusCode).toBe(200);
    expect((await c.bureau!.call('GET', url())).statusCode).toBe(200);
  });

  it('saves facts, texts and a proposed score; the live score is the rule engine’s own', async () => {
    const before = await get(c.operator!);
    expect(before.sheet?.total).toBe(expectedTotal(before));
    const judged = cq2025.tables[before.type].rows.find((r) => r.rule.kind === 'judged')!;
    const fact = judged.rule.kind === 'judged' ? judged.rule.fact : '';
    const facts = { ...before.facts, researchResults: 4, [fact]: { proposed: 3 } };
    const res = await c.operator!.call('PUT', url(), { facts, rowTexts: { '1.1': '年末入驻企业 8 家', '5.1': '  ' } });
    expect(res.statusCode, res.body).toBe(200);
    const saved = res.json<Detail>();
    expect(saved.facts).toMatchObject({ researchResults: 4, [fact]: { proposed: 3 } });
    expect(saved.rowTexts).toEqual({ '1.1': '年末入驻企业 8 家' });
    expect(saved.sheet!.total).toBe(expectedTotal(saved));
    expect(saved.selfTotal).toBe(saved.sheet!.total);
    expect(saved.sheet!.total).not.toBe(before.sheet!.total);
    expect(await auditCount('evaluation.entry.save')).toBe(1);
  });

  it('previews unsaved facts with the campaign’s scheme and the entry’s factor, saving nothing', async () => {
    const before = await get(c.operator!);
    const facts = { ...before.facts, researchResults: 0 };
    const res = await c.operator!.call('POST', url('/preview'), { facts });
    expect(res.statusCode, res.body).toBe(200);
    const sheet = res.json<{ sheet: { total: string } | null; problems: string[] }>();
    expect(sheet.sheet?.total).toBe(expectedTotal({ ...before, facts }));
    expect(sheet.sheet?.total).not.toBe(before.sheet?.total);
    expect((await get(c.operator!)).facts).toEqual(before.facts);
    const bad = await c.operator!.call('POST', url('/preview'), { facts: { ...before.facts, researchResults: -1 } });
    expect(bad.json<Problem>().details?.[0]?.field).toBe('facts.researchResults');
    expect((await c.otherOperator!.call('POST', url('/preview'), { facts })).statusCode).toBe(404);
    expect((await c.gov!.call('POST', url('/preview'), { facts })).statusCode).toBe(403);
    expect(await auditCount('evaluation.entry.save')).toBe(1);
  });

  it('refuses invalid facts naming the field and saves nothing', async () => {
    const before = await get(c.operator!);
    const bad = await c.operator!.call('PUT', url(), { facts: { ...before.facts, researchResults: -1 }, rowTexts: { '1.1': '改了' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Problem>().details?.[0]?.field).toBe('facts.researchResults');
    const judged = cq2025.tables[before.type].rows.find((r) => r.rule.kind === 'judged')!;
    const fact = judged.rule.kind === 'judged' ? judged.rule.fact : '';
    const experts = await c.operator!.call('PUT', url(), { facts: { ...before.facts, [fact]: { experts: [3] } } });
    expect(experts.json<Problem>().details?.[0]?.field).toBe(`facts.${fact}.experts`);
    const unknownRow = await c.operator!.call('PUT', url(), { rowTexts: { '9.9': '无此项' } });
    expect(unknownRow.json<Problem>().details?.[0]?.field).toBe('rowTexts.9.9');
    const tooLong = await c.operator!.call('PUT', url(), { rowTexts: { '1.1': '长'.repeat(2001) } });
    expect(tooLong.statusCode).toBe(400);
    expect(await get(c.operator!)).toMatchObject({ facts: before.facts, rowTexts: before.rowTexts });
    expect(await auditCount('evaluation.entry.save')).toBe(1);
  });

  it('attaches evidence to a row of the entry while the sheet is in the operator’s hands', async () => {
    const send = (who: Client, fields: Record<string, string>) => upload(ctx.app, who, '/files', { platformId, ownerType: 'evaluation_entry', ...fields }, { name: '协议.pdf', content: tinyPdf });
    const wrongRow = await send(c.operator!, { ownerId: entryId, purpose: '9.9' });
    expect(wrongRow.json<Problem>().details?.[0]?.field).toBe('purpose');
    expect((await send(c.operator!, { ownerId: platformId, purpose: '1.1' })).json<Problem>().details?.[0]?.field).toBe('ownerId');
    const ok = await send(c.operator!, { ownerId: entryId, purpose: '1.1' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json<{ ownerType: string; ownerId: string; purpose: string }>()).toMatchObject({ ownerType: 'evaluation_entry', ownerId: entryId, purpose: '1.1' });
    const spare = await send(c.operator!, { ownerId: entryId, purpose: '1.2' });
    expect((await c.operator!.call('DELETE', `/files/${spare.json<{ id: string }>().id}`)).statusCode).toBe(204);
    const listed = await c.jlp!.call('GET', `/files?platformId=${platformId}&ownerType=evaluation_entry&ownerId=${entryId}`);
    expect(listed.json<{ purpose: string }[]>().map((f) => f.purpose)).toEqual(['1.1']);
  });

  it('submits: the sheet is locked, its total stored, the district told through the audit row', async () => {
    expect((await c.jlp!.call('POST', url('/submit'))).statusCode).toBe(403);
    // The status and its audit row commit together: a failing audit insert leaves the draft as it was.
    await ctx.database.pool.query(`create or replace function hrsp_fail() returns trigger language plpgsql as $$ begin raise exception 'boom'; end $$`);
    await ctx.database.pool.query('create trigger hrsp_fail_t before insert on audit_log for each row execute function hrsp_fail()');
    try {
      expect((await c.operator!.call('POST', url('/submit'))).statusCode).toBe(500);
    } finally {
      await ctx.database.pool.query('drop trigger hrsp_fail_t on audit_log');
    }
    expect((await get(c.operator!)).status).toBe('draft');
    const res = await c.operator!.call('POST', url('/submit'));
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json<Detail>();
    expect(d).toMatchObject({ status: 'submitted', selfTotal: expectedTotal(d), deadline: shift(10), overdue: false });
    expect(await count('select count(*) n from evaluation_entries where id = $1 and self_total is not null', [entryId])).toBe(1);
    expect(await auditCount('evaluation.entry.submit')).toBe(1);
    expect(await kinds(c.jlp!)).toEqual(['evaluation.entry.submitted']);
    expect(await kinds(c.wz!)).toEqual([]);
    const link = (await c.jlp!.call('GET', '/notifications')).json<{ items: { link: string }[] }>().items[0]?.link;
    expect(link).toBe(`/app/evaluations/${evaluationId}/entries/${entryId}`);
    const locked = await c.operator!.call('PUT', url(), { rowTexts: { '1.1': '提交后再改' } });
    expect(locked.statusCode).toBe(409);
    expect(locked.json<Problem>().code).toBe('ENTRY_TRANSITION_REFUSED');
    expect((await c.operator!.call('POST', url('/submit'))).json<Problem>().code).toBe('ENTRY_TRANSITION_REFUSED');
    expect(await auditCount('evaluation.entry.submit')).toBe(1);
    expect(await auditCount('evaluation.entry.save')).toBe(1);
    const evidence = await upload(ctx.app, c.operator!, '/files', { platformId, ownerType: 'evaluation_entry', ownerId: entryId, purpose: '1.1' }, { name: '补充.pdf', content: tinyPdf });
    expect(evidence.statusCode).toBe(409);
  });

  it('returns with a row comment; the operator sees it, edits and resubmits to the district', async () => {
    expect((await c.wz!.call('PUT', url('/rows/1.1/review'), { decision: 'returned', comment: '不是本区' })).statusCode).toBe(404);
    expect((await c.operator!.call('PUT', url('/rows/1.1/review'), { decision: 'accepted' })).statusCode).toBe(403);
    const noRow = await c.jlp!.call('POST', url('/return'));
    expect(noRow.statusCode).toBe(409);
    expect(noRow.json<Problem>().code).toBe('ENTRY_TRANSITION_REFUSED');
    expect(await auditCount('evaluation.entry.return')).toBe(0);
    const noComment = await c.jlp!.call('PUT', url('/rows/1.1/review'), { decision: 'returned' });
    expect(noComment.json<Problem>().details?.[0]?.field).toBe('comment');
    expect((await c.jlp!.call('PUT', url('/rows/1.2/review'), { decision: 'accepted' })).statusCode).toBe(200);
    const row = await c.jlp!.call('PUT', url('/rows/1.1/review'), { decision: 'returned', comment: '请补充入驻协议' });
    expect(row.statusCode, row.body).toBe(200);
    expect(await auditCount('evaluation.entry.row_review')).toBe(2);
    const ret = await c.jlp!.call('POST', url('/return'));
    expect(ret.statusCode, ret.body).toBe(200);
    expect(ret.json<Detail>().status).toBe('returned');
    expect(await auditCount('evaluation.entry.return')).toBe(1);
    expect(await kinds(c.operator!)).toEqual(['evaluation.entry.returned']);
    expect(await kinds(c.otherOperator!)).toEqual([]);

    const seen = await get(c.operator!);
    expect(seen.reviews).toEqual(expect.arrayContaining([expect.objectContaining({ rowCode: '1.1', decision: 'returned', comment: '请补充入驻协议' })]));
    const edit = await c.operator!.call('PUT', url(), { rowTexts: { ...seen.rowTexts, '1.1': '已补充入驻协议' } });
    expect(edit.statusCode, edit.body).toBe(200);
    const again = await c.operator!.call('POST', url('/submit'));
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json<Detail>().status).toBe('submitted');
    expect(await auditCount('evaluation.entry.submit')).toBe(2);
  });

  it('forwards only when every scored row is accepted', async () => {
    const refused = await c.jlp!.call('POST', url('/forward'));
    expect(refused.statusCode).toBe(409);
    expect(refused.json<Problem>()).toMatchObject({ code: 'ENTRY_TRANSITION_REFUSED', message: expect.stringContaining('1.1') });
    expect(await auditCount('evaluation.entry.forward')).toBe(0);
    const d = await get(c.jlp!);
    const counted = d.sheet!.rows.filter((x) => x.counted).map((r) => r.code);
    const reviewsBefore = await count('select count(*) n from entry_row_reviews where entry_id = $1', [entryId]);
    // All or nothing: one returned row without a comment saves none of the decisions.
    const bad = await c.jlp!.call('PUT', url('/rows/review'), { rows: [...counted.map((code) => ({ code, decision: 'accepted' })).slice(1), { code: counted[0], decision: 'returned' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Problem>().details?.[0]?.field).toBe('comment');
    expect(await count('select count(*) n from entry_row_reviews where entry_id = $1', [entryId])).toBe(reviewsBefore);
    expect((await c.wz!.call('PUT', url('/rows/review'), { rows: [{ code: counted[0], decision: 'accepted' }] })).statusCode).toBe(404);
    const all = await c.jlp!.call('PUT', url('/rows/review'), { rows: counted.map((code) => ({ code, decision: 'accepted' })) });
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json<Detail>().reviews.filter((r) => r.decision === 'accepted').map((r) => r.rowCode).sort()).toEqual([...counted].sort());
    expect(await count('select count(*) n from entry_row_reviews where entry_id = $1', [entryId])).toBe(reviewsBefore + counted.length);
    const ok = await c.jlp!.call('POST', url('/forward'));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<Detail>()).toMatchObject({ status: 'forwarded', deadline: shift(20) });
    expect(await auditCount('evaluation.entry.forward')).toBe(1);
    expect(await kinds(c.bureau!)).toEqual(['evaluation.entry.forwarded']);
    expect((await c.jlp!.call('PUT', url('/rows/1.1/review'), { decision: 'returned', comment: '晚了' })).json<Problem>().code).toBe('ENTRY_TRANSITION_REFUSED');
  });
});
