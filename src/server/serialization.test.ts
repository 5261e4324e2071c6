import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { $ZodType } from 'zod/v4/core';
import { buildApp } from './app.js';
import { compileResponse, compiledSerializerCompiler, uncompilableReason } from './serialization.js';
import errorsPlugin from './plugins/errors.js';
import { responseCheckFrom } from '../config.js';
import { openDatabase } from '../db/client.js';
import { freshDatabase } from '../../test/db.js';
import { sessionCookie } from '../../test/app.js';
import { testFieldKeys } from '../../test/keys.js';
import { seedDemo } from './bootstrap/demo.js';

/**
 * Response schemas left on zod's run-time path, as `METHOD url status`. A schema with a transform,
 * a default, a pipe, lazy, custom, an intersection (see COMPILABLE) or a union of strict objects
 * lands here; add it with the reason, or make the schema plain.
 */
const SERIALIZER_FALLBACKS: string[] = [
  // Year data: a union of the three types' strict documents; the keys decide the branch.
  'GET /api/v1/platforms/:id/year-data/:year 200',
  'HEAD /api/v1/platforms/:id/year-data/:year 200',
  'PUT /api/v1/platforms/:id/year-data/:year 200',
];

/** The compiled output of `data` under `schema`, asserted equal to JSON.stringify(zod's parse). */
function both(schema: z.ZodType, data: unknown): string {
  const compiled = compileResponse(schema, '/test', '200');
  if (!compiled.compiled) throw new Error(`not compiled: ${compiled.reason}`);
  const out = compiled.serialize(data);
  expect(out).toBe(JSON.stringify(schema.parse(data)));
  return out;
}

