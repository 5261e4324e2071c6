/**
 * Publicity notices (公示, Art 14 (三), RULES.md §6): a notice about a subject (for now a recognition
 * application; the annual results and 筹建 will follow) runs at least five days, counted as the Civil
 * Code counts a period with the statutory holiday calendar, and collects objections. The decision
 * it precedes waits for its end and for every objection to be resolved.
 */
import type { Result } from '../shared/result.js';
import { err, fail } from '../shared/result.js';
import { canRecognize, publicityPeriod, type DayCounting, type PublicityPeriod, type RecognitionGate } from '../dates/periods.js';
import { chineseCalendar, type WorkCalendar } from '../dates/calendar.js';
import type { IsoDate } from '../dates/iso-date.js';

export const publicitySubjectTypes = ['recognition_application', 'evaluation_result'] as const;
export type PublicitySubjectType = (typeof publicitySubjectTypes)[number];

export const dayCountings = ['calendar_days', 'working_days'] as const satisfies readonly DayCounting[];
export const dayCountingLabels: Record<DayCounting, string> = { calendar_days: '自然日', working_days: '工作日' };

/** Art 14 (三): 公示不少于5天. */
export const MIN_PUBLICITY_DAYS = 5;
export const MAX_PUBLICITY_DAYS = 60;

export { objectionOutcomeLabels, objectionOutcomes, objectionStatusLabels, objectionStatuses, type ObjectionOutcome, type ObjectionStatus } from './objection.js';

/** The period of a notice posted on `postedOn` for `days` days; fewer than five days are refused (field `days`). */
export function noticePeriod(postedOn: IsoDate, days: number, counting: DayCounting = 'calendar_days', calendar: WorkCalendar = chineseCalendar): Result<PublicityPeriod> {
  if (!Number.isInteger(days) || days < MIN_PUBLICITY_DAYS) {
    return fail([err('DAYS_TOO_FEW', `公示天数：公示期不少于 ${MIN_PUBLICITY_DAYS} 天（第十四条（三））`, 'days')]);
  }
  if (days > MAX_PUBLICITY_DAYS) return fail([err('DAYS_TOO_MANY', `公示天数：不超过 ${MAX_PUBLICITY_DAYS} 天`, 'days')]);
  return publicityPeriod(postedOn, days, counting, calendar);
}

export interface StoredPeriod { postedOn: IsoDate; days: number; counting: DayCounting; firstDay: IsoDate; lastDay: IsoDate; recognitionFrom: IsoDate }

/**
 * Whether the decision may be taken on `on`: not before the day after the period's last day, and not
 * while an objection is open. The reasons are Chinese sentences for the refusal.
 */
export function decisionGate(p: StoredPeriod, on: IsoDate, openObjections: number): RecognitionGate {
  return canRecognize({ ...p, extendedFrom: null, explanation: '' }, on, openObjections);
}
