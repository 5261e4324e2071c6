import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSecretKey, readSecretKey, SecretKeyError } from './keys.js';

const hex = 'ab'.repeat(32);

describe('secret key', () => {
  it('reads 32 bytes from hex or base64, and refuses other lengths', () => {
    expect(parseSecretKey(` ${hex}\n`, 'x')).toEqual(Buffer.alloc(32, 0xab));
    expect(parseSecretKey(Buffer.alloc(32, 1).toString('base64'), 'x')).toEqual(Buffer.alloc(32, 1));
    expect(() => parseSecretKey('ab'.repeat(16), 'x')).toThrow(SecretKeyError);
    expect(() => parseSecretKey('not a key!', 'x')).toThrow(SecretKeyError);
  });

  it('prefers the key file, then the variable, and needs one of them with an external database', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrsp-key-'));
    const file = path.join(dir, 'k');
    fs.writeFileSync(file, Buffer.alloc(32, 2).toString('base64'));
    expect(readSecretKey({ env: { HRSP_SECRET_KEY_FILE: file, HRSP_SECRET_KEY: hex }, dataDir: null })).toEqual(Buffer.alloc(32, 2));
    expect(readSecretKey({ env: { HRSP_SECRET_KEY: hex }, dataDir: null })).toEqual(Buffer.alloc(32, 0xab));
    expect(() => readSecretKey({ env: {}, dataDir: null })).toThrow(/DATABASE_URL/);
  });

  it('generates the embedded database’s key once, readable by its owner only', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrsp-key-'));
    const first = readSecretKey({ env: {}, dataDir: dir });
    expect(first).toHaveLength(32);
    expect(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(readSecretKey({ env: {}, dataDir: dir })).toEqual(first);
  });
});
