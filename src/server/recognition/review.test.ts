/**
 * The experts' assessment and the decision of a recognition application (Art 14 (二)–(四)): expert
 * scope, conflict of interest, private notes, the side-by-side view, proposing, publicity with
 * objections, recognition creating or promoting the registry record, and the reject path.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client, useTestApp } from '../../../test/app.js';
import { tinyPdf, tinyPng, upload } from '../../../test/multipart.js';
import { makeOrg, makePlatform, makeUser, type MadeUser } from '../../../test/factories.js';
import { applicationUrl, assessByExpert, createApplication, expectCall, parkApplication, sendToBureau, type ApplicationPath } from '../../../test/recognition.js';
import { materialKinds } from '../../domain/recognition/materials.js';
import { addDays } from '../../domain/dates/iso-date.js';
import { todayIso } from '../clock.js';

const ctx = useTestApp();
type Who = 'gov' | 'hrss' | 'bureau' | 'expertA' | 'expertB' | 'expertC' | 'expertGov' | 'outsider';
let c: Record<Who, Client>;
let u: Record<Who, MadeUser>;
let movingPlatform = '';

interface Problem { code: string; message: string; details?: { field: string; message: string }[] }
interface Review {
  state: string; tally: { assigned: number; declined: number; submitted: number }; canPropose: boolean; proposeRefusal: string | null;
  experts: { id: string; expertUserId: string; status: string; necessity: string | null; recommendation: string | null; siteVisit: unknown; photos: { id: string }[]; verifications: Record<string, { result: string }> }[];
  materials: { kind: string; verdicts: { expertName: string; result: string; note: string | null }[] }[];
}
interface Publicity { state: string; notice: { lastDay: string; decisionFrom: string; days: number } | null; objections: { id: string; status: string }[]; openObjections: number; recognition: { allowed: boolean; reasons: string[] } }

const count = async (sql: string, args: unknown[] = []) => Number((await ctx.database.pool.query<{ n: string }>(sql, args)).rows[0]!.n);
const auditCount = (action: string, entityId?: string) => (entityId === undefined
  ? count('select count(*) n from audit_log where action = $1', [action])
  : count('select count(*) n from audit_log where action = $1 and entity_id = $2', [action, entityId]));
const rowCounts = async () => Promise.all([
  'recognition_applications', 'recognition_history', 'recognition_expert_assignments', 'publicity_notices', 'publicity_objections', 'platforms', 'audit_log', 'notifications', 'files',
].map((t) => count(`select count(*) n from ${t}`)));
const stateOf = async (id: string) => (await ctx.database.pool.query<{ state: string }>('select state from recognition_applications where id = $1', [id])).rows[0]!.state;

const complete = {
  verifications: Object.fromEntries(materialKinds.map((k) => [k, { result: 'verified' }])),
  siteVisit: { date: todayIso(), participants: ['专家甲', '市局工作人员'], findings: '场地与申报材料一致' },
  necessity: '区域人力资源服务业集聚需要', feasibility: '场地、团队、入驻企业具备条件', recommendation: 'recommend',
};
const NOTES = '仅本人可见：运营方负责人曾是我的学生';

const path = (): ApplicationPath => ({ app: ctx.app, gov: c.gov, hrss: c.hrss, bureau: c.bureau, expert: c.expertA, expertUserId: u.expertA.id });
const toBureau = (id: string) => sendToBureau(path(), id);
async function newApplication(name: string): Promise<string> {
  const id = await createApplication(path(), parkApplication(name));
  await toBureau(id);
  return id;
}
/** One expert assessed and submitted, the application proposed and posted `postedAgo` days ago. */
async function toPublicity(id: string, postedAgo: number): Promise<void> {
  await assessByExpert(path(), id, complete);
  await expectCall(c.bureau, 'POST', applicationUrl(id, '/propose'), { note: '经研究，拟认定' });
  await expectCall(c.bureau, 'POST', applicationUrl(id, '/publicity'), { postedOn: addDays(todayIso(), -postedAgo), days: 5 });
}

