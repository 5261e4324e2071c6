/** Chinese wording of docs/api-evaluations.md: entry statuses, campaign statuses, grades. */
import type { EntryStatus, EvaluationStatus, Grade, SchemeStatus } from '../api/evaluation-types';

type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger';

export const ENTRY_STATUS_LABELS: Record<EntryStatus, string> = {
  draft: '自评中',
  submitted: '待区县初审',
  returned: '已退回修改',
  forwarded: '已报送市局',
  under_review: '市级评审中',
  reviewed: '评审完成',
  graded: '已定等次',
  published: '已公布',
};
export const ENTRY_STATUS_TAGS: Record<EntryStatus, TagType> = {
  draft: 'info',
  submitted: 'warning',
  returned: 'danger',
  forwarded: 'primary',
  under_review: 'primary',
  reviewed: 'success',
  graded: 'success',
  published: 'success',
};
export const EVALUATION_STATUS_LABELS: Record<EvaluationStatus, string> = { draft: '未开启', open: '进行中', published: '已公布' };
export const EVALUATION_STATUS_TAGS: Record<EvaluationStatus, TagType> = { draft: 'info', open: 'success', published: 'primary' };
export const SCHEME_STATUS_LABELS: Record<SchemeStatus, string> = { draft: '草稿', adopted: '已启用' };
export const SCHEME_STATUS_TAGS: Record<SchemeStatus, TagType> = { draft: 'warning', adopted: 'success' };
export const GRADE_LABELS: Record<Grade, string> = { excellent: '优秀', pass: '合格', fail: '不合格', held: '待定' };
export const WINDOW_LABELS = {
  selfEvaluationEnd: '自评截止日',
  districtReviewEnd: '区县初审截止日',
  municipalReviewEnd: '市级评审截止日',
} as const;
