/**
 * Objections to publicity notices: the public filing (period, listed item, contact, challenge, rate
 * limit, attachments; a refusal stores nothing), the lookup by receipt and contact, the bureau's
 * workflow (assign, notes, decide, reply) with audit rows and the assignee's notification and to-do,
 * and objections invisible to everyone but the bureau.
 */
import crypto from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client, useTestApp } from '../../../test/app.js';
import { makeUser, type MadeUser } from '../../../test/factories.js';
import { testFieldKeys } from '../../../test/keys.js';
import { tinyExe, tinyPdf, tinyPng } from '../../../test/multipart.js';
import { addDays } from '../../domain/dates/iso-date.js';
import { normalizeReceipt, parseAnswer } from '../../domain/publicity/objection.js';
import type { Role } from '../../domain/auth/roles.js';
import { buildApp } from '../app.js';
import { todayIso } from '../clock.js';
import { postNotice } from '../publicity/service.js';

const ctx = useTestApp();
let small: FastifyInstance;
let bureauA: MadeUser;
let bureauB: MadeUser;
let district: MadeUser;
const clients: Partial<Record<'admin' | 'bureauA' | 'bureauB' | Role, Client>> = {};
let openNotice = '';
let endedNotice = '';
let futureNotice = '';
const items: Record<'a' | 'b' | 'ended' | 'future', string> = { a: '', b: '', ended: '', future: '' };

interface Problem { code: string; message: string; details: { field: string; message: string }[] }
interface Form { filingOpen: boolean; filingRefusal: string | null; items: { id: string; title: string }[] }
interface Detail {
  id: string; status: string; statusLabel: string; assignedTo: string | null; objectorName: string | null; objectorPhone: string | null; outcome: string | null;
  notes: { body: string }[]; files: { id: string; originalName: string }[]; refusals: Record<'assign' | 'note' | 'decide' | 'reply', string | null>;
}

const today = todayIso();
const count = async (sql: string, args: unknown[] = []) => Number((await ctx.database.pool.query<{ n: string }>(sql, args)).rows[0]!.n);
/** Everything a filing would store. */
const stored = async () => Promise.all(['publicity_objections', 'files', 'file_blobs', 'audit_log'].map((t) => count(`select count(*) n from ${t}`)));

interface Upload { name: string; content: Buffer; type?: string }
function multipart(fields: Record<string, string>, files: Upload[]): { payload: Buffer; contentType: string } {
  const boundary = `----hrsp${crypto.randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`), f.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A challenge answered the way a citizen would, by reading the question. */
async function challenge(app: FastifyInstance = ctx.app): Promise<{ challengeToken: string; challengeAnswer: string }> {
  const c = (await app.inject({ method: 'GET', url: '/api/v1/public/challenge' })).json<{ token: string; question: string }>();
  const m = /^(\S+) (加|减去) (\S+) 等于几？$/.exec(c.question);
  if (!m) throw new Error(`question: ${c.question}`);
  const [x, y] = [parseAnswer(m[1]!)!, parseAnswer(m[3]!)!];
  return { challengeToken: c.token, challengeAnswer: String(m[2] === '加' ? x + y : x - y) };
}

const form = (itemId: string) => ({ name: '张市民', phone: '13800001234', itemId, grounds: '该平台入驻企业数量与申报材料不符，请核实。' });

async function fileObjection(noticeId: string, fields: Record<string, string>, files: Upload[] = [], opts: { app?: FastifyInstance; ip?: string } = {}): Promise<LightMyRequestResponse> {
  const { payload, contentType } = multipart(fields, files);
  return (opts.app ?? ctx.app).inject({ method: 'POST', url: `/api/v1/public/notices/${noticeId}/objection`, headers: { 'content-type': contentType }, payload, remoteAddress: opts.ip ?? '10.0.0.1' });
}

const lookup = (receipt: string, contact: string, ip = '10.0.0.9') =>
  ctx.app.inject({ method: 'GET', url: `/api/v1/public/objections/lookup?receipt=${encodeURIComponent(receipt)}&contact=${encodeURIComponent(contact)}`, remoteAddress: ip });

async function ok(who: Client, method: 'GET' | 'POST', url: string, body?: unknown, status = 200) {
  const res = await who.call(method, url, body);
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
  return res;
}