beforeAll(async () => {
  const db = ctx.database.db;
  const operatorOrg = await makeOrg(db, 'operator', '500107');
  movingPlatform = await makePlatform(db, { level: 'district', districtCode: '500107', operatorOrgId: operatorOrg, name: '九龙坡区级人力资源服务产业园', status: 'filed' });
  const gov = await makeUser(db, 'district_gov', { districtCode: '500107' });
  u = {
    gov, hrss: await makeUser(db, 'district', { districtCode: '500107' }), bureau: await makeUser(db, 'bureau'),
    expertA: await makeUser(db, 'expert'), expertB: await makeUser(db, 'expert'), expertC: await makeUser(db, 'expert'), expertGov: await makeUser(db, 'expert'),
    outsider: await makeUser(db, 'expert'),
  };
  // The bureau sets experts' affiliations on their accounts (PUT /users/:id/affiliation); here straight in the table.
  await ctx.database.pool.query('update users set affiliation_org_id = $1 where id = $2', [operatorOrg, u.expertC.id]);
  await ctx.database.pool.query('update users set affiliation_org_id = $1 where id = $2', [gov.organizationId, u.expertGov.id]);
  const entries = await Promise.all((Object.keys(u) as Who[]).map(async (k) => [k, await loginAs(ctx.app, u[k].username)] as const));
  c = Object.fromEntries(entries) as Record<Who, Client>;
});