describe('the compiled serializer writes what zod wrote', () => {
  it('sends only declared properties: a row carrying a password hash or a sealed contact leaks nothing, at any depth', () => {
    const user = z.object({ id: z.string(), username: z.string() });
    const row = { id: 'u1', username: 'staff', passwordHash: '$argon2id$secret', contactPhone: Buffer.from('sealed') };
    expect(both(user, row)).toBe('{"id":"u1","username":"staff"}');
    expect(both(z.object({ items: z.array(user), total: z.number() }), { items: [row, row], total: 2, sql: 'select' })).toBe(
      '{"items":[{"id":"u1","username":"staff"},{"id":"u1","username":"staff"}],"total":2}');
    expect(both(z.object({ owner: user.nullable() }), { owner: row })).toBe('{"owner":{"id":"u1","username":"staff"}}');
    expect(both(z.record(z.string(), user), { a: row })).toBe('{"a":{"id":"u1","username":"staff"}}');
    // A strict object refuses extra keys under zod; compiled, they are dropped (the check still refuses them, below).
    expect(compileResponse(z.strictObject({ id: z.string() }), '/t', '200')).toMatchObject({ compiled: true });
  });

  it('strips inside union branches too, and picks the branch zod picks', () => {
    const kinds = z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('person'), name: z.string() }),
      z.object({ kind: z.literal('org'), uscc: z.string(), members: z.number() }),
    ]);
    expect(both(kinds, { kind: 'org', uscc: '91500000', members: 3, passwordHash: 'x' })).toBe('{"kind":"org","uscc":"91500000","members":3}');
    expect(both(z.object({ who: kinds.nullable() }), { who: { kind: 'person', name: '甲', phone: '139' } })).toBe('{"who":{"kind":"person","name":"甲"}}');
    expect(both(z.object({ who: kinds.nullable() }), { who: null })).toBe('{"who":null}');
    const plain = z.union([z.object({ a: z.string() }), z.object({ b: z.number() })]);
    expect(both(plain, { b: 2, secret: 1 })).toBe('{"b":2}');
    expect(both(z.object({ v: z.union([z.string(), z.number(), z.null()]) }), { v: 3 })).toBe('{"v":3}');
    expect(both(z.object({ v: z.union([z.string(), z.number(), z.null()]) }), { v: null })).toBe('{"v":null}');
  });

  it('nullable and optional: null stays null, an absent or undefined optional stays absent', () => {
    const s = z.object({ a: z.string().nullable(), b: z.number().nullable(), c: z.string().optional(), d: z.string().nullable().optional() });
    expect(both(s, { a: null, b: null })).toBe('{"a":null,"b":null}');
    expect(both(s, { a: 'x', b: 0, c: undefined, d: null })).toBe('{"a":"x","b":0,"d":null}');
    expect(both(s, { a: '', b: -1.5, c: 'y', d: 'z' })).toBe('{"a":"","b":-1.5,"c":"y","d":"z"}');
  });

  it('dates as ISO instants, date-only strings as they are, decimal scores as exact strings, numbers as numbers', () => {
    const s = z.object({ at: z.date(), ended: z.date().nullable(), on: z.iso.date(), total: z.string(), count: z.number().int(), ratio: z.number() });
    const out = both(s, { at: new Date('2025-03-04T05:06:07.089Z'), ended: null, on: '2025-03-04', total: '87.50', count: 12, ratio: 0.1 + 0.2 });
    expect(out).toBe('{"at":"2025-03-04T05:06:07.089Z","ended":null,"on":"2025-03-04","total":"87.50","count":12,"ratio":0.30000000000000004}');
    expect(both(z.object({ n: z.number() }), { n: 1e21 })).toBe('{"n":1e+21}');
  });

  it('enums, records, arrays of nested objects, z.unknown and z.any as JSON.stringify writes them', () => {
    expect(both(z.object({ status: z.enum(['filed', 'recognized']) }), { status: 'recognized' })).toBe('{"status":"recognized"}');
    expect(both(z.record(z.string(), z.number()), { '1.1': 2, '1.2': 0 })).toBe('{"1.1":2,"1.2":0}');
    expect(both(z.record(z.enum(['a', 'b']), z.string()), { a: 'x', b: 'y' })).toBe('{"a":"x","b":"y"}');
    const nested = z.array(z.object({ code: z.string(), rows: z.array(z.object({ score: z.string(), note: z.string().nullable() })) }));
    expect(both(nested, [{ code: '1', rows: [{ score: '2.0', note: null, hidden: 1 }] }])).toBe('[{"code":"1","rows":[{"score":"2.0","note":null}]}]');
    const facts = { n: 1, list: [1, 'a', null, { deep: true }], when: '2025-01-01' };
    expect(both(z.object({ facts: z.unknown(), value: z.any() }), { facts, value: '中文"引号"\n' })).toBe(
      `{"facts":${JSON.stringify(facts)},"value":${JSON.stringify('中文"引号"\n')}}`);
    expect(both(z.looseObject({ a: z.string() }), { a: 'x', b: 2 })).toBe('{"a":"x","b":2}');
  });

  it('leaves schemas it cannot reproduce to zod: transforms, pipes, defaults, lazy, custom, intersections', () => {
    expect(uncompilableReason(z.object({ a: z.string().transform((s) => s.length) }))).toBe('pipe');
    expect(uncompilableReason(z.object({ a: z.string().default('x') }))).toBe('default');
    expect(uncompilableReason(z.object({ a: z.lazy(() => z.string()) }))).toBe('lazy');
    expect(uncompilableReason(z.object({ a: z.custom<string>() }))).toBe('custom');
    expect(uncompilableReason(z.intersection(z.object({ a: z.string() }), z.object({ b: z.string() })))).toBe('intersection');
    expect(uncompilableReason(z.array(z.object({ a: z.string() }).nullable()))).toBeNull();
    // zod takes the branch whose strict keys fit; fast-json-stringify would take the first all-optional one.
    const strictUnion = z.union([z.strictObject({ a: z.number().optional() }), z.strictObject({ b: z.number().optional() })]);
    expect(uncompilableReason(z.object({ data: strictUnion }))).toBe('union of strict objects');
    expect(uncompilableReason(z.union([z.object({ a: z.number().optional() }), z.object({ b: z.number().optional() })]))).toBeNull();
  });
});

