import { sql } from 'drizzle-orm';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, useTestApp, type Client } from '../../../test/app.js';
import { makeOrg, makePlatform, makeResidence, makeUser } from '../../../test/factories.js';
import { testFieldKeys } from '../../../test/keys.js';
import { tinyExe, tinyOle, tinyPdf, tinyPng, upload } from '../../../test/multipart.js';
import { buildApp } from '../app.js';
import { sm3 } from '../crypto/gm.js';
import { FILE_CHUNK_BYTES } from '../../db/schema/index.js';
import * as repo from './repository.js';
import { moveDiskFilesIntoDatabase } from './service.js';

const ctx = useTestApp();
const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrsp-files-test-'));
let app: FastifyInstance;
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};
const count = async (sql: string, params: unknown[] = []) => Number((await ctx.database.pool.query<{ n: string }>(sql, params)).rows[0]!.n);

beforeAll(async () => {
  // Its own app with a small limit, so the size check is cheap to test.
  app = await buildApp({ db: ctx.database.db, logLevel: 'silent', webDir: null, loginRateLimit: 10_000, maxFileBytes: 64 * 1024, fieldKeys: testFieldKeys });
  await app.ready();
  const db = ctx.database.db;
  const op = await makeOrg(db, 'operator', '500107');
  ids.jlp = await makePlatform(db, { districtCode: '500107', operatorOrgId: op });
  ids.wz = await makePlatform(db, { districtCode: '500101' });
  ids.residence = (await makeResidence(db, { platformId: ids.jlp })).id;
  c.operator = await loginAs(app, (await makeUser(db, 'operator', { organizationId: op })).username);
  c.bureau = await loginAs(app, (await makeUser(db, 'bureau')).username);
  c.district = await loginAs(app, (await makeUser(db, 'district', { districtCode: '500107' })).username);
  c.wzDistrict = await loginAs(app, (await makeUser(db, 'district', { districtCode: '500101' })).username);
  c.gov = await loginAs(app, (await makeUser(db, 'district_gov', { districtCode: '500107' })).username);
});
afterAll(async () => {
  await app.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

const send = (client: Client, fields: Record<string, string>, name: string, content: Buffer) => upload(app, client, '/files', fields, { name, content });

describe('attachments', () => {
  it('accepts a PDF by its content, stores it in the database with its sha256 and SM3, and audits the upload', async () => {
    const res = await send(c.operator!, { platformId: ids.jlp!, ownerType: 'platform', purpose: 'recognition' }, '认定文件.pdf', tinyPdf);
    expect(res.statusCode, res.body).toBe(201);
    const f = res.json<{ id: string; mimeType: string; sha256: string; originalName: string; previewable: boolean }>();
    expect(f).toMatchObject({ mimeType: 'application/pdf', originalName: '认定文件.pdf', previewable: true, sha256: crypto.createHash('sha256').update(tinyPdf).digest('hex') });
    const row = (await ctx.database.pool.query<{ stored_name: string | null; sm3: string }>('select stored_name, sm3 from files where id = $1', [f.id])).rows[0]!;
    expect(row).toEqual({ stored_name: null, sm3: sm3(tinyPdf) });
    const blobs = await ctx.database.pool.query<{ seq: number; data: Buffer }>('select seq, data from file_blobs where file_id = $1', [f.id]);
    expect(blobs.rows).toEqual([{ seq: 0, data: tinyPdf }]);
    expect(await count("select count(*) n from audit_log where action = 'file.upload' and entity_id = $1", [f.id])).toBe(1);
  });

  it('refuses an executable renamed .pdf, and a PDF called .png, by content', async () => {
    const before = await count('select count(*) n from files');
    const exe = await send(c.operator!, { platformId: ids.jlp!, ownerType: 'platform' }, '材料.pdf', tinyExe);
    expect(exe.statusCode).toBe(400);
    expect(exe.json<{ code: string; message: string }>()).toMatchObject({ code: 'FILE_TYPE_REFUSED' });
    expect(exe.json<{ message: string }>().message).toMatch(/^文件内容不是允许的类型/);
    const renamed = await send(c.operator!, { platformId: ids.jlp!, ownerType: 'platform' }, '照片.png', tinyPdf);
    expect(renamed.json<{ message: string }>().message).toBe('文件扩展名「.png」与内容（PDF）不符');
    expect(await count('select count(*) n from files')).toBe(before);
    expect(await count('select count(*) n from file_blobs b left join files f on f.id = b.file_id where f.id is null')).toBe(0);
  });

  it('accepts legacy Office files by their OLE signature and extension', async () => {
    const doc = await send(c.operator!, { platformId: ids.jlp!, ownerType: 'year_data', year: '2025', purpose: 'events' }, '活动.doc', tinyOle);
    expect(doc.json<{ mimeType: string; previewable: boolean }>()).toMatchObject({ mimeType: 'application/msword', previewable: false });
    const wrong = await send(c.operator!, { platformId: ids.jlp!, ownerType: 'platform' }, '活动.pdf', tinyOle);
    expect(wrong.statusCode).toBe(400);
  });

  it('refuses a file above the limit with a clear message', async () => {
    const big = Buffer.concat([tinyPdf, Buffer.alloc(70 * 1024)]);
    const res = await send(c.operator!, { platformId: ids.jlp!, ownerType: 'platform' }, 'big.pdf', big);
    expect(res.statusCode).toBe(413);
    expect(res.json<{ code: string; message: string }>()).toEqual({ code: 'FILE_TOO_LARGE', message: '文件超过 64 KB 的上限' });
  });

  it('checks what the file is attached to', async () => {
    const badPurpose = await send(c.operator!, { platformId: ids.jlp!, ownerType: 'year_data', year: '2025', purpose: 'nonsense' }, 'a.pdf', tinyPdf);
    expect(badPurpose.json<{ details: { field: string }[] }>().details[0]!.field).toBe('purpose');
    const agreement = await send(c.operator!, { platformId: ids.jlp!, ownerType: 'residence', ownerId: ids.residence!, purpose: 'agreement' }, '协议.pdf', tinyPdf);
    expect(agreement.statusCode).toBe(201);
    const residence = await c.operator!.call('GET', `/platforms/${ids.jlp!}/residences?year=2025`);
    expect(residence.json<{ items: { agreementFileId: string }[] }>().items[0]!.agreementFileId).toBe(agreement.json<{ id: string }>().id);
    expect((await send(c.operator!, { platformId: ids.wz!, ownerType: 'platform' }, 'a.pdf', tinyPdf)).statusCode).toBe(404);
    expect((await send(c.gov!, { platformId: ids.jlp!, ownerType: 'platform' }, 'a.pdf', tinyPdf)).statusCode).toBe(403);
  });

  it('lets only those who see the platform download, with attachment disposition; previews PDF and images inline under a strict CSP', async () => {
    const png = (await send(c.operator!, { platformId: ids.jlp!, ownerType: 'platform' }, '现场照片.png', tinyPng)).json<{ id: string }>();
    const get = (client: Client, url: string) => app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { cookie: client.cookie } });
    const dl = await get(c.district!, `/files/${png.id}/download`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload).toEqual(tinyPng);
    expect(dl.headers['content-disposition']).toBe(`attachment; filename="____.png"; filename*=UTF-8''${encodeURIComponent('现场照片.png')}`);
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    const preview = await get(c.district!, `/files/${png.id}/preview`);
    expect(preview.headers['content-type']).toBe('image/png');
    expect(preview.headers['content-disposition']).toMatch(/^inline; /);
    expect(preview.headers['content-security-policy']).toMatch(/^default-src 'none';.*sandbox/);
    const pdf = (await send(c.operator!, { platformId: ids.jlp!, ownerType: 'platform' }, '文件.pdf', tinyPdf)).json<{ id: string }>();
    const pdfPreview = await get(c.district!, `/files/${pdf.id}/preview`);
    expect(pdfPreview.headers['content-type']).toBe('application/pdf');
    expect(pdfPreview.headers['content-security-policy']).toMatch(/^default-src 'none';/);
    expect(pdfPreview.headers['x-content-type-options']).toBe('nosniff');
    expect((await get(c.wzDistrict!, `/files/${png.id}/download`)).statusCode).toBe(404);
    expect((await get(c.wzDistrict!, `/files/${png.id}/preview`)).statusCode).toBe(404);
    const doc = (await send(c.operator!, { platformId: ids.jlp!, ownerType: 'platform' }, 'a.xls', tinyOle)).json<{ id: string }>();
    expect((await get(c.district!, `/files/${doc.id}/preview`)).statusCode).toBe(415);
    expect((await c.wzDistrict!.call('GET', `/files?platformId=${ids.jlp!}`)).statusCode).toBe(404);
  });

  it('deletes for editors only, audited, and removes the bytes', async () => {
    const f = (await send(c.operator!, { platformId: ids.jlp!, ownerType: 'platform' }, 'x.pdf', tinyPdf)).json<{ id: string }>();
    expect((await c.gov!.call('DELETE', `/files/${f.id}`)).statusCode).toBe(403);
    expect((await c.wzDistrict!.call('DELETE', `/files/${f.id}`)).statusCode).toBe(404);
    expect((await c.district!.call('DELETE', `/files/${f.id}`)).statusCode).toBe(204);
    expect(await count('select count(*) n from file_blobs where file_id = $1', [f.id])).toBe(0);
    expect(await count("select count(*) n from audit_log where action = 'file.delete' and entity_id = $1", [f.id])).toBe(1);
    expect((await c.bureau!.call('GET', `/files/${f.id}/download`)).statusCode).toBe(404);
  });

  it('serves the same file from a second server on the same database (nothing on either server’s disk)', async () => {
    const f = (await send(c.operator!, { platformId: ids.jlp!, ownerType: 'platform' }, 'shared.png', tinyPng)).json<{ id: string }>();
    const other = await buildApp({ db: ctx.database.db, logLevel: 'silent', webDir: null, loginRateLimit: 10_000 });
    try {
      const res = await other.inject({ method: 'GET', url: `/api/v1/files/${f.id}/download`, headers: { cookie: c.district!.cookie } });
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload).toEqual(tinyPng);
    } finally {
      await other.close();
    }
  });

  it('stores a large file in 1 MiB pieces and reads it back whole, piece by piece', async () => {
    const f = (await send(c.operator!, { platformId: ids.jlp!, ownerType: 'platform' }, 'p.pdf', tinyPdf)).json<{ id: string }>();
    const big = crypto.randomBytes(2 * FILE_CHUNK_BYTES + 12345);
    await ctx.database.db.transaction(async (tx) => {
      await tx.execute(sql`delete from file_blobs where file_id = ${f.id}`);
      await repo.storeContent(tx, f.id, big, sm3(big));
    });
    expect(await count('select count(*) n from file_blobs where file_id = $1', [f.id])).toBe(3);
    const pieces: Buffer[] = [];
    for await (const piece of repo.readContent(ctx.database.db, f.id)) pieces.push(piece);
    expect(pieces.map((p) => p.length)).toEqual([FILE_CHUNK_BYTES, FILE_CHUNK_BYTES, 12345]);
    expect(Buffer.concat(pieces).equals(big)).toBe(true);
  });

  it('moves the attachments of an older version from disk into the database once, audited by the system, and leaves the disk copies', async () => {
    const stored = crypto.randomBytes(16).toString('hex');
    const missing = crypto.randomBytes(16).toString('hex');
    fs.mkdirSync(path.join(filesDir, stored.slice(0, 2)), { recursive: true });
    fs.writeFileSync(path.join(filesDir, stored.slice(0, 2), stored), tinyPng);
    const sha = crypto.createHash('sha256').update(tinyPng).digest('hex');
    const insert = 'insert into files (platform_id, owner_type, original_name, mime_type, size_bytes, stored_name, sha256) values ($1, $2, $3, $4, $5, $6, $7) returning id';
    const old = (await ctx.database.pool.query<{ id: string }>(insert, [ids.jlp, 'platform', '旧照片.png', 'image/png', tinyPng.length, stored, sha])).rows[0]!.id;
    const gone = (await ctx.database.pool.query<{ id: string }>(insert, [ids.jlp, 'platform', '丢失.png', 'image/png', 5, missing, sha])).rows[0]!.id;
    const get = (id: string) => app.inject({ method: 'GET', url: `/api/v1/files/${id}/download`, headers: { cookie: c.district!.cookie } });
    expect((await get(old)).statusCode).toBe(404);

    const first = await moveDiskFilesIntoDatabase(ctx.database.db, filesDir);
    expect(first.moved).toBe(1);
    expect(first.failed.map((f) => f.id)).toEqual([gone]);
    const again = await moveDiskFilesIntoDatabase(ctx.database.db, filesDir);
    expect(again.moved).toBe(0);
    const dl = await get(old);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload).toEqual(tinyPng);
    expect((await ctx.database.pool.query<{ sm3: string }>('select sm3 from files where id = $1', [old])).rows[0]!.sm3).toBe(sm3(tinyPng));
    expect(await count("select count(*) n from audit_log where action = 'file.move_to_database' and entity_id = $1 and username = 'system'", [old])).toBe(1);
    expect(fs.existsSync(path.join(filesDir, stored.slice(0, 2), stored))).toBe(true);
    const lost = await get(gone);
    expect(lost.statusCode).toBe(404);
    expect(lost.json<{ code: string }>().code).toBe('FILE_CONTENT_MISSING');
  });
});
