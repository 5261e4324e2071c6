/** 附表3 (专业性行业性产业园): rows, thresholds, caps and the 选其一 pairs. */
import { describe, expect, it } from 'vitest';
import { errorsOf, row, rowScore, sheet, withSettings } from './helpers.js';

const T = 'specialized_park' as const;

describe('附表3 1.x', () => {
  it.each([
    [{ other: 50 }, '10.00'], [{ other: 49 }, '9.80'], [{ aboveScale: 17 }, '10.00'], [{ aboveScale: 16, other: 1 }, '9.80'],
  ])('1.1 %o → %s', (residentEnterprises, e) => {
    expect(rowScore(T, '1.1', { residentEnterprises })).toBe(e);
  });

  it.each([
    ['1.2', 'residentRevenueYuan', 19_999_999, '0.00'], ['1.2', 'residentRevenueYuan', 20_000_000, '0.10'],
    ['1.2', 'residentRevenueYuan', 1_199_999_999, '5.90'], ['1.2', 'residentRevenueYuan', 1_200_000_000, '6.00'],
    ['1.2', 'residentRevenueYuan', 1_220_000_000, '6.00'],
    ['1.3', 'taxYuan', 49_999, '0.00'], ['1.3', 'taxYuan', 50_000, '0.10'], ['1.3', 'taxYuan', 3_000_000, '6.00'], ['1.3', 'taxYuan', 3_050_000, '6.00'],
    ['1.4', 'onlineRevenueYuan', 100_000_000, '0.10'], ['1.4', 'onlineRevenueYuan', 4_999_999_999, '4.90'], ['1.4', 'onlineRevenueYuan', 5_000_000_000, '5.00'],
  ])('%s %s = %d → %s', (code, fact, value, e) => {
    expect(rowScore(T, code, { orientation: 'industry', [fact]: value })).toBe(e);
  });
});

describe('附表3 2.1–2.4 (选其一 rows, cap 13)', () => {
  it.each([[1, '0.50'], [25, '12.50'], [26, '13.00'], [27, '13.00']])('2.1 above-scale industry enterprises served %d → %s', (n, e) => {
    expect(rowScore(T, '2.1', { orientation: 'industry', industryEnterprisesServed: n })).toBe(e);
  });

  it.each([[1, '0.10'], [129, '12.90'], [130, '13.00'], [131, '13.00']])('2.2 enterprises served by the service line %d → %s', (n, e) => {
    expect(rowScore(T, '2.2', { orientation: 'service_line', serviceLineEnterprisesServed: n })).toBe(e);
  });

  it.each([
    [{ bachelorOrBelow: 9 }, '0.00'], [{ bachelorOrBelow: 10 }, '0.10'], [{ bachelorOrBelow: 19 }, '0.10'],
    [{ postgraduate: 9 }, '0.00'], [{ postgraduate: 10 }, '0.50'], [{ talentCard: 1 }, '0.50'], [{ academician: 1 }, '5.00'],
    [{ academician: 2 }, '10.00'], [{ academician: 3 }, '13.00'], [{ talentCard: 26 }, '13.00'], [{ talentCard: 25 }, '12.50'],
    [{ bachelorOrBelow: 25, postgraduate: 19, talentCard: 3 }, '2.20'],
  ])('2.3 talent supplied %o → %s (each category floored on its own)', (industryTalentSupplied, e) => {
    expect(rowScore(T, '2.3', { orientation: 'industry', industryTalentSupplied })).toBe(e);
  });

  it('2.4 reads like 2.3', () => {
    expect(rowScore(T, '2.4', { orientation: 'service_line', serviceLineTalentServed: { bachelorOrBelow: 25, postgraduate: 19, talentCard: 3, academician: 1 } })).toBe('7.20');
  });
});

