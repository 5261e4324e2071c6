/** Scale factors (RULES.md §4): 1 municipal, 3 national, 0.5 district; floor or proportional. */
import { describe, expect, it } from 'vitest';
import { cq2025 } from '../schemes/cq-2025.js';
import { resolveFactor } from '../factor.js';
import { row, rowScore, sheet, withSettings } from './helpers.js';

const P = 'comprehensive_park' as const;

describe('factor 3 (national)', () => {
  it.each([
    [{ other: 2 }, '0.00'], [{ other: 3 }, '0.20'], [{ other: 5 }, '0.20'], [{ other: 6 }, '0.40'], [{ aboveScale: 3 }, '0.60'],
    [{ other: 150 }, '10.00'], [{ other: 149 }, '9.80'],
  ])('附表2 1.1 %o → %s (per 3)', (residentEnterprises, e) => {
    expect(rowScore(P, '1.1', { residentEnterprises }, 3)).toBe(e);
  });

  it.each([
    ['1.2', 'residentRevenueYuan', 29_999_999, '0.00'], ['1.2', 'residentRevenueYuan', 30_000_000, '0.10'],
    ['1.2', 'residentRevenueYuan', 90_000_000, '0.30'], ['1.3', 'taxYuan', 149_999, '0.00'], ['1.3', 'taxYuan', 150_000, '0.10'],
    ['2.1', 'employersServed', 29, '0.00'], ['2.1', 'employersServed', 30, '0.10'], ['2.2', 'jobsPromoted', 300, '0.10'],
  ])('附表2 %s %s = %d → %s', (code, fact, value, e) => {
    expect(rowScore(P, code, { [fact]: value }, 3)).toBe(e);
  });

  it('scales the area base and step but not staff, achievements or judged rows', () => {
    expect(rowScore(P, '4.1', { areaM2: 30_000 }, 3)).toBe('0.00');
    expect(rowScore(P, '4.1', { areaM2: 32_999 }, 3)).toBe('0.00');
    expect(rowScore(P, '4.1', { areaM2: 33_000 }, 3)).toBe('0.50');
    expect(rowScore(P, '4.1', { operatingStaff: { other: 2, titled: 1 } }, 3)).toBe('2.00');
    expect(rowScore(P, '3.1', { researchResults: 3 }, 3)).toBe('3.00');
    expect(rowScore(P, '3.3', { bureauEventsAttended: 4 }, 3)).toBe('2.00');
    expect(rowScore(P, '5.3', { honours: { municipal: 2 } }, 3)).toBe('1.00');
    expect(rowScore(P, '4.2', { policyImplementation: { experts: [4] } }, 3)).toBe('4.00');
  });

  it('附表3 2.3: a national platform earns 5 points per 3 academicians', () => {
    expect(rowScore('specialized_park', '2.3', { orientation: 'industry', industryTalentSupplied: { academician: 2 } }, 3)).toBe('0.00');
    expect(rowScore('specialized_park', '2.3', { orientation: 'industry', industryTalentSupplied: { academician: 3 } }, 3)).toBe('5.00');
    expect(rowScore('specialized_park', '2.3', { orientation: 'industry', industryTalentSupplied: { bachelorOrBelow: 30 } }, 3)).toBe('0.10');
  });

  it('附表4 volume rows scale, 1.1 functions do not', () => {
    expect(rowScore('specialized_market', '1.3', { hrEnterprises: 3 }, 3)).toBe('0.30');
    expect(rowScore('specialized_market', '2.5', { enterprisesIncubated: 5 }, 3)).toBe('1.00');
    expect(rowScore('specialized_market', '1.1', { serviceFunctions: 4 }, 3)).toBe('2.00');
    expect(rowScore('specialized_market', '3.1', { areaM2: 5_999 }, 3)).toBe('0.00');
    expect(rowScore('specialized_market', '3.1', { areaM2: 6_000 }, 3)).toBe('0.50');
  });
});

describe('factor 0.5 (district-level, voluntary)', () => {
  it.each([
    ['1.2', 'residentRevenueYuan', 4_999_999, '0.00'], ['1.2', 'residentRevenueYuan', 5_000_000, '0.10'], ['2.2', 'jobsPromoted', 50, '0.10'],
  ])('附表2 %s %s = %d → %s', (code, fact, value, e) => {
    expect(rowScore(P, code, { [fact]: value }, '0.5')).toBe(e);
  });

  it('per-1 rows count each unit twice; the area base is 5,000 m² stepping 500', () => {
    expect(rowScore(P, '1.1', { residentEnterprises: { other: 1, aboveScale: 1 } }, 0.5)).toBe('1.60');
    expect(rowScore(P, '4.1', { areaM2: 5_000 }, 0.5)).toBe('0.00');
    expect(rowScore(P, '4.1', { areaM2: 5_499 }, 0.5)).toBe('0.00');
    expect(rowScore(P, '4.1', { areaM2: 5_500 }, 0.5)).toBe('0.50');
    expect(rowScore('specialized_market', '2.2', { placedInChongqing: { bachelorOrBelow: 1 } }, 0.5)).toBe('0.10');
  });
});

describe('proportional scaling (scheme setting)', () => {
  const prop = withSettings({ scaling: 'proportional' });
  it('per-1 rows score count × p ÷ factor, half-up to 0.01', () => {
    expect(rowScore(P, '1.1', { residentEnterprises: { other: 1 } }, 3, prop)).toBe('0.07');
    expect(rowScore(P, '1.1', { residentEnterprises: { other: 10 } }, 3, prop)).toBe('0.67');
    expect(rowScore(P, '1.1', { residentEnterprises: { aboveScale: 1 } }, 3, prop)).toBe('0.20');
    expect(rowScore('specialized_park', '2.3', { orientation: 'industry', industryTalentSupplied: { academician: 1 } }, 3, prop)).toBe('1.67');
    expect(row(sheet(P, { residentEnterprises: { other: 10 } }, 3, prop), '1.1').explanation).toContain('÷ 3');
  });

  it('rows counted per X keep the floor rule, and factor 1 is unaffected', () => {
    expect(rowScore(P, '1.2', { residentRevenueYuan: 59_999_999 }, 3, prop)).toBe('0.10');
    expect(rowScore(P, '1.1', { residentEnterprises: { other: 7 } }, 1, prop)).toBe('1.40');
    expect(rowScore(P, '1.1', { residentEnterprises: { other: 7 } }, 0.5, prop)).toBe('2.80');
  });
});

describe('resolveFactor', () => {
  it.each([
    ['municipal', undefined, '1'], ['national', undefined, '3'], ['district', undefined, '0.5'], [undefined, undefined, '1'],
    ['national', 5, '5'], ['national', '3.0', '3'], ['district', '0.75', '0.75'], ['district', 1, '1'], [undefined, '2', '2'],
  ] as const)('level %s factor %s → %s', (level, factor, e) => {
    const r = resolveFactor(cq2025, level, factor);
    expect(r.ok && r.value).toBe(e);
  });

  it.each([
    ['municipal', 2], ['national', '2.99'], ['district', '0.49'], ['district', '1.01'], [undefined, 0], [undefined, '-1'], [undefined, 'abc'],
  ] as const)('level %s factor %s is refused', (level, factor) => {
    const r = resolveFactor(cq2025, level, factor);
    expect(r.ok).toBe(false);
  });
});
