/**
 * Every state-changing route (from the OpenAPI document) tried by each role against records
 * outside its scope: another district's platform and everything under it, another operator's
 * platform in the same district, the administrator's records for the bureau. Each attempt must be
 * refused (403/404) and change nothing in the database (issue #10). A new route is tried by
 * itself; one whose parameters have no out-of-scope record here fails, naming itself.
 */
import crypto from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, useTestApp, type Client } from '../../../test/app.js';
import { makeEnterprise, makeOrg, makePlatform, makeResidence, makeSite, makeStaff, makeUscc, makeUser, makeYearData } from '../../../test/factories.js';
import { tinyPdf, upload } from '../../../test/multipart.js';
import { fillPath, operations, sample, STATE_CHANGING, type JsonSchema, type Operation } from '../../../test/openapi.js';

const ctx = useTestApp();

/** Routes that act on the caller's own session, notifications or on nothing stored: no one else's record to reach. */
const OWN_OR_STATELESS = new Set([
  'POST /api/v1/auth/login', 'POST /api/v1/auth/logout', 'POST /api/v1/auth/change-password',
  'POST /api/v1/auth/login/totp', 'POST /api/v1/auth/totp/enrol', 'POST /api/v1/auth/totp/confirm',
  'POST /api/v1/notifications/read', 'POST /api/v1/rules/score', 'POST /api/v1/rules/check',
  // Anyone may object to a notice during its period (no login): it adds a new objection and reaches no one's record (src/server/objections/objections.test.ts).
  'POST /api/v1/public/notices/{id}/objection',
  // A district unit's own Art 28 filing, by year: the caller's district, never one named in the request.
  'PUT /api/v1/district-evaluations/mine/{year}',
  // A district unit's policy is always its own district's (the district comes from the session, never the body).
  'POST /api/v1/district-policies',
]);
/** Refusals given as a field error rather than 403/404, each for a stated reason. */
const REFUSED_AS_FIELD_ERROR: Record<string, string> = {
  // Registering a platform names its district in the body: another district is refused on that field (所属区县：只能登记本区县的平台).
  'district POST /api/v1/platforms': 'districtCode',
  // The bureau sets experts' affiliations (conflict of interest); on the administrator's non-expert account it is refused on that field.
  'bureau PUT /api/v1/users/{id}/affiliation': 'affiliationOrgId',
  // A government's application moving a platform up names it in the body: another district's platform is refused on that field.
  'district_gov POST /api/v1/recognition/applications': 'platformId',
};
/** The administrator's own records: out of scope for every other role, the bureau included. */
const ADMIN_ONLY = /^\/api\/v1\/(users|organizations|settings|sessions|calendar)\b/;

/** Out-of-scope records: one set per victim platform. */
interface Foreign {
  label: string;
  districtCode: string;
  platform: string; site: string; staff: string; residence: string; enterprise: string; file: string; entry: string;
  org: string; user: string; session: string;
  /** A recognition application of 万州 (out of every tested caller's scope, 九龙坡's government included). */
  application: string;
  /** A publicity notice listing that application, and an objection to it (the bureau's only). */
  notice: string; objection: string;
  /** The victim district's Art 28 filing of 2025, submitted. */
  filing: string;
  /** A submitted operating-data report of the victim's platform for `period`. */
  report: string;
  /** A support item of the victim platform (Art 23–26). */
  support: string;
}
const foreign: Partial<Record<'wz' | 'jlpOther', Foreign>> = {};
const clients: Record<string, Client> = {};
let evaluation = '';
let ourPlatform = '';
let ourExpert = '';
/** A quarterly reporting period asking comprehensive parks for a figure. */
let period = '';

/** Whole-table fingerprints of everything a write could touch (not the logs or sessions, which a refusal may add to or touch). */
const SKIPPED_TABLES = new Set(['audit_log', 'login_log', 'sessions', '__drizzle_migrations', 'audit_chain_head', 'rate_limit_hits', 'job_runs']);
let fingerprintSql = '';
async function fingerprint(): Promise<Map<string, string>> {
  const rows = (await ctx.database.pool.query<{ t: string; h: string | null }>(fingerprintSql)).rows;
  return new Map(rows.map((r) => [r.t, r.h ?? '']));
}

