/**
 * Working-day calendar. The default reads Chinese statutory holidays and make-up working
 * days from the chinese-days package, which is pure data and computation (no I/O); any
 * other calendar can be injected through the same interface.
 */
import chineseDays from 'chinese-days';
import { parseIsoDate, type IsoDate } from './iso-date.js';

export interface WorkCalendar {
  /** True for a working day, including a weekend day worked to make up for a holiday. */
  isWorkingDay(date: IsoDate): boolean;
  /** True when the calendar holds the statutory holidays of that year. */
  covers(year: number): boolean;
  readonly name: string;
}

const coverage = new Map<number, boolean>();

// Dates are handed over as local noon so the package's local-time formatting cannot shift the day.
export const localNoon = (y: number, m: number, d: number): Date => new Date(y, m - 1, d, 12);

export const chineseCalendar: WorkCalendar = {
  name: 'chinese-days',
  isWorkingDay(date) {
    const p = parseIsoDate(date);
    if (p === null) return false;
    return chineseDays.getDayDetail(localNoon(p.y, p.m, p.d)).work;
  },
  covers(year) {
    const hit = coverage.get(year);
    if (hit !== undefined) return hit;
    const holidays = chineseDays.getHolidaysInRange(localNoon(year, 1, 1), localNoon(year, 12, 31), false);
    const covered = holidays.length > 0;
    coverage.set(year, covered);
    return covered;
  },
};

