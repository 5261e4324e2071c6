/**
 * Art 16: a district recognizes its own district-level platform (figures, check against its
 * policy, decision with 文号 and date) and files it with the bureau (备案); the bureau acknowledges
 * or asks questions, which the district answers by filing again. The platform becomes 已备案 only
 * on acknowledgement (the `filing` transition of platforms/lifecycle.ts).
 */
import type { Role } from '../auth/roles.js';

export const filingStates = ['decided', 'pending', 'questioned', 'acknowledged'] as const;
export type FilingState = (typeof filingStates)[number];

export const filingStateLabels: Record<FilingState, string> = {
  decided: '区县已认定，待报备案',
  pending: '已报备案，待市局确认',
  questioned: '市局提出问题，待区县答复',
  acknowledged: '市局已确认备案',
};

export const filingActions = ['decide', 'file', 'question', 'acknowledge'] as const;
export type FilingAction = (typeof filingActions)[number];

interface FilingTransition {
  action: FilingAction;
  /** null: the platform has no district decision yet. */
  from: readonly (FilingState | null)[];
  to: FilingState;
  roles: readonly Role[];
  label: string;
  /** The text the step must carry: the bureau's question, the district's answer to one. */
  textRequired: boolean;
}

const bureau = ['admin', 'bureau'] as const;

export const filingTransitions: readonly FilingTransition[] = [
  // A decision may be recorded again (corrected) until the district files it.
  { action: 'decide', from: [null, 'decided', 'questioned'], to: 'decided', roles: ['district'], label: '记录区县认定决定', textRequired: false },
  { action: 'file', from: ['decided'], to: 'pending', roles: ['district'], label: '报市人力社保局备案', textRequired: false },
  { action: 'file', from: ['questioned'], to: 'pending', roles: ['district'], label: '答复问题并重新报备', textRequired: true },
  { action: 'question', from: ['pending'], to: 'questioned', roles: bureau, label: '提出问题', textRequired: true },
  { action: 'acknowledge', from: ['pending'], to: 'acknowledged', roles: bureau, label: '确认备案', textRequired: false },
];

export type FilingStep = { ok: true; to: FilingState; textRequired: boolean } | { ok: false; reason: 'role' | 'state'; message: string };

export function checkFilingStep(action: FilingAction, from: FilingState | null, role: Role): FilingStep {
  const byAction = filingTransitions.filter((t) => t.action === action);
  const t = byAction.find((x) => x.from.includes(from));
  if (!byAction.some((x) => x.roles.includes(role))) {
    return { ok: false, reason: 'role', message: action === 'question' || action === 'acknowledge' ? '确认备案或提出问题须由市人力社保局办理' : '区县级平台的认定和备案须由所在区县人社局办理' };
  }
  if (t === undefined) {
    const now = from === null ? '尚未记录区县认定决定' : `备案状态为「${filingStateLabels[from]}」`;
    return { ok: false, reason: 'state', message: `${now}，不能${byAction[0]?.label ?? ''}` };
  }
  return { ok: true, to: t.to, textRequired: t.textRequired };
}

/** The steps an actor may take now, for the page's buttons. */
export function availableFilingSteps(from: FilingState | null, role: Role): FilingAction[] {
  return filingActions.filter((a) => checkFilingStep(a, from, role).ok);
}

/**
 * Art 16, one per type per district in principle; a branch (分平台) counts as one unless the
 * bureau's setting says otherwise (RULES.md §8). Returns how many count against the quota.
 */
export function quotaUse(counts: { existingDistrictPlatforms: number; existingBranches: number }, branchUsesDistrictQuota: boolean): number {
  return counts.existingDistrictPlatforms + (branchUsesDistrictQuota ? counts.existingBranches : 0);
}

/** Whether one more platform of the type exceeds the quota, so that a reason must be recorded. */
export function quotaExceeded(counts: { existingDistrictPlatforms: number; existingBranches: number }, branchUsesDistrictQuota: boolean, quotaPerType: number): boolean {
  return quotaUse(counts, branchUsesDistrictQuota) >= quotaPerType;
}
