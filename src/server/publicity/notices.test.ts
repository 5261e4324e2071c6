/**
 * Notices as the bureau manages them and as the public reads them: posting several proposed
 * applications at once, correcting and withdrawing only with a reason (history kept), the public API
 * (posted notices, never anything about objections), and the gates: an application's recognition and
 * a campaign's publication refused while the period runs or an objection on that item is open.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client, useTestApp } from '../../../test/app.js';
import { makePlatform, makeSite, makeUser, makeYearData, type MadeUser } from '../../../test/factories.js';
import { tinyPdf, upload } from '../../../test/multipart.js';
import { applicationUrl, createApplication, expectCall, parkApplication, proposedApplication, type ApplicationPath } from '../../../test/recognition.js';
import { addDays } from '../../domain/dates/iso-date.js';
import { todayIso } from '../clock.js';

const ctx = useTestApp();
type Who = 'gov' | 'hrss' | 'bureau' | 'expert' | 'operator';
let c: Record<Who, Client>;
let u: Record<Who, MadeUser>;

interface Problem { code: string; message: string; details?: { field: string; message: string }[] }
interface Item { id: string; title: string; detail: string | null; subjectId: string; link: string | null; openObjections: number; needsDecision: boolean }
interface Notice {
  id: string; title: string; body: string | null; status: string; statusLabel: string; current: boolean; daysLeft: number; revision: number; openObjections: number;
  period: { postedOn: string; days: number; lastDay: string; decisionFrom: string; explanation: string }; items: Item[];
  history: { revision: number; kind: string; reason: string | null; changes: string[] }[]; allowedActions: string[];
}

const q = async <T extends Record<string, unknown>>(sql: string, args: unknown[] = []) => (await ctx.database.pool.query<T>(sql, args)).rows;
const count = async (sql: string, args: unknown[] = []) => Number((await q<{ n: string }>(sql, args))[0]!.n);
const stateOf = async (id: string) => (await q<{ state: string }>('select state from recognition_applications where id = $1', [id]))[0]!.state;

const path = (): ApplicationPath => ({ app: ctx.app, gov: c.gov, hrss: c.hrss, bureau: c.bureau, expert: c.expert, expertUserId: u.expert.id });
/** An application taken through the district and the experts to 拟认定, 待公示. */
const proposed = (name: string) => proposedApplication(path(), name);
const post = (applicationIds: string[], postedOn = todayIso(), extra: Record<string, unknown> = {}) =>
  c.bureau.call('POST', '/publicity/notices', { kind: 'recognition_application', title: '关于拟认定市级人力资源服务发展平台的公示', body: '现予公示。', postedOn, days: 5, applicationIds, ...extra });
const openObjection = (noticeId: string, itemId: string) =>
  q("insert into publicity_objections (notice_id, item_id, received_on, summary, status) values ($1, $2, $3, '异议', 'received') returning id", [noticeId, itemId, todayIso()]);
const year = todayIso().slice(0, 4);

beforeAll(async () => {
  const db = ctx.database.db;
  u = {
    gov: await makeUser(db, 'district_gov', { districtCode: '500107' }), hrss: await makeUser(db, 'district', { districtCode: '500107' }),
    bureau: await makeUser(db, 'bureau'), expert: await makeUser(db, 'expert'), operator: await makeUser(db, 'operator'),
  };
  const entries = await Promise.all((Object.keys(u) as Who[]).map(async (k) => [k, await loginAs(ctx.app, u[k].username)] as const));
  c = Object.fromEntries(entries) as Record<Who, Client>;
});

