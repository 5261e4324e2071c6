/**
 * The built web app as the browser gets it: precompressed variants chosen by Accept-Encoding,
 * hashed assets cached for a year, the app shell (index.html, client-side routes) revalidated.
 * The fixture is a small "built" directory run through the build's own precompression step.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/db.js';
import { testFieldKeys } from '../../../test/keys.js';
import { precompressDir } from '../../web/build/precompress.js';
import { buildApp } from '../app.js';
import { IMMUTABLE } from './files.js';

const SCRIPT = `export const rows = [${Array.from({ length: 400 }, (_, i) => `{id:${i},name:"平台${i}"}`).join(',')}];\n`;
const STYLE = Array.from({ length: 200 }, (_, i) => `.row-${i}{color:#333;margin:${i}px}`).join('\n');
const INDEX = '<!doctype html><html lang="zh-CN"><head><script type="module" src="/assets/index-AbCd12_-.js"></script></head><body><div id="app"></div></body></html>';

let database: Awaited<ReturnType<typeof freshDatabase>>;
let webDir: string;
let app: FastifyInstance;

beforeAll(async () => {
  database = await freshDatabase();
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrsp-web-'));
  fs.mkdirSync(path.join(webDir, 'assets'));
  fs.writeFileSync(path.join(webDir, 'index.html'), INDEX);
  fs.writeFileSync(path.join(webDir, 'assets', 'index-AbCd12_-.js'), SCRIPT);
  fs.writeFileSync(path.join(webDir, 'assets', 'index-Xy98zW76.css'), STYLE);
  precompressDir(webDir);
  app = await buildApp({ db: database.db, logLevel: 'silent', webDir, fieldKeys: testFieldKeys });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await database.drop();
  fs.rmSync(webDir, { recursive: true, force: true });
});

function get(url: string, acceptEncoding?: string) {
  return app.inject({ method: 'GET', url, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });
}

describe('the built web app', () => {
  it('writes brotli and gzip siblings at build time, skipping files too small to gain', () => {
    expect(fs.existsSync(path.join(webDir, 'assets', 'index-AbCd12_-.js.br'))).toBe(true);
    expect(fs.existsSync(path.join(webDir, 'assets', 'index-AbCd12_-.js.gz'))).toBe(true);
    expect(fs.existsSync(path.join(webDir, 'index.html.br'))).toBe(false);
  });

  it('sends brotli to a browser that accepts it, with the script’s type, length and Vary', async () => {
    const res = await get('/assets/index-AbCd12_-.js', 'gzip, deflate, br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
    expect(res.rawPayload.length).toBeLessThan(SCRIPT.length / 3);
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(SCRIPT);
  });

  it('sends gzip when brotli is not accepted', async () => {
    const res = await get('/assets/index-Xy98zW76.css', 'gzip, deflate');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-type']).toMatch(/^text\/css/);
    expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
    expect(zlib.gunzipSync(res.rawPayload).toString()).toBe(STYLE);
  });

  it('sends the plain file to a client that accepts no encoding', async () => {
    for (const accept of [undefined, 'identity']) {
      const res = await get('/assets/index-AbCd12_-.js', accept);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.body).toBe(SCRIPT);
      expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(SCRIPT));
    }
  });

  it('lets browsers keep hashed assets for a year, in any encoding', async () => {
    for (const accept of ['br', 'gzip', undefined]) {
      expect((await get('/assets/index-AbCd12_-.js', accept)).headers['cache-control']).toBe(IMMUTABLE);
      expect((await get('/assets/index-Xy98zW76.css', accept)).headers['cache-control']).toBe(IMMUTABLE);
    }
    expect(IMMUTABLE).toBe('public, max-age=31536000, immutable');
  });

  it('makes browsers revalidate the app shell: index.html, / and client-side routes', async () => {
    for (const url of ['/', '/index.html', '/login', '/app/platforms/123']) {
      const res = await get(url, 'gzip, br');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.body, url).toBe(INDEX);
    }
  });

  it('answers a missing asset with 404, not with the app shell', async () => {
    const res = await get('/assets/index-Gone0000.js', 'br');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).not.toMatch(/html/);
  });
});
