import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client, useTestApp } from '../../../test/app.js';
import { tinyOle, tinyPdf, tinyPng, upload } from '../../../test/multipart.js';
import { makeOrg, makePlatform, makeResidence, makeSite, makeStaff, makeUscc, makeUser } from '../../../test/factories.js';
import { districtOpinion, parkApplication, sendToBureau } from '../../../test/recognition.js';
import { COL, COLUMN_ORDER } from '../imports/columns.js';
import { materialKinds } from '../../domain/recognition/materials.js';
import { lastYear, todayIso } from '../clock.js';
import { checkDocument } from '../rules/service.js';

const ctx = useTestApp();
type Who = 'gov' | 'hrss' | 'wzGov' | 'wzHrss' | 'bureau' | 'admin' | 'operator' | 'otherOperator' | 'expert';
let c: Record<Who, Client>;
let movingPlatform = '';

interface Detail {
  id: string; state: string; platformId: string | null; name: string; form: Record<string, unknown> & { figures?: Record<string, unknown> };
  contactName: string | null; missingMaterials: string[]; missingFields: { field: string; message: string }[]; allowedActions: string[];
  opinions: { district_hrss: { opinion: string; signer: string; sealFileId: string | null } | null; district_gov: { opinion: string } | null };
  history: { action: string; reason: string | null }[]; canEdit: boolean; art17: boolean;
}
interface Problem { code: string; message: string; details?: { field: string; message: string }[] }
interface Check {
  result: { outcome: string; conditions: { id: string; status: string; thresholdSource: string; value: string | null; threshold: string; article: string; strength: string }[]; checklist: { id: string; confirmed: boolean }[] } | null;
  errors: { message: string }[];
  input: { facts: Record<string, unknown>; adjustments: Record<string, unknown> };
  confirmations: { item: string; confirmedByName: string | null; confirmedAt: string }[];
}

const count = async (sql: string, args: unknown[] = []) => Number((await ctx.database.pool.query<{ n: string }>(sql, args)).rows[0]!.n);
const auditCount = (action: string, id?: string) => (id === undefined
  ? count('select count(*) n from audit_log where action = $1', [action])
  : count('select count(*) n from audit_log where action = $1 and entity_id = $2', [action, id]));
const rowCounts = async () => [
  await count('select count(*) n from recognition_applications'), await count('select count(*) n from recognition_history'),
  await count('select count(*) n from recognition_opinions'), await count('select count(*) n from audit_log'),
  await count('select count(*) n from files'), await count('select count(*) n from notifications'),
];

async function ok(who: Client, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, status = 200) {
  const res = await who.call(method, url, body);
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
  return res;
}
const detail = async (who: Client, id: string) => (await ok(who, 'GET', `/recognition/applications/${id}`)).json<Detail>();
const create = async (who: Client, body: unknown) => (await ok(who, 'POST', '/recognition/applications', body, 201)).json<Detail>();
const uploadKind = async (who: Client, id: string, purpose: string, status = 201) => {
  const res = await upload(ctx.app, who, `/recognition/applications/${id}/files`, { purpose }, { name: `${purpose}.pdf`, content: tinyPdf, type: 'application/pdf' });
  expect(res.statusCode, res.body).toBe(status);
  return res.json<{ id: string }>();
};
/** From a new draft with all materials to 已报市局. */
const toBureau = (gov: Client, hrss: Client, id: string) => sendToBureau({ app: ctx.app, gov, hrss }, id);

