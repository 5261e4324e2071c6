/**
 * The holiday calendar as the administrator keeps it: the package's data (chinese-days) overridden
 * by entries stored per year. The State Council publishes each year's schedule in November, often
 * after the package's last release, so a year may be entered by hand or a package date corrected.
 * Pure: the server loads the entries and passes them in.
 */
import type { DomainError, Result } from '../shared/result.js';
import { err, fail, ok } from '../shared/result.js';
import chineseDays from 'chinese-days';
import { chineseCalendar, localNoon, type WorkCalendar } from './calendar.js';
import { addDays, parseIsoDate, yearOf, type IsoDate } from './iso-date.js';

export const holidayEntryKinds = ['holiday', 'workday'] as const;
export type HolidayEntryKind = (typeof holidayEntryKinds)[number];
export const holidayEntryKindLabels: Record<HolidayEntryKind, string> = { holiday: '法定节假日', workday: '调休上班日' };

/** One date of a year's schedule: a statutory holiday (休) or a make-up working day (班), with its holiday's name. */
export interface HolidayEntry {
  readonly date: IsoDate;
  readonly kind: HolidayEntryKind;
  /** The holiday it belongs to, e.g. 春节. */
  readonly name: string;
}

/** Mon–Fri by the proleptic Gregorian calendar (Zeller-free: the epoch day 1970-01-01 was a Thursday). */
function isWeekday(date: IsoDate): boolean {
  const p = parseIsoDate(date);
  if (p === null) return false;
  const day = Math.floor(Date.UTC(p.y, p.m - 1, p.d) / 86_400_000);
  const dow = (((day + 4) % 7) + 7) % 7; // 0 Sunday … 6 Saturday
  return dow !== 0 && dow !== 6;
}

/**
 * The package calendar overridden by stored entries: a date with an entry is a holiday or a working
 * day as the entry says; other dates of a year the package covers follow the package; other dates
 * of a year only the entries cover are working days Monday to Friday. `years` are the years whose
 * schedule was entered (a year entered with no holiday at all still counts as entered).
 */
export function composeCalendar(base: WorkCalendar, entries: readonly HolidayEntry[], years: readonly number[] = []): WorkCalendar {
  const byDate = new Map<IsoDate, HolidayEntryKind>();
  const entered = new Set<number>(years);
  for (const e of entries) {
    byDate.set(e.date, e.kind);
    entered.add(yearOf(e.date));
  }
  if (entered.size === 0) return base;
  return {
    name: `${base.name}+entries`,
    covers: (year) => entered.has(year) || base.covers(year),
    isWorkingDay(date) {
      const kind = byDate.get(date);
      if (kind !== undefined) return kind === 'workday';
      return base.covers(yearOf(date)) ? base.isWorkingDay(date) : isWeekday(date);
    },
  };
}

/**
 * Checks a year's entries before they are saved: valid dates inside that year, one entry per date,
 * a name for each. Messages are Chinese and name the row (第 n 行).
 */
export function validateHolidayEntries(year: number, entries: readonly HolidayEntry[]): Result<HolidayEntry[]> {
  const errors: DomainError[] = [];
  if (!Number.isInteger(year) || year < 2000 || year > 2100) errors.push(err('YEAR_INVALID', '年度：须为 2000 至 2100 之间的整数', 'year'));
  const seen = new Set<IsoDate>();
  const out: HolidayEntry[] = [];
  entries.forEach((e, i) => {
    const row = `第 ${i + 1} 行`;
    const path = `entries[${i}]`;
    if (parseIsoDate(e.date) === null) errors.push(err('DATE_INVALID', `${row}：日期“${e.date}”须为有效日期（YYYY-MM-DD）`, `${path}.date`));
    else if (yearOf(e.date) !== year) errors.push(err('DATE_OUTSIDE_YEAR', `${row}：日期 ${e.date} 不在 ${year} 年内`, `${path}.date`));
    else if (seen.has(e.date)) errors.push(err('DATE_DUPLICATE', `${row}：日期 ${e.date} 重复`, `${path}.date`));
    seen.add(e.date);
    const name = e.name.trim();
    if (name === '') errors.push(err('NAME_MISSING', `${row}：请填写节日名称（如 春节）`, `${path}.name`));
    out.push({ date: e.date, kind: e.kind, name });
  });
  if (errors.length > 0) return fail(errors);
  return ok(out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)));
}

/** The refusal when a period reaches a year neither the package nor the administrator covers (RULES.md §6). */
export const uncoveredYearMessage = (year: number): string =>
  `公示期延伸至 ${year} 年，节假日安排尚未录入：请系统管理员在「节假日安排」中录入 ${year} 年的节假日和调休上班日`;

/**
 * The package's schedule of a year as entries (each holiday day and make-up working day with its
 * holiday's name), shown beside the administrator's own entries; empty for a year it lacks.
 */
export function packageHolidayEntries(year: number): HolidayEntry[] {
  if (!chineseCalendar.covers(year)) return [];
  const out: HolidayEntry[] = [];
  for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) {
    const p = parseIsoDate(d);
    if (p === null) continue;
    const detail = chineseDays.getDayDetail(localNoon(p.y, p.m, p.d));
    // Holiday-related days carry "English,中文,days"; plain days only a weekday name.
    const parts = detail.name.split(',');
    const name = parts[1];
    if (name === undefined) continue;
    const weekend = localNoon(p.y, p.m, p.d).getDay() % 6 === 0;
    if (!detail.work) out.push({ date: d, kind: 'holiday', name });
    else if (weekend) out.push({ date: d, kind: 'workday', name });
  }
  return out;
}
