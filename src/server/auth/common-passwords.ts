import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { checkPasswordStrength, type PasswordCheck } from '../../domain/auth/password.js';

/**
 * The common-password check (zxcvbn-ts with its bundled lists: leaked passwords, keyboard
 * patterns, dates and sequences; offline). Kept out of src/domain, which stays free of
 * libraries and data; the domain's rules (length, classes, not the username) come first.
 */
let estimator: ZxcvbnFactory | null = null;

/** zxcvbn's score 3 ("safely unguessable") or more; below it a password is refused. */
const MIN_SCORE = 3;

export const commonPasswordReason = '过于常见，容易被猜中';

export function isGuessable(password: string, userInputs: string[] = []): boolean {
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  return estimator.check(password, userInputs).score < MIN_SCORE;
}

/** Every rule a password chosen by a person must meet. */
export function checkNewPassword(password: string, username?: string): PasswordCheck {
  const rules = checkPasswordStrength(password, username);
  if (!rules.ok) return rules;
  if (isGuessable(password, username === undefined ? [] : [username])) return { ok: false, reason: commonPasswordReason };
  return { ok: true };
}
