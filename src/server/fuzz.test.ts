/**
 * Every operation of the OpenAPI document, as the bureau administrator and anonymously, with
 * bad input generated from its own schema: NUL in every string, an empty body, wrong types,
 * huge numbers, overlong strings, malformed path ids. No answer may be a 5xx (issue #10).
 * A new route is fuzzed by itself, since the list comes from the document.
 */
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/db.js';
import { loginAs, type Client } from '../../test/app.js';
import { makeOrg, makePlatform, makeResidence, makeSite, makeStaff, makeUser, makeYearData, testPassword } from '../../test/factories.js';
import { fillPath, mapLeaves, operations, sample, STATE_CHANGING, type JsonSchema, type Operation } from '../../test/openapi.js';
import { buildApp } from './app.js';

let database: Awaited<ReturnType<typeof freshDatabase>>;
let app: FastifyInstance;
let adminName: string;
const known: Record<string, string> = {};

beforeAll(async () => {
  database = await freshDatabase();
  app = await buildApp({ db: database.db, logLevel: 'silent', webDir: null, loginRateLimit: 1_000_000, requestsPerMinute: { perSession: 1_000_000, perAddress: 1_000_000 } });
  await app.ready();
  const db = database.db;
  adminName = (await makeUser(db, 'admin')).username;
  known.user = (await makeUser(db, 'bureau')).id;
  known.org = await makeOrg(db, 'operator', '500107', '模糊测试运营方');
  known.platform = await makePlatform(db, { districtCode: '500107', operatorOrgId: known.org });
  const residence = await makeResidence(db, { platformId: known.platform });
  known.residence = residence.id;
  known.enterprise = residence.enterpriseId;
  known.site = await makeSite(db, known.platform, 500);
  known.staff = await makeStaff(db, known.platform, { team: 'operating' });
  await makeYearData(db, known.platform, 2025, { employersServed: 3 });
  // An open campaign, so that the evaluation routes get past their lookups.
  const admin = await loginAs(app, adminName, testPassword);
  const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  const created = await admin.call('POST', '/evaluations', { year: 2025, schemeId: 'cq-2025', selfEvaluationEnd: day(5), districtReviewEnd: day(10), municipalReviewEnd: day(20) });
  known.evaluation = created.json<{ id: string }>().id;
  await admin.call('POST', `/evaluations/${known.evaluation}/open`);
  known.entry = (await admin.call('GET', `/evaluations/${known.evaluation}/entries`)).json<{ id: string }[]>()[0]?.id ?? '';
});

afterAll(async () => {
  await app.close();
  await database.drop();
});

/** Real ids where the path names a known record, so that bad bodies get past the lookup and reach validation and SQL. */
function goodParams(op: Operation): Record<string, string> {
  const id = op.path.startsWith('/api/v1/platforms/') ? known.platform : op.path.startsWith('/api/v1/users/') ? known.user
    : op.path.startsWith('/api/v1/organizations/') ? known.org : op.path.startsWith('/api/v1/residences/') ? known.residence
    : op.path.startsWith('/api/v1/enterprises/') ? known.enterprise : op.path.startsWith('/api/v1/evaluations/') ? known.evaluation
    : op.path.startsWith('/api/v1/schemes/') ? 'cq-2025' : undefined;
  return { ...(id === undefined ? {} : { id }), year: '2025', siteId: known.site!, staffId: known.staff!, entryId: known.entry!, code: '1.1' };
}

const MALFORMED_IDS = ['not-an-id', '\u0000', 'a'.repeat(2000), '-1', '1e308', '99999999999999999999', '..', '%', "'; select 1; --", 'ｉｄ'];
const HUGE = [1e308, -1e308, 2 ** 64, Number.MAX_SAFE_INTEGER + 2, -0.5];
const LONG = 'x'.repeat(100_000);

const wrongType = (leaf: unknown): unknown =>
  typeof leaf === 'string' ? 12345 : typeof leaf === 'number' ? 'abc' : typeof leaf === 'boolean' ? 'yes' : leaf === null ? { a: 1 } : [];

interface Attempt { label: string; url: string; payload?: unknown }

