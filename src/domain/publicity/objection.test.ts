/** Objections: the workflow table, the receipt number and its check character, the objector's contact, the challenge's pure parts. */
import { describe, expect, it } from 'vitest';
import {
  challengeQuestion, challengeToken, checkContact, checkObjectionAction, contactMatches, isOpenObjection, makeReceipt, mayAddNote, normalizeReceipt,
  objectionStatuses, parseAnswer, receiptCheckChar, verifyChallenge, type ObjectionAction, type ObjectionStatus,
} from './objection.js';

describe('the objection workflow (a transition table)', () => {
  const expected: Record<ObjectionStatus, Partial<Record<ObjectionAction, ObjectionStatus>>> = {
    received: { assign: 'assigned' },
    assigned: { assign: 'assigned', decide: 'decided' },
    decided: { reply: 'replied' },
    replied: {},
  };
  it('allows exactly received → assigned (again while open) → decided → replied', () => {
    for (const s of objectionStatuses) {
      for (const a of ['assign', 'decide', 'reply'] as const) {
        const r = checkObjectionAction(s, a);
        const to = expected[s][a];
        if (to === undefined) expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
        else expect(r).toEqual({ ok: true, to });
      }
    }
  });
  it('says why a step is refused', () => {
    expect(checkObjectionAction('received', 'decide')).toEqual({ ok: false, message: '请先分派承办人，再作出处理决定' });
    expect(checkObjectionAction('assigned', 'reply')).toEqual({ ok: false, message: '作出处理决定后才能记录答复' });
    expect(checkObjectionAction('decided', 'assign')).toEqual({ ok: false, message: '「已作出处理决定」的异议不能再分派' });
  });
  it('counts an objection open until it is decided (the gate holds the decision back)', () => {
    expect(objectionStatuses.filter(isOpenObjection)).toEqual(['received', 'assigned']);
    expect(mayAddNote('decided')).toBe(true);
    expect(mayAddNote('replied')).toBe(false);
  });
});