describe('expert assessment (Art 14 (二))', () => {
  let id = '';
  let assignmentB = '';

  it('refuses a bad expert id and an expert of the applicant, with Chinese reasons, and changes nothing', async () => {
    id = await newApplication('专家评估产业园');
    const before = await rowCounts();
    const bad = await c.bureau.call('POST', applicationUrl(id, '/experts'), { expertUserId: 'abc' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Problem>().message).toContain('评审专家');
    const notExpert = await c.bureau.call('POST', applicationUrl(id, '/experts'), { expertUserId: u.hrss.id });
    expect(notExpert.json<Problem>()).toMatchObject({ code: 'VALIDATION_FAILED', message: '评审专家：须为启用的评审专家账号' });
    const conflict = await c.bureau.call('POST', applicationUrl(id, '/experts'), { expertUserId: u.expertGov.id });
    expect(conflict.statusCode).toBe(400);
    expect(conflict.json<Problem>()).toMatchObject({ code: 'CONFLICT_OF_INTEREST', details: [{ field: 'expertUserId' }] });
    expect(conflict.json<Problem>().message).toMatch(/^评审专家：.+所在单位为申报地区（九龙坡区）的区县政府或人力社保部门，存在利益冲突，不能分配$/);
    expect(await rowCounts()).toEqual(before);
    expect(await stateOf(id)).toBe('submitted');
  });

  it('assigns experts: the first starts the assessment; each is told with a link to the application page', async () => {
    const r = (await expectCall(c.bureau, 'POST', applicationUrl(id, '/experts'), { expertUserId: u.expertA.id }, 201)).json<Review>();
    expect(r).toMatchObject({ state: 'under_expert_review', tally: { assigned: 1, declined: 0, submitted: 0 }, canPropose: false });
    assignmentB = (await expectCall(c.bureau, 'POST', applicationUrl(id, '/experts'), { expertUserId: u.expertB.id }, 201)).json<Review>().experts.find((x) => x.expertUserId === u.expertB.id)!.id;
    expect((await c.bureau.call('POST', applicationUrl(id, '/experts'), { expertUserId: u.expertA.id })).statusCode).toBe(409);
    expect(await auditCount('recognition.application.start_expert_review', id)).toBe(1);
    expect(await count("select count(*) n from audit_log where action = 'recognition.expert.assign' and summary->>'applicationId' = $1", [id])).toBe(2);
    const notes = (await expectCall(c.expertA, 'GET', '/notifications')).json<{ items: { kind: string; link: string | null }[] }>().items;
    expect(notes.find((n) => n.kind === 'recognition.expert.assigned')?.link).toBe(`/app/recognition/applications/${id}`);
  });

  it('puts the assignment on each expert’s home page as a to-do, and the application on the bureau’s as under expert review', async () => {
    const tasksOf = async (who: Client) => (await expectCall(who, 'GET', '/home')).json<{ tasks: { kind: string; title: string; link: string }[] }>().tasks
      .filter((t) => t.link === `/app/recognition/applications/${id}`);
    for (const who of [c.expertA, c.expertB]) {
      expect(await tasksOf(who)).toEqual([{ kind: 'recognition.expert.assigned', title: '市级平台认定申请「专家评估产业园」（九龙坡区）：核验申报材料、实地考察并提交评估意见', link: `/app/recognition/applications/${id}` }]);
    }
    expect(await tasksOf(c.outsider)).toEqual([]);
    expect((await tasksOf(c.bureau)).map((t) => t.title)).toEqual(['市级平台认定申请「专家评估产业园」（九龙坡区）：专家评估中，专家意见齐全后确定拟认定平台']);
  });

  it('shows the application to assigned experts only (404 otherwise) and keeps the bureau’s steps from them', async () => {
    expect((await expectCall(c.expertA, 'GET', applicationUrl(id))).json<{ id: string; allowedActions: string[] }>()).toMatchObject({ id, allowedActions: [], contactName: null, contactPhone: null });
    const fileId = (await ctx.database.pool.query<{ id: string }>('select id from files where owner_id = $1 limit 1', [id])).rows[0]!.id;
    expect((await c.expertA.call('GET', applicationUrl(id, `/files/${fileId}/download`))).statusCode).toBe(200);
    for (const path of ['', '/my-review', `/files/${fileId}/download`]) expect((await c.outsider.call('GET', applicationUrl(id, path))).statusCode).toBe(404);
    expect((await expectCall(c.outsider, 'GET', '/recognition/applications')).json<{ items: unknown[] }>().items).toEqual([]);
    expect((await expectCall(c.expertA, 'GET', '/recognition/applications')).json<{ items: { id: string }[] }>().items.map((x) => x.id)).toEqual([id]);
    expect((await c.expertA.call('GET', applicationUrl(id, '/expert-review'))).statusCode).toBe(403);
    expect((await c.expertA.call('POST', applicationUrl(id, '/propose'), { note: 'x' })).statusCode).toBe(403);
  });

  it('refuses to propose with no submitted opinion, and changes nothing', async () => {
    const before = await rowCounts();
    const res = await c.bureau.call('POST', applicationUrl(id, '/propose'), { note: '拟认定' });
    expect(res.statusCode).toBe(409);
    expect(res.json<Problem>().message).toBe('尚无专家提交评估意见，不能确定为拟认定平台');
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a bad draft with Chinese field names, saving nothing; saves a draft; refuses an incomplete submission', async () => {
    const before = await rowCounts();
    const bad = await c.expertA.call('PUT', applicationUrl(id, '/my-review'), { recommendation: 'maybe', siteVisit: { date: '2025-13-40', participants: [], findings: '' }, verifications: { policies: { result: 'fine' } } });
    expect(bad.statusCode).toBe(400);
    const msg = bad.json<Problem>().message;
    for (const name of ['评估建议', '实地考察·日期', '实地考察·参加人员', '材料核验·2. 战略规划和政策措施·结果']) expect(msg).toContain(name);
    expect(await rowCounts()).toEqual(before);
    const draft = (await expectCall(c.expertA, 'PUT', applicationUrl(id, '/my-review'), { verifications: { policies: { result: 'problem', note: '规划文件未盖章' } }, privateNotes: NOTES, necessity: '有必要' })).json<{ privateNotes: string; missing: { field: string }[]; canWork: boolean }>();
    expect(draft).toMatchObject({ privateNotes: NOTES, canWork: true });
    expect(draft.missing.map((m) => m.field)).toContain('verifications.application_form');
    const photo = await upload(ctx.app, c.expertA, applicationUrl(id, '/my-review/photos'), {}, { name: 'site.png', content: tinyPng, type: 'image/png' });
    expect(photo.statusCode, photo.body).toBe(201);
    const notImage = await upload(ctx.app, c.expertA, applicationUrl(id, '/my-review/photos'), {}, { name: 'x.pdf', content: tinyPdf, type: 'application/pdf' });
    expect(notImage.json<Problem>().message).toBe('实地考察照片：须为图片（JPG、PNG）');
    const incomplete = await c.expertA.call('POST', applicationUrl(id, '/my-review/submit'));
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json<Problem>().message).toContain('材料核验·1. 《重庆市市级人力资源服务发展平台认定申请表》：尚未核验');
    // A draft is the expert's own: the bureau sees only that the expert is working.
    const r = (await expectCall(c.bureau, 'GET', applicationUrl(id, '/expert-review'))).json<Review>();
    expect(r.experts.find((x) => x.expertUserId === u.expertA.id)).toMatchObject({ status: 'assigned', necessity: null, photos: [], verifications: {} });
    expect(await auditCount('recognition.expert.save')).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify((await ctx.database.pool.query("select summary from audit_log where action = 'recognition.expert.save'")).rows)).not.toContain('学生');
  });

  it('submits; the bureau sees every submitted opinion side by side, never the private notes', async () => {
    await expectCall(c.expertA, 'PUT', applicationUrl(id, '/my-review'), { ...complete, verifications: { ...complete.verifications, policies: { result: 'problem', note: '规划文件未盖章' } } });
    const own = (await expectCall(c.expertA, 'POST', applicationUrl(id, '/my-review/submit'))).json<{ status: string; canWork: boolean; privateNotes: string }>();
    expect(own).toMatchObject({ status: 'submitted', canWork: false, privateNotes: NOTES });
    expect((await c.expertA.call('PUT', applicationUrl(id, '/my-review'), { necessity: '改' })).statusCode).toBe(409);
    const res = await expectCall(c.bureau, 'GET', applicationUrl(id, '/expert-review'));
    expect(res.body).not.toContain('学生');
    expect(res.body).not.toContain('privateNotes');
    const r = res.json<Review>();
    const a = r.experts.find((x) => x.expertUserId === u.expertA.id)!;
    expect(a).toMatchObject({ status: 'submitted', recommendation: 'recommend', necessity: complete.necessity, siteVisit: complete.siteVisit });
    expect(a.photos).toHaveLength(1);
    expect((await c.bureau.call('GET', applicationUrl(id, `/site-photos/${a.photos[0]!.id}/download`))).statusCode).toBe(200);
    expect((await c.expertB.call('GET', applicationUrl(id, `/site-photos/${a.photos[0]!.id}/download`))).statusCode).toBe(404);
    expect(r.materials.find((m) => m.kind === 'policies')!.verdicts).toEqual([{ assignmentId: a.id, expertName: expect.any(String), result: 'problem', note: '规划文件未盖章' }]);
    // The other expert sees its own (empty) work, not the first one's notes.
    const b = await expectCall(c.expertB, 'GET', applicationUrl(id, '/my-review'));
    expect(b.body).not.toContain('学生');
    expect(b.json<{ id: string; privateNotes: string | null }>()).toMatchObject({ id: assignmentB, privateNotes: null });
    const bureauNotes = (await expectCall(c.bureau, 'GET', '/notifications')).json<{ items: { kind: string; link: string | null }[] }>().items;
    expect(bureauNotes.find((n) => n.kind === 'recognition.expert.submitted')?.link).toBe(`/app/recognition/applications/${id}`);
    expect(await count("select count(*) n from audit_log where action = 'recognition.expert.submit' and summary->>'applicationId' = $1", [id])).toBe(1);
  });

  it('refuses to propose while an expert is still working; the expert declines with a reason and loses the application', async () => {
    const res = await c.bureau.call('POST', applicationUrl(id, '/propose'), { note: '拟认定' });
    expect(res.statusCode).toBe(409);
    expect(res.json<Problem>().message).toMatch(/^以下专家尚未提交评估意见或申请回避：/);
    expect((await c.expertB.call('POST', applicationUrl(id, '/my-review/decline'), { reason: '' })).statusCode).toBe(400);
    await expectCall(c.expertB, 'POST', applicationUrl(id, '/my-review/decline'), { reason: '与申报单位有合作关系' });
    for (const path of ['', '/my-review']) expect((await c.expertB.call('GET', applicationUrl(id, path))).statusCode).toBe(404);
    expect((await expectCall(c.expertB, 'GET', '/recognition/applications')).json<{ items: unknown[] }>().items).toEqual([]);
    expect((await expectCall(c.bureau, 'GET', applicationUrl(id, '/expert-review'))).json<Review>()).toMatchObject({ tally: { assigned: 0, declined: 1, submitted: 1 }, canPropose: true });
    expect(await auditCount('recognition.expert.decline', assignmentB)).toBe(1);
    expect((await c.bureau.call('POST', applicationUrl(id, '/experts'), { expertUserId: u.expertB.id })).statusCode).toBe(409);
  });

  it('takes the to-do off the home page of an expert who submitted or declined', async () => {
    for (const who of [c.expertA, c.expertB]) {
      const tasks = (await expectCall(who, 'GET', '/home')).json<{ tasks: { link: string }[] }>().tasks;
      expect(tasks.filter((t) => t.link === `/app/recognition/applications/${id}`)).toEqual([]);
    }
  });

  it('proposes with a note, posts the notice, and refuses recognition before the end of the period', async () => {
    expect((await c.bureau.call('POST', applicationUrl(id, '/propose'), {})).statusCode).toBe(400);
    await expectCall(c.bureau, 'POST', applicationUrl(id, '/propose'), { note: '经局务会研究，拟认定' });
    expect(await stateOf(id)).toBe('proposed');
    expect((await c.expertA.call('GET', applicationUrl(id))).statusCode).toBe(200);
    const before = await rowCounts();
    const short = await c.bureau.call('POST', applicationUrl(id, '/publicity'), { postedOn: todayIso(), days: 4 });
    expect(short.statusCode).toBe(400);
    expect(short.json<Problem>().message).toBe('公示天数：公示期不少于 5 天（第十四条（三））');
    expect(await rowCounts()).toEqual(before);
    const p = (await expectCall(c.bureau, 'POST', applicationUrl(id, '/publicity'), { postedOn: todayIso(), days: 5 })).json<Publicity>();
    expect(p).toMatchObject({ state: 'in_publicity', notice: { days: 5 }, recognition: { allowed: false } });
    expect(p.notice!.lastDay >= addDays(todayIso(), 5)).toBe(true);
    expect(await auditCount('recognition.application.post_publicity', id)).toBe(1);
    expect(await count("select count(*) n from notifications where kind = 'recognition.application.in_publicity'")).toBeGreaterThanOrEqual(2);
    const early = await c.bureau.call('POST', applicationUrl(id, '/recognize'), { decisionDate: todayIso(), docNo: `渝人社〔${todayIso().slice(0, 4)}〕1号` });
    expect(early.statusCode).toBe(409);
    expect(early.json<Problem>().message).toContain(`公示期至 ${p.notice!.lastDay} 届满`);
    expect(await stateOf(id)).toBe('in_publicity');
  });

  it('closes as not recognized only after an objection is upheld', async () => {
    expect((await c.bureau.call('POST', applicationUrl(id, '/not-recognize'), { reason: '异议成立' })).statusCode).toBe(409);
    const early = await c.bureau.call('POST', applicationUrl(id, '/publicity/objections'), { receivedOn: addDays(todayIso(), -1), summary: '早于公示' });
    expect(early.json<Problem>()).toMatchObject({ message: `收到日期：不能早于公示发布日期 ${todayIso()}`, details: [{ field: 'receivedOn' }] });
    expect((await c.bureau.call('POST', applicationUrl(id, '/publicity/objections'), { receivedOn: todayIso(), summary: '' })).json<Problem>().message).toContain('摘要');
    const p = (await expectCall(c.bureau, 'POST', applicationUrl(id, '/publicity/objections'), { receivedOn: todayIso(), summary: '入驻企业数量与实际不符' })).json<Publicity>();
    expect(p.openObjections).toBe(1);
    // Objections are the bureau's only: the district bodies read the publicity and the gate, not the objections.
    for (const who of [c.gov, c.hrss]) {
      const seen = (await expectCall(who, 'GET', applicationUrl(id, '/publicity'))).json<Publicity>();
      expect(seen.objections).toEqual([]);
      expect(JSON.stringify(seen)).not.toContain('入驻企业数量与实际不符');
    }
    await expectCall(c.bureau, 'PUT', applicationUrl(id, `/publicity/objections/${p.objections[0]!.id}`), { outcome: 'upheld', resolution: '经核实，入驻企业不足' });
    const upheld = await c.bureau.call('POST', applicationUrl(id, '/recognize'), { decisionDate: todayIso(), docNo: `渝人社〔${todayIso().slice(0, 4)}〕2号` });
    expect(upheld.statusCode).toBe(409);
    expect(upheld.json<Problem>().message).toContain('有异议经核实成立，不能认定');
    expect((await c.bureau.call('PUT', applicationUrl(id, `/publicity/objections/${p.objections[0]!.id}`), { outcome: 'dismissed', resolution: '再改' })).statusCode).toBe(409);
    await expectCall(c.bureau, 'POST', applicationUrl(id, '/not-recognize'), { reason: '公示期间异议经核实成立' });
    expect(await stateOf(id)).toBe('rejected');
    expect(await auditCount('publicity.objection.resolve')).toBeGreaterThanOrEqual(1);
    expect(await auditCount('recognition.application.not_recognize', id)).toBe(1);
  });
});

