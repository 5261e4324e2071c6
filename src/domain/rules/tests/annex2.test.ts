/** 附表2 (综合性产业园): every row at, just below and just above its thresholds and cap. */
import { describe, expect, it } from 'vitest';
import { row, rowScore, sheet, withSettings } from './helpers.js';

const T = 'comprehensive_park' as const;

describe('附表2 1.1 线下入驻人力资源服务企业数量 (0.2 each, above-scale 0.6 instead, cap 10)', () => {
  it.each([
    [{ other: 0 }, '0.00'], [{ other: 1 }, '0.20'], [{ other: 49 }, '9.80'], [{ other: 50 }, '10.00'], [{ other: 51 }, '10.00'],
    [{ aboveScale: 1 }, '0.60'], [{ aboveScale: 16 }, '9.60'], [{ aboveScale: 17 }, '10.00'],
    [{ other: 10, aboveScale: 5 }, '5.00'], [{ other: '38', aboveScale: '6' }, '10.00'],
  ])('%o → %s', (residentEnterprises, expected) => {
    expect(rowScore(T, '1.1', { residentEnterprises })).toBe(expected);
  });

  it('shows the arithmetic and the cap', () => {
    const r = row(sheet(T, { residentEnterprises: { other: 38, aboveScale: 6 } }), '1.1');
    expect(r.raw).toBe('11.20');
    expect(r.capped).toBe(true);
    expect(r.explanation).toContain('38 家 × 0.2');
    expect(r.explanation).toContain('6 家 × 0.6 = 11.20，上限 10 → 10.00');
  });

  it('adds 0.2 to 0.6 under the "additional" reading', () => {
    const s = withSettings({ aboveScale: 'additional' });
    expect(rowScore(T, '1.1', { residentEnterprises: { aboveScale: 6 } }, 1, s)).toBe('4.80');
    expect(rowScore(T, '1.1', { residentEnterprises: { aboveScale: 2, other: 3 } }, 1, s)).toBe('2.20');
  });
});

describe('附表2 money rows (每达到 X 得 0.1 分)', () => {
  it.each([
    ['1.2', 'residentRevenueYuan', 9_999_999, '0.00'], ['1.2', 'residentRevenueYuan', 10_000_000, '0.10'],
    ['1.2', 'residentRevenueYuan', 19_999_999, '0.10'], ['1.2', 'residentRevenueYuan', 1_199_999_999, '11.90'],
    ['1.2', 'residentRevenueYuan', 1_200_000_000, '12.00'], ['1.2', 'residentRevenueYuan', 1_210_000_000, '12.00'],
    ['1.3', 'taxYuan', 49_999, '0.00'], ['1.3', 'taxYuan', 50_000, '0.10'], ['1.3', 'taxYuan', 5_999_999, '11.90'],
    ['1.3', 'taxYuan', 6_000_000, '12.00'], ['1.3', 'taxYuan', 6_050_000, '12.00'],
    ['1.4', 'onlineRevenueYuan', 99_999_999, '0.00'], ['1.4', 'onlineRevenueYuan', 100_000_000, '0.10'],
    ['1.4', 'onlineRevenueYuan', 5_000_000_000, '5.00'], ['1.4', 'onlineRevenueYuan', 5_100_000_000, '5.00'],
  ])('%s %s = %d → %s', (code, fact, value, expected) => {
    expect(rowScore(T, code, { [fact]: value })).toBe(expected);
  });

  it('accepts money as a digit string beyond 2^53 ÷ 10 without losing a yuan', () => {
    expect(rowScore(T, '1.4', { onlineRevenueYuan: '900000000000000' })).toBe('5.00');
    expect(row(sheet(T, { taxYuan: '999999999999999' }), '1.3').raw).toBe('1999999999.90');
  });
});

describe('附表2 2.1 / 2.2 counts per 10 and per 100', () => {
  it.each([
    ['2.1', 'employersServed', 9, '0.00'], ['2.1', 'employersServed', 10, '0.10'], ['2.1', 'employersServed', 799, '7.90'],
    ['2.1', 'employersServed', 800, '8.00'], ['2.1', 'employersServed', 810, '8.00'],
    ['2.2', 'jobsPromoted', 99, '0.00'], ['2.2', 'jobsPromoted', 100, '0.10'], ['2.2', 'jobsPromoted', 7_999, '7.90'],
    ['2.2', 'jobsPromoted', 8_000, '8.00'], ['2.2', 'jobsPromoted', 8_100, '8.00'],
  ])('%s %s = %d → %s', (code, fact, value, expected) => {
    expect(rowScore(T, code, { [fact]: value })).toBe(expected);
  });
});