async function victim(label: string, districtCode: string, operatorOrg: string): Promise<Foreign> {
  const db = ctx.database.db;
  const platform = await makePlatform(db, { districtCode, operatorOrgId: operatorOrg, name: `${label}园` });
  const enterprise = (await makeEnterprise(db, { name: `${label}独有企业` })).id;
  const residence = (await makeResidence(db, { platformId: platform, enterpriseId: enterprise })).id;
  await makeYearData(db, platform, 2025, { employersServed: 5 });
  const user = await makeUser(db, 'operator', { organizationId: operatorOrg });
  await loginAs(ctx.app, user.username);
  const session = (await ctx.database.pool.query<{ id: string }>('select id from sessions where user_id = $1 limit 1', [user.id])).rows[0]!.id;
  const application = (await ctx.database.pool.query<{ id: string }>(
    "insert into recognition_applications (district_code, name, type, state) values ('500101', $1, 'comprehensive_park', 'submitted') returning id", [`${label}申报`],
  )).rows[0]!.id;
  const notice = (await ctx.database.pool.query<{ id: string }>(
    `insert into publicity_notices (subject_type, title, posted_on, days, first_day, last_day, decision_from)
     values ('recognition_application', $1, current_date, 5, current_date + 1, current_date + 5, current_date + 6) returning id`, [`${label}公示`],
  )).rows[0]!.id;
  const item = (await ctx.database.pool.query<{ id: string }>(
    "insert into publicity_notice_items (notice_id, subject_type, subject_id, position, title) values ($1, 'recognition_application', $2, 1, $3) returning id", [notice, application, `${label}申报`],
  )).rows[0]!.id;
  const objection = (await ctx.database.pool.query<{ id: string }>(
    "insert into publicity_objections (notice_id, item_id, received_on, summary) values ($1, $2, current_date, '越权测试异议') returning id", [notice, item],
  )).rows[0]!.id;
  const filing = (await ctx.database.pool.query<{ id: string }>(
    "insert into district_evaluation_filings (district_code, year, status, submitted_at) values ($1, 2025, 'submitted', now()) returning id", [districtCode],
  )).rows[0]!.id;
  const report = (await ctx.database.pool.query<{ id: string }>(
    "insert into reporting_reports (period_id, platform_id, state, figures, submitted_at) values ($1, $2, 'submitted', '{\"jobsPromoted\": 3}', now()) returning id", [period, platform],
  )).rows[0]!.id;
  const support = (await ctx.database.pool.query<{ id: string }>(
    "insert into support_items (platform_id, district_code, year, kind, title, standing, basis) values ($1, $2, 2025, 'city_fund', $3, 'not_tied', '测试') returning id", [platform, districtCode, `${label}扶持`],
  )).rows[0]!.id;
  return {
    filing,
    report,
    label, districtCode, platform, site: await makeSite(db, platform, 1000), staff: await makeStaff(db, platform, { team: 'management' }), residence, enterprise, file: '', entry: '', org: operatorOrg,
    user: user.id, session, application, notice, objection, support,
  };
}