describe('the receipt number', () => {
  const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 31];
  const receipt = makeReceipt(values);
  it('is 12 Crockford base32 characters in three groups, the last a check character', () => {
    expect(receipt).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(receipt.slice(0, 13)).toBe('1234-5678-9AZ');
    expect(receipt.slice(-1)).toBe(receiptCheckChar('123456789AZ'));
  });
  it('reads back what a citizen types: lower case, no hyphens, O for 0 and I or L for 1, full-width', () => {
    expect(normalizeReceipt(receipt)).toBe(receipt);
    expect(normalizeReceipt(receipt.toLowerCase().replace(/-/g, ' '))).toBe(receipt);
    expect(normalizeReceipt(receipt.replace('1', 'I'))).toBe(receipt);
    expect(normalizeReceipt(receipt.replace('1', 'l'))).toBe(receipt);
    const withZero = makeReceipt([0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(normalizeReceipt(withZero.replace(/0/g, 'O'))).toBe(withZero);
    expect(normalizeReceipt(receipt.replace(/[A-Z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)))).toBe(receipt);
  });
  it('refuses any single changed character and a swap of two different neighbours', () => {
    const plain = receipt.replace(/-/g, '');
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    for (let i = 0; i < plain.length; i++) {
      for (const c of alphabet) {
        if (c === plain[i]) continue;
        expect(normalizeReceipt(plain.slice(0, i) + c + plain.slice(i + 1))).toBeNull();
      }
    }
    for (let i = 0; i + 1 < plain.length - 1; i++) {
      if (plain[i] === plain[i + 1]) continue;
      const swapped = plain.slice(0, i) + (plain[i + 1] ?? '') + (plain[i] ?? '') + plain.slice(i + 2);
      // Luhn misses only the pair of values 0 and 31 (like 09 ↔ 90 in decimal).
      if (new Set([plain[i], plain[i + 1]]).size === 2 && [plain[i], plain[i + 1]].sort().join('') === '0Z') continue;
      expect(normalizeReceipt(swapped)).toBeNull();
    }
    expect(normalizeReceipt('1234-5678')).toBeNull();
    expect(normalizeReceipt(`${receipt}U`)).toBeNull();
  });
});

describe("the objector's contact", () => {
  it('needs a phone or an e-mail, naming the field', () => {
    expect(checkContact('', ' ')).toMatchObject({ ok: false, errors: [{ path: 'phone', message: '联系电话或电子邮箱：请至少填写一项，以便答复' }] });
    expect(checkContact('12345', undefined)).toMatchObject({ ok: false, errors: [{ path: 'phone', message: expect.stringContaining('联系电话：') }] });
    expect(checkContact(undefined, 'a@b')).toMatchObject({ ok: false, errors: [{ path: 'email', message: expect.stringContaining('电子邮箱：') }] });
  });
  it('accepts a mainland mobile or landline and an e-mail, normalised', () => {
    expect(checkContact('138 0000 1234', '')).toEqual({ ok: true, value: { phone: '13800001234', email: null } });
    expect(checkContact('+86 13800001234', '')).toEqual({ ok: true, value: { phone: '13800001234', email: null } });
    expect(checkContact('023-6886 1234', '')).toEqual({ ok: true, value: { phone: '023-68861234', email: null } });
    expect(checkContact('', ' Zhang@Example.cn ')).toEqual({ ok: true, value: { phone: null, email: 'zhang@example.cn' } });
  });
  it('matches the lookup contact against either', () => {
    const stored = { phone: '13800001234', email: 'zhang@example.cn' };
    expect(contactMatches('138-0000-1234', stored)).toBe(true);
    expect(contactMatches('ZHANG@example.cn', stored)).toBe(true);
    expect(contactMatches('13800001235', stored)).toBe(false);
    expect(contactMatches('', stored)).toBe(false);
  });
});

describe('the self-hosted challenge', () => {
  // The server signs with HMAC-SM3 (src/server/objections/challenge.ts); any keyed 64-hex-digit function shows the rules here.
  const sign = (t: string) => {
    let out = '';
    for (let round = 0; round < 8; round++) {
      let h = 2166136261 ^ round;
      for (const ch of `key|${t}`) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 16777619) >>> 0;
      out += h.toString(16).padStart(8, '0');
    }
    return out;
  };
  const equal = (a: string, b: string) => a === b;
  const claims = { id: 'AbCdEfGhIjKlMnOpQrSt', expiresAt: 1_800_000_000_000 };
  it('asks a question in words a screen reader reads, with a small whole answer', () => {
    expect(challengeQuestion(2, 7, 0)).toEqual({ question: '3 加 8 等于几？', answer: 11 });
    expect(challengeQuestion(2, 7, 1)).toEqual({ question: '八 减去 3 等于几？', answer: 5 });
    for (let a = 0; a < 10; a++) for (let b = 0; b < 10; b++) for (const op of [0, 1]) expect(challengeQuestion(a, b, op).answer).toBeGreaterThanOrEqual(0);
  });
  it('reads digits, full-width digits and Chinese numerals', () => {
    expect(parseAnswer(' 11 ')).toBe(11);
    expect(parseAnswer('１１')).toBe(11);
    expect(parseAnswer('十一')).toBe(11);
    expect(parseAnswer('五')).toBe(5);
    expect(parseAnswer('many')).toBeNull();
  });
  it('passes the right answer before expiry, and refuses a wrong answer, a changed token and an expired one', () => {
    const token = challengeToken(claims, 11, sign);
    expect(verifyChallenge(token, '11', claims.expiresAt - 1, sign, equal)).toEqual({ ok: true, claims });
    expect(verifyChallenge(token, '12', claims.expiresAt - 1, sign, equal)).toEqual({ ok: false, message: '验证问题：答案不正确，请重新作答' });
    expect(verifyChallenge(token.replace('.1800000000000.', '.1900000000000.'), '11', claims.expiresAt - 1, sign, equal)).toMatchObject({ ok: false });
    expect(verifyChallenge(token, '11', claims.expiresAt + 1, sign, equal)).toEqual({ ok: false, message: '验证问题：已超过 10 分钟，请换一题后重新作答' });
    expect(verifyChallenge('garbage', '11', 0, sign, equal)).toMatchObject({ ok: false, message: expect.stringContaining('验证问题') });
  });
  it('cannot be answered by reading the token: the answer is only in the signature', () => {
    const token = challengeToken(claims, 11, sign);
    expect(token.split('.').slice(0, 2).join('.')).not.toContain('11');
  });
});

describe('when objections are received', () => {
  it('from the posting day to the last day of the period, not on a withdrawn notice', async () => {
    const { filingRefusal } = await import('./objection.js');
    const n = { postedOn: '2025-09-26', lastDay: '2025-10-09' };
    expect(filingRefusal(n, '2025-09-25')).toBe('公示：尚未发布（2025-09-26 发布），暂不受理异议');
    expect(filingRefusal(n, '2025-09-26')).toBeNull();
    expect(filingRefusal(n, '2025-10-09')).toBeNull();
    expect(filingRefusal(n, '2025-10-10')).toBe('公示：公示期已于 2025-10-09 结束，不再受理网上异议');
    expect(filingRefusal({ ...n, withdrawn: true }, '2025-10-01')).toBe('公示：该公示已撤回，不再受理异议');
  });
});
