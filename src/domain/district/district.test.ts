/** Art 16: a district's own thresholds (versioned), applied by the condition check; one per type, with the branch setting. */
import { describe, expect, it } from 'vitest';
import { cq2025 } from '../rules/schemes/cq-2025.js';
import { checkConditions } from '../conditions/check.js';
import type { ConditionFacts, ConditionPolicy } from '../conditions/types.js';
import { availableFilingSteps, checkFilingStep, quotaExceeded, quotaUse } from './filing.js';
import { policyFields, policyInForce, toDistrictPolicy, validatePolicy, type PolicyVersion } from './policy.js';

const rec = cq2025.recognition;
const base: ConditionPolicy = { recognition: rec, settings: cq2025.settings };
const smallPark: ConditionFacts = {
  district: '500107', areaM2: 3_000, sites: 2, managementStaff: 2, operatingStaff: 3, hrEnterprises: 8, aboveScaleEnterprises: 2,
  revenueYuan: 200_000_000, hrRevenueYuan: 150_000_000, existingDistrictPlatforms: 0, existingBranches: 0,
};
const v1: PolicyVersion = { id: 'a', version: 1, docNo: '九龙坡人社发〔2024〕3号', effectiveFrom: '2024-03-01', thresholds: { comprehensive_park: { area: '2000', hrEnterprises: '5', aboveScaleEnterprises: '1', revenue: '100000000' } } };
const v2: PolicyVersion = { id: 'b', version: 2, docNo: '九龙坡人社发〔2025〕9号', effectiveFrom: '2025-07-01', thresholds: { comprehensive_park: { area: '5000', hrEnterprises: '5', aboveScaleEnterprises: '1', revenue: '100000000' } } };

const cond = (r: ReturnType<typeof checkConditions>, id: string) => {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value.conditions.find((c) => c.id === id)!;
};

describe('district policy versions', () => {
  it('picks the version in force on a date: the latest effective on or before it, none before the first', () => {
    expect(policyInForce([v1, v2], '2024-02-29')).toBeNull();
    expect(policyInForce([v1, v2], '2024-03-01')?.id).toBe('a');
    expect(policyInForce([v2, v1], '2025-06-30')?.id).toBe('a');
    expect(policyInForce([v1, v2], '2025-07-01')?.id).toBe('b');
    // A later version with the same date replaces the earlier one (a correction).
    expect(policyInForce([v1, { ...v1, id: 'c', version: 3 }], '2024-05-01')?.id).toBe('c');
  });

  it('is applied by the condition check: the older version passes the platform, the newer one does not', () => {
    const judged = (v: PolicyVersion) => checkConditions('comprehensive_park', 'district', smallPark, { ...base, district: toDistrictPolicy(rec, '500107', v) });
    expect(cond(judged(v1), 'area')).toMatchObject({ status: 'pass', thresholdSource: 'district', threshold: '≥ 2,000 平方米', policyThreshold: '≥ 10,000 平方米' });
    expect(cond(judged(v2), 'area')).toMatchObject({ status: 'fail', threshold: '≥ 5,000 平方米' });
    // Without the district's thresholds the municipal ones would fail it.
    expect(cond(judged({ ...v1, thresholds: { comprehensive_park: { area: '2000' } } }), 'hrEnterprises').status).toBe('fail');
  });

  it('takes ratios as percentages and gives the engine shares', () => {
    const p = toDistrictPolicy(rec, '500107', { thresholds: { specialized_park: { hrShare: '45.5' } } });
    expect(p.thresholds?.specialized_park?.hrShare).toBe('0.455');
    const hrShare = policyFields(rec).specialized_park.find((f) => f.key === 'hrShare')!;
    expect(hrShare).toMatchObject({ unit: '%', municipal: '60', municipalText: '≥ 60%' });
    expect(policyFields(rec).specialized_market.map((f) => f.key)).toEqual(['area', 'serviceEffect.personTimes', 'serviceEffect.humanCapital']);
  });

  it('validates a new version: document number, date, known conditions, only lowering', () => {
    expect(validatePolicy(rec, { docNo: '文1号', effectiveFrom: '2025-01-01', thresholds: { comprehensive_park: { area: '3000', sites: '' } } })).toEqual({ ok: true, value: { comprehensive_park: { area: '3000' } } });
    const bad = validatePolicy(rec, { docNo: ' ', effectiveFrom: '2025-02-30', thresholds: { comprehensive_park: { area: '20000', nope: '1' }, specialized_park: { hrShare: '70' } } });
    expect(bad.ok ? [] : bad.errors.map((e) => e.code).sort()).toEqual(['CONDITION_UNKNOWN', 'DATE_INVALID', 'DOC_NO_REQUIRED', 'THRESHOLD_NOT_LOWER', 'THRESHOLD_NOT_LOWER']);
    // 分散场地 is "at most": a district may allow more sites, not fewer.
    expect(validatePolicy(rec, { docNo: 'x', effectiveFrom: '2025-01-01', thresholds: { comprehensive_park: { sites: '5' } } }).ok).toBe(true);
    expect(validatePolicy(rec, { docNo: 'x', effectiveFrom: '2025-01-01', thresholds: { comprehensive_park: { sites: '2' } } }).ok).toBe(false);
    const empty = validatePolicy(rec, { docNo: 'x', effectiveFrom: '2025-01-01', thresholds: {} });
    expect(empty.ok ? '' : empty.errors[0]!.code).toBe('THRESHOLDS_REQUIRED');
  });
});

describe('one per type per district (Art 16, RULES.md §8 branch setting)', () => {
  it('counts branches only when the setting says a branch uses the quota', () => {
    expect(quotaUse({ existingDistrictPlatforms: 0, existingBranches: 1 }, true)).toBe(1);
    expect(quotaUse({ existingDistrictPlatforms: 0, existingBranches: 1 }, false)).toBe(0);
    expect(quotaExceeded({ existingDistrictPlatforms: 0, existingBranches: 0 }, true, 1)).toBe(false);
    expect(quotaExceeded({ existingDistrictPlatforms: 1, existingBranches: 0 }, false, 1)).toBe(true);
    expect(quotaExceeded({ existingDistrictPlatforms: 0, existingBranches: 1 }, true, 1)).toBe(true);
    expect(quotaExceeded({ existingDistrictPlatforms: 0, existingBranches: 1 }, false, 1)).toBe(false);
  });
});

describe('filing steps', () => {
  it('runs decide → file → question → file (with an answer) → acknowledge, each by its side', () => {
    expect(availableFilingSteps(null, 'district')).toEqual(['decide']);
    expect(availableFilingSteps('decided', 'district')).toEqual(['decide', 'file']);
    expect(availableFilingSteps('pending', 'bureau')).toEqual(['question', 'acknowledge']);
    expect(availableFilingSteps('pending', 'district')).toEqual([]);
    expect(checkFilingStep('file', 'questioned', 'district')).toEqual({ ok: true, to: 'pending', textRequired: true });
    expect(checkFilingStep('acknowledge', 'pending', 'district')).toMatchObject({ ok: false, reason: 'role' });
    expect(checkFilingStep('acknowledge', 'decided', 'bureau')).toMatchObject({ ok: false, reason: 'state' });
    expect(checkFilingStep('decide', 'acknowledged', 'district')).toMatchObject({ ok: false, reason: 'state' });
    for (const role of ['district_gov', 'operator', 'expert'] as const) expect(availableFilingSteps('pending', role)).toEqual([]);
  });
});