beforeAll(async () => {
  const db = ctx.database.db;
  const ourOperator = await makeOrg(db, 'operator', '500107');
  const cycle = (await ctx.database.pool.query<{ id: string }>(
    "insert into reporting_cycles (name, kind, year, figures) values ('越权测试季报', 'quarterly', 2026, '{\"comprehensive_park\": [\"jobsPromoted\"]}') returning id",
  )).rows[0]!.id;
  period = (await ctx.database.pool.query<{ id: string }>(
    "insert into reporting_periods (cycle_id, label, quarter, due_on) values ($1, '2026 年第一季度', 1, '2026-04-15') returning id", [cycle],
  )).rows[0]!.id;
  ourPlatform = await makePlatform(db, { districtCode: '500107', operatorOrgId: ourOperator, name: '我方园' });
  foreign.wz = await victim('万州', '500101', await makeOrg(db, 'operator', '500101'));
  foreign.jlpOther = await victim('九龙坡他方', '500107', await makeOrg(db, 'operator', '500107'));
  const users = {
    bureau: await makeUser(db, 'bureau'),
    district: await makeUser(db, 'district', { districtCode: '500107' }),
    district_gov: await makeUser(db, 'district_gov', { districtCode: '500107' }),
    operator: await makeUser(db, 'operator', { organizationId: ourOperator }),
    expert: await makeUser(db, 'expert'),
  };
  ourExpert = users.expert.id;
  for (const [role, u] of Object.entries(users)) clients[role] = await loginAs(ctx.app, u.username);
  // A campaign open on every platform: entries of the victims' platforms, and their evidence.
  const shift = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  const created = await clients.bureau!.call('POST', '/evaluations', { year: 2025, schemeId: 'cq-2025', selfEvaluationEnd: shift(5), districtReviewEnd: shift(10), municipalReviewEnd: shift(20) });
  expect(created.statusCode, created.body).toBe(201);
  evaluation = created.json<{ id: string }>().id;
  expect((await clients.bureau!.call('POST', `/evaluations/${evaluation}/open`)).statusCode).toBe(200);
  const entries = (await clients.bureau!.call('GET', `/evaluations/${evaluation}/entries`)).json<{ id: string; platformId: string }[]>();
  for (const f of Object.values(foreign)) {
    f.entry = entries.find((e) => e.platformId === f.platform)!.id;
    const file = await upload(ctx.app, clients.bureau!, '/files', { platformId: f.platform, ownerType: 'platform', ownerId: f.platform, purpose: 'agreement' }, { name: '协议.pdf', content: tinyPdf });
    expect(file.statusCode, file.body).toBe(201);
    f.file = file.json<{ id: string }>().id;
  }
  const tables = (await ctx.database.pool.query<{ t: string }>("select tablename t from pg_tables where schemaname = 'public' order by 1")).rows.map((r) => r.t).filter((t) => !SKIPPED_TABLES.has(t));
  fingerprintSql = tables.map((t) => `select '${t}' t, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) h from "${t}" x`).join(' union all ');
});

/** The out-of-scope record a path parameter names, or undefined when the test does not know the parameter. */
function paramValue(op: Operation, name: string, f: Foreign): string | undefined {
  const base = /^\/api\/v1\/(\w[\w-]*)/.exec(op.path)?.[1];
  if (name === 'year') return '2025';
  if (name === 'siteId') return f.site;
  if (name === 'staffId') return f.staff;
  if (name === 'entryId') return f.entry;
  if (name === 'code') return '1.1';
  if (name === 'noticeId') return f.notice;
  if (name === 'periodId') return period;
  if (name === 'platformId') return f.platform;
  if (name === 'assignmentId' || name === 'fileId' || name === 'objectionId' || name === 'itemId') return crypto.randomUUID();
  if (name !== 'id') return undefined;
  const byBase: Record<string, string> = {
    platforms: f.platform, residences: f.residence, enterprises: f.enterprise, users: f.user, organizations: f.org, sessions: f.session,
    files: f.file, schemes: 'cq-2025', evaluations: evaluation, proposals: crypto.randomUUID(), recognition: f.application, publicity: f.objection, support: f.support,
    'district-evaluations': f.filing,
    // Reports under review by id (cycles and delegations are the bureau's: refused by role whatever the id).
    reporting: f.report,
  };
  return base === undefined ? undefined : byBase[base];
}

/** A body a caller in scope could send, aimed at the victim's records. */
function bodyFor(op: Operation, resolve: (s: JsonSchema) => JsonSchema, f: Foreign): unknown {
  if (op.body === null) return undefined;
  const overrides: Record<string, unknown> = {
    platformId: f.platform, platformIds: [f.platform], expertUserId: ourExpert, organizationId: f.org, districtCode: f.districtCode, year: 2025,
    uscc: makeUscc(), phone: '023-12345678', contactPhone: '023-12345678', username: `u${crypto.randomBytes(4).toString('hex')}`, code: `C${crypto.randomBytes(3).toString('hex')}`,
    schemeId: 'cq-2025', level: 'district', id: `cq-x${crypto.randomBytes(2).toString('hex')}`, industry: 'L 租赁和商务服务业', name: '越权写入', displayName: '越权写入', data: { employersServed: 99 },
  };
  const fill = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(fill);
    if (v === null || typeof v !== 'object') return v;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k in overrides ? overrides[k] : /(Date|At|On|From|^date)$/.test(k) ? '2025-06-01' : fill(x)]));
  };
  return fill(sample(op.body, resolve));
}

