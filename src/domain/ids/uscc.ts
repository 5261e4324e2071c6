/** 统一社会信用代码 check (GB 32100-2015). */

export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights 3^i mod 31 for positions 1–17. */
const WEIGHTS: readonly number[] = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k++) w = (w * 3) % 31;
  return w;
});

export type UsccCheck =
  | { readonly ok: true; readonly code: string; readonly accepted?: { readonly reason: string } }
  | { readonly ok: false; readonly code: 'USCC_LENGTH' | 'USCC_CHARACTER' | 'USCC_CHECK_DIGIT'; readonly message: string; readonly position?: number; readonly expected?: string };

/** The check character for the first 17 characters, or null if one is outside the charset. */
export function usccCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(first17.charAt(i));
    if (v < 0) return null;
    sum += v * (WEIGHTS[i] ?? 0);
  }
  const c = 31 - (sum % 31);
  return USCC_CHARSET.charAt(c === 31 ? 0 : c);
}

/**
 * Checks a code. Some real codes fail the check; a reviewer may accept one with a recorded
 * reason (RULES.md §7), passed as `acceptedReason`: the result is then ok and says so.
 */
export function checkUscc(input: string, acceptedReason?: string): UsccCheck {
  const code = input;
  if (code.length !== 18) {
    return { ok: false, code: 'USCC_LENGTH', message: `统一社会信用代码应为 18 位，实际为 ${code.length} 位` };
  }
  for (let i = 0; i < 18; i++) {
    const ch = code.charAt(i);
    if (!USCC_CHARSET.includes(ch)) {
      return { ok: false, code: 'USCC_CHARACTER', position: i + 1, message: `第 ${i + 1} 位字符“${ch}”不合法（只允许数字和除 I、O、Z、S、V 以外的大写字母）` };
    }
  }
  const expected = usccCheckChar(code.slice(0, 17)) ?? '';
  if (code.charAt(17) !== expected) {
    const reason = acceptedReason?.trim() ?? '';
    if (reason !== '') return { ok: true, code, accepted: { reason } };
    return { ok: false, code: 'USCC_CHECK_DIGIT', position: 18, expected, message: `校验码错误：第 18 位应为“${expected}”，实际为“${code.charAt(17)}”` };
  }
  return { ok: true, code };
}
