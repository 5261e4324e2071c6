/**
 * The life of a notice (公示) once posted: it stays posted (and may be corrected, each correction a
 * new revision with its reason) until it is withdrawn with a reason. A withdrawn notice stays
 * readable with its history; its items go back to where they were before the posting.
 */
export const noticeStatuses = ['posted', 'withdrawn'] as const;
export type NoticeStatus = (typeof noticeStatuses)[number];
export const noticeStatusLabels: Record<NoticeStatus, string> = { posted: '已发布', withdrawn: '已撤回' };

/** The kinds of a notice's revision: its posting, a correction, its withdrawal. */
export const noticeRevisionKinds = ['post', 'correct', 'withdraw'] as const;
export type NoticeRevisionKind = (typeof noticeRevisionKinds)[number];
export const noticeRevisionKindLabels: Record<NoticeRevisionKind, string> = { post: '发布', correct: '更正', withdraw: '撤回' };

export type NoticeAction = Exclude<NoticeRevisionKind, 'post'>;

interface NoticeTransition { action: NoticeAction; from: readonly NoticeStatus[]; to: NoticeStatus; label: string; reasonRequired: true }

/** Posting creates a notice; after that, only these changes exist, and each must say why. */
export const noticeTransitions: readonly NoticeTransition[] = [
  { action: 'correct', from: ['posted'], to: 'posted', label: '更正公示', reasonRequired: true },
  { action: 'withdraw', from: ['posted'], to: 'withdrawn', label: '撤回公示', reasonRequired: true },
];

export type NoticeCheck = { ok: true; to: NoticeStatus } | { ok: false; code: 'NOT_ALLOWED' | 'REASON_REQUIRED'; message: string };

export function checkNoticeAction(action: NoticeAction, from: NoticeStatus, reason: string | null | undefined): NoticeCheck {
  const t = noticeTransitions.find((x) => x.action === action);
  if (!t) return { ok: false, code: 'NOT_ALLOWED', message: '不支持的操作' };
  if (!t.from.includes(from)) return { ok: false, code: 'NOT_ALLOWED', message: `「${noticeStatusLabels[from]}」的公示不能${t.label.replace('公示', '')}` };
  if (t.reasonRequired && (reason === undefined || reason === null || reason.trim() === '')) {
    return { ok: false, code: 'REASON_REQUIRED', message: `原因：${t.label}须填写原因` };
  }
  return { ok: true, to: t.to };
}

/** The changes a notice in `status` allows (the buttons its page offers). */
export function noticeActionsFor(status: NoticeStatus): NoticeAction[] {
  return noticeTransitions.filter((t) => t.from.includes(status)).map((t) => t.action);
}

/**
 * Days left of a notice's period on `today`, the last day counting as one (the period runs to 24:00
 * of it); 0 once it has ended. Before the first day the whole period is left.
 */
export function daysLeft(lastDay: string, today: string): number {
  if (today > lastDay) return 0;
  return Math.round((Date.parse(`${lastDay}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000) + 1;
}

/** Whether a notice is current on `today`: posted, not withdrawn, and its period not yet over. */
export function isCurrent(status: NoticeStatus, lastDay: string, today: string): boolean {
  return status === 'posted' && today <= lastDay;
}