/** The bad inputs for one operation. */
function attempts(op: Operation, resolve: (s: JsonSchema) => JsonSchema): Attempt[] {
  const params = goodParams(op);
  const url = fillPath(op.path, params);
  const query = op.parameters.filter((p) => p.in === 'query');
  const body = op.body === null ? undefined : sample(op.body, resolve);
  const out: Attempt[] = [];
  const withQuery = (label: string, q: Record<string, string>): Attempt => ({ label, url: `${url}?${new URLSearchParams(q).toString()}`, payload: body });
  // Path parameters, one malformed at a time.
  for (const name of op.parameters.filter((p) => p.in === 'path').map((p) => p.name)) {
    for (const bad of MALFORMED_IDS) out.push({ label: `path ${name}=${JSON.stringify(bad.slice(0, 20))}`, url: fillPath(op.path, { ...params, [name]: bad }), payload: body });
  }
  // Query parameters: NUL, overlong, huge, wrong shape.
  if (query.length > 0) {
    const good = Object.fromEntries(query.map((p) => [p.name, String(p.schema ? sample(p.schema, resolve) : 'a')]));
    out.push(withQuery('query as generated', good));
    out.push(withQuery('query NUL in every value', Object.fromEntries(query.map((p) => [p.name, `a\u0000b`]))));
    out.push(withQuery('query overlong', Object.fromEntries(query.map((p) => [p.name, LONG.slice(0, 5000)]))));
    for (const h of HUGE) out.push(withQuery(`query ${h}`, Object.fromEntries(query.map((p) => [p.name, String(h)]))));
    out.push(withQuery('query wrong types', Object.fromEntries(query.map((p) => [p.name, '{"a":[1]}']))));
  }
  // Bodies: as generated, empty, NUL in every string, wrong types, huge numbers, overlong strings, not an object.
  if (STATE_CHANGING.has(op.method)) {
    out.push({ label: 'body {}', url, payload: {} });
    if (body !== undefined) {
      out.push({ label: 'body as generated', url, payload: body });
      out.push({ label: 'body NUL in every string', url, payload: mapLeaves(body, (l) => (typeof l === 'string' ? `${l}\u0000` : l)) });
      out.push({ label: 'body NUL-only strings', url, payload: mapLeaves(body, (l) => (typeof l === 'string' ? '\u0000' : l)) });
      out.push({ label: 'body wrong types', url, payload: mapLeaves(body, wrongType) });
      for (const h of HUGE) out.push({ label: `body numbers ${h}`, url, payload: mapLeaves(body, (l) => (typeof l === 'number' ? h : l)) });
      out.push({ label: 'body overlong strings', url, payload: mapLeaves(body, (l) => (typeof l === 'string' ? LONG : l)) });
      out.push({ label: 'body an array', url, payload: [body] });
      out.push({ label: 'body a string', url, payload: '"\u0000"' });
    }
  }
  if (out.length === 0) out.push({ label: 'as is', url });
  return out;
}

type Caller = (method: InjectOptions['method'], url: string, payload?: unknown) => Promise<{ statusCode: number; body: string }>;

describe('fuzzing every operation (issue #10)', () => {
  it('answers no bad input with a 5xx, as the administrator or anonymously', { timeout: 120_000 }, async () => {
    const { ops, resolve } = await operations(app);
    expect(ops.length).toBeGreaterThan(100);
    let admin: Client = await loginAs(app, adminName, testPassword);
    // Logging out or changing the password ends the session: those go last, and a lost session is renewed.
    const last = (op: Operation) => (op.path.startsWith('/api/v1/auth/') ? 1 : 0);
    const ordered = [...ops].sort((a, b) => last(a) - last(b));
    const asAdmin: Caller = async (method, url, payload) => {
      const path = url.replace(/^\/api\/v1/, '');
      const res = await admin.call(method, path, payload);
      if (res.statusCode !== 401) return res;
      admin = await loginAs(app, adminName, testPassword);
      return admin.call(method, path, payload);
    };
    const anonymous: Caller = (method, url, payload) => app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }) });
    const failures: string[] = [];
    let sent = 0;
    const statuses = new Map<string, number>();
    for (const op of ordered) {
      if (op.multipart) continue; // uploads: the import and files tests send bad files
      for (const a of attempts(op, resolve)) {
        for (const [who, call] of [['admin', asAdmin], ['anonymous', anonymous]] as const) {
          const res = await call(op.method, a.url, a.payload);
          sent += 1;
          statuses.set(`${who} ${res.statusCode}`, (statuses.get(`${who} ${res.statusCode}`) ?? 0) + 1);
          if (res.statusCode >= 500) failures.push(`${who} ${op.method} ${op.path} [${a.label}] → ${res.statusCode} ${res.body.slice(0, 200)}`);
        }
      }
    }
    console.info(`fuzz: ${ordered.length} operations, ${sent} requests`, Object.fromEntries([...statuses].sort()));
    expect(failures).toEqual([]);
  });
});
