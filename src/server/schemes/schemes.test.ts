import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client, useTestApp } from '../../../test/app.js';
import { makePlatform, makeUser } from '../../../test/factories.js';
import { seedReference } from '../bootstrap/reference.js';

const ctx = useTestApp();
let bureau: Client;
let district: Client;

beforeAll(async () => {
  bureau = await loginAs(ctx.app, (await makeUser(ctx.database.db, 'bureau')).username);
  district = await loginAs(ctx.app, (await makeUser(ctx.database.db, 'district', { districtCode: '500107' })).username);
});

const auditCount = async (action: string) =>
  Number((await ctx.database.pool.query<{ n: string }>('select count(*) n from audit_log where action = $1', [action])).rows[0]!.n);

interface Detail { id: string; year: number; title: string; status: string; basedOn: string | null; document: Record<string, unknown> & { factors: Record<string, string>; settings?: Record<string, unknown> } }
interface Problem { code: string; message: string; details: { field: string; message: string }[] }

describe('score schemes', () => {
  it('seeds the built-in cq-2025 as adopted, once, however often the reference seed runs', async () => {
    await seedReference(ctx.database.db);
    const res = await bureau.call('GET', '/schemes');
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json<{ id: string; status: string }[]>();
    expect(list.filter((s) => s.id === 'cq-2025')).toEqual([expect.objectContaining({ status: 'adopted' })]);
    expect((await district.call('GET', '/schemes')).statusCode).toBe(403);
  });

  it('clones into a draft, edits it under validation, shows the diff and adopts it; all audited', async () => {
    const before = { clone: await auditCount('scheme.clone'), update: await auditCount('scheme.update'), adopt: await auditCount('scheme.adopt') };
    const clone = await bureau.call('POST', '/schemes/cq-2025/clone', { id: 'cq-2026', year: 2026, title: '2026 年度评分方案' });
    expect(clone.statusCode, clone.body).toBe(201);
    const draft = clone.json<Detail>();
    expect(draft).toMatchObject({ id: 'cq-2026', year: 2026, status: 'draft', basedOn: 'cq-2025' });
    expect(draft.document).toMatchObject({ id: 'cq-2026', year: 2026, title: '2026 年度评分方案' });
    expect(await auditCount('scheme.clone')).toBe(before.clone + 1);

    const dup = await bureau.call('POST', '/schemes/cq-2025/clone', { id: 'cq-2026', year: 2026, title: '重复' });
    expect(dup.statusCode).toBe(400);
    expect(dup.json<Problem>().details[0]!.field).toBe('id');

    // An invalid document: the national factor below 3 breaks Art 29; nothing is stored or audited.
    const bad = await bureau.call('PUT', '/schemes/cq-2026', { ...draft.document, factors: { ...draft.document.factors, national: '2' } });
    expect(bad.statusCode).toBe(400);
    const problem = bad.json<Problem>();
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.details).toContainEqual({ field: 'document.factors.national', message: expect.stringMatching(/国家级平台的系数不得低于 3/) });
    expect(await auditCount('scheme.update')).toBe(before.update);
    const shapeless = await bureau.call('PUT', '/schemes/cq-2026', { title: '只有标题' });
    expect(shapeless.statusCode).toBe(400);
    expect(shapeless.json<Problem>().message).toMatch(/结构不完整/);

    const ok = await bureau.call('PUT', '/schemes/cq-2026', { ...draft.document, title: '2026 年度评分方案（修订）', factors: { ...draft.document.factors, national: '4' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<Detail>().title).toBe('2026 年度评分方案（修订）');
    expect(await auditCount('scheme.update')).toBe(before.update + 1);

    const diff = await bureau.call('GET', '/schemes/cq-2026/diff');
    expect(diff.statusCode, diff.body).toBe(200);
    const d = diff.json<{ from: string; to: string; identical: boolean; other: { path: string; before: string; after: string }[] }>();
    expect(d).toMatchObject({ from: 'cq-2025', to: 'cq-2026', identical: false });
    expect(d.other).toContainEqual({ path: 'factors.national', before: '"3"', after: '"4"' });
    expect((await bureau.call('GET', '/schemes/cq-2025/diff')).statusCode).toBe(400);

    const adopt = await bureau.call('POST', '/schemes/cq-2026/adopt');
    expect(adopt.statusCode, adopt.body).toBe(200);
    expect(adopt.json<Detail>().status).toBe('adopted');
    expect(await auditCount('scheme.adopt')).toBe(before.adopt + 1);
  });

  it('keeps adopted schemes immutable', async () => {
    const built = (await bureau.call('GET', '/schemes/cq-2025')).json<Detail>();
    const audits = await auditCount('scheme.update');
    const put = await bureau.call('PUT', '/schemes/cq-2025', { ...built.document, title: '改动' });
    expect(put.statusCode).toBe(409);
    expect(put.json<{ message: string }>().message).toMatch(/已发布采用，不能修改/);
    expect((await bureau.call('POST', '/schemes/cq-2025/adopt')).statusCode).toBe(409);
    expect((await bureau.call('GET', '/schemes/cq-2025')).json<Detail>().title).toBe(built.title);
    expect(await auditCount('scheme.update')).toBe(audits);
    expect((await bureau.call('GET', '/schemes/nope-1')).statusCode).toBe(404);
  });
});

describe('the scheme in force for condition checks', () => {
  interface Check { result: { settings: { key: string; value: string; text: string }[] } | null }
  const residentsReading = (c: Check) => c.result?.settings.find((s) => s.key === 'conditionResidents')?.value;

  it('is the one adopted last: adopting a scheme that counts offline residents only switches the check', async () => {
    const platformId = await makePlatform(ctx.database.db, { level: 'municipal', type: 'comprehensive_park' });
    const before = await bureau.call('GET', `/platforms/${platformId}/conditions`);
    expect(before.statusCode, before.body).toBe(200);
    expect(residentsReading(before.json<Check>())).toBe('all');

    const draft = (await bureau.call('POST', '/schemes/cq-2025/clone', { id: 'cq-2027', year: 2027, title: '2027 年度评分方案' })).json<Detail>();
    const put = await bureau.call('PUT', '/schemes/cq-2027', { ...draft.document, settings: { ...draft.document.settings, conditionResidents: 'offline' } });
    expect(put.statusCode, put.body).toBe(200);
    // A draft is not in force yet.
    expect(residentsReading((await bureau.call('GET', `/platforms/${platformId}/conditions`)).json<Check>())).toBe('all');

    expect((await bureau.call('POST', '/schemes/cq-2027/adopt')).statusCode).toBe(200);
    const after = (await bureau.call('GET', `/platforms/${platformId}/conditions`)).json<Check>();
    expect(residentsReading(after)).toBe('offline');
    expect(after.result?.settings.find((s) => s.key === 'conditionResidents')?.text).toMatch(/线下/);
  });
});
