import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, type Config } from '../../config.js';

/**
 * The master key that seals secrets at rest (TOTP secrets, personal data) with `sm4Seal`.
 * It lives outside the database: a file (`HRSP_SECRET_KEY_FILE`) or the environment
 * (`HRSP_SECRET_KEY`), 32 bytes written as 64 hex digits or base64. The embedded database with
 * neither set gets one generated into `<dataDir>/secret.key` (0600) at first start; an external
 * PostgreSQL must be given one, because every server on it has to share the same key.
 * Loaded once per process.
 */
export const SECRET_KEY_BYTES = 32;
export const SECRET_KEY_FILE_NAME = 'secret.key';

export class SecretKeyError extends Error {}

let loaded: Buffer | null = null;

/** 64 hex digits or base64 (standard or url-safe) of exactly 32 bytes; surrounding whitespace ignored. */
export function parseSecretKey(text: string, source: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : /^[A-Za-z0-9+/_-]+={0,2}$/.test(t) ? Buffer.from(t, 'base64') : null;
  if (!key || key.length !== SECRET_KEY_BYTES) {
    throw new SecretKeyError(`${source}: the secret key must be ${SECRET_KEY_BYTES} bytes as 64 hex digits or base64`);
  }
  return key;
}

export interface SecretKeySource {
  env: NodeJS.ProcessEnv;
  /** The data folder of the embedded database; null with an external PostgreSQL (no key is generated then). */
  dataDir: string | null;
}

/** Where the key comes from, in order: the key file, the variable, the embedded data folder's key (made if missing). */
export function readSecretKey({ env, dataDir }: SecretKeySource): Buffer {
  const file = env.HRSP_SECRET_KEY_FILE;
  if (file) return parseSecretKey(fs.readFileSync(file, 'utf8'), `HRSP_SECRET_KEY_FILE (${file})`);
  const value = env.HRSP_SECRET_KEY;
  if (value) return parseSecretKey(value, 'HRSP_SECRET_KEY');
  if (dataDir === null) {
    throw new SecretKeyError('HRSP_SECRET_KEY_FILE or HRSP_SECRET_KEY must be set when DATABASE_URL is used (every server on the database needs the same key)');
  }
  return dataDirKey(dataDir);
}

function dataDirKey(dataDir: string): Buffer {
  const file = path.join(dataDir, SECRET_KEY_FILE_NAME);
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    // 'wx' fails when the file exists, so two first starts cannot overwrite each other's key.
    fs.writeFileSync(file, `${crypto.randomBytes(SECRET_KEY_BYTES).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if (!(e instanceof Error && 'code' in e && e.code === 'EEXIST')) throw e;
  }
  return parseSecretKey(fs.readFileSync(file, 'utf8'), file);
}

/** Loads the key once (at server or command start); later calls return the same key. */
export function loadSecretKey(source: SecretKeySource): Buffer {
  loaded ??= readSecretKey(source);
  return loaded;
}

/** The source a configuration implies: the data folder counts only for the embedded database. */
export function secretKeySourceOf(config: Config, env: NodeJS.ProcessEnv = process.env): SecretKeySource {
  return { env, dataDir: config.databaseUrl === null ? config.dataDir : null };
}

/**
 * The key. `serve` loads it at start so that a missing or malformed key stops the start;
 * commands load it here on first use, from the process's environment and configuration.
 */
export function secretKey(): Buffer {
  loaded ??= readSecretKey(secretKeySourceOf(loadConfig()));
  return loaded;
}

/** Tests (and `restore` into a fresh process) set the key directly. */
export function setSecretKey(key: Buffer): void {
  if (key.length !== SECRET_KEY_BYTES) throw new SecretKeyError(`the secret key must be ${SECRET_KEY_BYTES} bytes`);
  loaded = Buffer.from(key);
}