beforeAll(async () => {
  const db = ctx.database.db;
  small = await buildApp({ db, logLevel: 'silent', webDir: null, fieldKeys: testFieldKeys, maxFileBytes: 2048, objectionRateLimit: 2 });
  await small.ready();
  bureauA = await makeUser(db, 'bureau');
  bureauB = await makeUser(db, 'bureau');
  district = await makeUser(db, 'district', { districtCode: '500107' });
  const users: [keyof typeof clients, MadeUser][] = [
    ['bureauA', bureauA], ['bureauB', bureauB], ['district', district], ['admin', await makeUser(db, 'admin')],
    ['district_gov', await makeUser(db, 'district_gov', { districtCode: '500107' })], ['operator', await makeUser(db, 'operator')], ['expert', await makeUser(db, 'expert')],
    ['auditor', await makeUser(db, 'auditor')], ['security_admin', await makeUser(db, 'security_admin')],
  ];
  for (const [k, u] of users) clients[k] = await loginAs(ctx.app, u.username);
  const actor = { userId: bureauA.id, username: bureauA.username, role: 'bureau' as const, organizationId: bureauA.organizationId, organizationName: '市局', districtCode: null };
  const rc = { actor, ip: null, userAgent: null };
  const post = (postedOn: string, list: string[]) => db.transaction((tx) => postNotice(tx, rc, 'recognition_application', list.map((t) => ({ id: crypto.randomUUID(), title: t, detail: '拟认定为市级平台' })), { postedOn, days: 5, title: `关于${list.join('、')}的公示` }));
  openNotice = await post(addDays(today, -1), ['甲产业园', '乙人才市场']);
  endedNotice = await post(addDays(today, -40), ['丙产业园']);
  futureNotice = await post(addDays(today, 3), ['丁产业园']);
  const itemOf = async (notice: string, title: string) => (await ctx.database.pool.query<{ id: string }>('select id from publicity_notice_items where notice_id = $1 and title = $2', [notice, title])).rows[0]!.id;
  items.a = await itemOf(openNotice, '甲产业园');
  items.b = await itemOf(openNotice, '乙人才市场');
  items.ended = await itemOf(endedNotice, '丙产业园');
  items.future = await itemOf(futureNotice, '丁产业园');
});
afterAll(async () => {
  await small.close();
});

let receipt = '';
let objectionId = '';
let usedChallenge: { challengeToken: string; challengeAnswer: string };