describe('附表3 选其一 pairs', () => {
  const facts = {
    industryEnterprisesServed: 4, serviceLineEnterprisesServed: 60,
    industryTalentSupplied: { academician: 1 }, serviceLineTalentServed: { bachelorOrBelow: 100 },
  };

  it('an industry-oriented park is scored on 2.1 and 2.3 only, and the cap counts once', () => {
    const s = sheet(T, { ...facts, orientation: 'industry' });
    expect(row(s, '2.1').counted).toBe(true);
    expect(row(s, '2.3').counted).toBe(true);
    expect(row(s, '2.2').counted).toBe(false);
    expect(row(s, '2.4').counted).toBe(false);
    expect(row(s, '2.2').score).toBe('6.00');
    expect(s.total).toBe('7.00');
    expect(row(s, '2.1').selection).toEqual({ pair: '2.1/2.2', selected: true, by: 'orientation' });
  });

  it('a service-line park is scored on 2.2 and 2.4 even when 2.1/2.3 would score more', () => {
    const s = sheet(T, { ...facts, orientation: 'service_line', industryEnterprisesServed: 26 });
    expect(s.total).toBe('7.00');
    expect(row(s, '2.1').counted).toBe(false);
  });

  it('without an orientation the higher row is proposed and flagged', () => {
    const s = sheet(T, facts);
    expect(row(s, '2.2').selection?.by).toBe('proposed');
    expect(row(s, '2.2').counted).toBe(true);
    expect(row(s, '2.3').counted).toBe(true);
    expect(s.total).toBe('11.00');
    expect(s.notes.join()).toContain('orientation');
  });

  it('under free choice the declared row stands even when it scores less', () => {
    const free = withSettings({ pairChoice: 'free_choice' });
    const s = sheet(T, { ...facts, choices: { '2.1/2.2': '2.1', '2.3/2.4': '2.4' } }, 1, free);
    expect(row(s, '2.1').selection).toEqual({ pair: '2.1/2.2', selected: true, by: 'declared' });
    expect(s.total).toBe('3.00');
    const proposed = sheet(T, facts, 1, free);
    expect(row(proposed, '2.2').selection?.by).toBe('proposed');
    expect(proposed.total).toBe('11.00');
  });

  it('rejects an unknown orientation or choice', () => {
    expect(errorsOf(T, { orientation: 'both' })).toContain('FACT_INVALID');
    expect(errorsOf(T, { choices: { '2.1/2.2': '2.3' } })).toContain('FACT_INVALID');
  });
});

describe('附表3 3.2 events (≥ 50 attendees; ministerial 2, bureau 1, otherwise 0.5; cap 5)', () => {
  it.each([
    [{ attendance: 49 }, '0.00'], [{ attendance: 50 }, '0.50'], [{ attendance: 50, leaderLevel: 'bureau' }, '1.00'],
    [{ attendance: 50, leaderLevel: 'ministerial' }, '2.00'], [{ attendance: 49, leaderLevel: 'ministerial' }, '0.00'],
    [{ leaderLevel: 'ministerial' }, '2.00'], [{ attendance: 300, leaderLevel: 'none' }, '0.50'],
  ] as const)('%o → %s', (event, e) => {
    expect(rowScore(T, '3.2', { orientation: 'industry', events: [event] })).toBe(e);
  });

  it('caps at 5', () => {
    const events = [{ attendance: 60, leaderLevel: 'ministerial' as const }, { attendance: 60, leaderLevel: 'ministerial' as const }, { attendance: 60, leaderLevel: 'bureau' as const }];
    expect(rowScore(T, '3.2', { orientation: 'industry', events })).toBe('5.00');
    expect(rowScore(T, '3.2', { orientation: 'industry', events: events.slice(1) })).toBe('3.00');
  });
});

describe('附表3 other rows', () => {
  it.each([
    ['3.1', { researchResults: 5 }, '5.00'], ['3.1', { researchResults: 6 }, '5.00'], ['3.1', { researchResults: 4 }, '4.00'],
    ['3.3', { bureauEventsAttended: 6 }, '3.00'], ['3.3', { bureauEventsAttended: 7 }, '3.00'],
    ['4.1', { areaM2: 11_000, operatingStaff: { other: 1 } }, '1.00'], ['4.1', { areaM2: 10_999 }, '0.00'],
    ['4.4', { safety: 'full' }, '5.00'], ['4.4', { safety: 'weak' }, '1.00'], ['5.1', { valueOrientation: 'failed' }, '0.00'],
    ['5.2', { informationAdopted: { municipal: 1 } }, '0.50'], ['5.2', { informationAdopted: { ministerial: 1 } }, '1.00'],
    ['5.2', { informationAdopted: { municipal: 8 } }, '4.00'], ['5.2', { informationAdopted: { municipal: 7, ministerial: 1 } }, '4.00'],
    ['5.2', { informationAdopted: { municipal: 7 } }, '3.50'], ['5.3', { honours: { municipal: 11 } }, '5.00'],
    ['5.4', { violations: 2 }, '-2.00'],
  ] as const)('%s %o → %s', (code, facts, e) => {
    expect(rowScore(T, code, { orientation: 'industry', ...facts })).toBe(e);
  });
});