beforeAll(async () => {
  const db = ctx.database.db;
  const operatorOrg = await makeOrg(db, 'operator', '500107');
  movingPlatform = await makePlatform(db, { level: 'district', districtCode: '500107', operatorOrgId: operatorOrg, name: '九龙坡区级人力资源服务产业园', contactName: '赵六', contactPhone: '13900000000' });
  await makeSite(db, movingPlatform, 8_000);
  await makeSite(db, movingPlatform, 3_000);
  await makeStaff(db, movingPlatform, { team: 'management' });
  await makeStaff(db, movingPlatform, { team: 'management' });
  for (let i = 0; i < 3; i++) await makeStaff(db, movingPlatform, { team: 'operating' });
  for (let i = 0; i < 7; i++) await makeResidence(db, { platformId: movingPlatform, year: lastYear(), aboveScale: i < 2, revenueYuan: 100_000_000 });
  const user = async (role: Parameters<typeof makeUser>[1], opts: Parameters<typeof makeUser>[2] = {}) => loginAs(ctx.app, (await makeUser(db, role, opts)).username);
  c = {
    gov: await user('district_gov', { districtCode: '500107' }),
    hrss: await user('district', { districtCode: '500107' }),
    wzGov: await user('district_gov', { districtCode: '500101' }),
    wzHrss: await user('district', { districtCode: '500101' }),
    bureau: await user('bureau'),
    admin: await user('admin'),
    operator: await user('operator', { organizationId: operatorOrg }),
    otherOperator: await user('operator', { organizationId: await makeOrg(db, 'operator', '500107') }),
    expert: await user('expert'),
  };
});

