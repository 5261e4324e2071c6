/** 统一社会信用代码 as typed by people: normalized, checked, explained in Chinese. */
import { checkUscc } from '../ids/uscc.js';

/** Codes are written in capitals without spaces; people paste them with both. */
export function normalizeUscc(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/**
 * Why a code cannot be accepted, or null. A code failing only the check character is
 * accepted with a recorded reason (RULES.md §7); length and characters never are.
 */
export function usccProblem(code: string, overrideReason: string | null | undefined): string | null {
  const res = checkUscc(code, overrideReason ?? undefined);
  if (res.ok) return null;
  if (res.code === 'USCC_CHECK_DIGIT') return `校验位错误，应为 ${res.expected ?? ''}（确属真实代码的，请填写「代码校验未通过的说明」）`;
  return res.message.replace(/^统一社会信用代码/, '');
}

/** The reason kept with the enterprise: only for a code that fails the check. */
export function keptOverrideReason(code: string, overrideReason: string | null | undefined): string | null {
  const reason = overrideReason?.trim() ?? '';
  return reason !== '' && !checkUscc(code).ok ? reason : null;
}

/** Who may accept a code failing the check (RULES.md §7: a reviewer, district or bureau staff). */
export const usccReviewerRoles = ['admin', 'bureau', 'district'] as const;

export function mayAcceptUscc(role: string): boolean {
  return (usccReviewerRoles as readonly string[]).includes(role);
}

/** A code waits while it carries a reason no reviewer accepted (a new or changed reason). */
export function usccWaiting(e: { usccOverrideReason: string | null; usccAcceptedReason: string | null }): boolean {
  return e.usccOverrideReason !== null && e.usccOverrideReason !== e.usccAcceptedReason;
}
