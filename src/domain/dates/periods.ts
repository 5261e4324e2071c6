/**
 * Periods counted as the Civil Code counts them (民法典 Art 201–203): the first day is not
 * counted, and a period whose last day is a rest day runs to the next working day.
 */
import type { Result } from '../shared/result.js';
import { err, fail, ok } from '../shared/result.js';
import { chineseCalendar, type WorkCalendar } from './calendar.js';
import { uncoveredYearMessage } from './holiday-entries.js';
import { addDays, addYearsCorresponding, compareDates, parseIsoDate, yearOf, type IsoDate } from './iso-date.js';

export type DayCounting = 'calendar_days' | 'working_days';

export interface PublicityPeriod {
  readonly postedOn: IsoDate;
  readonly days: number;
  readonly counting: DayCounting;
  /** The day counting starts (the day after posting). */
  readonly firstDay: IsoDate;
  /** The last day of the period (the period runs to 24:00 of it). */
  readonly lastDay: IsoDate;
  /** Calendar counting whose plain last day was a rest day, moved to the next working day. */
  readonly extendedFrom: IsoDate | null;
  /** The first day recognition may be decided. */
  readonly recognitionFrom: IsoDate;
  readonly explanation: string;
}

function covered(calendar: WorkCalendar, date: IsoDate): Result<true> {
  const y = yearOf(date);
  return calendar.covers(y)
    ? ok(true)
    : fail([err('CALENDAR_NOT_COVERED', uncoveredYearMessage(y), 'date')]);
}

/** Moves a last day off rest days (Art 203); fails where the calendar has no data. */
function nextWorkingDay(date: IsoDate, calendar: WorkCalendar): Result<IsoDate> {
  let d = date;
  for (let i = 0; i < 60; i++) {
    const c = covered(calendar, d);
    if (!c.ok) return c;
    if (calendar.isWorkingDay(d)) return ok(d);
    d = addDays(d, 1);
  }
  return fail([err('CALENDAR_NOT_COVERED', '连续 60 天无工作日，日历数据有误', 'date')]);
}

/** Publicity of Art 14 (三): at least `days` days from the day after posting. */
export function publicityPeriod(postedOn: IsoDate, days: number, counting: DayCounting = 'calendar_days', calendar: WorkCalendar = chineseCalendar): Result<PublicityPeriod> {
  if (parseIsoDate(postedOn) === null) return fail([err('DATE_INVALID', `公示开始日期“${postedOn}”须为有效日期（YYYY-MM-DD）`, 'postedOn')]);
  if (!Number.isInteger(days) || days < 1) return fail([err('DAYS_INVALID', '公示天数须为正整数', 'days')]);
  const firstDay = addDays(postedOn, 1);
  let lastDay: IsoDate;
  let extendedFrom: IsoDate | null = null;
  if (counting === 'calendar_days') {
    const plain = addDays(postedOn, days);
    const moved = nextWorkingDay(plain, calendar);
    if (!moved.ok) return moved;
    lastDay = moved.value;
    if (lastDay !== plain) extendedFrom = plain;
  } else {
    let d = postedOn;
    let n = 0;
    while (n < days) {
      d = addDays(d, 1);
      const c = covered(calendar, d);
      if (!c.ok) return c;
      if (calendar.isWorkingDay(d)) n += 1;
    }
    lastDay = d;
  }
  const unit = counting === 'calendar_days' ? '日' : '个工作日';
  const explanation = `${postedOn} 发布，次日 ${firstDay} 起算 ${days} ${unit}，` +
    (extendedFrom === null ? `至 ${lastDay} 届满` : `原届满日 ${extendedFrom} 为休息日，顺延至 ${lastDay}`) +
    `；${addDays(lastDay, 1)} 起方可作出认定`;
  return ok({ postedOn, days, counting, firstDay, lastDay, extendedFrom, recognitionFrom: addDays(lastDay, 1), explanation });
}