describe('filing an objection on the public page', () => {
  it('gives the form its notice, items, period and whether filing is open', async () => {
    const f = (await ctx.app.inject({ method: 'GET', url: `/api/v1/public/notices/${openNotice}/objection-form` })).json<Form>();
    expect(f).toMatchObject({ filingOpen: true, filingRefusal: null, items: [{ title: '甲产业园' }, { title: '乙人才市场' }] });
    const ended = (await ctx.app.inject({ method: 'GET', url: `/api/v1/public/notices/${endedNotice}/objection-form` })).json<Form>();
    expect(ended.filingOpen).toBe(false);
    expect(ended.filingRefusal).toContain('公示期已于');
  });

  it('stores the objection with its attachments and sealed contact, and answers with a receipt number', async () => {
    const before = await stored();
    usedChallenge = await challenge();
    const res = await fileObjection(openNotice, { ...form(items.a), email: 'Zhang@Example.cn', ...usedChallenge }, [{ name: '证据.pdf', content: tinyPdf }, { name: '照片.png', content: tinyPng }]);
    expect(res.statusCode, res.body).toBe(201);
    const out = res.json<{ receiptNo: string; itemTitle: string; receivedOn: string }>();
    expect(out).toMatchObject({ itemTitle: '甲产业园', receivedOn: today });
    expect(out.receiptNo).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(normalizeReceipt(out.receiptNo)).toBe(out.receiptNo);
    receipt = out.receiptNo;
    const [o, f, , a] = await stored();
    expect([o! - before[0]!, f! - before[1]!, a! - before[3]!]).toEqual([1, 2, 1]);
    const row = (await ctx.database.pool.query('select id, source, status, objector_name, objector_phone, objector_email, summary from publicity_objections where receipt_no = $1', [receipt])).rows[0];
    objectionId = row.id;
    expect(row).toMatchObject({ source: 'public', status: 'received', summary: form(items.a).grounds });
    // Personal data is sealed at rest.
    for (const k of ['objector_name', 'objector_phone', 'objector_email']) expect(row[k]).toMatch(/^v\d+:/);
    expect(JSON.stringify(row)).not.toContain('13800001234');
    expect(await count("select count(*) n from files where owner_type = 'publicity_objection' and owner_id = $1 and platform_id is null", [objectionId])).toBe(2);
    const audit = (await ctx.database.pool.query("select username, summary from audit_log where action = 'publicity.objection.file' and entity_id = $1", [objectionId])).rows[0];
    expect(audit.username).toBe('公众');
    expect(JSON.stringify(audit.summary)).not.toContain('13800001234');
  });

  const refusals: [string, () => Promise<LightMyRequestResponse>, number, string, RegExp][] = [
    ['after the end of the period', async () => fileObjection(endedNotice, { ...form(items.ended), ...(await challenge()) }), 409, 'notice', /^公示：公示期已于 \d{4}-\d\d-\d\d 结束，不再受理网上异议$/],
    ['before the notice is posted', async () => fileObjection(futureNotice, { ...form(items.future), ...(await challenge()) }), 409, 'notice', /^公示：尚未发布/],
    ['on an item not in the notice', async () => fileObjection(openNotice, { ...form(items.ended), ...(await challenge()) }), 400, 'itemId', /^异议对象：不是该公示名单中的一项$/],
    ['without a phone or e-mail', async () => fileObjection(openNotice, { ...form(items.a), phone: '', ...(await challenge()) }), 400, 'phone', /^联系电话或电子邮箱：请至少填写一项/],
    ['with a phone that is no phone number', async () => fileObjection(openNotice, { ...form(items.a), phone: '12345', ...(await challenge()) }), 400, 'phone', /^联系电话：/],
    ['with too short grounds', async () => fileObjection(openNotice, { ...form(items.a), grounds: '不同意', ...(await challenge()) }), 400, 'grounds', /^异议理由：.*不少于 10 个字/],
    ['with a wrong challenge answer', async () => fileObjection(openNotice, { ...form(items.a), ...(await challenge()), challengeAnswer: '99' }), 400, 'challengeAnswer', /^验证问题：答案不正确/],
    ['with a forged challenge token', async () => fileObjection(openNotice, { ...form(items.a), challengeToken: 'x'.repeat(22), challengeAnswer: '3' }), 400, 'challengeAnswer', /^验证问题：/],
    ['with a challenge already used', async () => fileObjection(openNotice, { ...form(items.a), ...usedChallenge }), 400, 'challengeAnswer', /^验证问题：已使用过/],
    ['with an .exe renamed .pdf', async () => fileObjection(openNotice, { ...form(items.a), ...(await challenge()) }, [{ name: '证据.pdf', content: tinyPdf }, { name: '说明.pdf', content: tinyExe }]), 400, 'files', /^附件「说明\.pdf」：文件内容不是允许的类型/],
    ['with more than five attachments', async () => fileObjection(openNotice, { ...form(items.a), ...(await challenge()) }, Array.from({ length: 6 }, (_, i) => ({ name: `${i}.pdf`, content: tinyPdf }))), 400, 'files', /^附件：最多 5 个$/],
    ['with an oversized attachment', async () => fileObjection(openNotice, { ...form(items.a), ...(await challenge(small)) }, [{ name: '大.pdf', content: Buffer.concat([tinyPdf, Buffer.alloc(4096, 32)]) }], { app: small, ip: '10.0.0.50' }), 413, 'files', /^附件：文件超过 2 KB 的上限$/],
  ];
  for (const [what, send, status, field, message] of refusals) {
    it(`is refused ${what}, in Chinese naming the field, storing nothing`, async () => {
      const before = await stored();
      const res = await send();
      expect(res.statusCode, res.body).toBe(status);
      const p = res.json<Problem>();
      expect(p.details.find((d) => d.field === field)?.message, res.body).toMatch(message);
      expect(await stored()).toEqual(before);
    });
  }

  it('is refused over the rate limit of the address (a setting), storing nothing; refused forms do not count', async () => {
    const ip = '10.0.0.77';
    const bad = await fileObjection(openNotice, { ...form(items.b), phone: '', ...(await challenge(small)) }, [], { app: small, ip });
    expect(bad.statusCode).toBe(400);
    for (let i = 0; i < 2; i++) expect((await fileObjection(openNotice, { ...form(items.b), ...(await challenge(small)) }, [], { app: small, ip })).statusCode).toBe(201);
    const before = await stored();
    const third = await fileObjection(openNotice, { ...form(items.b), ...(await challenge(small)) }, [], { app: small, ip });
    expect(third.statusCode).toBe(429);
    expect(third.json<Problem>().message).toBe('提交过于频繁：同一网络地址每小时最多提交 2 件异议，请稍后再试');
    expect(await stored()).toEqual(before);
    // Another address has its own budget.
    expect((await fileObjection(openNotice, { ...form(items.b), ...(await challenge(small)) }, [], { app: small, ip: '10.0.0.78' })).statusCode).toBe(201);
  });
});

