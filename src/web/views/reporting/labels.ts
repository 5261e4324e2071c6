/** Wording shared by the reporting screens. */
import { reportStateLabels, type ReportState } from '../../../domain/reporting/workflow';

export type Standing = 'overdue' | 'due_soon' | 'open' | 'done' | 'not_asked';

/** A report's state for a list; nothing saved yet reads 未填报. */
export const stateText = (s: ReportState | null): string => (s === null ? '未填报' : reportStateLabels[s]);

export function stateTag(s: ReportState | null, standing: Standing): 'success' | 'warning' | 'danger' | 'info' | 'primary' {
  if (s === 'accepted') return 'success';
  if (s === 'submitted') return 'primary';
  if (s === 'returned' || standing === 'overdue') return 'danger';
  return standing === 'due_soon' ? 'warning' : 'info';
}