export interface RecognitionGate {
  readonly allowed: boolean;
  readonly reasons: readonly string[];
}

/** Recognition is refused before the publicity ends and while any objection is unresolved. */
export function canRecognize(period: PublicityPeriod, on: IsoDate, unresolvedObjections: number): RecognitionGate {
  const reasons: string[] = [];
  if (compareDates(on, period.recognitionFrom) < 0) reasons.push(`公示期至 ${period.lastDay} 届满，${period.recognitionFrom} 前不得认定`);
  if (unresolvedObjections > 0) reasons.push(`尚有 ${unresolvedObjections} 项异议未处理完毕`);
  return { allowed: reasons.length === 0, reasons };
}

export interface Extension {
  readonly until: IsoDate;
  readonly reason: string;
  readonly decidedBy?: string;
  readonly decidedOn?: IsoDate;
}

export type PreparationStatus = 'accepted' | 'active' | 'expired';

export interface PreparationTerm {
  readonly approvedOn: IsoDate;
  /** One year (Art 15) as the Civil Code counts it, before any extension. */
  readonly plainEnd: IsoDate;
  readonly end: IsoDate;
  readonly extensions: readonly Extension[];
  readonly status: PreparationStatus;
  readonly explanation: string;
}

/**
 * 筹建 (Art 15): at most `years` from approval in principle; the bureau may extend it with a
 * recorded reason. Without acceptance by the end the qualification is cancelled.
 */
export function preparationTerm(approvedOn: IsoDate, asOf: IsoDate, options: { years?: number; extensions?: readonly Extension[]; acceptedOn?: IsoDate } = {}): Result<PreparationTerm> {
  if (parseIsoDate(approvedOn) === null) return fail([err('DATE_INVALID', `批准筹建日期“${approvedOn}”须为有效日期`, 'approvedOn')]);
  if (parseIsoDate(asOf) === null) return fail([err('DATE_INVALID', `核查日期“${asOf}”须为有效日期`, 'asOf')]);
  const plainEnd = addYearsCorresponding(approvedOn, options.years ?? 1);
  let end = plainEnd;
  const extensions = options.extensions ?? [];
  for (const [i, e] of extensions.entries()) {
    if (e.reason.trim() === '') return fail([err('REASON_REQUIRED', '延长筹建期须记录理由', `extensions[${i}].reason`)]);
    if (parseIsoDate(e.until) === null || compareDates(e.until, end) <= 0) {
      return fail([err('EXTENSION_INVALID', `延长后的截止日期须晚于 ${end}`, `extensions[${i}].until`)]);
    }
    end = e.until;
  }
  const accepted = options.acceptedOn;
  if (accepted !== undefined && parseIsoDate(accepted) === null) return fail([err('DATE_INVALID', `验收日期“${accepted}”须为有效日期`, 'acceptedOn')]);
  const status: PreparationStatus = accepted !== undefined && compareDates(accepted, end) <= 0 && compareDates(accepted, asOf) <= 0
    ? 'accepted'
    : compareDates(asOf, end) <= 0 ? 'active' : 'expired';
  const text = status === 'accepted' ? `已于 ${accepted ?? ''} 验收通过，纳入市级平台管理`
    : status === 'active' ? `筹建期至 ${end}，尚未验收；筹建期间不参加年度评估`
      : `筹建期已于 ${end} 届满且未验收通过，取消筹建资格`;
  return ok({ approvedOn, plainEnd, end, extensions, status, explanation: `${approvedOn} 批准筹建，一年期至 ${plainEnd}${end === plainEnd ? '' : `，经延长至 ${end}`}；${text}` });
}

export type DeadlineStatus = 'met' | 'pending' | 'overdue';

/** Art 17 deadlines: a condition not met by its date is raised to the bureau. */
export function deadlineStatus(dueDate: IsoDate, asOf: IsoDate, met: boolean): DeadlineStatus {
  if (met) return 'met';
  return compareDates(asOf, dueDate) <= 0 ? 'pending' : 'overdue';
}