describe('posting a notice of several proposed applications', () => {
  let a = '';
  let b = '';
  let notice: Notice;
  it('previews the end with the rule that produced it, over the 2025 National Day holiday, storing nothing', async () => {
    const p = (await expectCall(c.bureau, 'POST', '/publicity/notices/preview', { postedOn: '2025-09-26', days: 5, counting: 'calendar_days' })).json<{ lastDay: string; explanation: string; decisionFrom: string }>();
    expect(p).toMatchObject({ lastDay: '2025-10-09', decisionFrom: '2025-10-10' });
    expect(p.explanation).toBe('2025-09-26 发布，次日 2025-09-27 起算 5 日，原届满日 2025-10-01 为休息日，顺延至 2025-10-09；2025-10-10 起方可作出认定');
    const w = (await expectCall(c.bureau, 'POST', '/publicity/notices/preview', { postedOn: '2025-09-26', days: 5, counting: 'working_days' })).json<{ lastDay: string }>();
    expect(w.lastDay).toBe('2025-10-10');
    const few = await c.bureau.call('POST', '/publicity/notices/preview', { postedOn: '2025-09-26', days: 4 });
    expect(few.statusCode).toBe(400);
    expect(few.json<Problem>().details?.[0]).toMatchObject({ field: 'days' });
    expect(await count('select count(*) n from publicity_notices')).toBe(0);
  });

  it('refuses an application not proposed and a notice without applications, changing nothing', async () => {
    a = await proposed('甲产业园');
    b = await proposed('乙产业园');
    const draft = await createApplication(path(), parkApplication('丙产业园'));
    const res = await post([a, draft]);
    expect(res.statusCode).toBe(400);
    expect(res.json<Problem>().message).toContain('丙产业园');
    expect((await post([])).statusCode).toBe(400);
    expect(await count('select count(*) n from publicity_notices')).toBe(0);
    expect(await stateOf(a)).toBe('proposed');
    for (const who of [c.gov, c.hrss, c.operator, c.expert]) expect((await who.call('POST', '/publicity/notices', {})).statusCode).toBe(403);
  });

  it('posts both: each application moves to 公示中 with its history, audit row and notification; the period and its explanation are stored', async () => {
    const res = await post([a, b]);
    expect(res.statusCode, res.body).toBe(201);
    notice = res.json<Notice>();
    expect(notice).toMatchObject({ status: 'posted', current: true, daysLeft: expect.any(Number), revision: 1, allowedActions: ['correct', 'withdraw'] });
    expect(notice.items.map((i) => i.title)).toEqual(['甲产业园', '乙产业园']);
    expect(notice.items[0]!.link).toBe(`/app/recognition/applications/${a}`);
    expect(notice.period.explanation).toContain('起算 5 日');
    expect(await stateOf(a)).toBe('in_publicity');
    expect(await stateOf(b)).toBe('in_publicity');
    expect(await count("select count(*) n from recognition_history where action = 'post_publicity'")).toBe(2);
    expect(await count("select count(*) n from audit_log where action = 'recognition.application.post_publicity'")).toBe(2);
    expect(await count("select count(*) n from audit_log where action = 'publicity.notice.post' and entity_id = $1", [notice.id])).toBe(1);
    expect(await count("select count(*) n from notifications where kind = 'recognition.application.in_publicity'")).toBeGreaterThanOrEqual(2);
    expect(notice.history).toMatchObject([{ revision: 1, kind: 'post', reason: null }]);
    // The per-application publicity page reads the same notice.
    const pub = (await expectCall(c.bureau, 'GET', applicationUrl(a, '/publicity'))).json<{ notice: { id: string } }>();
    expect(pub.notice.id).toBe(notice.id);
  });

  it('refuses recognition while the period runs', async () => {
    const res = await c.bureau.call('POST', applicationUrl(a, '/recognize'), { decisionDate: todayIso(), docNo: `渝人社[${year}]11号` });
    expect(res.statusCode).toBe(409);
    expect(res.json<Problem>().message).toContain('公示期');
  });

  it('corrects only with a reason; a new period is recomputed and both revisions stay in the history', async () => {
    const none = await c.bureau.call('POST', `/publicity/notices/${notice.id}/correct`, { reason: '', days: 7 });
    expect(none.statusCode).toBe(400);
    expect(await count('select count(*) n from publicity_notice_revisions where notice_id = $1', [notice.id])).toBe(1);
    const posted = addDays(todayIso(), -20);
    const res = await expectCall(c.bureau, 'POST', `/publicity/notices/${notice.id}/correct`, { reason: '发布日期登记有误', postedOn: posted, days: 6 });
    const n = res.json<Notice>();
    expect(n.period).toMatchObject({ postedOn: posted, days: 6 });
    expect(n.period.lastDay >= addDays(posted, 6)).toBe(true);
    expect(n).toMatchObject({ revision: 2, current: false, daysLeft: 0 });
    expect(n.history).toMatchObject([{ revision: 1, kind: 'post' }, { revision: 2, kind: 'correct', reason: '发布日期登记有误' }]);
    expect(n.history[1]!.changes[0]).toContain('公示期由');
    expect(await count("select count(*) n from audit_log where action = 'publicity.notice.correct'")).toBe(1);
  });

  it('refuses recognition with an open objection on that item; an objection on another item of the same notice does not block', async () => {
    await openObjection(notice.id, notice.items[0]!.id);
    const refused = await c.bureau.call('POST', applicationUrl(a, '/recognize'), { decisionDate: todayIso(), docNo: `渝人社[${year}]12号` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<Problem>().message).toContain('异议');
    expect(await stateOf(a)).toBe('in_publicity');
    await expectCall(c.bureau, 'POST', applicationUrl(b, '/recognize'), { decisionDate: todayIso(), docNo: `渝人社[${year}]13号` });
    expect(await stateOf(b)).toBe('recognized');
  });

  it('shows the bureau the open objections as a number per notice', async () => {
    const list = (await expectCall(c.bureau, 'GET', '/publicity/notices')).json<{ items: { id: string; openObjections: number; itemsCount: number }[] }>();
    expect(list.items.find((x) => x.id === notice.id)).toMatchObject({ openObjections: 1, itemsCount: 2 });
  });

  it('withdraws only with a reason; the application still in publicity goes back to 拟认定, the recognized one stays', async () => {
    expect((await c.bureau.call('POST', `/publicity/notices/${notice.id}/withdraw`, { reason: '  ' })).statusCode).toBe(400);
    expect((await q<{ status: string }>('select status from publicity_notices where id = $1', [notice.id]))[0]!.status).toBe('posted');
    const n = (await expectCall(c.bureau, 'POST', `/publicity/notices/${notice.id}/withdraw`, { reason: '名单需调整' })).json<Notice>();
    expect(n).toMatchObject({ status: 'withdrawn', allowedActions: [] });
    expect(n.history.map((h) => [h.kind, h.reason])).toEqual([['post', null], ['correct', '发布日期登记有误'], ['withdraw', '名单需调整']]);
    expect(await stateOf(a)).toBe('proposed');
    expect(await stateOf(b)).toBe('recognized');
    expect(await count("select count(*) n from recognition_history where action = 'withdraw_publicity' and application_id = $1", [a])).toBe(1);
    expect((await c.bureau.call('POST', `/publicity/notices/${notice.id}/correct`, { reason: '再改', days: 9 })).statusCode).toBe(409);
    // Posted again in a new notice, it is in publicity again.
    expect((await post([a])).statusCode).toBe(201);
    expect(await stateOf(a)).toBe('in_publicity');
  });

  it('shows the public posted notices, current first with days left, with the history, and never anything about objections', async () => {
    const anon = (url: string) => ctx.app.inject({ method: 'GET', url: `/api/v1${url}` });
    const list = await anon('/public/notices');
    expect(list.statusCode).toBe(200);
    const page = list.json<{ items: { id: string; current: boolean; daysLeft: number; status: string }[]; total: number }>();
    expect(page.total).toBe(2);
    expect(page.items[0]).toMatchObject({ current: true, status: 'posted' });
    expect(page.items[0]!.daysLeft).toBeGreaterThan(0);
    expect(page.items[1]).toMatchObject({ id: notice.id, current: false, status: 'withdrawn', daysLeft: 0 });
    const one = await anon(`/public/notices/${notice.id}`);
    expect(one.statusCode).toBe(200);
    const body = one.json<Notice>();
    expect(body.history.map((h) => h.reason)).toEqual([null, '发布日期登记有误', '名单需调整']);
    expect(body.items.map((i) => i.title)).toEqual(['甲产业园', '乙产业园']);
    for (const text of [list.body, one.body]) expect(text).not.toMatch(/objection|异议/i);
    expect(Object.keys(body.items[0]!).sort()).toEqual(['detail', 'id', 'position', 'title']);
    expect((await anon('/public/notices?kind=evaluation_result')).json<{ total: number }>().total).toBe(0);
    expect((await anon(`/public/notices/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`)).statusCode).toBe(404);
  });

  it('takes attachments checked like every upload, downloadable by the public', async () => {
    const disguised = await upload(ctx.app, c.bureau, `/publicity/notices/${notice.id}/attachments`, {}, { name: '公示.pdf', content: Buffer.from('MZ not a pdf'), type: 'application/pdf' });
    expect(disguised.statusCode).toBe(409); // withdrawn: refused before reading
    const [current] = await q<{ id: string }>("select id from publicity_notices where status = 'posted'");
    const bad = await upload(ctx.app, c.bureau, `/publicity/notices/${current!.id}/attachments`, {}, { name: '公示.pdf', content: Buffer.from('MZ not a pdf'), type: 'application/pdf' });
    expect(bad.statusCode).toBe(400);
    const good = await upload(ctx.app, c.bureau, `/publicity/notices/${current!.id}/attachments`, {}, { name: '公示名单.pdf', content: tinyPdf, type: 'application/pdf' });
    expect(good.statusCode, good.body).toBe(201);
    const fileId = good.json<{ id: string }>().id;
    const dl = await ctx.app.inject({ method: 'GET', url: `/api/v1/public/notices/${current!.id}/attachments/${fileId}` });
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(tinyPdf)).toBe(true);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/v1/public/notices/${notice.id}/attachments/${fileId}` })).statusCode).toBe(404);
  });
});

describe('draft results of an evaluation (Art 30 (四))', () => {
  let evaluationId = '';
  let notice: Notice;
  const eid: Record<string, string> = {};
  beforeAll(async () => {
    const db = ctx.database.db;
    for (const key of ['甲', '乙']) {
      const id = await makePlatform(db, { type: 'specialized_market', level: 'municipal', name: `评估平台${key}`, districtCode: '500107' });
      await makeSite(db, id, 1200);
      await makeYearData(db, id, 2025, { personTimesServed: { bachelorOrBelow: 5200, postgraduate: 300 } });
    }
    const shift = (n: number) => addDays(todayIso(), n);
    const created = await expectCall(c.bureau, 'POST', '/evaluations', { year: 2025, schemeId: 'cq-2025', selfEvaluationEnd: shift(1), districtReviewEnd: shift(2), municipalReviewEnd: shift(3) }, 201);
    evaluationId = created.json<{ id: string }>().id;
    await expectCall(c.bureau, 'POST', `/evaluations/${evaluationId}/open`);
    const rows = await q<{ id: string; name: string }>('select e.id, p.name from evaluation_entries e join platforms p on p.id = e.platform_id where e.evaluation_id = $1', [evaluationId]);
    for (const r of rows) {
      eid[r.name] = r.id;
      await q("update evaluation_entries set status = 'reviewed', reviewed_total = $2 where id = $1", [r.id, r.name.endsWith('甲') ? '90' : '70']);
    }
    await expectCall(c.bureau, 'POST', `/evaluations/${evaluationId}/grade`);
  });

  it('posts the draft grades; publication is refused while the period runs', async () => {
    const res = await c.bureau.call('POST', '/publicity/notices', { kind: 'evaluation_result', title: '2025 年度评估拟定结果公示', postedOn: todayIso(), days: 5, evaluationId });
    expect(res.statusCode, res.body).toBe(201);
    notice = res.json<Notice>();
    expect(notice.items.map((i) => i.detail)).toEqual(expect.arrayContaining([expect.stringContaining('拟评定等次')]));
    expect(notice.items[0]!.link).toContain(`/app/evaluations/${evaluationId}/entries/`);
    const refused = await c.bureau.call('POST', `/evaluations/${evaluationId}/publish`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json<Problem>().message).toContain('公示期');
  });

  it('refuses publication with an open objection, then with an upheld one until the bureau decides the grade', async () => {
    const posted = addDays(todayIso(), -20);
    await expectCall(c.bureau, 'POST', `/publicity/notices/${notice.id}/correct`, { reason: '补登发布日期', postedOn: posted });
    const item = notice.items.find((i) => i.subjectId === eid['评估平台甲'])!;
    const [o] = await openObjection(notice.id, item.id);
    const open = await c.bureau.call('POST', `/evaluations/${evaluationId}/publish`);
    expect(open.statusCode).toBe(409);
    expect(open.json<Problem>().message).toContain('异议未处理');
    // Deciding before the objection is settled is refused.
    expect((await c.bureau.call('POST', `/publicity/notices/${notice.id}/items/${item.id}/decision`, { grade: 'pass', reason: '改定' })).statusCode).toBe(409);
    await q("update publicity_objections set status = 'decided', outcome = 'upheld', resolution = '经核实成立', resolved_on = $2 where id = $1", [o!.id, todayIso()]);
    const upheld = await c.bureau.call('POST', `/evaluations/${evaluationId}/publish`);
    expect(upheld.statusCode).toBe(409);
    expect(upheld.json<Problem>().message).toContain('须先决定其等次');
    expect((await c.bureau.call('POST', `/publicity/notices/${notice.id}/items/${item.id}/decision`, { grade: 'pass', reason: '' })).statusCode).toBe(400);
    const decided = (await expectCall(c.bureau, 'POST', `/publicity/notices/${notice.id}/items/${item.id}/decision`, { grade: 'pass', reason: '入驻企业数据不实，改定为合格' })).json<Notice>();
    expect(decided.items.find((i) => i.id === item.id)).toMatchObject({ needsDecision: false });
    expect((await q<{ grade: string }>('select grade from evaluation_entries where id = $1', [item.subjectId]))[0]!.grade).toBe('pass');
    await expectCall(c.bureau, 'POST', `/evaluations/${evaluationId}/publish`);
  });
});
