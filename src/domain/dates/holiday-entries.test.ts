/** The package calendar overridden by the administrator's entries (issue #14, the holiday calendar). */
import { describe, expect, it } from 'vitest';
import { chineseCalendar } from './calendar.js';
import { composeCalendar, packageHolidayEntries, validateHolidayEntries, type HolidayEntry } from './holiday-entries.js';
import { publicityPeriod } from './periods.js';

/** The 2027 schedule as the State Council might publish it (test data, not the real notice). */
const y2027: HolidayEntry[] = [
  { date: '2027-01-01', kind: 'holiday', name: '元旦' },
  { date: '2027-02-06', kind: 'holiday', name: '春节' }, { date: '2027-02-07', kind: 'holiday', name: '春节' },
  { date: '2027-02-08', kind: 'holiday', name: '春节' }, { date: '2027-02-09', kind: 'holiday', name: '春节' },
  { date: '2027-02-10', kind: 'holiday', name: '春节' }, { date: '2027-02-11', kind: 'holiday', name: '春节' },
  { date: '2027-02-12', kind: 'holiday', name: '春节' }, { date: '2027-02-13', kind: 'holiday', name: '春节' },
  { date: '2027-02-14', kind: 'workday', name: '春节' },
];

describe('composeCalendar', () => {
  it('covers a year when the package or the entries cover it', () => {
    expect(chineseCalendar.covers(2026)).toBe(true);
    expect(chineseCalendar.covers(2027)).toBe(false);
    const c = composeCalendar(chineseCalendar, y2027);
    expect([c.covers(2025), c.covers(2026), c.covers(2027), c.covers(2028)]).toEqual([true, true, true, false]);
    expect(composeCalendar(chineseCalendar, [], [2028]).covers(2028)).toBe(true);
    expect(composeCalendar(chineseCalendar, [])).toBe(chineseCalendar);
  });

  it('an entry wins over the package; other days of an entered year are Monday to Friday', () => {
    const c = composeCalendar(chineseCalendar, [...y2027, { date: '2026-03-03', kind: 'holiday', name: '测试更正' }]);
    expect(c.isWorkingDay('2026-03-03')).toBe(false); // a Tuesday the package calls a working day
    expect(c.isWorkingDay('2026-03-04')).toBe(true); // untouched: the package
    expect(c.isWorkingDay('2026-10-01')).toBe(false); // the package's National Day
    expect(c.isWorkingDay('2027-01-01')).toBe(false); // 元旦, a Friday
    expect(c.isWorkingDay('2027-01-04')).toBe(true); // a Monday
    expect(c.isWorkingDay('2027-01-09')).toBe(false); // a Saturday
    expect(c.isWorkingDay('2027-02-14')).toBe(true); // a make-up Sunday
  });
});

describe('publicity periods with the stored calendar', () => {
  it('a period reaching a year neither covers is refused, naming the year to enter', () => {
    const r = publicityPeriod('2026-12-28', 5);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]).toMatchObject({
      code: 'CALENDAR_NOT_COVERED',
      message: '公示期延伸至 2027 年，节假日安排尚未录入：请系统管理员在「节假日安排」中录入 2027 年的节假日和调休上班日',
    });
  });

  it('the same period counts once 2027 is entered', () => {
    const r = publicityPeriod('2026-12-28', 5, 'calendar_days', composeCalendar(chineseCalendar, y2027));
    // 12-28 + 5 = 2027-01-02, a Saturday after 元旦 (Friday): the next working day is Monday 01-04.
    expect(r.ok && [r.value.extendedFrom, r.value.lastDay]).toEqual(['2027-01-02', '2027-01-04']);
  });

  it('a stored holiday moves a computed end date (posted 2026-09-28 for 5 days)', () => {
    const plain = publicityPeriod('2026-09-28', 5);
    expect(plain.ok && plain.value.lastDay).toBe('2026-10-08');
    const corrected = composeCalendar(chineseCalendar, [{ date: '2026-10-08', kind: 'holiday', name: '国庆节' }]);
    const moved = publicityPeriod('2026-09-28', 5, 'calendar_days', corrected);
    expect(moved.ok && moved.value.lastDay).toBe('2026-10-09');
    expect(moved.ok && moved.value.explanation).toContain('原届满日 2026-10-03 为休息日，顺延至 2026-10-09');
  });
});

describe('validateHolidayEntries', () => {
  it('sorts and trims good entries', () => {
    const r = validateHolidayEntries(2027, [{ date: '2027-02-14', kind: 'workday', name: ' 春节 ' }, { date: '2027-01-01', kind: 'holiday', name: '元旦' }]);
    expect(r.ok && r.value).toEqual([{ date: '2027-01-01', kind: 'holiday', name: '元旦' }, { date: '2027-02-14', kind: 'workday', name: '春节' }]);
  });

  it('refuses dates outside the year, duplicates, bad dates and missing names, naming the row', () => {
    const r = validateHolidayEntries(2027, [
      { date: '2026-12-31', kind: 'holiday', name: '元旦' }, { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2027-01-01', kind: 'holiday', name: '元旦' }, { date: '2027-02-30', kind: 'holiday', name: '春节' }, { date: '2027-05-01', kind: 'holiday', name: ' ' },
    ]);
    expect(!r.ok && r.errors.map((e) => e.message)).toEqual([
      '第 1 行：日期 2026-12-31 不在 2027 年内', '第 3 行：日期 2027-01-01 重复', '第 4 行：日期“2027-02-30”须为有效日期（YYYY-MM-DD）', '第 5 行：请填写节日名称（如 春节）',
    ]);
  });
});

describe('packageHolidayEntries', () => {
  it('lists the package schedule of a year it covers, and nothing for one it lacks', () => {
    const e = packageHolidayEntries(2026);
    expect(e).toContainEqual({ date: '2026-10-01', kind: 'holiday', name: '国庆节' });
    expect(e).toContainEqual({ date: '2026-02-14', kind: 'workday', name: '春节' });
    expect(e.some((x) => x.date === '2026-03-03')).toBe(false);
    expect(packageHolidayEntries(2027)).toEqual([]);
  });
});
