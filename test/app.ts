import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { freshDatabase } from './db.js';
import type { Db } from '../src/db/client.js';
import { buildApp } from '../src/server/app.js';
import { testPassword } from './factories.js';
import { testFieldKeys } from './keys.js';

export async function testApp(db: Db, loginRateLimit = 10_000): Promise<FastifyInstance> {
  // Anonymous 401s count against the address's budget; suites that walk every route from one address must not meet it (src/server/plugins/rate-limit.test.ts tests the budgets).
  const app = await buildApp({ db, logLevel: 'silent', webDir: null, loginRateLimit, fieldKeys: testFieldKeys, requestsPerMinute: { perAddress: 1_000_000 } });
  await app.ready();
  return app;
}

export interface Client {
  cookie: string;
  csrf: string;
  call(method: InjectOptions['method'], url: string, payload?: unknown, opts?: { csrf?: string | null }): Promise<LightMyRequestResponse>;
}

export function sessionCookie(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'hrsp_sid');
  if (!c) throw new Error(`no session cookie (status ${res.statusCode}: ${res.body})`);
  return `hrsp_sid=${c.value}`;
}

/** Logs in through the API, as the browser does, and returns a client carrying the cookie and CSRF token. */
export async function loginAs(app: FastifyInstance, username: string, password = testPassword): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = sessionCookie(res);
  const csrf = res.json<{ csrfToken: string }>().csrfToken;
  return {
    cookie,
    csrf,
    call(method, url, payload, opts = {}) {
      const headers: Record<string, string> = { cookie };
      const token = opts.csrf === undefined ? csrf : opts.csrf;
      if (token !== null) headers['x-csrf-token'] = token;
      return app.inject({ method, url: `/api/v1${url}`, headers, ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }) });
    },
  };
}

export interface TestContext {
  readonly database: Awaited<ReturnType<typeof freshDatabase>>;
  readonly app: FastifyInstance;
}

/** A fresh database and app for one test file, opened before its tests and dropped after. */
export function useTestApp(): TestContext {
  let database: TestContext['database'] | null = null;
  let app: FastifyInstance | null = null;
  beforeAll(async () => {
    database = await freshDatabase();
    app = await testApp(database.db);
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });
  return {
    get database() {
      if (!database) throw new Error('useTestApp: used outside a test');
      return database;
    },
    get app() {
      if (!app) throw new Error('useTestApp: used outside a test');
      return app;
    },
  };
}