describe('withdrawing an assignment', () => {
  it('takes the application away from the expert, and is refused once the opinion is submitted', async () => {
    const id = await newApplication('撤销分配产业园');
    const r = (await expectCall(c.bureau, 'POST', applicationUrl(id, '/experts'), { expertUserId: u.outsider.id }, 201)).json<Review>();
    expect((await c.outsider.call('GET', applicationUrl(id))).statusCode).toBe(200);
    await expectCall(c.bureau, 'DELETE', applicationUrl(id, `/experts/${r.experts[0]!.id}`));
    expect((await c.outsider.call('GET', applicationUrl(id))).statusCode).toBe(404);
    expect(await auditCount('recognition.expert.unassign', r.experts[0]!.id)).toBe(1);
    const a = (await expectCall(c.bureau, 'POST', applicationUrl(id, '/experts'), { expertUserId: u.expertA.id }, 201)).json<Review>().experts[0]!;
    await expectCall(c.expertA, 'PUT', applicationUrl(id, '/my-review'), complete);
    await expectCall(c.expertA, 'POST', applicationUrl(id, '/my-review/submit'));
    expect((await c.bureau.call('DELETE', applicationUrl(id, `/experts/${a.id}`))).json<Problem>().message).toBe('该专家已提交评估意见，不能撤销分配');
  });
});

