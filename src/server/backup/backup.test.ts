import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs } from '../../../test/app.js';
import { freshDatabase } from '../../../test/db.js';
import { makeOrg, makePlatform, makeUser } from '../../../test/factories.js';
import { tinyPdf, tinyPng, upload } from '../../../test/multipart.js';
import { openDatabase, type Database } from '../../db/client.js';
import { buildApp } from '../app.js';
import { sm3 } from '../crypto/gm.js';
import { loadBackupKey } from './key.js';
import { ENTRIES, writeArchive } from './archive.js';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, BackupRefusedError, createBackup, restoreBackup, type Manifest } from './service.js';

let database: Awaited<ReturnType<typeof freshDatabase>>;
let url: string;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrsp-backup-'));
const ids: Record<string, string> = {};
let operator = '';

async function withApp<T>(work: (app: FastifyInstance, db: Database) => Promise<T>): Promise<T> {
  // A new pool and app each time: a restore replaces every table under the old connections.
  const db = openDatabase(url, 2);
  const app = await buildApp({ db: db.db, logLevel: 'silent', webDir: null, loginRateLimit: 10_000 });
  await app.ready();
  try {
    return await work(app, db);
  } finally {
    await app.close();
    await db.close();
  }
}

async function uploadAs(app: FastifyInstance, name: string, content: Buffer): Promise<string> {
  const client = await loginAs(app, operator);
  const res = await upload(app, client, '/files', { platformId: ids.platform!, ownerType: 'platform' }, { name, content });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json<{ id: string }>().id;
}

const count = async (sql: string) => Number((await database.pool.query<{ n: string }>(sql)).rows[0]!.n);