describe('the application and its opinions', () => {
  let id = '';

  it('refuses bad input with Chinese messages naming the field and saves nothing', async () => {
    const before = await rowCounts();
    const bad = await c.gov.call('POST', '/recognition/applications', { ...parkApplication('坏数据园'), siteAreaM2: -1, investmentYuan: 1.5, construction: 'demolished', contactPhone: 'abc', figures: { hrEnterprises: 'many' } });
    expect(bad.statusCode).toBe(400);
    const msg = bad.json<Problem>().message;
    for (const name of ['场所面积（平方米）', '投入资金（元）', '建设方式', '联系电话', '上年度数据·入驻人力资源服务企业数']) expect(msg).toContain(name);
    const noName = await c.gov.call('POST', '/recognition/applications', { type: 'comprehensive_park' });
    expect(noName.json<Problem>()).toMatchObject({ code: 'VALIDATION_FAILED', message: '平台名称：须填写' });
    expect(await rowCounts()).toEqual(before);
  });

  it('lets the district government start a draft; only its district and the bureau see it', async () => {
    const d = await create(c.gov, parkApplication('新建综合性产业园'));
    id = d.id;
    expect(d).toMatchObject({ state: 'draft', platformId: null, canEdit: true, contactName: '张三' });
    expect(d.form).toMatchObject({ siteAreaM2: '12000', investmentYuan: '30000000', figures: { revenueYuan: '950000000' } });
    expect(await auditCount('recognition.application.create', id)).toBe(1);
    // Sealed at rest.
    expect(await count("select count(*) n from recognition_applications where contact_phone like '%13800000000%'")).toBe(0);
    for (const who of [c.hrss, c.bureau, c.admin]) expect((await detail(who, id)).id).toBe(id);
    for (const who of [c.wzGov, c.wzHrss, c.operator, c.otherOperator]) expect((await who.call('GET', `/recognition/applications/${id}`)).statusCode).toBe(404);
    // An expert reads only the applications it is assigned to (src/server/recognition/review.test.ts).
    expect((await c.expert.call('GET', `/recognition/applications/${id}`)).statusCode).toBe(404);
    const list = async (who: Client) => (await ok(who, 'GET', '/recognition/applications')).json<{ items: { id: string }[] }>().items.map((x) => x.id);
    expect(await list(c.gov)).toContain(id);
    expect(await list(c.bureau)).toContain(id);
    expect(await list(c.wzGov)).not.toContain(id);
    expect(await list(c.operator)).toEqual([]);
    // Only the government writes the form.
    expect((await c.hrss.call('PUT', `/recognition/applications/${id}`, parkApplication('改名'))).statusCode).toBe(403);
    expect((await c.wzGov.call('PUT', `/recognition/applications/${id}`, parkApplication('改名'))).statusCode).toBe(404);
  });

  it('refuses sending with a kind of material missing, naming the kind, and changes nothing', async () => {
    for (const k of materialKinds.filter((x) => x !== 'residents')) await uploadKind(c.gov, id, k);
    const before = await rowCounts();
    const res = await c.gov.call('POST', `/recognition/applications/${id}/send`);
    expect(res.statusCode).toBe(400);
    expect(res.json<Problem>().message).toContain('尚缺：4. 平台入驻企业名录、入驻协议，平台入驻企业上年度营业收入情况');
    expect(await rowCounts()).toEqual(before);
    expect((await detail(c.gov, id)).missingMaterials).toEqual(['residents']);
    // A material is not a registry attachment: the registry's file routes do not see it.
    const fileId = (await ctx.database.pool.query<{ id: string }>("select id from files where owner_id = $1 limit 1", [id])).rows[0]!.id;
    expect((await c.bureau.call('GET', `/files/${fileId}/download`)).statusCode).toBe(404);
    expect((await c.bureau.call('GET', `/recognition/applications/${id}/files/${fileId}/download`)).statusCode).toBe(200);
    expect((await c.wzGov.call('GET', `/recognition/applications/${id}/files/${fileId}/download`)).statusCode).toBe(404);
    // The page previews a material from its own origin (its CSP frames no blob: URL): inline, under the preview CSP, in scope only.
    const preview = await c.bureau.call('GET', `/recognition/applications/${id}/files/${fileId}/preview`);
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['content-type']).toBe('application/pdf');
    expect(preview.headers['content-disposition']).toMatch(/^inline;/);
    expect(preview.headers['content-security-policy']).toMatch(/^default-src 'none'; object-src 'self';.*frame-ancestors 'self'/);
    expect(preview.body).toBe(tinyPdf.toString());
    expect((await c.wzGov.call('GET', `/recognition/applications/${id}/files/${fileId}/preview`)).statusCode).toBe(404);
    // The district unit does not upload materials.
    const byHrss = await upload(ctx.app, c.hrss, `/recognition/applications/${id}/files`, { purpose: 'residents' }, { name: 'r.pdf', content: tinyPdf });
    expect(byHrss.statusCode).toBe(409);
  });

  it('sends to the district unit, which returns it with a reason; then gives its opinion with a seal', async () => {
    await uploadKind(c.gov, id, 'residents');
    await ok(c.gov, 'POST', `/recognition/applications/${id}/send`);
    expect((await detail(c.gov, id))).toMatchObject({ state: 'hrss_review', canEdit: false });
    expect((await c.gov.call('PUT', `/recognition/applications/${id}`, parkApplication('改名'))).statusCode).toBe(409);
    const noReason = await c.hrss.call('POST', `/recognition/applications/${id}/hrss-return`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json<Problem>().message).toContain('原因');
    expect((await c.wzHrss.call('POST', `/recognition/applications/${id}/hrss-return`, { reason: '不是本区' })).statusCode).toBe(404);
    await ok(c.hrss, 'POST', `/recognition/applications/${id}/hrss-return`, { reason: '请补充投资主体说明' });
    expect(await detail(c.gov, id)).toMatchObject({ state: 'returned_to_gov', canEdit: true });
    await ok(c.gov, 'PUT', `/recognition/applications/${id}`, { ...parkApplication('新建综合性产业园'), address: '重庆市某区某路 2 号' });
    await ok(c.gov, 'POST', `/recognition/applications/${id}/send`);
    // The government cannot give the district unit's opinion, nor its own yet.
    expect((await c.gov.call('POST', `/recognition/applications/${id}/hrss-opinion`, districtOpinion('王五'))).statusCode).toBe(403);
    expect((await c.gov.call('POST', `/recognition/applications/${id}/gov-submit`, districtOpinion('王五'))).statusCode).toBe(409);
    const seal = await upload(ctx.app, c.hrss, `/recognition/applications/${id}/files`, { purpose: 'opinion_seal' }, { name: 'seal.png', content: tinyPng, type: 'image/png' });
    expect(seal.statusCode, seal.body).toBe(201);
    const sealId = seal.json<{ id: string }>().id;
    const badDate = await c.hrss.call('POST', `/recognition/applications/${id}/hrss-opinion`, { ...districtOpinion('李四'), opinionDate: '2026-13-40' });
    expect(badDate.json<Problem>().message).toContain('意见日期');
    const d = (await ok(c.hrss, 'POST', `/recognition/applications/${id}/hrss-opinion`, { ...districtOpinion('李四'), sealFileId: sealId })).json<Detail>();
    expect(d.state).toBe('gov_opinion');
    expect(d.opinions.district_hrss).toMatchObject({ opinion: '同意申报', signer: '李四', sealFileId: sealId });
  });

  it('reaches the bureau with the government’s opinion; every step audited and notified', async () => {
    const d = (await ok(c.gov, 'POST', `/recognition/applications/${id}/gov-submit`, districtOpinion('王五'))).json<Detail>();
    expect(d.state).toBe('submitted');
    expect(d.opinions.district_gov?.opinion).toBe('同意申报');
    expect(d.history.map((h) => h.action)).toEqual(['create', 'send_to_hrss', 'hrss_return', 'send_to_hrss', 'hrss_opinion', 'gov_submit']);
    expect(d.history.find((h) => h.action === 'hrss_return')?.reason).toBe('请补充投资主体说明');
    for (const [action, n] of [['send_to_hrss', 2], ['hrss_return', 1], ['hrss_opinion', 1], ['gov_submit', 1], ['update', 1]] as const) {
      expect(await auditCount(`recognition.application.${action}`, id), action).toBe(n);
    }
    expect(await auditCount('recognition.material.upload', id)).toBe(6);
    const notes = async (who: Client) => (await ok(who, 'GET', '/notifications')).json<{ items: { kind: string; link: string | null }[] }>().items;
    const link = `/app/recognition/applications/${id}`;
    expect(await notes(c.hrss)).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'recognition.application.sent', link })]));
    expect((await notes(c.gov)).map((n) => n.kind)).toEqual(expect.arrayContaining(['recognition.application.returned_to_gov', 'recognition.application.hrss_opinion']));
    expect((await notes(c.bureau)).find((n) => n.kind === 'recognition.application.submitted')?.link).toBe(link);
    expect((await notes(c.wzHrss))).toEqual([]);
  });

  it('gives the bureau the rule engine’s own check on the application’s figures', async () => {
    expect((await c.gov.call('GET', `/recognition/applications/${id}/check`)).statusCode).toBe(403);
    expect((await c.hrss.call('GET', `/recognition/applications/${id}/check`)).statusCode).toBe(403);
    const check = (await ok(c.bureau, 'GET', `/recognition/applications/${id}/check`)).json<Check>();
    const facts = {
      district: '500107', areaM2: '12000', sites: 2, managementStaff: 2, operatingStaff: 4, hrEnterprises: 25, aboveScaleEnterprises: 6,
      revenueYuan: '950000000', passThroughYuan: '50000000',
    };
    expect(check.input.facts).toEqual(facts);
    const engine = checkDocument({ type: 'comprehensive_park', level: 'municipal', facts, adjustments: { confirmed: [], asOf: todayIso() } });
    expect(engine.ok).toBe(true);
    expect(check.result).toEqual(engine.value);
    const revenue = check.result!.conditions.find((x) => x.id === 'revenue');
    expect(revenue).toMatchObject({ status: 'fail', strength: 'soft', article: '第十一条（四）' });
    expect(check.result!.outcome).toBe('not_met');
    expect(check.result!.conditions.every((x) => x.threshold !== '' && x.article.startsWith('第十一条'))).toBe(true);
  });

  it('refuses Art 17 outside 渝东北/渝东南 and a hard condition as an accepted shortfall; accepts a soft one with a reason', async () => {
    const before = await rowCounts();
    const art17 = await c.bureau.call('PUT', `/recognition/applications/${id}/terms`, { lowered: [{ condition: 'area', threshold: '8000', decidedBy: '市局局务会', decidedOn: todayIso() }] });
    expect(art17.statusCode).toBe(400);
    expect(art17.json<Problem>().message).toContain('第十七条只适用于渝东北、渝东南地区');
    const hard = await c.bureau.call('PUT', `/recognition/applications/${id}/terms`, { acceptedShortfalls: [{ condition: 'area', reason: '试试' }] });
    expect(hard.statusCode).toBe(400);
    const noReason = await c.bureau.call('PUT', `/recognition/applications/${id}/terms`, { acceptedShortfalls: [{ condition: 'revenue', reason: '' }] });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json<Problem>().message).toContain('已认可的不足');
    expect(await rowCounts()).toEqual(before);
    const check = (await ok(c.bureau, 'PUT', `/recognition/applications/${id}/terms`, { acceptedShortfalls: [{ condition: 'revenue', reason: '疫情后恢复期，营收增长趋势明显' }] })).json<Check>();
    expect(check.result!.conditions.find((x) => x.id === 'revenue')?.status).toBe('accepted');
    expect(check.result!.outcome).toBe('needs_confirmation');
    expect(await auditCount('recognition.application.terms', id)).toBe(1);
    expect((await c.gov.call('PUT', `/recognition/applications/${id}/terms`, {})).statusCode).toBe(403);
  });

  it('records checklist confirmations with who and when; an unknown item is refused', async () => {
    const bad = await c.bureau.call('PUT', `/recognition/applications/${id}/checklist`, { item: 'art13.2', confirmed: true });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Problem>().message).toContain('核验事项');
    let check: Check | null = null;
    for (const item of ['art10.preamble', 'art10.1', 'art10.2', 'art10.3', 'art10.4', 'art11.3', 'art11.4']) {
      check = (await ok(c.bureau, 'PUT', `/recognition/applications/${id}/checklist`, { item, confirmed: true, note: '已核对材料' })).json<Check>();
    }
    expect(check!.result!.outcome).toBe('met');
    expect(check!.confirmations).toHaveLength(7);
    expect(check!.confirmations[0]!.confirmedByName).not.toBeNull();
    check = (await ok(c.bureau, 'PUT', `/recognition/applications/${id}/checklist`, { item: 'art10.1', confirmed: false })).json<Check>();
    expect(check.result!.outcome).toBe('needs_confirmation');
    expect(await auditCount('recognition.checklist.confirm', id)).toBe(7);
    expect(await auditCount('recognition.checklist.unconfirm', id)).toBe(1);
  });

  it('lets the bureau return to the district with a reason; the government sends it again; then reject', async () => {
    expect((await c.bureau.call('POST', `/recognition/applications/${id}/return`, { reason: ' ' })).statusCode).toBe(400);
    const d = (await ok(c.bureau, 'POST', `/recognition/applications/${id}/return`, { reason: '请补充入驻企业营业收入证明' })).json<Detail>();
    expect(d.state).toBe('returned_to_district');
    const kinds = async (who: Client) => (await ok(who, 'GET', '/notifications')).json<{ items: { kind: string }[] }>().items.map((n) => n.kind);
    expect(await kinds(c.gov)).toContain('recognition.application.returned_to_district');
    expect(await kinds(c.hrss)).toContain('recognition.application.returned_to_district');
    // Decisions wait until the application is with the bureau again.
    expect((await c.bureau.call('PUT', `/recognition/applications/${id}/checklist`, { item: 'art10.1', confirmed: true })).statusCode).toBe(409);
    expect((await c.bureau.call('POST', `/recognition/applications/${id}/reject`, { reason: '不符合' })).statusCode).toBe(409);
    await ok(c.gov, 'POST', `/recognition/applications/${id}/send`);
    await ok(c.hrss, 'POST', `/recognition/applications/${id}/hrss-opinion`, districtOpinion('李四'));
    await ok(c.gov, 'POST', `/recognition/applications/${id}/gov-submit`, districtOpinion('王五'));
    const rejected = (await ok(c.admin, 'POST', `/recognition/applications/${id}/reject`, { reason: '经研究不予认定' })).json<Detail>();
    expect(rejected).toMatchObject({ state: 'rejected', allowedActions: [] });
    expect(await kinds(c.gov)).toContain('recognition.application.rejected');
    expect(await auditCount('recognition.application.reject', id)).toBe(1);
  });
});

