/**
 * `hrsp backup` / `hrsp restore`: one archive holding the database (attachments included, they
 * live in file_blobs) and a manifest of SM3 hashes; a restore verifies everything before it
 * changes anything, replaces the content in one transaction, checks every attachment against
 * the manifest afterwards and ends all sessions.
 */
import { CHANGE_CHANNEL } from '../cluster/repository.js';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { openDatabase } from '../../db/client.js';
import { auditSystem } from '../audit/audit.js';
import { hmacSm3, sm3, sm3Stream } from '../crypto/gm.js';
import { readContent } from '../files/repository.js';
import { ArchiveBrokenError, ENTRIES, isSealed, readArchive, writeArchive } from './archive.js';
import { attachmentIds, withSnapshot, type AttachmentHash } from './repository.js';

export class ToolMissingError extends Error {}
/** The archive failed verification: nothing was changed. The message names what failed. */
export class BackupRefusedError extends Error {}
/** The restore went through but an attachment does not match the manifest. */
export class RestoreCheckError extends Error {}

export const BACKUP_FORMAT = 'hrsp-backup';
export const BACKUP_FORMAT_VERSION = 1;

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  hrspVersion: string;
  createdAt: string;
  encrypted: boolean;
  database: { file: string; bytes: number; sm3: string };
  attachments: { count: number; files: AttachmentHash[] };
}

/** manifest.sig: the SM3 of manifest.json's bytes, or their HMAC-SM3 under the backup key. */
interface Signature {
  algorithm: 'SM3' | 'HMAC-SM3';
  value: string;
}

type PgTool = 'pg_dump' | 'pg_restore' | 'psql';

/** pg_dump / pg_restore / psql of PostgreSQL 15 or later (Debian's postgresql-client). */
export function findPgTool(tool: PgTool): string {
  const candidates = [process.env.HRSP_PG_BIN ? path.join(process.env.HRSP_PG_BIN, tool) : '', `/usr/lib/postgresql/15/bin/${tool}`];
  for (const c of candidates) if (c && fs.existsSync(c)) return c;
  const which = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim() !== '') return which.stdout.trim();
  throw new ToolMissingError(
    `未找到 ${tool}。备份与恢复使用 PostgreSQL 15 客户端工具，请先安装：sudo apt-get install postgresql-client（Debian/Ubuntu），或用 HRSP_PG_BIN 指定其所在目录。`,
  );
}

/** Connection arguments without the password, which goes through the environment rather than `ps`. */
function connection(url: string): { args: string[]; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const args = ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username), '-d', decodeURIComponent(u.pathname.slice(1))];
  return { args, env: { ...process.env, PGPASSWORD: decodeURIComponent(u.password) } };
}

