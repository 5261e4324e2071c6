import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { checkPasswordStrength, type PasswordCheck } from '../../domain/auth/password.js';

/**
 * The common-password check (zxcvbn-ts with its bundled lists: leaked passwords, keyboard
 * patterns, dates and sequences; offline). Kept out of src/domain, which stays free of
 * libraries and data; the domain's rules (length, classes, not the username) come first.
 */
let estimator: Promise<ZxcvbnFactory> | null = null;

/** Loaded on the first password change, not at server start: the lists are ~3 MB of the process's memory. */
async function loadEstimator(): Promise<ZxcvbnFactory> {
  const [{ ZxcvbnFactory: Factory }, { adjacencyGraphs, dictionary }] = await Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]);
  return new Factory({ dictionary, graphs: adjacencyGraphs });
}

/** zxcvbn's score 3 ("safely unguessable") or more; below it a password is refused. */
const MIN_SCORE = 3;

export const commonPasswordReason = '过于常见，容易被猜中';

export async function isGuessable(password: string, userInputs: string[] = []): Promise<boolean> {
  // A failed load is not kept, so that the next password change tries again.
  estimator ??= loadEstimator().catch((e: unknown) => {
    estimator = null;
    throw e;
  });
  return (await estimator).check(password, userInputs).score < MIN_SCORE;
}

/** Every rule a password chosen by a person must meet. */
export async function checkNewPassword(password: string, username?: string): Promise<PasswordCheck> {
  const rules = checkPasswordStrength(password, username);
  if (!rules.ok) return rules;
  if (await isGuessable(password, username === undefined ? [] : [username])) return { ok: false, reason: commonPasswordReason };
  return { ok: true };
}
