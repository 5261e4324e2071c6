import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SealBrokenError, hmacSm3, sm3, sm4EncryptBlock, sm4Open, sm4Seal } from './gm.js';

describe('SM3 (GB/T 32905-2016 appendix A)', () => {
  it('example 1: "abc"', () => {
    expect(sm3('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });
  it('example 2: "abcd" × 16', () => {
    expect(sm3('abcd'.repeat(16))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });
  it('HMAC-SM3 depends on key and message', () => {
    const k = Buffer.alloc(32, 1);
    expect(hmacSm3(k, 'x')).toHaveLength(64);
    expect(hmacSm3(k, 'x')).not.toBe(hmacSm3(Buffer.alloc(32, 2), 'x'));
    expect(hmacSm3(k, 'x')).not.toBe(hmacSm3(k, 'y'));
  });
});

describe('SM4 (GB/T 32907-2016 appendix A)', () => {
  const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
  it('example 1: one block', () => {
    expect(sm4EncryptBlock(key, key).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
  });
  it('example 2: the block encrypted 1,000,000 times', { timeout: 60_000 }, () => {
    const cipher = crypto.createCipheriv('sm4-ecb', key, null);
    cipher.setAutoPadding(false);
    let block: Buffer = key;
    for (let i = 0; i < 1_000_000; i++) block = cipher.update(block);
    expect(block.toString('hex')).toBe('595298c7c6fd271f0402f804c33d3f66');
  });
  it('seals and opens; a wrong key or one changed byte is refused', () => {
    const master = crypto.randomBytes(32);
    const sealed = sm4Seal(master, '13800138000');
    expect(sm4Open(master, sealed).toString()).toBe('13800138000');
    expect(sealed.includes(Buffer.from('13800138000'))).toBe(false);
    expect(() => sm4Open(crypto.randomBytes(32), sealed)).toThrow(SealBrokenError);
    const altered = Buffer.from(sealed);
    altered[20] = (altered[20] ?? 0) ^ 1;
    expect(() => sm4Open(master, altered)).toThrow(SealBrokenError);
  });
});