describe('Art 17 for a 渝东北 district', () => {
  it('applies a lowered threshold and a deadline the bureau records', async () => {
    const d = await create(c.wzGov, { ...parkApplication('万州人力资源服务产业园'), siteAreaM2: 8_500, figures: { ...parkApplication('x').figures, hrEnterprises: 15 } });
    expect(d.art17).toBe(true);
    await toBureau(c.wzGov, c.wzHrss, d.id);
    const before = (await ok(c.bureau, 'GET', `/recognition/applications/${d.id}/check`)).json<Check>();
    expect(before.result!.conditions.find((x) => x.id === 'area')?.status).toBe('fail');
    const terms = {
      lowered: [{ condition: 'area', threshold: '8000', decidedBy: '市人力社保局', decidedOn: todayIso(), reason: '第十七条' }],
      deadlines: [{ condition: 'hrEnterprises', dueDate: '2099-12-31', decidedBy: '市人力社保局', decidedOn: todayIso() }],
    };
    const check = (await ok(c.bureau, 'PUT', `/recognition/applications/${d.id}/terms`, terms)).json<Check>();
    expect(check.result!.conditions.find((x) => x.id === 'area')).toMatchObject({ status: 'pass', thresholdSource: 'art17', threshold: '≥ 8,000 平方米' });
    expect(check.result!.conditions.find((x) => x.id === 'hrEnterprises')?.status).toBe('deferred');
    const engine = checkDocument({ type: 'comprehensive_park', level: 'municipal', facts: { ...check.input.facts, district: '500101' }, adjustments: { ...terms, confirmed: [], asOf: todayIso() } });
    expect(check.result).toEqual(engine.ok ? engine.value : null);
    expect((await detail(c.wzGov, d.id))).toMatchObject({ state: 'submitted' });
  });
});

