/**
 * 筹建 (Art 15, RULES.md §6): the bureau may approve preparatory construction only for an urgent
 * need of a major strategy, plan or project, with its consent (both recorded). The term is one year
 * from approval (preparationTerm(): the Civil Code's corresponding day), extended only with a
 * recorded reason; without a passed acceptance by the end the qualification is cancelled. The
 * district and the operator are reminded 90, 30 and 7 days before the end, each threshold once per end.
 */
import { daysBetween, parseIsoDate, type IsoDate } from '../dates/iso-date.js';
import { preparationTerm, type Extension, type PreparationTerm } from '../dates/periods.js';
import { err, fail, ok, type DomainError, type Result } from '../shared/result.js';

export const preparationNeedKinds = ['strategy', 'plan', 'project'] as const;
export type PreparationNeedKind = (typeof preparationNeedKinds)[number];
export const preparationNeedKindLabels: Record<PreparationNeedKind, string> = { strategy: '重大战略', plan: '重大规划', project: '重大项目' };

/** The stored state of a term: running, accepted (its acceptance passed), cancelled (acceptance failed) or expired (cancelled by the end). */
export const preparationTermStatuses = ['running', 'accepted', 'cancelled', 'expired'] as const;
export type PreparationTermStatus = (typeof preparationTermStatuses)[number];
export const preparationTermStatusLabels: Record<PreparationTermStatus, string> = {
  running: '筹建中', accepted: '验收通过', cancelled: '验收不通过，已取消筹建资格', expired: '期满未验收，已取消筹建资格',
};

/** Days before the end at which the district and the operator are reminded, largest first. */
export const preparationReminderDays = [90, 30, 7] as const;
/** The bureau's to-do list shows every running term ending within this many days. */
export const PREPARATION_TODO_DAYS = 90;

/** Days from `today` to the last day of the term: 0 on the last day, negative once it has passed. */
export function daysLeft(end: IsoDate, today: IsoDate): number {
  return daysBetween(today, end);
}

/** A reminder's key: the threshold and the end it counts to, so that an extension's new end is reminded afresh. */
export const reminderKey = (end: IsoDate, days: number): string => `${end}:${days}`;

/**
 * The reminder due today, if any: the smallest threshold reached and not yet sent for this end. A
 * threshold passed unsent (the job did not run, or the term was approved late) is not sent late on
 * top of a smaller one: `marks` lists every key to record as done.
 */
export function dueReminder(end: IsoDate, today: IsoDate, sent: readonly string[]): { days: number; left: number; marks: string[] } | null {
  const left = daysLeft(end, today);
  if (left < 0) return null;
  const reached = preparationReminderDays.filter((d) => left <= d);
  if (reached.length === 0) return null;
  const marks = reached.map((d) => reminderKey(end, d)).filter((k) => !sent.includes(k));
  if (marks.length === 0) return null;
  return { days: Math.min(...reached), left, marks };
}

export interface TermInput {
  approvedOn: IsoDate;
  extensions: readonly Extension[];
  acceptedOn?: IsoDate | undefined;
}

/** The term on the calendar as of `today` (preparationTerm), with the days left; a stored term that fails the rule is a programming error. */
export function termOn(t: TermInput, today: IsoDate): PreparationTerm & { daysLeft: number } {
  const r = preparationTerm(t.approvedOn, today, { extensions: t.extensions, ...(t.acceptedOn === undefined ? {} : { acceptedOn: t.acceptedOn }) });
  if (!r.ok) throw new Error(`stored preparation term is invalid: ${r.errors.map((e) => e.message).join('; ')}`);
  return { ...r.value, daysLeft: daysLeft(r.value.end, today) };
}

/** Whether a running term has passed its end as of `today` (the day after the last day). */
export function termExpired(t: TermInput, today: IsoDate): boolean {
  return termOn(t, today).status === 'expired';
}

/**
 * An approval's checks: the need and the consent written, the date valid and not in the future.
 * Returns the term's plain end (one year, Art 15).
 */
export function checkApproval(input: { needKind: PreparationNeedKind; need: string; consent: string; approvedOn: IsoDate }, today: IsoDate): Result<{ end: IsoDate }> {
  const errors: DomainError[] = [];
  if (input.need.trim() === '') errors.push(err('REASON_REQUIRED', '急需的重大战略、规划或项目：须写明', 'need'));
  if (input.consent.trim() === '') errors.push(err('REASON_REQUIRED', '市人力社保局同意意见：须写明', 'consent'));
  if (parseIsoDate(input.approvedOn) === null) errors.push(err('DATE_INVALID', '批准筹建日期：须为有效日期', 'approvedOn'));
  else if (input.approvedOn > today) errors.push(err('DATE_INVALID', '批准筹建日期：不能晚于今天', 'approvedOn'));
  if (errors.length > 0) return fail(errors);
  return ok({ end: termOn({ approvedOn: input.approvedOn, extensions: [] }, input.approvedOn).end });
}

/** An extension's checks (preparationTerm's: a reason, a later end), plus: only a running term, decided no later than its end. */
export function checkExtension(t: TermInput, ext: { until: IsoDate; reason: string }, today: IsoDate): Result<{ end: IsoDate }> {
  const current = termOn(t, today);
  if (current.status === 'expired') return fail([err('TERM_ENDED', `筹建期已于 ${current.end} 届满，不能再延长`, 'until')]);
  const r = preparationTerm(t.approvedOn, today, { extensions: [...t.extensions, { until: ext.until, reason: ext.reason }] });
  if (!r.ok) return fail(r.errors.map((e) => err(e.code, e.message, e.path?.endsWith('reason') ? 'reason' : 'until')));
  return ok({ end: r.value.end });
}