/** JSON, or a multipart upload for a route that asks for one (the OpenAPI document does not describe upload bodies). */
async function attempt(client: Client, op: Operation, url: string, body: unknown, f: Foreign): Promise<LightMyRequestResponse> {
  if (!op.multipart) {
    const res = await client.call(op.method, url.replace(/^\/api\/v1/, ''), body);
    if (res.statusCode !== 400 || !res.body.includes('multipart/form-data')) return res;
  }
  const fields = { platformId: f.platform, year: '2025', ownerType: 'platform', ownerId: f.platform, purpose: 'agreement' };
  return upload(ctx.app, client, url.replace(/^\/api\/v1/, ''), fields, { name: '协议.pdf', content: tinyPdf });
}

describe('writes outside the caller’s scope (every state-changing route × role)', () => {
  it('are refused with 403/404 and change nothing', { timeout: 120_000 }, async () => {
    const { ops, resolve } = await operations(ctx.app);
    const writes = ops.filter((op) => STATE_CHANGING.has(op.method) && !OWN_OR_STATELESS.has(`${op.method} ${op.path}`));
    expect(writes.length).toBeGreaterThan(50);
    const plan: [role: string, f: Foreign, only?: RegExp][] = [
      ['district', foreign.wz!], ['district_gov', foreign.wz!], ['district_gov', foreign.jlpOther!], ['operator', foreign.wz!], ['operator', foreign.jlpOther!],
      ['expert', foreign.wz!], ['expert', foreign.jlpOther!], ['bureau', foreign.wz!, ADMIN_ONLY],
    ];
    const problems: string[] = [];
    let tried = 0;
    let before = await fingerprint();
    for (const op of writes) {
      const params = op.parameters.filter((p) => p.in === 'path').map((p) => p.name);
      for (const [role, f, only] of plan) {
        if (only && !only.test(op.path)) continue;
        const values: Record<string, string> = {};
        for (const name of params) {
          const v = paramValue(op, name, f);
          if (v === undefined) problems.push(`${op.method} ${op.path}: no out-of-scope record for path parameter {${name}} — add one to this test`);
          else values[name] = v;
        }
        const res = await attempt(clients[role]!, op, fillPath(op.path, values), bodyFor(op, resolve, f), f);
        tried += 1;
        const after = await fingerprint();
        const changed = [...after].filter(([t, h]) => before.get(t) !== h).map(([t]) => t);
        const fieldRefusal = REFUSED_AS_FIELD_ERROR[`${role} ${op.method} ${op.path}`];
        const refused = [403, 404].includes(res.statusCode) || (res.statusCode === 400 && fieldRefusal !== undefined && res.body.includes(`"field":"${fieldRefusal}"`));
        if (!refused) problems.push(`${role} → ${f.label}: ${op.method} ${op.path} answered ${res.statusCode} ${res.body.slice(0, 160)}`);
        if (changed.length > 0) problems.push(`${role} → ${f.label}: ${op.method} ${op.path} changed ${changed.join(', ')}`);
        before = after;
      }
    }
    console.info(`write scope: ${writes.length} routes, ${tried} attempts`);
    const unique = [...new Set(problems)];
    if (unique.length > 0) console.info(unique.join("\n"));
    expect(unique).toEqual([]);
  });

  it('reach a shared record only through a route that checks it: a residence in one’s own platform naming another scope’s enterprise leaves that enterprise as it was', async () => {
    const enterpriseTables = async () => new Map([...(await fingerprint())].filter(([t]) => t === 'enterprises' || t === 'enterprise_years'));
    for (const [role, f] of [['operator', foreign.wz!], ['operator', foreign.jlpOther!], ['district', foreign.wz!]] as const) {
      const uscc = (await ctx.database.pool.query<{ uscc: string }>('select uscc from enterprises where id = $1', [f.enterprise])).rows[0]!.uscc;
      const before = await enterpriseTables();
      const res = await clients[role]!.call('POST', `/platforms/${ourPlatform}/residences`, {
        year: 2024, uscc, name: '越权改名', industry: 'C 制造业', isHrService: false, aboveScale: true, mode: 'offline', revenueYuan: 1, taxYuan: 0,
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(await enterpriseTables(), `${role} → ${f.label}`).toEqual(before);
      expect((await clients[role]!.call('PATCH', `/enterprises/${f.enterprise}`, { name: '越权改名' })).statusCode).toBe(403);
      await ctx.database.pool.query('delete from residences where platform_id = $1 and enterprise_id = $2', [ourPlatform, f.enterprise]);
    }
  });
});
