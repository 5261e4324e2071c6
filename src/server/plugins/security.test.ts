import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/db.js';
import { loginAs, type Client } from '../../../test/app.js';
import { makePlatform, makeUser } from '../../../test/factories.js';
import { testFieldKeys } from '../../../test/keys.js';
import { tinyPng, upload } from '../../../test/multipart.js';
import { buildApp } from '../app.js';

/**
 * The security headers are computed once at start (helmet's own hook rebuilt the CSP on every
 * request): pages and static files carry exactly the headers and values helmet gave them; API
 * answers (JSON, downloads, previews) carry the REST set with `no-store` (API_HEADERS).
 */
let database: Awaited<ReturnType<typeof freshDatabase>>;
let app: FastifyInstance;
let webDir: string;
let staff: Client;
let fileId: string;

beforeAll(async () => {
  database = await freshDatabase();
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrsp-headers-'));
  fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>HRSP</title>');
  fs.mkdirSync(path.join(webDir, 'assets'));
  fs.writeFileSync(path.join(webDir, 'assets', 'app.js'), 'console.log(1)');
  app = await buildApp({ db: database.db, logLevel: 'silent', webDir, fieldKeys: testFieldKeys });
  await app.ready();
  staff = await loginAs(app, (await makeUser(database.db, 'bureau')).username);
  const platformId = await makePlatform(database.db);
  const res = await upload(app, staff, '/files', { platformId, ownerType: 'platform' }, { name: '照片.png', content: tinyPng });
  fileId = res.json<{ id: string }>().id;
});
afterAll(async () => {
  await app.close();
  await database.drop();
  fs.rmSync(webDir, { recursive: true, force: true });
});

/**
 * Headers that vary per answer whatever the security headers are, the request budget's (the old
 * limiter also sent x-ratelimit-reset), and cache-control, which the static files' caching (#17) changes on its own.
 */
const varying = new Set(['cache-control', 'date', 'content-length', 'etag', 'last-modified', 'set-cookie', 'connection', 'keep-alive', 'x-ratelimit-remaining', 'x-ratelimit-limit', 'x-ratelimit-reset', 'accept-ranges', 'vary']);

function headersOf(res: LightMyRequestResponse): Record<string, string> {
  const kept: [string, string][] = [];
  for (const [name, value] of Object.entries(res.headers)) if (!varying.has(name)) kept.push([name, String(value)]);
  return Object.fromEntries(kept.sort(([a], [b]) => a.localeCompare(b)));
}

const HELMET = {
  "content-security-policy": "default-src 'self';base-uri 'self';font-src 'self' data:;form-action 'self';frame-ancestors 'self';img-src 'self' data: blob:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';connect-src 'self';frame-src 'self'",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  "origin-agent-cluster": "?1",
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
  "x-dns-prefetch-control": "off",
  "x-download-options": "noopen",
  "x-frame-options": "SAMEORIGIN",
  "x-permitted-cross-domain-policies": "none",
  "x-xss-protection": "0",
};

describe('security headers', () => {
  it('are helmet\'s on an HTML page and a static file, the REST set on API answers, a download and a preview', async () => {
    const answers = {
      page: await app.inject({ url: '/app/platforms' }),
      asset: await app.inject({ url: '/assets/app.js' }),
      api: await staff.call('GET', '/home'),
      refused: await app.inject({ url: '/api/v1/home' }),
      download: await staff.call('GET', `/files/${fileId}/download`),
      preview: await staff.call('GET', `/files/${fileId}/preview`),
    };
    const seen = Object.fromEntries(Object.entries(answers).map(([k, res]) => [k, { status: res.statusCode, headers: headersOf(res) }]));
    if (process.env.PRINT_HEADERS) console.log(JSON.stringify(seen, null, 2));
    expect(seen).toEqual(EXPECTED);
    // Not kept by browsers or proxies: signed-in answers and refusals; a download says so itself.
    expect(answers.api.headers['cache-control']).toBe('no-store');
    expect(answers.refused.headers['cache-control']).toBe('no-store');
    expect(answers.download.headers['cache-control']).toBe('private, no-store');
    // The API docs are a page (Swagger UI's HTML and scripts; it sets its own CSP): helmet's set.
    const docs = await app.inject({ url: '/api/docs' });
    expect(docs.headers['cross-origin-opener-policy']).toBe(HELMET['cross-origin-opener-policy']);
    expect(docs.headers['x-dns-prefetch-control']).toBe(HELMET['x-dns-prefetch-control']);
  });
});

/** OWASP's REST set (cache-control is checked apart: a route may set its own). */
const API = {
  "content-security-policy": "default-src 'none'; frame-ancestors 'self'",
  "cross-origin-resource-policy": "same-origin",
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
  "x-frame-options": "SAMEORIGIN",
};

/** Pages as the old code (helmet's hook on every request) answered, captured before the change; API answers with the REST set. */
const EXPECTED = {
  page: { status: 200, headers: { ...HELMET, "content-type": "text/html; charset=utf-8" } },
  asset: { status: 200, headers: { ...HELMET, "content-type": "application/javascript; charset=utf-8" } },
  api: { status: 200, headers: { ...API, "content-type": "application/json; charset=utf-8" } },
  refused: { status: 401, headers: { ...API, "content-type": "application/json; charset=utf-8" } },
  download: { status: 200, headers: { ...API, "content-disposition": "attachment; filename=\"__.png\"; filename*=UTF-8''%E7%85%A7%E7%89%87.png", "content-type": "image/png" } },
  preview: { status: 200, headers: { ...API, "content-disposition": "inline; filename=\"__.png\"; filename*=UTF-8''%E7%85%A7%E7%89%87.png", "content-security-policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'self'; base-uri 'none'; form-action 'none'", "content-type": "image/png" } },
};
