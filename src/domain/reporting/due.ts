/**
 * Due dates and reminders of reporting periods: one reminder some days before the due date and
 * one after it, each sent once per platform and period, only while the report is not yet handed
 * in (a submitted or accepted report needs no reminder; a returned one does).
 */
import type { ReportState } from './workflow.js';

export const REMIND_DAYS_BEFORE = 7;
export type ReminderKind = 'due_soon' | 'overdue';

const DAY = 86_400_000;
export const daysBetween = (fromIso: string, toIso: string): number => Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / DAY);

/** Whether the reporter still owes the report (nothing saved yet counts as owed). */
export const reportOwed = (state: ReportState | null): boolean => state === null || state === 'draft' || state === 'returned';

/** The reminder due today for a period, or null; `sent` holds the kinds already sent. */
export function dueReminder(dueOn: string, today: string, state: ReportState | null, sent: readonly ReminderKind[]): ReminderKind | null {
  if (!reportOwed(state)) return null;
  const left = daysBetween(today, dueOn);
  if (left < 0) return sent.includes('overdue') ? null : 'overdue';
  if (left <= REMIND_DAYS_BEFORE) return sent.includes('due_soon') ? null : 'due_soon';
  return null;
}

/** A period's standing for the reporter's list: overdue, due within the reminder window, or later. */
export function dueStanding(dueOn: string, today: string, state: ReportState | null): 'overdue' | 'due_soon' | 'open' | 'done' {
  if (!reportOwed(state)) return 'done';
  const left = daysBetween(today, dueOn);
  if (left < 0) return 'overdue';
  return left <= REMIND_DAYS_BEFORE ? 'due_soon' : 'open';
}

/** The periods of a cycle: four quarters due a set number of days after each quarter, or the year. */
export function periodsOf(kind: 'quarterly' | 'yearly', year: number, daysAfterEnd: number): { label: string; quarter: number | null; dueOn: string }[] {
  const add = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
  if (kind === 'yearly') return [{ label: `${year} 年度`, quarter: null, dueOn: add(`${year}-12-31`, daysAfterEnd) }];
  const ends = [`${year}-03-31`, `${year}-06-30`, `${year}-09-30`, `${year}-12-31`];
  return ends.map((end, i) => ({ label: `${year} 年第${'一二三四'[i] ?? ''}季度`, quarter: i + 1, dueOn: add(end, daysAfterEnd) }));
}