describe('recognition (Art 14 (四))', () => {
  it('creates the registry record of a new platform, linked to the application, after a publicity without objection', async () => {
    const id = await newApplication('新认定综合性产业园');
    await expectCall(c.bureau, 'PUT', applicationUrl(id, '/terms'), { acceptedShortfalls: [{ condition: 'revenue', reason: '营收增长趋势明显' }] });
    await toPublicity(id, 30);
    const p = (await expectCall(c.bureau, 'GET', applicationUrl(id, '/publicity'))).json<Publicity>();
    expect(p.recognition).toEqual({ allowed: true, reasons: [] });
    const year = todayIso().slice(0, 4);
    const d = (await expectCall(c.bureau, 'POST', applicationUrl(id, '/recognize'), { decisionDate: todayIso(), docNo: `渝人社[${year}]88号` })).json<{ state: string; platformId: string }>();
    expect(d.state).toBe('recognized');
    const row = (await ctx.database.pool.query('select name, level, status, origin, recognition_doc_no, recognized_at::text, recognition_terms from platforms where id = $1', [d.platformId])).rows[0];
    expect(row).toMatchObject({
      name: '新认定综合性产业园', level: 'municipal', status: 'recognized', origin: 'registered', recognition_doc_no: `渝人社〔${year}〕88号`, recognized_at: todayIso(),
      recognition_terms: { acceptedShortfalls: [{ condition: 'revenue', reason: '营收增长趋势明显' }] },
    });
    expect(await count('select count(*) n from platform_status_history where platform_id = $1 and to_status = $2', [d.platformId, 'recognized'])).toBe(1);
    expect(await auditCount('platform.create', d.platformId)).toBe(1);
    expect(await auditCount('recognition.application.recognize', id)).toBe(1);
    const kinds = (await expectCall(c.gov, 'GET', '/notifications')).json<{ items: { kind: string }[] }>().items.map((n) => n.kind);
    expect(kinds).toEqual(expect.arrayContaining(['recognition.application.in_publicity', 'recognition.application.recognized']));
  });

  it('promotes the district-level record, checking the document number and refusing while an objection is open', async () => {
    const id = (await expectCall(c.gov, 'POST', '/recognition/applications', { platformId: movingPlatform }, 201)).json<{ id: string }>().id;
    await expectCall(c.gov, 'PUT', applicationUrl(id), parkApplication('九龙坡区级人力资源服务产业园'));
    await toBureau(id);
    const conflict = await c.bureau.call('POST', applicationUrl(id, '/experts'), { expertUserId: u.expertC.id });
    expect(conflict.json<Problem>().message).toMatch(/所在单位为该平台的运营机构，存在利益冲突，不能分配$/);
    await expectCall(c.bureau, 'PUT', applicationUrl(id, '/terms'), { acceptedShortfalls: [{ condition: 'revenue', reason: '升级后营收可望达标' }] });
    await toPublicity(id, 30);
    const year = todayIso().slice(0, 4);
    const before = await rowCounts();
    for (const [body, field, message] of [
      [{ decisionDate: todayIso(), docNo: `渝府发〔${year}〕3号` }, 'docNo', '认定文号：市级平台的文号应以「渝人社」开头'],
      [{ decisionDate: todayIso(), docNo: '第3号' }, 'docNo', '认定文号：格式应为「渝人社〔2022〕215号」'],
      [{ decisionDate: addDays(todayIso(), 1), docNo: `渝人社〔${year}〕3号` }, 'decisionDate', '认定日期：不能晚于今天'],
    ] as const) {
      const res = await c.bureau.call('POST', applicationUrl(id, '/recognize'), body);
      expect(res.statusCode).toBe(400);
      expect(res.json<Problem>()).toMatchObject({ message, details: [{ field }] });
    }
    const missing = await c.bureau.call('POST', applicationUrl(id, '/recognize'), { decisionDate: 'tomorrow' });
    expect(missing.json<Problem>().message).toContain('认定日期');
    expect(missing.json<Problem>().message).toContain('认定文号');
    expect(await rowCounts()).toEqual(before);

    const p = (await expectCall(c.bureau, 'POST', applicationUrl(id, '/publicity/objections'), { receivedOn: todayIso(), summary: '场地面积存疑' })).json<Publicity>();
    const open = await c.bureau.call('POST', applicationUrl(id, '/recognize'), { decisionDate: todayIso(), docNo: `渝人社〔${year}〕3号` });
    expect(open.statusCode).toBe(409);
    expect(open.json<Problem>().message).toBe('不能认定：尚有 1 项异议未处理完毕');
    expect(await stateOf(id)).toBe('in_publicity');
    await expectCall(c.bureau, 'PUT', applicationUrl(id, `/publicity/objections/${p.objections[0]!.id}`), { outcome: 'dismissed', resolution: '经现场核实，面积属实' });
    await expectCall(c.bureau, 'POST', applicationUrl(id, '/recognize'), { decisionDate: todayIso(), docNo: `渝人社〔${year}〕3号` });
    const row = (await ctx.database.pool.query('select level, status, recognition_doc_no, recognized_at::text, recognition_terms from platforms where id = $1', [movingPlatform])).rows[0];
    expect(row).toMatchObject({ level: 'municipal', status: 'recognized', recognition_doc_no: `渝人社〔${year}〕3号`, recognized_at: todayIso(), recognition_terms: { acceptedShortfalls: [{ condition: 'revenue', reason: '升级后营收可望达标' }] } });
    expect(await count("select count(*) n from platforms where name = '九龙坡区级人力资源服务产业园'")).toBe(1);
    expect(await count("select count(*) n from audit_log where action = 'platform.status' and entity_id = $1 and summary->>'meaning' like '%第十四条%'", [movingPlatform])).toBe(1);
    expect(await stateOf(id)).toBe('recognized');
    // Recognized once: a second decision is refused by the workflow.
    expect((await c.bureau.call('POST', applicationUrl(id, '/recognize'), { decisionDate: todayIso(), docNo: `渝人社〔${year}〕4号` })).statusCode).toBe(409);
  });
});