beforeAll(async () => {
  database = await freshDatabase();
  url = database.url;
  const org = await makeOrg(database.db, 'operator', '500107');
  ids.platform = await makePlatform(database.db, { districtCode: '500107', operatorOrgId: org, name: '备份前的平台' });
  operator = (await makeUser(database.db, 'operator', { organizationId: org })).username;
});
afterAll(async () => {
  await database.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('brings back rows and attachments together: a file from before downloads byte-equal, one from after is gone, sessions are ended', async () => {
    const before = await withApp((app) => uploadAs(app, '备份前.pdf', tinyPdf));
    const file = path.join(dir, 'hrsp.backup');
    const { manifest } = await createBackup(url, file, null);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(manifest.attachments).toEqual({ count: 1, files: [{ id: before, bytes: tinyPdf.length, sm3: sm3(tinyPdf) }] });
    expect(manifest.encrypted).toBe(false);

    const after = await withApp((app) => uploadAs(app, '备份后.png', tinyPng));
    await makePlatform(database.db, { name: '备份后的平台' });
    expect(await count('select count(*) n from sessions')).toBeGreaterThan(0);

    await restoreBackup(url, file, null);

    expect(await count('select count(*) n from sessions')).toBe(0);
    const names = (await database.pool.query<{ name: string }>('select name from platforms order by name')).rows.map((r) => r.name);
    expect(names).toEqual(['备份前的平台']);
    expect(await count("select count(*) n from audit_log where action = 'system.restore'")).toBe(1);
    await withApp(async (app) => {
      const client = await loginAs(app, operator);
      const get = (id: string) => app.inject({ method: 'GET', url: `/api/v1/files/${id}/download`, headers: { cookie: client.cookie } });
      const restored = await get(before);
      expect(restored.statusCode).toBe(200);
      expect(restored.rawPayload).toEqual(tinyPdf);
      expect((await get(after)).statusCode).toBe(404);
    });
  });

  it('refuses an archive with one byte of its dump changed, naming the dump, and changes nothing', async () => {
    const file = path.join(dir, 'tampered.backup');
    await createBackup(url, file, null);
    const bytes = fs.readFileSync(file);
    const dumpAt = bytes.indexOf('PGDMP');
    expect(dumpAt).toBeGreaterThan(0);
    bytes[dumpAt + 200] = bytes[dumpAt + 200]! ^ 0xff;
    fs.writeFileSync(file, bytes);
    await makePlatform(database.db, { name: '恢复被拒后仍在' });
    const refused = restoreBackup(url, file, null);
    await expect(refused).rejects.toBeInstanceOf(BackupRefusedError);
    await expect(refused).rejects.toThrow(/数据库转储 database\.dump 的 SM3 与清单不符/);
    expect(await count("select count(*) n from platforms where name = '恢复被拒后仍在'")).toBe(1);
  });

  it('seals the archive with SM4 under HRSP_BACKUP_KEY_FILE: restores with the key, refuses a wrong key, no key, or an unsealed archive', async () => {
    const keyFile = path.join(dir, 'backup.key');
    fs.writeFileSync(keyFile, crypto.randomBytes(32).toString('hex'));
    const wrongFile = path.join(dir, 'wrong.key');
    fs.writeFileSync(wrongFile, crypto.randomBytes(32).toString('base64'));
    const key = loadBackupKey(keyFile)!;
    const wrong = loadBackupKey(wrongFile)!;
    expect(wrong).toHaveLength(32);

    const file = path.join(dir, 'sealed.backup');
    const { manifest } = await createBackup(url, file, key);
    expect(manifest.encrypted).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const raw = fs.readFileSync(file);
    expect(raw.indexOf('PGDMP')).toBe(-1);
    expect(raw.indexOf('manifest.json')).toBe(-1);

    await makePlatform(database.db, { name: '加密备份之后' });
    await expect(restoreBackup(url, file, wrong)).rejects.toThrow(/备份校验失败：备份文件无法解密：密钥不正确/);
    await expect(restoreBackup(url, file, null)).rejects.toThrow(/备份文件已加密/);
    await expect(restoreBackup(url, path.join(dir, 'hrsp.backup'), key)).rejects.toThrow(/该备份文件未加密/);
    expect(await count("select count(*) n from platforms where name = '加密备份之后'")).toBe(1);

    await restoreBackup(url, file, key);
    expect(await count("select count(*) n from platforms where name = '加密备份之后'")).toBe(0);
  });

  it('refuses an archive whose manifest was edited, and will not overwrite an existing file', async () => {
    const file = path.join(dir, 'manifest.backup');
    await createBackup(url, file, null);
    const bytes = fs.readFileSync(file);
    const at = bytes.indexOf('"count": ');
    bytes[at + 9] = '7'.charCodeAt(0);
    fs.writeFileSync(file, bytes);
    await expect(restoreBackup(url, file, null)).rejects.toThrow(/清单 manifest\.json 的 SM3 与签名不符/);
    await expect(createBackup(url, file, null)).rejects.toThrow(/备份文件已存在/);
  });

  it('leaves the database as it was when the dump itself cannot be restored (one transaction, no emptied database)', async () => {
    // A well-signed archive around a dump pg_restore cannot read: verification passes, the restore fails.
    const work = fs.mkdtempSync(path.join(dir, 'bad-'));
    const dump = Buffer.from('PGDMP this is not a dump');
    const manifest: Manifest = {
      format: BACKUP_FORMAT, formatVersion: BACKUP_FORMAT_VERSION, hrspVersion: 'test', createdAt: new Date().toISOString(), encrypted: false,
      database: { file: ENTRIES.dump, bytes: dump.length, sm3: sm3(dump) }, attachments: { count: 0, files: [] },
    };
    const manifestBytes = Buffer.from(JSON.stringify(manifest));
    fs.writeFileSync(path.join(work, ENTRIES.dump), dump);
    fs.writeFileSync(path.join(work, ENTRIES.manifest), manifestBytes);
    fs.writeFileSync(path.join(work, ENTRIES.signature), JSON.stringify({ algorithm: 'SM3', value: sm3(manifestBytes) }));
    const file = path.join(dir, 'unrestorable.backup');
    await writeArchive(work, file, null);
    const platforms = await count('select count(*) n from platforms');
    expect(platforms).toBeGreaterThan(0);
    await expect(restoreBackup(url, file, null)).rejects.toThrow(/恢复失败，数据库未改动/);
    expect(await count('select count(*) n from platforms')).toBe(platforms);
  });
});
