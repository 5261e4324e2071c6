import type { Role } from '../auth/roles.js';

/**
 * The life of one platform's entry in a year's evaluation (Art 30): self-evaluation by the
 * operator, preliminary review by the district unit (a gate: nothing reaches the bureau
 * without it), municipal review by the bureau and its experts, the panel's grade, publication.
 */
export const entryStatuses = ['draft', 'submitted', 'returned', 'forwarded', 'under_review', 'reviewed', 'graded', 'published'] as const;
export type EntryStatus = (typeof entryStatuses)[number];

export const entryStatusLabels: Record<EntryStatus, string> = {
  draft: '自评中',
  submitted: '待区县初审',
  returned: '已退回修改',
  forwarded: '已报送市局',
  under_review: '市级评审中',
  reviewed: '评审完成',
  graded: '已定等次',
  published: '已公布',
};

/** The windows the bureau sets for the year (Art 28, RULES.md §6); each closes at the end of its day. */
export type Window = 'self_evaluation' | 'district_review' | 'municipal_review';

export const entryActions = ['submit', 'return', 'forward', 'start_review', 'finish_review', 'grade', 'publish'] as const;
export type EntryAction = (typeof entryActions)[number];

interface EntryTransition {
  action: EntryAction;
  from: readonly EntryStatus[];
  to: EntryStatus;
  roles: readonly Role[];
  window: Window | null;
  label: string;
}

const bureau = ['admin', 'bureau'] as const;

export const entryTransitions: readonly EntryTransition[] = [
  { action: 'submit', from: ['draft', 'returned'], to: 'submitted', roles: ['operator'], window: 'self_evaluation', label: '提交自评' },
  { action: 'return', from: ['submitted'], to: 'returned', roles: ['district'], window: 'district_review', label: '退回修改' },
  { action: 'forward', from: ['submitted'], to: 'forwarded', roles: ['district'], window: 'district_review', label: '初审通过并报送市局' },
  { action: 'start_review', from: ['forwarded'], to: 'under_review', roles: bureau, window: 'municipal_review', label: '分配专家，开始市级评审' },
  { action: 'finish_review', from: ['under_review'], to: 'reviewed', roles: bureau, window: 'municipal_review', label: '评审完成' },
  { action: 'grade', from: ['reviewed'], to: 'graded', roles: bureau, window: null, label: '评审会议确定等次' },
  { action: 'publish', from: ['graded'], to: 'published', roles: bureau, window: null, label: '公布结果' },
];

export interface Windows {
  /** Last day (ISO date, inclusive) of each window. */
  self_evaluation: string;
  district_review: string;
  municipal_review: string;
}

export type EntryTransitionCheck = { ok: true; to: EntryStatus } | { ok: false; code: 'NOT_ALLOWED' | 'ROLE' | 'WINDOW_CLOSED'; message: string };

/** Whether `role` may take `action` on an entry in `from` on `today` (ISO date). */
export function checkEntryAction(action: EntryAction, from: EntryStatus, role: Role, today: string, windows: Windows): EntryTransitionCheck {
  const t = entryTransitions.find((x) => x.action === action);
  if (!t || !t.from.includes(from)) {
    return { ok: false, code: 'NOT_ALLOWED', message: `「${entryStatusLabels[from]}」状态下不能${t?.label ?? action}` };
  }
  if (!t.roles.includes(role)) return { ok: false, code: 'ROLE', message: `您的角色不能${t.label}` };
  if (t.window !== null && today > windows[t.window]) {
    return { ok: false, code: 'WINDOW_CLOSED', message: `${t.label}的期限（${windows[t.window]}）已过，请联系市人力社保局延期` };
  }
  return { ok: true, to: t.to };
}

/** Which window an entry in this status is waiting on, for deadline display and reminders. */
export function pendingWindow(status: EntryStatus): Window | null {
  switch (status) {
    case 'draft':
    case 'returned':
      return 'self_evaluation';
    case 'submitted':
      return 'district_review';
    case 'forwarded':
    case 'under_review':
      return 'municipal_review';
    case 'reviewed':
    case 'graded':
    case 'published':
      return null;
  }
}

/** Overdue: still waiting on a window whose last day has passed. */
export function isOverdue(status: EntryStatus, today: string, windows: Windows): boolean {
  const w = pendingWindow(status);
  return w !== null && today > windows[w];
}

/** The operator edits the sheet only while it is in its hands. */
export function operatorMayEdit(status: EntryStatus): boolean {
  return status === 'draft' || status === 'returned';
}

/** Scores and grades stay with the bureau until publication (Art 31): nobody else sees them before. */
export function resultsVisible(role: Role, status: EntryStatus): boolean {
  return role === 'admin' || role === 'bureau' || status === 'published';
}