describe('a district-level platform moving up', () => {
  let id = '';

  it('starts from the registry record, its figures derived from residences, sites and staff', async () => {
    const d = await create(c.gov, { platformId: movingPlatform });
    id = d.id;
    expect(d).toMatchObject({ platformId: movingPlatform, name: '九龙坡区级人力资源服务产业园', contactName: '赵六' });
    expect(d.form).toMatchObject({ type: 'comprehensive_park', siteAreaM2: '11000', siteCount: 2, teamSize: 5, dataYear: lastYear() });
    expect(d.form.figures).toMatchObject({ managementStaff: 2, operatingStaff: 3, hrEnterprises: 7, aboveScaleEnterprises: 2, revenueYuan: '700000000' });
  });

  it('refuses a second open application for the platform, and a platform of another district', async () => {
    const before = await rowCounts();
    const again = await c.gov.call('POST', '/recognition/applications', { platformId: movingPlatform });
    expect(again.statusCode).toBe(409);
    expect(again.json<Problem>().message).toContain('已有未办结的认定申请');
    expect((await c.wzGov.call('POST', '/recognition/applications', { platformId: movingPlatform })).statusCode).toBe(400);
    expect(await rowCounts()).toEqual(before);
    // The index holds even when the service check is bypassed.
    await expect(ctx.database.pool.query(
      "insert into recognition_applications (district_code, platform_id, name, type, state) values ('500107', $1, 'x', 'comprehensive_park', 'submitted')", [movingPlatform],
    )).rejects.toThrow(/recognition_applications_one_open_per_platform/);
  });

  it('shows the application to the platform’s operator, read-only, without the contact', async () => {
    const d = await detail(c.operator, id);
    expect(d).toMatchObject({ canEdit: false, contactName: null, allowedActions: [] });
    expect((await c.otherOperator.call('GET', `/recognition/applications/${id}`)).statusCode).toBe(404);
    expect((await c.operator.call('PUT', `/recognition/applications/${id}`, parkApplication('x'))).statusCode).toBe(403);
    expect((await ok(c.operator, 'GET', '/recognition/applications')).json<{ items: { id: string }[] }>().items.map((x) => x.id)).toEqual([id]);
  });

  it('allows a new application once the open one is withdrawn', async () => {
    expect((await c.gov.call('POST', `/recognition/applications/${id}/withdraw`, {})).statusCode).toBe(400);
    await ok(c.gov, 'POST', `/recognition/applications/${id}/withdraw`, { reason: '材料准备不足，明年再报' });
    expect((await create(c.gov, { platformId: movingPlatform })).platformId).toBe(movingPlatform);
  });
});