describe('looking an objection up', () => {
  it('needs the contact given at filing: a wrong one is refused as an unknown receipt', async () => {
    expect((await lookup(receipt, '13900000000')).statusCode).toBe(404);
    const missing = await lookup(receipt, '');
    expect(missing.statusCode).toBe(400);
    expect(missing.json<Problem>().details[0]).toMatchObject({ field: 'contact' });
    const badCheck = await lookup(`${receipt.slice(0, -1)}${receipt.endsWith('0') ? '1' : '0'}`, '13800001234');
    expect(badCheck.json<Problem>().details[0]).toMatchObject({ field: 'receipt', message: expect.stringContaining('校验位') });
  });

  it('shows the status and dates, by phone or e-mail, typed loosely; nothing else', async () => {
    const byPhone = await lookup(receipt.toLowerCase().replace(/-/g, ''), '138-0000-1234');
    expect(byPhone.statusCode, byPhone.body).toBe(200);
    expect(byPhone.json()).toEqual({ receiptNo: receipt, noticeTitle: '关于甲产业园、乙人才市场的公示', itemTitle: '甲产业园', status: 'received', statusLabel: '待处理', receivedOn: today, decidedOn: null, reply: null });
    expect((await lookup(receipt, 'zhang@example.cn')).statusCode).toBe(200);
  });
});

describe('objections are the bureau\'s only', () => {
  it('refuses every other role (and anonymous callers) on every objection route', async () => {
    const paths = [`/publicity/notices/${openNotice}/objections`, `/publicity/objections/${objectionId}`, '/publicity/objections/mine', '/publicity/objections/assignees'];
    for (const role of ['district', 'district_gov', 'operator', 'expert', 'auditor', 'security_admin'] as const) {
      for (const p of paths) expect((await clients[role]!.call('GET', p)).statusCode, `${role} ${p}`).toBe(403);
      expect((await clients[role]!.call('POST', `/publicity/objections/${objectionId}/notes`, { body: '越权' })).statusCode).toBe(403);
    }
    for (const p of paths) expect((await ctx.app.inject({ method: 'GET', url: `/api/v1${p}` })).statusCode).toBe(401);
    expect((await clients.admin!.call('GET', `/publicity/objections/${objectionId}`)).statusCode).toBe(200);
  });

  it('never shows an objection in the public API', async () => {
    for (const url of [`/api/v1/public/notices/${openNotice}/objection-form`, '/api/v1/public/challenge']) {
      const body = (await ctx.app.inject({ method: 'GET', url })).body;
      expect(body).not.toContain('张市民');
      expect(body).not.toContain('入驻企业数量与申报材料不符');
      expect(body).not.toContain(receipt);
    }
  });
});