describe('附表2 3.x', () => {
  it.each([[3, '3.00'], [4, '4.00'], [5, '4.00']])('3.1 research results %d → %s', (n, e) => {
    expect(rowScore(T, '3.1', { researchResults: n })).toBe(e);
  });

  it.each([[50, '0.00'], [51, '0.50'], [100, '0.50'], [101, '1.00'], [150, '1.00'], [151, '2.00'], [0, '0.00']])(
    '3.2 one event of %d attendees (strictly above 50/100/150) → %s', (attendance, e) => {
      expect(rowScore(T, '3.2', { events: [{ attendance }] })).toBe(e);
    },
  );

  it('3.2 events add up, each at its highest tier only, capped at 4', () => {
    expect(rowScore(T, '3.2', { events: [{ attendance: 151 }, { attendance: 101 }, { attendance: 51 }] })).toBe('3.50');
    expect(rowScore(T, '3.2', { events: [{ attendance: 200 }, { attendance: 200 }, { attendance: 60 }] })).toBe('4.00');
    expect(row(sheet(T, { events: [{ attendance: 200 }, { attendance: 200 }, { attendance: 60 }] }), '3.2').raw).toBe('4.50');
  });

  it.each([[5, '2.50'], [6, '3.00'], [7, '3.00']])('3.3 bureau events attended %d → %s', (n, e) => {
    expect(rowScore(T, '3.3', { bureauEventsAttended: n })).toBe(e);
  });
});

describe('附表2 4.1 运营管理基础 (area above 10,000 m² per 1,000 → 0.5; staff 0.5, titled 1; cap 5)', () => {
  it.each([
    [10_000, '0.00'], [10_999.99, '0.00'], [11_000, '0.50'], [11_999, '0.50'], [12_000, '1.00'],
    [9_000, '0.00'], [19_000, '4.50'], [20_000, '5.00'], [21_000, '5.00'], ['15000.5', '2.50'],
  ])('area %s m² → %s', (areaM2, e) => {
    expect(rowScore(T, '4.1', { areaM2 })).toBe(e);
  });

  it.each([
    [{ other: 1 }, '0.50'], [{ titled: 1 }, '1.00'], [{ other: 2, titled: 2 }, '3.00'], [{ other: 10 }, '5.00'], [{ other: 11 }, '5.00'],
  ])('staff %o → %s', (operatingStaff, e) => {
    expect(rowScore(T, '4.1', { operatingStaff })).toBe(e);
  });

  it('adds the parts before the cap', () => {
    expect(rowScore(T, '4.1', { areaM2: 12_000, operatingStaff: { other: 2, titled: 2 } })).toBe('4.00');
    expect(rowScore(T, '4.1', { areaM2: 12_000, operatingStaff: { other: 2, titled: 3 } })).toBe('5.00');
    const r = row(sheet(T, { areaM2: 12_000, operatingStaff: { other: 2, titled: 4 } }), '4.1');
    expect(r.raw).toBe('6.00');
    expect(r.score).toBe('5.00');
  });

  it('scores titled staff 1 + 0.5 under the "additional" reading', () => {
    expect(rowScore(T, '4.1', { operatingStaff: { titled: 2 } }, 1, withSettings({ titledStaff: 'additional' }))).toBe('3.00');
  });
});

describe('附表2 tiers, media, honours, deductions', () => {
  it.each([['full', '5.00'], ['basic', '3.00'], ['weak', '1.00'], ['none', '0.00']] as const)('4.4 safety %s → %s', (safety, e) => {
    expect(rowScore(T, '4.4', { safety })).toBe(e);
  });

  it.each([['sound', '5.00'], ['failed', '0.00']] as const)('5.1 value orientation %s → %s', (valueOrientation, e) => {
    expect(rowScore(T, '5.1', { valueOrientation })).toBe(e);
  });

  it.each([
    [{ county: 1 }, '0.50'], [{ municipal: 1 }, '1.00'], [{ central: 1 }, '2.00'], [{ central: 2 }, '4.00'],
    [{ central: 2, county: 1 }, '4.00'], [{ county: 7 }, '3.50'], [{ county: 1, municipal: 1, central: 1 }, '3.50'],
  ])('5.2 media %o → %s', (mediaReports, e) => {
    expect(rowScore(T, '5.2', { mediaReports })).toBe(e);
  });

  it.each([
    [{ local: 1 }, '0.30'], [{ local: 16 }, '4.80'], [{ local: 17 }, '5.00'], [{ municipal: 9 }, '4.50'], [{ municipal: 10 }, '5.00'],
    [{ ministerial: 5 }, '5.00'], [{ ministerial: 6 }, '5.00'], [{ local: 1, municipal: 1, ministerial: 1 }, '1.80'],
  ])('5.3 honours %o → %s', (honours, e) => {
    expect(rowScore(T, '5.3', { honours })).toBe(e);
  });

  it.each([[0, '0.00'], [1, '-1.00'], [12, '-12.00']])('5.4 violations %d → %s, no cap', (violations, e) => {
    expect(rowScore(T, '5.4', { violations })).toBe(e);
  });
});
