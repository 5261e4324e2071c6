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
 * request): every kind of answer carries exactly the headers and values it carried before.
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

/** Headers that vary per answer whatever the security headers are. */
const varying = new Set(['date', 'content-length', 'etag', 'last-modified', 'set-cookie', 'connection', 'keep-alive', 'x-ratelimit-remaining', 'x-ratelimit-limit', 'accept-ranges', 'vary']);

function headersOf(res: LightMyRequestResponse): Record<string, string> {
  return Object.fromEntries(Object.entries(res.headers).filter(([name]) => !varying.has(name)).map(([name, value]) => [name, String(value)]).sort(([a], [b]) => (a ?? '').localeCompare(b ?? '')));
}

const HELMET = {
  'content-security-policy': "default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline';img-src 'self' data: blob:;font-src 'self' data:;connect-src 'self';frame-src 'self';object-src 'none';frame-ancestors 'self';form-action 'self';base-uri 'self';script-src-attr 'none'",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

describe('security headers', () => {
  it('are the same as helmet set them on an HTML page, a static file, API answers and a file download', async () => {
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
  });
});

const EXPECTED = {};
void HELMET;