describe('the bureau handles an objection', () => {
  it('lists them per notice (filtered by status) with the item, and the detail with the contact and files', async () => {
    const list = (await ok(clients.bureauA!, 'GET', `/publicity/notices/${openNotice}/objections?status=received`)).json<{ items: unknown[]; objections: { id: string; itemTitle: string; status: string }[] }>();
    expect(list.items).toHaveLength(2);
    expect(list.objections.every((o) => o.status === 'received')).toBe(true);
    expect(list.objections.find((o) => o.id === objectionId)).toMatchObject({ itemTitle: '甲产业园' });
    const d = (await ok(clients.bureauA!, 'GET', `/publicity/objections/${objectionId}`)).json<Detail>();
    expect(d).toMatchObject({ objectorName: '张市民', objectorPhone: '13800001234', statusLabel: '待处理', refusals: { assign: null, decide: '请先分派承办人，再作出处理决定', reply: '作出处理决定后才能记录答复' } });
    expect(d.files.map((f) => f.originalName)).toEqual(['证据.pdf', '照片.png']);
    const file = await clients.bureauA!.call('GET', `/publicity/objections/${objectionId}/files/${d.files[0]!.id}/download`);
    expect(file.rawPayload.equals(tinyPdf)).toBe(true);
  });

  it('refuses a decision before assignment, and an assignee who is not bureau staff', async () => {
    const early = await clients.bureauA!.call('POST', `/publicity/objections/${objectionId}/decide`, { outcome: 'dismissed', reasons: '经核实不成立' });
    expect(early.statusCode).toBe(409);
    expect(early.json<Problem>().message).toBe('请先分派承办人，再作出处理决定');
    const wrong = await clients.bureauA!.call('POST', `/publicity/objections/${objectionId}/assign`, { userId: district.id });
    expect(wrong.json<Problem>()).toMatchObject({ details: [{ field: 'userId', message: '承办人：须为启用的市局业务人员' }] });
  });

  it('assigns to a colleague, who is notified and finds it on the home page, and may reassign before the decision', async () => {
    await ok(clients.bureauA!, 'POST', `/publicity/objections/${objectionId}/assign`, { userId: bureauA.id });
    const d = (await ok(clients.bureauA!, 'POST', `/publicity/objections/${objectionId}/assign`, { userId: bureauB.id })).json<Detail>();
    expect(d).toMatchObject({ status: 'assigned', assignedTo: bureauB.id });
    const note = (await ok(clients.bureauB!, 'GET', '/notifications')).json<{ items: { kind: string; link: string }[] }>().items.find((n) => n.kind === 'publicity.objection.assigned');
    expect(note?.link).toBe(`/app/publicity/${openNotice}/objections?objection=${objectionId}`);
    const home = (await ok(clients.bureauB!, 'GET', '/home')).json<{ tasks: { kind: string; title: string; link: string }[] }>();
    expect(home.tasks.find((t) => t.kind === 'publicity.objection.assigned')).toMatchObject({ title: expect.stringMatching(/^异议处理：/), link: note?.link });
    expect((await ok(clients.bureauB!, 'GET', '/publicity/objections/mine')).json<{ id: string }[]>().map((o) => o.id)).toContain(objectionId);
    expect((await ok(clients.bureauA!, 'GET', '/publicity/objections/mine')).json<{ id: string }[]>().map((o) => o.id)).not.toContain(objectionId);
    expect(await count("select count(*) n from audit_log where action = 'publicity.objection.assign' and entity_id = $1", [objectionId])).toBe(2);
  });

  it('records the investigation entry by entry, decides (not upheld) with reasons, records the reply; the objector sees the reply', async () => {
    await ok(clients.bureauB!, 'POST', `/publicity/objections/${objectionId}/notes`, { body: '调取入驻企业名录核对' });
    await ok(clients.bureauB!, 'POST', `/publicity/objections/${objectionId}/notes`, { body: '实地核查，企业数量属实' });
    const decided = (await ok(clients.bureauB!, 'POST', `/publicity/objections/${objectionId}/decide`, { outcome: 'dismissed', reasons: '经核查，入驻企业数量与申报材料一致' })).json<Detail>();
    expect(decided).toMatchObject({ status: 'decided', outcome: 'dismissed', refusals: { assign: expect.any(String), decide: expect.any(String), reply: null } });
    expect(decided.notes.map((n) => n.body)).toEqual(['调取入驻企业名录核对', '实地核查，企业数量属实']);
    expect((await clients.bureauA!.call('POST', `/publicity/objections/${objectionId}/assign`, { userId: bureauA.id })).statusCode).toBe(409);
    expect((await lookup(receipt, '13800001234')).json()).toMatchObject({ status: 'decided', decidedOn: today, reply: null });
    const late = await clients.bureauB!.call('POST', `/publicity/objections/${objectionId}/reply`, { text: '答复', repliedOn: addDays(today, 1), method: 'phone' });
    expect(late.json<Problem>().details[0]).toMatchObject({ field: 'repliedOn' });
    await ok(clients.bureauB!, 'POST', `/publicity/objections/${objectionId}/reply`, { text: '经核查，您反映的问题不成立，特此答复。', repliedOn: today, method: 'phone' });
    expect((await lookup(receipt, '13800001234')).json()).toMatchObject({
      status: 'replied', statusLabel: '已答复', reply: { text: '经核查，您反映的问题不成立，特此答复。', repliedOn: today, methodLabel: '电话' },
    });
    expect((await clients.bureauB!.call('POST', `/publicity/objections/${objectionId}/reply`, { text: '再答复', repliedOn: today, method: 'phone' })).statusCode).toBe(409);
    expect((await clients.bureauB!.call('POST', `/publicity/objections/${objectionId}/notes`, { body: '再记' })).statusCode).toBe(409);
    for (const action of ['note', 'decide', 'reply']) {
      expect(await count('select count(*) n from audit_log where action = $1 and entity_id = $2', [`publicity.objection.${action}`, objectionId]), action).toBeGreaterThanOrEqual(1);
    }
    // The assignee's to-do is gone once decided.
    const home = (await ok(clients.bureauB!, 'GET', '/home')).json<{ tasks: { kind: string }[] }>();
    expect(home.tasks.filter((t) => t.kind === 'publicity.objection.assigned')).toHaveLength(0);
  });

  it('records an objection received by letter (source bureau), refusing an item of another notice', async () => {
    const wrong = await clients.bureauA!.call('POST', `/publicity/notices/${openNotice}/objections`, { itemId: items.ended, receivedOn: today, summary: '来信反映' });
    expect(wrong.json<Problem>()).toMatchObject({ details: [{ field: 'itemId' }] });
    const d = (await ok(clients.bureauA!, 'POST', `/publicity/notices/${openNotice}/objections`, { itemId: items.b, receivedOn: today, summary: '来信反映场地面积不实', objectorName: '李来信' }, 201)).json<Detail & { source: string; sourceLabel: string }>();
    expect(d).toMatchObject({ source: 'bureau', status: 'received', objectorName: '李来信' });
    expect(await count("select count(*) n from audit_log where action = 'publicity.objection.record' and entity_id = $1", [d.id])).toBe(1);
  });
});

