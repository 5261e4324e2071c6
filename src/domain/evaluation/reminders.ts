/**
 * Deadline reminders for the evaluation windows (Art 28, RULES.md §6): whoever holds an entry is
 * told a few days before its window closes, and again once it is overdue. Pure: the server
 * feeds it the open campaigns' entries and delivers what it returns.
 */
import { addDays, type IsoDate } from '../dates/iso-date.js';
import { pendingWindow, type EntryStatus, type Window, type Windows } from './workflow.js';

/** Who holds the entry while it waits on each window. */
export type Holder = 'operator' | 'district' | 'bureau';
export type ReminderKind = 'due_soon' | 'overdue';

export interface ReminderEntry {
  id: string;
  status: EntryStatus;
  platformName: string;
}

export interface Reminder {
  entryId: string;
  holder: Holder;
  kind: ReminderKind;
  window: Window;
  /** Last day of the window. */
  end: IsoDate;
  title: string;
  /** Same key, same user: delivered once. A moved window gives a new key, so a new reminder. */
  dedupeKey: string;
}

const holders: Record<Window, Holder> = { self_evaluation: 'operator', district_review: 'district', municipal_review: 'bureau' };
const windowLabels: Record<Window, string> = { self_evaluation: '自评', district_review: '区县初审', municipal_review: '市级评审' };

/** The reminders due today: `leadDays` before the end (inclusive) and after it. */
export function remindersDue(entries: readonly ReminderEntry[], windows: Windows, today: IsoDate, year: number, leadDays = 3): Reminder[] {
  const out: Reminder[] = [];
  for (const e of entries) {
    const w = pendingWindow(e.status);
    if (w === null) continue;
    const end = windows[w];
    const kind: ReminderKind | null = today > end ? 'overdue' : today >= addDays(end, -leadDays) ? 'due_soon' : null;
    if (kind === null) continue;
    const what = `${e.platformName}的${year}年度${windowLabels[w]}`;
    out.push({
      entryId: e.id, holder: holders[w], kind, window: w, end,
      title: kind === 'overdue' ? `${what}已逾期（截止 ${end}）` : `${what}将于 ${end} 截止`,
      dedupeKey: `deadline:${e.id}:${w}:${end}:${kind}`,
    });
  }
  return out;
}
