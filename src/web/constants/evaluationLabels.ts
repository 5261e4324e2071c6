/** Chinese wording of docs/api-evaluations.md: entry statuses, campaign statuses, grades. */
import type { EntryStatus, EvaluationStatus, Grade, SchemeStatus } from '../api/evaluation-types';
import * as labels from '../../domain/labels';

type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger';

// Wording from the one label table, src/domain/labels.
export const ENTRY_STATUS_LABELS: Record<EntryStatus, string> = labels.entryStatusLabels;
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
export const EVALUATION_STATUS_LABELS: Record<EvaluationStatus, string> = labels.EVALUATION_STATUS_LABELS;
export const EVALUATION_STATUS_TAGS: Record<EvaluationStatus, TagType> = { draft: 'info', open: 'success', published: 'primary' };
export const SCHEME_STATUS_LABELS: Record<SchemeStatus, string> = labels.SCHEME_STATUS_LABELS;
export const SCHEME_STATUS_TAGS: Record<SchemeStatus, TagType> = { draft: 'warning', adopted: 'success' };
export const GRADE_LABELS: Record<Grade, string> = labels.GRADE_LABELS;
export const WINDOW_LABELS = labels.WINDOW_LABELS;