describe('resident figures from the uploaded enterprise directory', () => {
  type Row = Partial<Record<(typeof COLUMN_ORDER)[number], string | number | null>>;
  const row = (over: Row = {}): Row => ({
    uscc: makeUscc(), name: `企业${Math.random().toString(36).slice(2, 8)}`, industry: 'L 租赁和商务服务业', isHrService: '是', aboveScale: '否',
    mode: '线下', revenue: 50_000_000, passThrough: 0, tax: 100_000, ...over,
  });
  const workbook = async (rows: Row[]): Promise<Buffer> => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('入驻企业名录');
    ws.addRow(COLUMN_ORDER.map((k) => COL[k]));
    for (const r of rows) ws.addRow(COLUMN_ORDER.map((k) => r[k] ?? null));
    return Buffer.from(await wb.xlsx.writeBuffer());
  };
  const send = async (who: Client, id: string, content: Buffer) =>
    upload(ctx.app, who, `/recognition/applications/${id}/directory`, {}, { name: '入驻企业名录.xlsx', content });

  it('derives the counts and revenues with the registry import’s checks and keeps the file as material 4', async () => {
    const d = await create(c.gov, { ...parkApplication('名录园'), figures: { managementStaff: 2, operatingStaff: 3 } });
    const rows = [
      row({ aboveScale: '是', revenue: 300_000_000, passThrough: 20_000_000 }), row({ aboveScale: '是' }), row({}),
      row({ isHrService: '否', industry: 'C 制造业', revenue: 900_000_000 }),
    ];
    const before = await rowCounts();
    const bad = await send(c.gov, d.id, await workbook([...rows, row({ isHrService: '也许' })]));
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Problem>().message).toContain('「是否人力资源服务企业」');
    expect(await rowCounts()).toEqual(before);
    expect((await send(c.hrss, d.id, await workbook(rows))).statusCode).toBe(403);
    const res = await send(c.gov, d.id, await workbook(rows));
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json<Detail>();
    expect(after.form.figures).toEqual({ managementStaff: 2, operatingStaff: 3, hrEnterprises: 3, aboveScaleEnterprises: 2, revenueYuan: '400000000', passThroughYuan: '20000000' });
    expect(after.missingMaterials).not.toContain('residents');
    expect(await auditCount('recognition.application.directory', d.id)).toBe(1);
  });
});

