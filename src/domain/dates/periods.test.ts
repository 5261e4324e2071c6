/** Civil Code periods with statutory holidays and make-up working days. */
import { describe, expect, it } from 'vitest';
import { chineseCalendar, type WorkCalendar } from './calendar.js';
import { addYearsCorresponding, parseIsoDate } from './iso-date.js';
import { canRecognize, deadlineStatus, preparationTerm, publicityPeriod, type PublicityPeriod } from './periods.js';

function period(postedOn: string, days = 5, counting: 'calendar_days' | 'working_days' = 'calendar_days', cal?: WorkCalendar): PublicityPeriod {
  const r = publicityPeriod(postedOn, days, counting, cal);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

describe('the holiday calendar', () => {
  it('has 2025 and 2026 with make-up working days', () => {
    expect(chineseCalendar.covers(2025)).toBe(true);
    expect(chineseCalendar.covers(2026)).toBe(true);
    expect(chineseCalendar.isWorkingDay('2025-10-01')).toBe(false);
    expect(chineseCalendar.isWorkingDay('2025-09-28')).toBe(true);
    expect(chineseCalendar.isWorkingDay('2025-10-11')).toBe(true);
    expect(chineseCalendar.isWorkingDay('2025-06-14')).toBe(false);
    expect(chineseCalendar.isWorkingDay('2026-02-14')).toBe(true);
  });
});

describe('publicity (Art 14 (三), at least 5 days)', () => {
  it('does not count the posting day and ends on the 5th day when it is a working day', () => {
    const p = period('2025-04-25');
    expect(p.firstDay).toBe('2025-04-26');
    expect(p.lastDay).toBe('2025-04-30');
    expect(p.extendedFrom).toBeNull();
    expect(p.recognitionFrom).toBe('2025-05-01');
  });

  it('runs past a weekend to the next working day', () => {
    expect(period('2025-06-09').lastDay).toBe('2025-06-16');
    expect(period('2025-06-09').extendedFrom).toBe('2025-06-14');
  });

  it('runs past the National Day holiday', () => {
    const p = period('2025-09-26');
    expect(p.extendedFrom).toBe('2025-10-01');
    expect(p.lastDay).toBe('2025-10-09');
    expect(p.explanation).toContain('顺延至 2025-10-09');
  });

  it('ends on a make-up working Sunday', () => {
    expect(period('2025-09-23').lastDay).toBe('2025-09-28');
  });

  it('counts working days when the bureau sets it', () => {
    expect(period('2025-09-26', 5, 'working_days').lastDay).toBe('2025-10-10');
    expect(period('2025-04-25', 5, 'working_days').lastDay).toBe('2025-05-06');
  });

  it('refuses to guess beyond the calendar, and bad input', () => {
    const r = publicityPeriod('2026-12-28', 5);
    expect(!r.ok && r.errors[0]?.code).toBe('CALENDAR_NOT_COVERED');
    expect(publicityPeriod('2025-02-30', 5).ok).toBe(false);
    expect(publicityPeriod('2025-03-01', 0).ok).toBe(false);
  });

  it('takes an injected calendar', () => {
    const everyDay: WorkCalendar = { name: 'test', covers: () => true, isWorkingDay: () => true };
    expect(period('2025-09-26', 5, 'calendar_days', everyDay).lastDay).toBe('2025-10-01');
  });

  it('recognition is refused before the end and while objections are open', () => {
    const p = period('2025-04-25');
    expect(canRecognize(p, '2025-04-30', 0).allowed).toBe(false);
    expect(canRecognize(p, '2025-05-01', 0).allowed).toBe(true);
    expect(canRecognize(p, '2025-05-06', 1)).toMatchObject({ allowed: false });
  });
});

describe('筹建 (Art 15) and Art 17 deadlines', () => {
  it('one year to the corresponding day, or the month end', () => {
    expect(addYearsCorresponding('2025-03-24', 1)).toBe('2026-03-24');
    expect(addYearsCorresponding('2024-02-29', 1)).toBe('2025-02-28');
  });

  it('is active to the end, expired after, accepted when accepted in time', () => {
    const on = (asOf: string, opts = {}) => {
      const r = preparationTerm('2025-03-24', asOf, opts);
      if (!r.ok) throw new Error('x');
      return r.value;
    };
    expect(on('2026-03-24').status).toBe('active');
    expect(on('2026-03-25').status).toBe('expired');
    expect(on('2026-03-25', { acceptedOn: '2026-03-01' }).status).toBe('accepted');
    expect(on('2026-06-01', { extensions: [{ until: '2026-09-30', reason: '项目延期' }] })).toMatchObject({ status: 'active', end: '2026-09-30' });
    expect(preparationTerm('2025-03-24', '2026-06-01', { extensions: [{ until: '2026-09-30', reason: '' }] }).ok).toBe(false);
    expect(preparationTerm('2025-03-24', '2026-06-01', { extensions: [{ until: '2026-01-01', reason: '太早' }] }).ok).toBe(false);
  });

  it('a deadline is pending to its date and overdue the day after', () => {
    expect(deadlineStatus('2026-06-30', '2026-06-30', false)).toBe('pending');
    expect(deadlineStatus('2026-06-30', '2026-07-01', false)).toBe('overdue');
    expect(deadlineStatus('2026-06-30', '2026-07-01', true)).toBe('met');
  });

  it('parses only real dates', () => {
    expect(parseIsoDate('2024-02-29')).not.toBeNull();
    expect(parseIsoDate('2025-02-29')).toBeNull();
    expect(parseIsoDate('2025-1-1')).toBeNull();
  });
});