describe('the serializer compiler in an app', () => {
  const rowWithSecret = { id: 'r1', passwordHash: 'secret-hash' };
  const wrong = { id: 42 };
  async function tinyApp(check: boolean, fallbacks: string[]): Promise<FastifyInstance> {
    const app = Fastify({ logger: false });
    app.setSerializerCompiler(compiledSerializerCompiler({ check, onCompile: (route, reason) => { if (reason !== null) fallbacks.push(`${route} ${reason}`); } }));
    await app.register(errorsPlugin, {});
    const schema = { response: { 200: z.object({ id: z.string() }) } };
    app.get('/row', { schema }, () => rowWithSecret);
    app.get('/wrong', { schema }, () => wrong);
    app.get('/extra', { schema: { response: { 200: z.strictObject({ id: z.string() }) } } }, () => rowWithSecret);
    app.get('/lazy', { schema: { response: { 200: z.object({ n: z.lazy(() => z.string()) }) } } }, () => ({ n: 'abc', passwordHash: 'secret-hash' }));
    await app.ready();
    return app;
  }

  it('with the check on (tests), a response off its schema is a 500 that names nothing inside; the fallback path still serializes', async () => {
    const fallbacks: string[] = [];
    const app = await tinyApp(true, fallbacks);
    try {
      expect((await app.inject('/row')).body).toBe('{"id":"r1"}');
      for (const url of ['/wrong', '/extra']) {
        const res = await app.inject(url);
        expect(res.statusCode).toBe(500);
        expect(res.json()).toMatchObject({ code: 'INTERNAL' });
        expect(res.body).not.toContain('secret-hash');
        expect(res.body).not.toContain('42');
      }
      expect(fallbacks).toEqual(['GET /lazy 200 lazy', 'HEAD /lazy 200 lazy']);
      // zod's path (fastify-type-provider-zod's serializer, as before): it strips too.
      expect((await app.inject('/lazy')).body).toBe('{"n":"abc"}');
    } finally {
      await app.close();
    }
  });

  it('with the check off (production), only the compiled serializer runs, compiled on first use: extra keys dropped, a wrong type written as the schema says', async () => {
    const fallbacks: string[] = [];
    const app = await tinyApp(false, fallbacks);
    try {
      expect(fallbacks).toEqual(['GET /lazy 200 lazy', 'HEAD /lazy 200 lazy']);
      expect((await app.inject('/lazy')).body).toBe('{"n":"abc"}');
      expect((await app.inject('/row')).body).toBe('{"id":"r1"}');
      expect((await app.inject('/extra')).body).toBe('{"id":"r1"}');
      // fast-json-stringify writes a number where a string is declared as a string: no 500, and still nothing undeclared.
      const res = await app.inject('/wrong');
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe('{"id":"42"}');
    } finally {
      await app.close();
    }
  });

  it('is on under the test runner and settable with HRSP_RESPONSE_CHECK', () => {
    expect(responseCheckFrom(process.env)).toBe(true);
    expect(responseCheckFrom({ NODE_ENV: 'test' })).toBe(true);
    expect(responseCheckFrom({ NODE_ENV: 'production' })).toBe(false);
    expect(responseCheckFrom({})).toBe(false);
    expect(responseCheckFrom({ HRSP_RESPONSE_CHECK: 'on' })).toBe(true);
    expect(responseCheckFrom({ HRSP_RESPONSE_CHECK: 'off', NODE_ENV: 'test' })).toBe(false);
    expect(() => responseCheckFrom({ HRSP_RESPONSE_CHECK: 'yes' })).toThrow(/HRSP_RESPONSE_CHECK/);
  });
});

