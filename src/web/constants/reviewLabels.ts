/** Chinese wording of the municipal review, panel and results (docs/api-evaluations.md). */
import type { AssignmentStatus, Grade, Proposal, ResultItem, ReviewEntryStatus } from '../api/review';
import * as labels from '../../domain/labels';

export { factLabel, factValueText } from '../../domain/labels';

// Wording from the one label table, src/domain/labels.
export const ENTRY_STATUS_LABELS: Record<ReviewEntryStatus, string> = labels.entryStatusLabels;

export const ASSIGNMENT_STATUS_LABELS: Record<AssignmentStatus, string> = labels.ASSIGNMENT_STATUS_LABELS;

export const GRADE_LABELS: Record<Grade, string> = labels.GRADE_LABELS;

type TagType = 'success' | 'warning' | 'danger' | 'info' | 'primary';
export const GRADE_TAGS: Record<Grade, TagType> = { excellent: 'success', pass: 'primary', fail: 'danger', held: 'warning' };
export const ASSIGNMENT_STATUS_TAGS: Record<AssignmentStatus, TagType> = { assigned: 'warning', declined: 'info', submitted: 'success' };

export const GRADE_SOURCE_LABELS: Record<ResultItem['gradeSource'], string> = labels.GRADE_SOURCE_LABELS;

export const PROPOSAL_KIND_LABELS: Record<Proposal['kind'], string> = labels.PROPOSAL_KIND_LABELS;
export const PROPOSAL_STATUS_LABELS: Record<Proposal['status'], string> = labels.PROPOSAL_STATUS_LABELS;

/** A fact value as the expert types it: numbers and strings as they are, anything else as JSON (factValueText shows it in Chinese). */
export function factText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
