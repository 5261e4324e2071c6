/**
 * The password rule comes from src/domain (the server checks the same function); the form only
 * uses it for early feedback, the server's answer decides.
 */
import { checkPasswordStrength, passwordRuleText } from '../../domain/auth/password';

export const PASSWORD_RULE_TEXT = passwordRuleText;

/** A Chinese message when the password breaks the rule, otherwise null. */
export function passwordProblem(password: string, username?: string): string | null {
  const result = checkPasswordStrength(password, username);
  return result.ok ? null : result.reason;
}