describe('every route of the app', () => {
  it('compiles its response schemas, or is in the explicit fallback list', async () => {
    // Building routes runs no query (as src/server/openapi/document.ts does).
    const database = openDatabase('postgres://serialization@127.0.0.1:1/unused', 1);
    const fallbacks: string[] = [];
    let compiled = 0;
    try {
      const app = await buildApp({
        db: database.db, logLevel: 'silent', webDir: null, responseCheck: false,
        onSerializerCompile: (route, reason) => { if (reason === null) compiled += 1; else fallbacks.push(route); },
      });
      await app.ready();
      await app.close();
    } finally {
      await database.close();
    }
    expect(compiled).toBeGreaterThan(200);
    expect(fallbacks.sort()).toEqual([...SERIALIZER_FALLBACKS].sort());
  });
});

describe('real routes on demo data', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>> | null = null;
  let app: FastifyInstance | null = null;
  /** What each handler returned and the schema it went out under, as seen just before serialization. */
  const seen = new Map<string, { payload: unknown; schema: $ZodType }>();

  beforeAll(async () => {
    database = await freshDatabase();
    expect(await seedDemo(database.db)).toBe(true);
    // The compiled path alone, as in production; the comparison below is the check.
    app = await buildApp({ db: database.db, logLevel: 'silent', webDir: null, fieldKeys: testFieldKeys, responseCheck: false, requestsPerMinute: { perAddress: 1_000_000 } });
    app.addHook('preSerialization', async (request, reply, payload) => {
      const response: unknown = request.routeOptions.schema?.response;
      const schema: unknown = typeof response === 'object' && response !== null ? Reflect.get(response, reply.statusCode) : undefined;
      if (schema instanceof $ZodType) seen.set(request.url, { payload, schema });
      return payload;
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  async function login(username: string): Promise<string> {
    const res = await app!.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'Demo@2025' } });
    expect(res.statusCode, res.body).toBe(200);
    return sessionCookie(res);
  }

  /** The answer's body equals JSON.stringify(zod's parse of what the handler returned). */
  async function sameAsZod(url: string, cookie?: string): Promise<unknown> {
    const res = await app!.inject({ method: 'GET', url: `/api/v1${url}`, ...(cookie ? { headers: { cookie } } : {}) });
    expect(res.statusCode, res.body).toBe(200);
    const entry = seen.get(`/api/v1${url}`);
    expect(entry, url).toBeDefined();
    expect(res.body).toBe(JSON.stringify(z.parse(entry!.schema, entry!.payload)));
    return res.json();
  }

  it('platform list and detail (bureau and district), an evaluation sheet, public directory and results', async () => {
    const staff = await login('staff');
    const district = await login('jlp.hrss');
    const list = await sameAsZod('/platforms?pageSize=50', staff) as { items: { id: string }[] };
    expect(list.items.length).toBeGreaterThan(0);
    await sameAsZod('/platforms?pageSize=20', district);
    for (const p of list.items.slice(0, 5)) await sameAsZod(`/platforms/${p.id}`, staff);

    const evaluations = await sameAsZod('/evaluations', staff) as { id: string }[];
    expect(evaluations.length).toBeGreaterThan(0);
    let sheets = 0;
    for (const e of evaluations) {
      const entries = await sameAsZod(`/evaluations/${e.id}/entries`, staff) as { id: string }[];
      for (const entry of entries.slice(0, 3)) {
        const detail = await sameAsZod(`/evaluations/${e.id}/entries/${entry.id}`, staff) as { sheet: unknown };
        if (detail.sheet !== null) sheets += 1;
      }
    }
    expect(sheets).toBeGreaterThan(0);

    const directory = await sameAsZod('/public/platforms?pageSize=100') as { items: { id: string }[] };
    expect(directory.items.length).toBeGreaterThan(0);
    await sameAsZod(`/public/platforms/${directory.items[0]!.id}`);
    const years = await sameAsZod('/public/evaluations') as { year: number }[];
    expect(years.length).toBeGreaterThan(0);
    const results = await sameAsZod(`/public/evaluations/${years[0]!.year}/results`) as { items: unknown[] };
    expect(results.items.length).toBeGreaterThan(0);
  });
});
