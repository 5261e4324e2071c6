import { describe, expect, it } from 'vitest';
import { remindersDue } from './reminders.js';
import type { EntryStatus } from './workflow.js';

const windows = { self_evaluation: '2026-03-31', district_review: '2026-04-15', municipal_review: '2026-05-31' };
const e = (id: string, status: EntryStatus) => ({ id, status, platformName: `平台${id}` });

describe('deadline reminders', () => {
  it('nothing before the lead days, due_soon from 3 days before through the last day, overdue after', () => {
    const at = (today: string) => remindersDue([e('a', 'draft')], windows, today, 2025).map((r) => r.kind);
    expect(at('2026-03-27')).toEqual([]);
    expect(at('2026-03-28')).toEqual(['due_soon']);
    expect(at('2026-03-31')).toEqual(['due_soon']);
    expect(at('2026-04-01')).toEqual(['overdue']);
  });

  it('tells whoever holds the entry in each status, and nobody once reviewed', () => {
    const today = '2026-06-01';
    const r = remindersDue([e('a', 'draft'), e('b', 'returned'), e('c', 'submitted'), e('d', 'forwarded'), e('f', 'under_review'), e('g', 'reviewed'), e('h', 'published')], windows, today, 2025);
    expect(r.map((x) => [x.entryId, x.holder, x.window])).toEqual([
      ['a', 'operator', 'self_evaluation'], ['b', 'operator', 'self_evaluation'], ['c', 'district', 'district_review'],
      ['d', 'bureau', 'municipal_review'], ['f', 'bureau', 'municipal_review'],
    ]);
    expect(r.every((x) => x.kind === 'overdue')).toBe(true);
  });

  it('says what is due in Chinese, with the date, and keys by window end so a moved window reminds again', () => {
    const [soon] = remindersDue([e('a', 'submitted')], windows, '2026-04-14', 2025);
    expect(soon).toMatchObject({ title: '平台a的2025年度区县初审将于 2026-04-15 截止', dedupeKey: 'deadline:a:district_review:2026-04-15:due_soon' });
    const [late] = remindersDue([e('a', 'submitted')], { ...windows, district_review: '2026-04-20' }, '2026-04-21', 2025);
    expect(late).toMatchObject({ title: '平台a的2025年度区县初审已逾期（截止 2026-04-20）', dedupeKey: 'deadline:a:district_review:2026-04-20:overdue' });
  });

  it('takes its lead days as a parameter', () => {
    expect(remindersDue([e('a', 'draft')], windows, '2026-03-24', 2025, 7).map((r) => r.kind)).toEqual(['due_soon']);
    expect(remindersDue([e('a', 'draft')], windows, '2026-03-30', 2025, 0)).toEqual([]);
  });
});
