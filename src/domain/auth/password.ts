/** Password rules of the 等保 level-3 baseline: at least 8 characters from at least 3 of 4 classes. */
export const passwordPolicy = { minLength: 8, maxLength: 128, minClasses: 3 } as const;

export const passwordRuleText = '密码至少 8 位，且包含大写字母、小写字母、数字、特殊字符中的至少 3 类';

export type PasswordCheck = { ok: true } | { ok: false; reason: string };

export function characterClasses(password: string): number {
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/];
  return classes.filter((re) => re.test(password)).length;
}

export function checkPasswordStrength(password: string, username?: string): PasswordCheck {
  if (password.length < passwordPolicy.minLength) return { ok: false, reason: `密码长度不足 ${passwordPolicy.minLength} 位。${passwordRuleText}` };
  if (password.length > passwordPolicy.maxLength) return { ok: false, reason: `密码不能超过 ${passwordPolicy.maxLength} 位` };
  if (characterClasses(password) < passwordPolicy.minClasses) return { ok: false, reason: `密码字符类别不足。${passwordRuleText}` };
  if (username !== undefined && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    return { ok: false, reason: '密码不能包含用户名' };
  }
  return { ok: true };
}

const alphabet = {
  upper: 'ABCDEFGHJKLMNPQRSTUVWXYZ',
  lower: 'abcdefghijkmnpqrstuvwxyz',
  digit: '23456789',
  special: '@#%&*+=?',
};

/**
 * An initial password that satisfies the policy. `randomIndex(n)` returns an integer in [0, n);
 * the caller passes a cryptographic source (domain code does no I/O).
 */
export function generateInitialPassword(randomIndex: (n: number) => number, length = 14): string {
  const sets = [alphabet.upper, alphabet.lower, alphabet.digit, alphabet.special];
  const all = sets.join('');
  const chars = sets.map((s) => s.charAt(randomIndex(s.length)));
  while (chars.length < length) chars.push(all.charAt(randomIndex(all.length)));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomIndex(i + 1);
    const a = chars[i] ?? '';
    chars[i] = chars[j] ?? '';
    chars[j] = a;
  }
  return chars.join('');
}
