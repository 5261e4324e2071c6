/**
 * Every registry endpoint against data outside the caller's scope (404, as if absent), and the
 * write endpoints against data the caller may only read (403). Each case also checks that a
 * refused request leaves the audit log untouched.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, useTestApp, type Client } from '../../../test/app.js';
import { makeOrg, makePlatform, makeResidence, makeSite, makeStaff, makeUser, makeYearData } from '../../../test/factories.js';
import { tinyPdf, upload } from '../../../test/multipart.js';

const ctx = useTestApp();
const c: Record<string, Client> = {};
type Target = { platform: string; site: string; staff: string; residence: string; enterprise: string; file: string };
const targets: { jlp?: Target; wz?: Target } = {};
const t = { get jlp() { return targets.jlp!; }, get wz() { return targets.wz!; } };

async function seed(districtCode: string, operatorOrgId: string): Promise<Target> {
  const db = ctx.database.db;
  const platform = await makePlatform(db, { districtCode, operatorOrgId, contactPhone: '13812345678' });
  const r = await makeResidence(db, { platformId: platform });
  await makeYearData(db, platform, 2025, { employersServed: 10 });
  const admin = c.admin!;
  const file = (await upload(ctx.app, admin, '/files', { platformId: platform, ownerType: 'platform' }, { name: 'a.pdf', content: tinyPdf })).json<{ id: string }>().id;
  return { platform, site: await makeSite(db, platform, 100), staff: await makeStaff(db, platform, { team: 'operating' }), residence: r.id, enterprise: r.enterpriseId, file };
}

beforeAll(async () => {
  const db = ctx.database.db;
  const jlpOp = await makeOrg(db, 'operator', '500107');
  const wzOp = await makeOrg(db, 'operator', '500101');
  c.admin = await loginAs(ctx.app, (await makeUser(db, 'admin')).username);
  c.district = await loginAs(ctx.app, (await makeUser(db, 'district', { districtCode: '500107' })).username);
  c.district_gov = await loginAs(ctx.app, (await makeUser(db, 'district_gov', { districtCode: '500107' })).username);
  c.operator = await loginAs(ctx.app, (await makeUser(db, 'operator', { organizationId: jlpOp })).username);
  c.expert = await loginAs(ctx.app, (await makeUser(db, 'expert')).username);
  targets.jlp = await seed('500107', jlpOp);
  targets.wz = await seed('500101', wzOp);
});

type Call = [string, string, (x: Target) => string, unknown?];
const reads: Call[] = [
  ['GET', 'detail', (x) => `/platforms/${x.platform}`],
  ['GET', 'contact', (x) => `/platforms/${x.platform}/contact`],
  ['GET', 'history', (x) => `/platforms/${x.platform}/history`],
  ['GET', 'conditions', (x) => `/platforms/${x.platform}/conditions`],
  ['GET', 'sites', (x) => `/platforms/${x.platform}/sites`],
  ['GET', 'staff', (x) => `/platforms/${x.platform}/staff`],
  ['GET', 'residences', (x) => `/platforms/${x.platform}/residences?year=2025`],
  ['GET', 'residence export', (x) => `/platforms/${x.platform}/residences/export?year=2025`],
  ['GET', 'years', (x) => `/platforms/${x.platform}/year-data`],
  ['GET', 'year data', (x) => `/platforms/${x.platform}/year-data/2025`],
  ['GET', 'year export', (x) => `/platforms/${x.platform}/year-data/export`],
  ['GET', 'enterprise', (x) => `/enterprises/${x.enterprise}`],
  ['GET', 'files', (x) => `/files?platformId=${x.platform}`],
  ['GET', 'download', (x) => `/files/${x.file}/download`],
  ['GET', 'preview', (x) => `/files/${x.file}/preview`],
];
const writes: Call[] = [
  ['PATCH', 'platform', (x) => `/platforms/${x.platform}`, { contactName: '某人' }],
  ['POST', 'status', (x) => `/platforms/${x.platform}/status`, { to: 'rectifying', reason: '整改', effectiveDate: '2025-06-01' }],
  ['POST', 'site', (x) => `/platforms/${x.platform}/sites`, { name: '新场地', address: '某路', buildingAreaM2: 100 }],
  ['PATCH', 'site', (x) => `/platforms/${x.platform}/sites/${x.site}`, { name: '改名' }],
  ['DELETE', 'site', (x) => `/platforms/${x.platform}/sites/${x.site}`],
  ['POST', 'staff', (x) => `/platforms/${x.platform}/staff`, { name: '某人', team: 'operating' }],
  ['PATCH', 'staff', (x) => `/platforms/${x.platform}/staff/${x.staff}`, { name: '改名' }],
  ['DELETE', 'staff', (x) => `/platforms/${x.platform}/staff/${x.staff}`],
  ['POST', 'residence', (x) => `/platforms/${x.platform}/residences`, { year: 2025, uscc: '91500000MA5U00000X', name: 'x', industry: 'L', isHrService: true, aboveScale: false, mode: 'offline', revenueYuan: 0, taxYuan: 0 }],
  ['PATCH', 'residence', (x) => `/residences/${x.residence}`, { taxYuan: 5 }],
  ['DELETE', 'residence', (x) => `/residences/${x.residence}`],
  ['PUT', 'year data', (x) => `/platforms/${x.platform}/year-data/2025`, { data: { employersServed: 11 } }],
  ['PATCH', 'enterprise', (x) => `/enterprises/${x.enterprise}`, { name: '改名' }],
  ['DELETE', 'file', (x) => `/files/${x.file}`],
];
const uploads: [string, (x: Target) => [string, Record<string, string>]][] = [
  ['import', (x) => ['/imports/enterprises', { platformId: x.platform, year: '2025' }]],
  ['file upload', (x) => ['/files', { platformId: x.platform, ownerType: 'platform' }]],
];

// A refusal is itself audited (access.refused); what must not appear is a change.
const auditCount = async () => Number((await ctx.database.pool.query<{ n: string }>("select count(*) n from audit_log where action not like 'access.%'")).rows[0]!.n);

describe.each([
  ['district', 'wz'],
  ['district_gov', 'wz'],
  ['operator', 'wz'],
  ['expert', 'jlp'],
] as const)('%s against a platform outside its scope', (role, key) => {
  it.each(reads)('%s %s → 404', async (method, _name, url) => {
    expect((await c[role]!.call(method, url(t[key]))).statusCode).toBe(404);
  });
  it.each(writes)('%s %s → 404, nothing audited', async (method, _name, url, payload) => {
    const before = await auditCount();
    expect((await c[role]!.call(method, url(t[key]), payload)).statusCode).toBe(404);
    expect(await auditCount()).toBe(before);
  });
  it.each(uploads)('%s → 404', async (_name, target) => {
    const [url, fields] = target(t[key]);
    expect((await upload(ctx.app, c[role]!, url, fields, { name: 'a.pdf', content: tinyPdf })).statusCode).toBe(404);
  });
});

describe('a district government reads its district but changes nothing', () => {
  it.each(reads.filter(([, name]) => name !== 'contact'))('%s %s → 200', async (method, _name, url) => {
    expect((await c.district_gov!.call(method, url(t.jlp))).statusCode).toBe(200);
  });
  it.each(writes)('%s %s → 403, nothing audited', async (method, _name, url, payload) => {
    const before = await auditCount();
    expect((await c.district_gov!.call(method, url(t.jlp), payload)).statusCode).toBe(403);
    expect(await auditCount()).toBe(before);
  });
  it.each(uploads)('%s → 403', async (_name, target) => {
    const [url, fields] = target(t.jlp);
    expect((await upload(ctx.app, c.district_gov!, url, fields, { name: 'a.pdf', content: tinyPdf })).statusCode).toBe(403);
  });
});