function run(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(tool)} 失败（退出码 ${String(code)}）：${stderr.trim()}`))));
  });
}

function hrspVersion(): string {
  const pkg: unknown = JSON.parse(fs.readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
  return typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string' ? pkg.version : 'unknown';
}

async function sm3OfFile(file: string): Promise<string> {
  const hash = sm3Stream();
  await pipeline(fs.createReadStream(file), new Writable({ write(chunk: Buffer, _enc, done) { hash.update(chunk); done(); } }));
  return hash.digest('hex');
}

/** The manifest is signed with a key of its own, derived from the backup key, never the key itself. */
const manifestKey = (key: Buffer) => Buffer.from(hmacSm3(key, 'hrsp-backup-manifest'), 'hex');

function sign(manifestBytes: Buffer, key: Buffer | null): Signature {
  return key === null ? { algorithm: 'SM3', value: sm3(manifestBytes) } : { algorithm: 'HMAC-SM3', value: hmacSm3(manifestKey(key), manifestBytes) };
}

function tempDir(near: string): string {
  // mkdtemp makes the folder 0700: the unsealed dump is never readable by others.
  return fs.mkdtempSync(path.join(near, '.hrsp-backup-'));
}

export interface BackupSummary {
  file: string;
  manifest: Manifest;
}

/**
 * Writes the archive to `file` (must not exist; created 0600). With a key the whole archive is
 * SM4-sealed and the manifest carries an HMAC-SM3; without, the manifest carries its SM3.
 */
export async function createBackup(url: string, file: string, key: Buffer | null): Promise<BackupSummary> {
  const target = path.resolve(file);
  if (fs.existsSync(target)) throw new BackupRefusedError(`备份文件已存在：${target}（不会覆盖，请换一个文件名）`);
  const dir = tempDir(path.dirname(target));
  try {
    const dumpFile = path.join(dir, ENTRIES.dump);
    const { args, env } = connection(url);
    const attachments = await withSnapshot(url, async (snapshot, listed) => {
      await run(findPgTool('pg_dump'), ['--format=custom', '--no-owner', '--no-acl', `--snapshot=${snapshot}`, '--file', dumpFile, ...args], env);
      return listed;
    });
    const manifest: Manifest = {
      format: BACKUP_FORMAT, formatVersion: BACKUP_FORMAT_VERSION, hrspVersion: hrspVersion(), createdAt: new Date().toISOString(), encrypted: key !== null,
      database: { file: ENTRIES.dump, bytes: fs.statSync(dumpFile).size, sm3: await sm3OfFile(dumpFile) },
      attachments: { count: attachments.length, files: attachments },
    };
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    fs.writeFileSync(path.join(dir, ENTRIES.manifest), manifestBytes, { mode: 0o600 });
    fs.writeFileSync(path.join(dir, ENTRIES.signature), `${JSON.stringify(sign(manifestBytes, key))}\n`, { mode: 0o600 });
    await writeArchive(dir, target, key);
    return { file: target, manifest };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function parseManifest(bytes: Buffer): Manifest {
  let m: unknown;
  try {
    m = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new BackupRefusedError('备份校验失败：清单 manifest.json 不是有效的 JSON');
  }
  const ok = typeof m === 'object' && m !== null && 'format' in m && m.format === BACKUP_FORMAT && 'formatVersion' in m && m.formatVersion === BACKUP_FORMAT_VERSION;
  if (!ok) throw new BackupRefusedError(`备份校验失败：清单格式不是本版本支持的 ${BACKUP_FORMAT} 第 ${BACKUP_FORMAT_VERSION} 版`);
  // Signed, and of the format and version checked above: its shape is the one createBackup wrote.
  return m as Manifest;
}

function readEntry(dir: string, name: string): Buffer {
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) throw new BackupRefusedError(`备份校验失败：归档中缺少 ${name}`);
  return fs.readFileSync(file);
}

/**
 * Checks an archive without touching any database: seal (when sealed), manifest signature,
 * the dump's size and SM3. Unpacks into `dir`; returns the manifest. Every refusal names what failed.
 */
export async function verifyArchive(file: string, dir: string, key: Buffer | null): Promise<Manifest> {
  if (!fs.existsSync(file)) throw new BackupRefusedError(`备份文件不存在：${file}`);
  const sealed = await isSealed(file);
  // With a key configured only a sealed archive is trusted: a plain one could have been rewritten with fresh hashes.
  if (key !== null && !sealed) throw new BackupRefusedError('备份校验失败：已配置备份密钥（HRSP_BACKUP_KEY_FILE），但该备份文件未加密，无法确认其未被改动');
  try {
    await readArchive(file, dir, key);
  } catch (e) {
    if (e instanceof ArchiveBrokenError) throw new BackupRefusedError(`备份校验失败：${e.message}`);
    throw e;
  }
  const manifestBytes = readEntry(dir, ENTRIES.manifest);
  let signature: Signature;
  try {
    signature = JSON.parse(readEntry(dir, ENTRIES.signature).toString('utf8')) as Signature;
  } catch {
    throw new BackupRefusedError('备份校验失败：清单签名 manifest.sig 无法读取');
  }
  const expected = sign(manifestBytes, key);
  if (signature.algorithm !== expected.algorithm || signature.value !== expected.value) {
    throw new BackupRefusedError(`备份校验失败：清单 manifest.json 的 ${expected.algorithm} 与签名不符（清单被改动${key === null ? '' : '或密钥不正确'}）`);
  }
  const manifest = parseManifest(manifestBytes);
  const dumpFile = path.join(dir, ENTRIES.dump);
  if (!fs.existsSync(dumpFile)) throw new BackupRefusedError(`备份校验失败：归档中缺少 ${ENTRIES.dump}`);
  if (fs.statSync(dumpFile).size !== manifest.database.bytes) throw new BackupRefusedError(`备份校验失败：数据库转储 ${ENTRIES.dump} 的大小与清单不符`);
  if ((await sm3OfFile(dumpFile)) !== manifest.database.sm3) throw new BackupRefusedError(`备份校验失败：数据库转储 ${ENTRIES.dump} 的 SM3 与清单不符（文件被改动或损坏）`);
  return manifest;
}

/**
 * Replaces the database's content with the dump in ONE transaction (psql --single-transaction
 * fed the schema drop, pg_restore's script and the end of all sessions): a failure anywhere
 * leaves the database as it was.
 */
async function replaceContent(url: string, dumpFile: string): Promise<void> {
  const { args, env } = connection(url);
  const psql = spawn(findPgTool('psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '--single-transaction', '-f', '-', ...args], { env, stdio: ['pipe', 'ignore', 'pipe'] });
  const restore = spawn(findPgTool('pg_restore'), ['--no-owner', '--no-acl', '-f', '-', dumpFile], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  psql.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  restore.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = (child: typeof psql | typeof restore) => new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const psqlDone = exited(psql);
  const restoreDone = exited(restore);
  psql.stdin.on('error', () => undefined); // psql stopping at an error closes its input; its exit code says why
  psql.stdin.write('DROP SCHEMA IF EXISTS drizzle CASCADE;\nDROP SCHEMA public CASCADE;\nCREATE SCHEMA public;\n');
  restore.stdout.pipe(psql.stdin, { end: false });
  const restoreCode = await restoreDone;
  if (restoreCode === 0) {
    // Restored sessions belong to the past: everyone logs in again. End of input commits.
    // Running servers on this database drop every cache on commit (cluster change notification).
    psql.stdin.end(`\nDELETE FROM public.sessions;\nSELECT pg_notify('${CHANGE_CHANNEL}', 'all');\n`);
  } else {
    // Input cut short must not commit: psql ends without COMMIT, so the server rolls back.
    psql.kill('SIGKILL');
  }
  const psqlCode = await psqlDone;
  if (restoreCode !== 0 || psqlCode !== 0) throw new Error(`恢复失败，数据库未改动（pg_restore 退出码 ${String(restoreCode)}，psql 退出码 ${String(psqlCode)}）：${stderr.trim()}`);
}

/** Every attachment of the manifest is in the restored database with the same SM3, and no other. */
async function checkAttachments(url: string, manifest: Manifest): Promise<void> {
  const database = openDatabase(url, 1);
  try {
    const problems: string[] = [];
    const present = new Set(await attachmentIds(database.db));
    for (const f of manifest.attachments.files) {
      if (!present.delete(f.id)) {
        problems.push(`附件 ${f.id} 缺失`);
        continue;
      }
      const hash = sm3Stream();
      let bytes = 0;
      for await (const piece of readContent(database.db, f.id)) {
        hash.update(piece);
        bytes += piece.length;
      }
      if (bytes !== f.bytes || hash.digest('hex') !== f.sm3) problems.push(`附件 ${f.id} 的 SM3 与清单不符`);
    }
    for (const id of present) problems.push(`附件 ${id} 不在清单中`);
    if (problems.length > 0) throw new RestoreCheckError(`恢复后的附件校验失败：${problems.join('；')}`);
    await database.db.transaction(async (tx) => {
      await auditSystem(tx, { action: 'system.restore', entityType: 'backup', summary: { createdAt: manifest.createdAt, hrspVersion: manifest.hrspVersion, dumpSm3: manifest.database.sm3, attachments: manifest.attachments.count } });
    });
  } finally {
    await database.close();
  }
}

/**
 * Verifies the archive (refusing with BackupRefusedError, the database untouched), replaces the
 * database's content with it and ends all sessions in one transaction, then checks every
 * attachment against the manifest.
 */
export async function restoreBackup(url: string, file: string, key: Buffer | null): Promise<Manifest> {
  const dir = tempDir(os.tmpdir());
  try {
    const manifest = await verifyArchive(path.resolve(file), dir, key);
    await replaceContent(url, path.join(dir, ENTRIES.dump));
    await checkAttachments(url, manifest);
    return manifest;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
