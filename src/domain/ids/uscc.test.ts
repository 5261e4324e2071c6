/** 统一社会信用代码 (GB 32100-2015). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkUscc, USCC_CHARSET, usccCheckChar } from './uscc.js';

// Written out here rather than computed, to test the implementation against the standard.
const CHARS = Array.from(USCC_CHARSET, (ch) => ch);
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const sumOf = (body: string): number => Array.from(body, (ch) => ch).reduce((s, ch, i) => s + USCC_CHARSET.indexOf(ch) * (WEIGHTS[i] ?? 0), 0);

describe('checkUscc', () => {
  it('accepts published codes', () => {
    expect(checkUscc('91350100M000100Y43')).toEqual({ ok: true, code: '91350100M000100Y43' });
    expect(checkUscc('91110000600037341L').ok).toBe(true);
  });

  it('reports the length', () => {
    expect(checkUscc('9135010')).toMatchObject({ ok: false, code: 'USCC_LENGTH', message: '统一社会信用代码应为 18 位，实际为 7 位' });
    expect(checkUscc('91350100M000100Y431')).toMatchObject({ code: 'USCC_LENGTH' });
  });

  it.each([['I', 9], ['O', 1], ['Z', 18], ['S', 5], ['V', 12], ['a', 3]])('reports illegal character %s at its position', (ch, pos) => {
    const code = '91350100M000100Y43'.split('');
    code[pos - 1] = ch;
    expect(checkUscc(code.join(''))).toMatchObject({ ok: false, code: 'USCC_CHARACTER', position: pos, message: expect.stringContaining(`第 ${pos} 位`) });
  });

  it('reports the expected check character', () => {
    expect(checkUscc('91350100M000100Y44')).toMatchObject({ ok: false, code: 'USCC_CHECK_DIGIT', expected: '3', message: '校验码错误：第 18 位应为“3”，实际为“4”' });
  });

  it('maps 31 to 0', () => {
    const body = fc.sample(fc.array(fc.constantFrom(...CHARS), { minLength: 17, maxLength: 17 }).map((a) => a.join('')), { numRuns: 5000, seed: 7 })
      .find((b) => sumOf(b) % 31 === 0);
    expect(body).toBeDefined();
    expect(usccCheckChar(body ?? '')).toBe('0');
    expect(checkUscc(`${body ?? ''}0`).ok).toBe(true);
  });

  it('agrees with the standard on random codes, and rejects every other check character', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...CHARS), { minLength: 17, maxLength: 17 }), fc.constantFrom(...CHARS), (chars, other) => {
      const body = chars.join('');
      const c = 31 - (sumOf(body) % 31);
      const expected = USCC_CHARSET[c === 31 ? 0 : c] ?? '';
      expect(checkUscc(body + expected).ok).toBe(true);
      if (other !== expected) expect(checkUscc(body + other)).toMatchObject({ ok: false, expected });
    }));
  });

  it('a reviewer may accept a failing code with a reason', () => {
    expect(checkUscc('91350100M000100Y44', '工商登记原件如此')).toEqual({ ok: true, code: '91350100M000100Y44', accepted: { reason: '工商登记原件如此' } });
    expect(checkUscc('91350100M000100Y44', ' ').ok).toBe(false);
  });
});
