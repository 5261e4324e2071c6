/** Chinese wording of the municipal review, panel and results (docs/api-evaluations.md). */
import type { AssignmentStatus, Grade, Proposal, ResultItem, ReviewEntryStatus } from '../api/review';

export const ENTRY_STATUS_LABELS: Record<ReviewEntryStatus, string> = {
  draft: '自评中',
  submitted: '待区县初审',
  returned: '已退回修改',
  forwarded: '已报送市局',
  under_review: '市级评审中',
  reviewed: '评审完成',
  graded: '已定等次',
  published: '已公布',
};

export const ASSIGNMENT_STATUS_LABELS: Record<AssignmentStatus, string> = {
  assigned: '评审中',
  declined: '已回避',
  submitted: '已提交',
};

export const GRADE_LABELS: Record<Grade, string> = { excellent: '优秀', pass: '合格', fail: '不合格', held: '待定' };

type TagType = 'success' | 'warning' | 'danger' | 'info' | 'primary';
export const GRADE_TAGS: Record<Grade, TagType> = { excellent: 'success', pass: 'primary', fail: 'danger', held: 'warning' };
export const ASSIGNMENT_STATUS_TAGS: Record<AssignmentStatus, TagType> = { assigned: 'warning', declined: 'info', submitted: 'success' };

export const GRADE_SOURCE_LABELS: Record<ResultItem['gradeSource'], string> = {
  computed: '按分数确定',
  tie_decision: '评审会议决定（并列）',
  override: '评审会议调整',
  lost_conditions: '不再符合认定条件',
};

export const PROPOSAL_KIND_LABELS: Record<Proposal['kind'], string> = { removal: '建议退出市级平台', promotion: '建议认定为市级平台' };
export const PROPOSAL_STATUS_LABELS: Record<Proposal['status'], string> = { proposed: '待处理', confirmed: '已确认', rejected: '已驳回' };

/** A fact value as text: numbers and strings as they are, anything else as JSON. */
export function factText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
