import crypto from 'node:crypto';

/**
 * The 国密 primitives HRSP uses (GB/T 39786): SM3 hashes and HMAC-SM3 for integrity, SM4 for
 * data at rest. Node's OpenSSL 3 provides both; `gm.test.ts` checks them against the
 * standards' test vectors (GB/T 32905 for SM3, GB/T 32907 for SM4).
 */

export function sm3(data: string | Buffer): string {
  return crypto.createHash('sm3').update(data).digest('hex');
}

/** A streaming SM3, for files and archives too large to hold at once. */
export function sm3Stream(): crypto.Hash {
  return crypto.createHash('sm3');
}

export function hmacSm3(key: Buffer, data: string | Buffer): string {
  return crypto.createHmac('sm3', key).update(data).digest('hex');
}

const VERSION = 1;
const IV_BYTES = 16;
const TAG_BYTES = 32;

/** Derived once per key: sealed columns open on every list row, so two HMACs per value would be paid on a hot path. */
const derived = new WeakMap<Buffer, { enc: Buffer; mac: Buffer }>();

/** Encryption and MAC keys derived from one 32-byte master key, so one secret is kept and rotated. */
function subKeys(masterKey: Buffer): { enc: Buffer; mac: Buffer } {
  const known = derived.get(masterKey);
  if (known) return known;
  if (masterKey.length !== 32) throw new Error('SM4 master key must be 32 bytes');
  const keys = {
    enc: crypto.createHmac('sm3', masterKey).update('hrsp-sm4-enc').digest().subarray(0, 16),
    mac: crypto.createHmac('sm3', masterKey).update('hrsp-sm3-mac').digest(),
  };
  derived.set(masterKey, keys);
  return keys;
}

/**
 * SM4-CBC encrypt-then-MAC (HMAC-SM3 over version, IV and ciphertext): Node has no SM4-GCM,
 * and a ciphertext must not be alterable unnoticed. Layout: version(1) | iv(16) | ct | tag(32).
 */
export function sm4Seal(masterKey: Buffer, plaintext: Buffer | string): Buffer {
  const { enc, mac } = subKeys(masterKey);
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv('sm4-cbc', enc, iv);
  const body = Buffer.concat([Buffer.from([VERSION]), iv, cipher.update(plaintext), cipher.final()]);
  const tag = crypto.createHmac('sm3', mac).update(body).digest();
  return Buffer.concat([body, tag]);
}

export class SealBrokenError extends Error {}

/** Opens what sm4Seal made with the same key; throws SealBrokenError on a wrong key or altered data. */
export function sm4Open(masterKey: Buffer, sealed: Buffer): Buffer {
  const { enc, mac } = subKeys(masterKey);
  if (sealed.length < 1 + IV_BYTES + 16 + TAG_BYTES || sealed[0] !== VERSION) throw new SealBrokenError('not an SM4 seal of this version');
  const body = sealed.subarray(0, sealed.length - TAG_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  const expected = crypto.createHmac('sm3', mac).update(body).digest();
  if (!crypto.timingSafeEqual(tag, expected)) throw new SealBrokenError('SM4 seal: MAC mismatch (wrong key or altered data)');
  const iv = body.subarray(1, 1 + IV_BYTES);
  const decipher = crypto.createDecipheriv('sm4-cbc', enc, iv);
  return Buffer.concat([decipher.update(body.subarray(1 + IV_BYTES)), decipher.final()]);
}

/** The raw SM4 block cipher on one 16-byte block, exposed only to check the standard's vector. */
export function sm4EncryptBlock(key: Buffer, block: Buffer): Buffer {
  const cipher = crypto.createCipheriv('sm4-ecb', key, null);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(block), cipher.final()]);
}
