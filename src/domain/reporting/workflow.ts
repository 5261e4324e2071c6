import type { Role } from '../auth/roles.js';

/**
 * The life of one platform's report for one period (Art 18, 20): the operator (or the body the
 * bureau entrusted with a national platform's reporting) fills and submits it, the district
 * reviews it and returns it with a reason or accepts it; a returned report is corrected and
 * submitted again. An accepted yearly report feeds the platform's year data.
 */
export const reportStates = ['draft', 'submitted', 'returned', 'accepted'] as const;
export type ReportState = (typeof reportStates)[number];

export const reportStateLabels: Record<ReportState, string> = {
  draft: '填报中',
  submitted: '已报送，待审核',
  returned: '已退回修改',
  accepted: '已审核通过',
};

export const reportActions = ['submit', 'return', 'accept'] as const;
export type ReportAction = (typeof reportActions)[number];

interface ReportTransition {
  from: readonly ReportState[];
  to: ReportState;
  roles: readonly Role[];
  label: string;
  reasonRequired: boolean;
}

/** The reviewers: the district unit of the platform's district, and the bureau for any. */
const reviewers = ['district', 'bureau', 'admin'] as const;

export const REPORT_TRANSITIONS: Readonly<Record<ReportAction, ReportTransition>> = {
  submit: { from: ['draft', 'returned'], to: 'submitted', roles: ['operator'], label: '报送', reasonRequired: false },
  return: { from: ['submitted'], to: 'returned', roles: reviewers, label: '退回修改', reasonRequired: true },
  accept: { from: ['submitted'], to: 'accepted', roles: reviewers, label: '审核通过', reasonRequired: false },
};

/** States in which the reporter may still change the figures. */
export const editableReportStates: readonly ReportState[] = ['draft', 'returned'];
export const canEditReport = (state: ReportState): boolean => editableReportStates.includes(state);

export type ReportCheck = { ok: true; to: ReportState } | { ok: false; reason: string };

export function checkReportTransition(state: ReportState, action: ReportAction, role: Role): ReportCheck {
  const t = REPORT_TRANSITIONS[action];
  if (!t.roles.includes(role)) return { ok: false, reason: `当前角色不能${t.label}` };
  if (!t.from.includes(state)) return { ok: false, reason: `报表${reportStateLabels[state]}，不能${t.label}` };
  return { ok: true, to: t.to };
}

/** The actions a role may take on a report in this state (the screens show only these). */
export function reportActionsFor(state: ReportState, role: Role): ReportAction[] {
  return reportActions.filter((a) => checkReportTransition(state, a, role).ok);
}
