import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { hmacSm3, SealBrokenError, sm4Open, sm4Seal } from './gm.js';

/**
 * The key ring for personal data at rest and for the published results' code. Keys live outside the
 * database (a file, or the environment), each with a version, so that a new key can be added, every
 * sealed value re-encrypted with it (`hrsp rotate-key`), and the old one removed afterwards.
 *
 * Key file format (HRSP_SECRET_KEY_FILE): one key per line, `v<N>:<key>`, the key as 64 hex digits or
 * base64 of 32 bytes; the highest N is current. A file holding one bare key means v1. Blank lines and
 * lines starting with # are ignored.
 */
export interface FieldKeys {
  current: { version: number; key: Buffer };
  byVersion: Map<number, Buffer>;
}

export class FieldKeyError extends Error {}

function decodeKey(text: string, where: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== 32) throw new FieldKeyError(`${where}：密钥须为 32 字节（64 位十六进制或 base64）`);
  return key;
}

/** Parses the key file's text (see the module comment). */
export function parseFieldKeys(text: string, where = '密钥文件'): FieldKeys {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  const byVersion = new Map<number, Buffer>();
  if (lines.length === 1 && !/^v\d+:/.test(lines[0] ?? '')) byVersion.set(1, decodeKey(lines[0] ?? '', where));
  else {
    for (const line of lines) {
      const m = /^v(\d+):(.+)$/.exec(line);
      if (!m?.[1] || !m[2]) throw new FieldKeyError(`${where}：每行应为 v<版本号>:<密钥>，如 v2:…`);
      const version = Number(m[1]);
      if (version < 1 || byVersion.has(version)) throw new FieldKeyError(`${where}：密钥版本 v${m[1]} 无效或重复`);
      byVersion.set(version, decodeKey(m[2], `${where} v${version}`));
    }
  }
  const version = Math.max(...byVersion.keys());
  const key = byVersion.get(version);
  if (!key) throw new FieldKeyError(`${where}：没有密钥`);
  return { current: { version, key }, byVersion };
}

/**
 * The configured key ring: HRSP_SECRET_KEY_FILE, else HRSP_SECRET_KEY (same format, `\n` between
 * lines), else, for the embedded database only, <dataDir>/secret.key (created 0600 with a random key on
 * first start). An external database without a key refuses to start: its key must be kept apart.
 */
export function loadFieldKeys(config: { dataDir: string; databaseUrl: string | null }, env: NodeJS.ProcessEnv = process.env): FieldKeys {
  const file = env.HRSP_SECRET_KEY_FILE;
  if (file) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new FieldKeyError(`无法读取密钥文件 HRSP_SECRET_KEY_FILE=${file}：${e instanceof Error ? e.message : String(e)}`);
    }
    return parseFieldKeys(text, `密钥文件 ${file}`);
  }
  if (env.HRSP_SECRET_KEY) return parseFieldKeys(env.HRSP_SECRET_KEY.replace(/\\n/g, '\n'), '环境变量 HRSP_SECRET_KEY');
  if (config.databaseUrl !== null) throw new FieldKeyError('使用外部数据库（DATABASE_URL）时须设置 HRSP_SECRET_KEY_FILE（或 HRSP_SECRET_KEY）：个人信息加密密钥须与数据库分开保管');
  const keyFile = path.join(config.dataDir, 'secret.key');
  if (!fs.existsSync(keyFile)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    // 'wx': never overwrite a key another process has just written.
    try {
      fs.writeFileSync(keyFile, `v1:${crypto.randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if (!(e instanceof Error && 'code' in e && e.code === 'EEXIST')) throw e;
    }
  }
  return parseFieldKeys(fs.readFileSync(keyFile, 'utf8'), `密钥文件 ${keyFile}`);
}

const SEALED = /^v(\d+):([A-Za-z0-9+/=]+)$/;

/** The key version of a sealed value, or null for a plaintext value not yet sealed. */
export function sealedVersion(value: string): number | null {
  const m = SEALED.exec(value);
  return m?.[1] ? Number(m[1]) : null;
}

/** `v<N>:<base64 of sm4Seal>` with the current key. */
export function sealField(keys: FieldKeys, plaintext: string): string {
  return `v${keys.current.version}:${sm4Seal(keys.current.key, plaintext).toString('base64')}`;
}

/**
 * Opens a sealed value with the key of its version. A value without the prefix is plaintext written
 * before encryption was introduced (the start-up step seals it) and is returned as it is.
 */
export function openField(keys: FieldKeys, value: string): string {
  const m = SEALED.exec(value);
  if (!m?.[1] || !m[2]) return value;
  const version = Number(m[1]);
  const key = keys.byVersion.get(version);
  if (!key) throw new FieldKeyError(`个人信息加密密钥 v${version} 不在密钥文件中，无法解密（轮换后旧密钥删除过早？）`);
  try {
    return sm4Open(key, Buffer.from(m[2], 'base64')).toString('utf8');
  } catch (e) {
    if (e instanceof SealBrokenError) throw new FieldKeyError(`个人信息加密密钥 v${version} 与数据库中的数据不符（密钥错误或数据被改动），无法解密`);
    throw e;
  }
}

/** The key that signs published results: a sub-key of the versioned master key, never used to encrypt. */
export function resultsKey(keys: FieldKeys, version: number): Buffer {
  const key = keys.byVersion.get(version);
  if (!key) throw new FieldKeyError(`结果校验密钥 v${version} 不在密钥文件中`);
  return Buffer.from(hmacSm3(key, 'results-v1'), 'hex');
}

let installed: FieldKeys | null = null;

/**
 * The process's key ring. The sealed columns (src/db/schema/sealed.ts) encrypt and decrypt inside
 * Drizzle's value mapping, which has no request context, so the ring is installed once: by the database
 * start (server, CLI) or by buildApp's `fieldKeys` option (tests).
 */
export function installFieldKeys(keys: FieldKeys): void {
  installed = keys;
}

export function fieldKeys(): FieldKeys {
  if (!installed) throw new FieldKeyError('个人信息加密密钥尚未载入');
  return installed;
}
