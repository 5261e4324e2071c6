/** 附表4 (专业性行业性市场): every row at, just below and just above its thresholds and cap. */
import { describe, expect, it } from 'vitest';
import { errorsOf, rowScore } from './helpers.js';

const T = 'specialized_market' as const;

describe('附表4 1.x', () => {
  it.each([
    [0, '0.00'], [1, '0.50'], [7, '3.50'], [8, '4.00'], [9, '4.00'],
    [['招聘', '培训', '档案'], '1.50'], [['招聘', '培训', '档案', '测评', '咨询', '创投', '融资', '人力资本交易'], '4.00'],
  ])('1.1 service functions %o → %s', (serviceFunctions, e) => {
    expect(rowScore(T, '1.1', { serviceFunctions })).toBe(e);
  });

  it('1.1 refuses a function listed twice', () => {
    expect(errorsOf(T, { serviceFunctions: ['招聘', '招聘'] })).toContain('FACT_INVALID');
  });

  it.each([
    ['1.2', 'revenueYuan', 499_999, '0.00'], ['1.2', 'revenueYuan', 500_000, '0.10'], ['1.2', 'revenueYuan', 14_999_999, '2.90'],
    ['1.2', 'revenueYuan', 15_000_000, '3.00'], ['1.2', 'revenueYuan', 15_500_000, '3.00'],
    ['1.3', 'hrEnterprises', 1, '0.30'], ['1.3', 'hrEnterprises', 13, '3.90'], ['1.3', 'hrEnterprises', 14, '4.00'],
    ['1.4', 'databaseRecords', 99, '0.00'], ['1.4', 'databaseRecords', 100, '0.10'], ['1.4', 'databaseRecords', 9_999, '9.90'],
    ['1.4', 'databaseRecords', 10_000, '10.00'], ['1.4', 'databaseRecords', 10_100, '10.00'],
    ['2.3', 'researchResults', 5, '5.00'], ['2.3', 'researchResults', 6, '5.00'],
    ['2.5', 'enterprisesIncubated', 1, '1.00'], ['2.5', 'enterprisesIncubated', 10, '10.00'], ['2.5', 'enterprisesIncubated', 11, '10.00'],
    ['4.4', 'violations', 4, '-4.00'],
  ])('%s %s = %d → %s', (code, fact, value, e) => {
    expect(rowScore(T, code, { [fact]: value })).toBe(e);
  });
});

describe('附表4 2.1 person-times served (per 100 / 50 / 10 / 1 → 0.1; cap 10)', () => {
  it.each([
    [{ bachelorOrBelow: 99 }, '0.00'], [{ bachelorOrBelow: 100 }, '0.10'], [{ postgraduate: 49 }, '0.00'], [{ postgraduate: 50 }, '0.10'],
    [{ talentCard: 9 }, '0.00'], [{ talentCard: 10 }, '0.10'], [{ academician: 1 }, '0.10'], [{ academician: 100 }, '10.00'],
    [{ academician: 101 }, '10.00'], [{ bachelorOrBelow: 10_000 }, '10.00'], [{ bachelorOrBelow: 9_999 }, '9.90'],
    [{ bachelorOrBelow: 250, postgraduate: 120, talentCard: 35, academician: 2 }, '0.90'],
  ])('%o → %s', (personTimesServed, e) => {
    expect(rowScore(T, '2.1', { personTimesServed })).toBe(e);
  });
});

describe('附表4 2.2 persons placed in Chongqing (0.05 / 0.2 / 1 / 5 each; cap 10)', () => {
  it.each([
    [{ bachelorOrBelow: 1 }, '0.05'], [{ bachelorOrBelow: 3 }, '0.15'], [{ bachelorOrBelow: 199 }, '9.95'], [{ bachelorOrBelow: 200 }, '10.00'],
    [{ bachelorOrBelow: 201 }, '10.00'], [{ postgraduate: 1 }, '0.20'], [{ postgraduate: 50 }, '10.00'], [{ talentCard: 1 }, '1.00'],
    [{ academician: 1 }, '5.00'], [{ academician: 2 }, '10.00'], [{ academician: 3 }, '10.00'],
    [{ bachelorOrBelow: 7, postgraduate: 3, talentCard: 2 }, '2.95'],
  ])('%o → %s', (placedInChongqing, e) => {
    expect(rowScore(T, '2.2', { placedInChongqing })).toBe(e);
  });
});

describe('附表4 2.4 events, 3.1 operations, tiers, media, honours', () => {
  it.each([
    [[{ attendance: 49, leaderLevel: 'bureau' }], '0.00'], [[{ attendance: 50, leaderLevel: 'bureau' }], '1.00'],
    [[{ attendance: 50 }], '0.50'], [[{ attendance: 80, leaderLevel: 'ministerial' }, { attendance: 80, leaderLevel: 'ministerial' }, { attendance: 80 }], '4.50'],
    [[{ attendance: 80, leaderLevel: 'ministerial' }, { attendance: 80, leaderLevel: 'ministerial' }, { attendance: 80, leaderLevel: 'bureau' }], '5.00'],
  ] as const)('2.4 %o → %s', (events, e) => {
    expect(rowScore(T, '2.4', { events: [...events] })).toBe(e);
  });

  it.each([
    [{ areaM2: 1_000 }, '0.00'], [{ areaM2: 1_999 }, '0.00'], [{ areaM2: 2_000 }, '0.50'], [{ areaM2: 999 }, '0.00'],
    [{ areaM2: 10_000 }, '4.50'], [{ areaM2: 11_000 }, '5.00'], [{ areaM2: 12_000 }, '5.00'],
    [{ areaM2: 3_000, operatingStaff: { other: 1, titled: 1 } }, '2.50'], [{ operatingStaff: { titled: 5 } }, '5.00'], [{ operatingStaff: { titled: 6 } }, '5.00'],
  ])('3.1 %o → %s (base 1,000 m²)', (facts, e) => {
    expect(rowScore(T, '3.1', facts)).toBe(e);
  });

  it.each([
    ['3.4', { safety: 'full' }, '5.00'], ['3.4', { safety: 'basic' }, '3.00'], ['3.4', { safety: 'weak' }, '1.00'], ['3.4', { safety: 'none' }, '0.00'],
    ['4.1', { valueOrientation: 'sound' }, '5.00'], ['4.1', { valueOrientation: 'failed' }, '0.00'],
    ['4.2', { informationAdopted: { municipal: 3, ministerial: 2 } }, '3.50'], ['4.2', { informationAdopted: { ministerial: 5 } }, '4.00'],
    ['4.3', { honours: { local: 10 } }, '3.00'], ['4.3', { honours: { local: 10, ministerial: 3 } }, '5.00'],
  ] as const)('%s %o → %s', (code, facts, e) => {
    expect(rowScore(T, code, facts)).toBe(e);
  });

  it('3.2 is judged with a cap of 10', () => {
    expect(rowScore(T, '3.2', { talentSatisfaction: { experts: [10, 9.5, 9] } })).toBe('9.50');
    expect(errorsOf(T, { talentSatisfaction: { experts: [10.5] } })).toContain('FACT_INVALID');
    expect(rowScore(T, '3.3', { enterpriseSatisfaction: { experts: [5] } })).toBe('5.00');
    expect(errorsOf(T, { enterpriseSatisfaction: { experts: [5.5] } })).toContain('FACT_INVALID');
  });
});
