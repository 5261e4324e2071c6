/** Bad input is refused with a Chinese 400 naming the field, never a 500 (issue #10, item 5). */
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, useTestApp, type Client } from '../../test/app.js';
import { makeOrg, makePlatform, makeUser, makeYearData } from '../../test/factories.js';
import { buildApp } from './app.js';

const ctx = useTestApp();
let admin: Client;
const ids: Record<string, string> = {};

beforeAll(async () => {
  const db = ctx.database.db;
  admin = await loginAs(ctx.app, (await makeUser(db, 'admin')).username);
  ids.user = (await makeUser(db, 'bureau')).id;
  ids.org = await makeOrg(db, 'operator', '500107', '输入检查运营方');
  ids.platform = await makePlatform(db, { districtCode: '500107', type: 'comprehensive_park' });
  await makeYearData(db, ids.platform, 2025, { employersServed: 12, jobsPromoted: 300 });
});

type ErrorBody = { code: string; message: string; details?: { field: string; message: string }[] };
function expectChinese400(res: LightMyRequestResponse, field: string, label: string): ErrorBody {
  expect(res.statusCode, res.body).toBe(400);
  const body = res.json<ErrorBody>();
  expect(body.details?.map((d) => d.field)).toContain(field);
  expect(body.message).toContain(label);
  expect(body.message).toMatch(/[\u4e00-\u9fff]/);
  return body;
}

describe('NUL and other control characters, in any text', () => {
  it('in the anonymous login’s username or password', async () => {
    for (const payload of [{ username: 'ad\u0000min', password: 'x' }, { username: 'admin', password: 'pa\u0000ss' }]) {
      const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload });
      const field = payload.username.includes('\u0000') ? 'username' : 'password';
      expect(expectChinese400(res, field, field === 'username' ? '用户名：' : '密码：').message).toContain('控制字符');
    }
  });

  it('in a name, a query string and a nested array item', async () => {
    expectChinese400(await admin.call('PATCH', `/users/${ids.user!}`, { displayName: '张\u0000三' }), 'displayName', '姓名：');
    expectChinese400(await admin.call('GET', '/users?q=%00'), 'q', '关键词：');
    expectChinese400(await admin.call('PUT', `/platforms/${ids.platform!}/year-data/2025`, { data: { events: [{ name: '招聘会\u0007', attendance: 1 }] } }), 'data.events.0.name', '');
  });
});

describe('names: control, line-break, direction-override and invisible-only text', () => {
  it.each([
    ['a direction override', '\u202Eimda\u202C', '文字方向'],
    ['an isolate', '张\u2066三', '文字方向'],
    ['zero-width characters only', '\u200B\u200C\u200D', '不可见'],
    ['a BOM and spaces only', '\uFEFF \u200B', '不可见'],
    ['a line break', '张\n三', '换行'],
    ['a DEL character', '张\u007F三', '控制字符'],
  ])('refuses %s in a user’s name, and an organization’s', async (_what, name, words) => {
    expect(expectChinese400(await admin.call('PATCH', `/users/${ids.user!}`, { displayName: name }), 'displayName', '姓名：').message).toContain(words);
    // Doubled for the organization, whose name has at least two characters after trimming.
    expect(expectChinese400(await admin.call('PATCH', `/organizations/${ids.org!}`, { name: `${name}${name}` }), 'name', '名称：').message).toContain(words);
  });

  it('keeps ordinary names, with a joiner inside an emoji', async () => {
    const res = await admin.call('PATCH', `/users/${ids.user!}`, { displayName: '欧阳·娜娜 👩\u200D💻' });
    expect(res.statusCode, res.body).toBe(200);
  });
});

describe('empty changes', () => {
  it.each([['users', 'user'], ['organizations', 'org']])('PATCH /%s/{id} with {} is refused naming what may be changed', async (path, key) => {
    const res = await admin.call('PATCH', `/${path}/${ids[key]!}`, {});
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json<ErrorBody>().message).toMatch(/^请至少填写一项要修改的内容：.*名称|姓名/);
  });

  it('PUT year-data with {data:{}} is refused and the stored data is kept', async () => {
    const res = await admin.call('PUT', `/platforms/${ids.platform!}/year-data/2025`, { data: {} });
    expectChinese400(res, 'data', '年度数据：');
    const kept = await admin.call('GET', `/platforms/${ids.platform!}/year-data/2025`);
    expect(kept.json<{ data: Record<string, unknown> }>().data).toMatchObject({ employersServed: 12, jobsPromoted: 300 });
  });
});

describe('the error handler’s safety net', () => {
  it('answers PostgreSQL’s refusal of input (NUL: 22021, a malformed id: 22P02) with a Chinese 400, not a 500', async () => {
    // A route without a schema, so that nothing before the database refuses the text.
    const app = await buildApp({ db: ctx.database.db, logLevel: 'silent', webDir: null });
    app.post('/test/echo', { config: { access: 'public' } }, async (req) => {
      const { text, asUuid } = req.body as { text: string; asUuid?: boolean };
      const rows = await ctx.database.db.execute(asUuid === true ? sql`select ${text}::uuid::text t` : sql`select ${text}::text t`);
      return rows.rows[0];
    });
    await app.ready();
    try {
      const nul = await app.inject({ method: 'POST', url: '/test/echo', payload: { text: 'a\u0000b' } });
      expect(nul.statusCode, nul.body).toBe(400);
      expect(nul.json<ErrorBody>()).toEqual({ code: 'INVALID_INPUT', message: '提交的文字包含无法保存的字符（如 NUL）' });
      const malformed = await app.inject({ method: 'POST', url: '/test/echo', payload: { text: 'not-a-uuid', asUuid: true } });
      expect(malformed.json<ErrorBody>()).toEqual({ code: 'INVALID_INPUT', message: '提交的内容格式不正确' });
      expect((await app.inject({ method: 'POST', url: '/test/echo', payload: { text: 'fine' } })).json()).toEqual({ t: 'fine' });
    } finally {
      await app.close();
    }
  });

  it('answers two requests racing for one record (a unique index refusing the second) with a Chinese 409, not a 500', async () => {
    const app = await buildApp({ db: ctx.database.db, logLevel: 'silent', webDir: null });
    // A table of this test's database (not a temporary one: the two requests may take different pool connections).
    await ctx.database.db.execute(sql`create table race_probe (k int primary key)`);
    app.post('/test/twice', { config: { access: 'public' } }, async () => {
      await ctx.database.db.execute(sql`insert into race_probe values (1)`);
      return { ok: true };
    });
    await app.ready();
    try {
      const first = await app.inject({ method: 'POST', url: '/test/twice' });
      const second = await app.inject({ method: 'POST', url: '/test/twice' });
      expect([first.statusCode, second.statusCode].sort()).toEqual([200, 409]);
      expect((first.statusCode === 409 ? first : second).json<ErrorBody>()).toEqual({ code: 'CONCURRENT_CHANGE', message: '该记录刚被他人同时修改或已存在，请刷新页面后重试' });
    } finally {
      await app.close();
    }
  });
});