describe('previewing a material', () => {
  it('previews PDFs and images only: a Word file is downloaded, and its preview refused with a reason', async () => {
    const { id } = await create(c.gov, parkApplication('预览检查产业园'));
    const word = await upload(ctx.app, c.gov, `/recognition/applications/${id}/files`, { purpose: 'other_evidence' }, { name: '说明.doc', content: tinyOle, type: 'application/msword' });
    expect(word.statusCode, word.body).toBe(201);
    const wordId = word.json<{ id: string }>().id;
    const refused = await c.bureau.call('GET', `/recognition/applications/${id}/files/${wordId}/preview`);
    expect(refused.statusCode).toBe(415);
    expect(refused.json<Problem>().message).toBe('该类型的附件不能在线预览，请下载后查看');
    const downloaded = await c.bureau.call('GET', `/recognition/applications/${id}/files/${wordId}/download`);
    expect(downloaded.statusCode).toBe(200);
    expect(downloaded.headers['content-disposition']).toMatch(/^attachment;/);
    const png = (await upload(ctx.app, c.gov, `/recognition/applications/${id}/files`, { purpose: 'other_evidence' }, { name: '现场.png', content: tinyPng, type: 'image/png' })).json<{ id: string }>().id;
    const image = await c.gov.call('GET', `/recognition/applications/${id}/files/${png}/preview`);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-security-policy']).toMatch(/sandbox/);
  });
});
