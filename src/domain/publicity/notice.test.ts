/** Publicity notices: the Civil Code period with the holiday calendar, at least five days, and the decision's gate. */
import { describe, expect, it } from 'vitest';
import { decisionGate, noticePeriod } from './notice.js';

const period = (postedOn: string, days: number, counting?: 'calendar_days' | 'working_days') => {
  const r = noticePeriod(postedOn, days, counting);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
};

describe('the publicity period of a notice (Art 14 (三), RULES.md §6)', () => {
  it('refuses fewer than five days, naming the field', () => {
    for (const days of [0, 4, 4.5]) {
      const r = noticePeriod('2025-04-25', days);
      expect(r).toMatchObject({ ok: false, errors: [{ code: 'DAYS_TOO_FEW', path: 'days', message: '公示天数：公示期不少于 5 天（第十四条（三））' }] });
    }
    expect(noticePeriod('2025-04-25', 5).ok).toBe(true);
  });

  it('does not count the posting day: five calendar days from a Friday in April end on the Wednesday', () => {
    expect(period('2025-04-25', 5)).toMatchObject({ firstDay: '2025-04-26', lastDay: '2025-04-30', extendedFrom: null, recognitionFrom: '2025-05-01' });
  });

  it('runs past a weekend: a last day on Saturday moves to Monday', () => {
    expect(period('2025-06-09', 5)).toMatchObject({ lastDay: '2025-06-16', extendedFrom: '2025-06-14', recognitionFrom: '2025-06-17' });
  });

  it('runs past a statutory holiday: a last day in the National Day week moves to the first working day after it', () => {
    expect(period('2025-09-26', 5)).toMatchObject({ lastDay: '2025-10-09', extendedFrom: '2025-10-01', recognitionFrom: '2025-10-10' });
  });

  it('explains the National Day extension in words, the sentence stored with the notice and shown on screen', () => {
    expect(period('2025-09-26', 5).explanation).toBe('2025-09-26 发布，次日 2025-09-27 起算 5 日，原届满日 2025-10-01 为休息日，顺延至 2025-10-09；2025-10-10 起方可作出认定');
    expect(period('2025-09-26', 5, 'working_days').explanation).toBe('2025-09-26 发布，次日 2025-09-27 起算 5 个工作日，至 2025-10-10 届满；2025-10-11 起方可作出认定');
  });

  it('counts working days when the bureau says so, skipping the holiday and counting the make-up Sunday', () => {
    // 09-27 (Saturday) is a rest day, 09-28 (Sunday) a make-up working day; 09-28, 09-29, 09-30, then 10-09 and 10-10 after the holiday (10-01…10-08).
    expect(period('2025-09-26', 5, 'working_days')).toMatchObject({ counting: 'working_days', lastDay: '2025-10-10', recognitionFrom: '2025-10-11' });
    expect(period('2025-06-09', 5, 'working_days')).toMatchObject({ lastDay: '2025-06-16' });
  });
});

describe('the decision after the notice', () => {
  const p = period('2025-06-09', 5);
  it('is refused before the day after the last day, and while an objection is open', () => {
    expect(decisionGate(p, '2025-06-16', 0)).toEqual({ allowed: false, reasons: ['公示期至 2025-06-16 届满，2025-06-17 前不得认定'] });
    expect(decisionGate(p, '2025-06-17', 1)).toEqual({ allowed: false, reasons: ['尚有 1 项异议未处理完毕'] });
    expect(decisionGate(p, '2025-06-17', 0)).toEqual({ allowed: true, reasons: [] });
  });
});
