import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, loginAs, testApp } from '../../../test/app.js';
import { makeUser } from '../../../test/factories.js';

/**
 * Access is decided from the matched route, never from the URL's spelling: every non-public
 * operation of the OpenAPI document, under every spelling a router or proxy might read as the
 * same path, answers 401 to an anonymous caller.
 */
const t = useTestApp();
let base = '';

interface Operation {
  method: string;
  path: string;
  public: boolean;
}

async function operations(): Promise<Operation[]> {
  const doc = (await t.app.inject({ url: '/api/docs/json' })).json<{ paths: Record<string, Record<string, { security?: unknown[]; 'x-hrsp-access'?: unknown }>> }>();
  const found: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      expect(op['x-hrsp-access'], `${method} ${path} declares its access`).toBeDefined();
      expect(op['x-hrsp-access']).not.toBe('none');
      found.push({ method: method.toUpperCase(), path: fillParams(path), public: op['x-hrsp-access'] === 'public' });
    }
  }
  return found;
}

function fillParams(path: string): string {
  return path.replace(/\{year\}/g, '2025').replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
}

const hex = (c: string) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`;

/** The same path as routers, proxies and browsers may spell it. */
export function spellings(path: string): string[] {
  const segments = path.split('/').slice(1);
  const out = new Set<string>([path]);
  segments.forEach((seg, i) => {
    if (seg === '') return;
    const encoded = [...segments];
    encoded[i] = hex(seg.charAt(0)) + seg.slice(1);
    out.add('/' + encoded.join('/'));
    encoded[i] = hex(seg.charAt(0)).toUpperCase() + seg.slice(1);
    out.add('/' + encoded.join('/'));
    const doubled = [...segments];
    doubled[i] = '/' + seg;
    out.add('/' + doubled.join('/'));
    const dotted = [...segments];
    dotted[i] = `./${seg}`;
    out.add('/' + dotted.join('/'));
    dotted[i] = `x/../${seg}`;
    out.add('/' + dotted.join('/'));
    dotted[i] = `%2e/${seg}`;
    out.add('/' + dotted.join('/'));
    const cased = [...segments];
    cased[i] = seg.charAt(0).toUpperCase() + seg.slice(1);
    out.add('/' + cased.join('/'));
  });
  out.add('/' + path);
  out.add(path.toUpperCase());
  out.add(`${path}/`);
  out.add(`${path}?`);
  out.add(`${path};`);
  out.add('/' + segments.join('%2F'));
  return [...out];
}

function raw(method: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(base);
    const body = ['POST', 'PUT', 'PATCH'].includes(method) ? '{}' : undefined;
    const req = http.request({ agent: false, host: url.hostname, port: url.port, method, path, headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});

describe('access decided from the matched route', () => {
  it('the reported bypass: an encoded letter no longer opens the audit log, settings or a write', async () => {
    for (const path of ['/%61pi/v1/audit-log', '/%61pi/v1/login-log', '/%61pi/v1/settings/security', '/api/v1/%61udit-log', '/%41PI/v1/audit-log']) {
      const res = await raw('GET', path);
      expect(res.status, path).toBe(401);
      expect(res.body).not.toContain('"items"');
    }
    expect((await raw('POST', '/%61pi/v1/notifications/read')).status).toBe(401);
  });

  it('every non-public operation, under every spelling, answers 401 to an anonymous caller', async () => {
    const ops = await operations();
    expect(ops.length).toBeGreaterThan(100);
    const leaks: string[] = [];
    let tried = 0;
    for (const op of ops.filter((o) => !o.public)) {
      for (const path of spellings(op.path)) {
        for (const method of op.method === 'GET' ? ['GET', 'HEAD'] : [op.method]) {
          tried++;
          const res = await raw(method, path).catch((e: unknown) => ({ status: -1, body: String(e) }));
          if (res.status !== 401) leaks.push(`${method} ${path} → ${res.status} ${res.body.slice(0, 80)}`);
        }
      }
    }
    expect(tried).toBeGreaterThan(1000);
    expect(leaks).toEqual([]);
  }, 120_000);

  it('public operations stay open, and answer without a 5xx', async () => {
    const ops = (await operations()).filter((o) => o.public);
    expect(ops.map((o) => `${o.method} ${o.path}`)).toContain('POST /api/v1/auth/login');
    for (const op of ops) {
      const res = await raw(op.method, op.path);
      expect(res.status, `${op.method} ${op.path}`).not.toBe(401);
      expect(res.status, `${op.method} ${op.path}`).toBeLessThan(500);
    }
  });

  it('a logged-in write under an encoded path still needs the CSRF token, and roles still apply', async () => {
    const u = await makeUser(t.database.db, 'district', { username: 'access.district' });
    const c = await loginAs(t.app, u.username);
    const noToken = await raw('POST', '/%61pi/v1/notifications/read', { cookie: c.cookie });
    expect(noToken.status).toBe(403);
    expect(noToken.body).toContain('CSRF_INVALID');
    const audit = await raw('GET', '/%61pi/v1/audit-log', { cookie: c.cookie });
    expect(audit.status).toBe(403);
    const unknown = await raw('GET', '/api/v1/no-such-thing', { cookie: c.cookie });
    expect(unknown.status).toBe(404);
  });
});

describe('deny by default', () => {
  let app: Awaited<ReturnType<typeof testApp>> | null = null;
  afterAll(async () => {
    await app?.close().catch(() => undefined);
  });
  it('an app with a route that declares no access does not start, naming the route', async () => {
    const { buildApp } = await import('../app.js');
    app = await buildApp({ db: t.database.db, logLevel: 'silent', webDir: null });
    app.get('/api/v1/undeclared', { schema: { hide: true } }, () => ({ secret: true }));
    await expect(app.ready()).rejects.toThrow(/GET \/api\/v1\/undeclared/);
  });
});