describe('the gate of the item\'s decision', () => {
  it('counts an objection open until decided, and an upheld one after (the one repository function)', async () => {
    const { countObjections } = await import('../publicity/repository.js');
    const { gateOf } = await import('../publicity/service.js');
    const notice = (await import('../publicity/repository.js')).latestNotice;
    const subject = (await ctx.database.pool.query<{ subject_id: string }>('select subject_id from publicity_notice_items where id = $1', [items.b])).rows[0]!.subject_id;
    const n = (await notice(ctx.database.db, 'recognition_application', subject))!;
    const open = await countObjections(ctx.database.db, items.b, { status: 'open' });
    expect(open).toBeGreaterThan(0);
    const gate = await gateOf(ctx.database.db, n, addDays(n.lastDay, 1));
    expect(gate.allowed).toBe(false);
    expect(gate.reasons.join('')).toContain(`${open} 项异议未处理完毕`);
    // Decide every open objection on the item: upheld ones are counted by outcome, none stays open.
    const ids = (await ctx.database.pool.query<{ id: string }>("select id from publicity_objections where item_id = $1 and status in ('received', 'assigned')", [items.b])).rows.map((r) => r.id);
    for (const id of ids) {
      await ok(clients.bureauA!, 'POST', `/publicity/objections/${id}/assign`, { userId: bureauA.id });
      await ok(clients.bureauA!, 'POST', `/publicity/objections/${id}/decide`, { outcome: 'upheld', reasons: '经核实异议成立' });
    }
    expect(await countObjections(ctx.database.db, items.b, { status: 'open' })).toBe(0);
    expect(await countObjections(ctx.database.db, items.b, { outcome: 'upheld' })).toBe(ids.length);
    expect((await gateOf(ctx.database.db, n, addDays(n.lastDay, 1))).allowed).toBe(true);
  });
});
