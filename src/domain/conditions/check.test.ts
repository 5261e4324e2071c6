/** Recognition conditions (Art 10–17) at their boundaries. */
import { describe, expect, it } from 'vitest';
import { cq2025 } from '../rules/schemes/cq-2025.js';
import type { PlatformLevel, PlatformType } from '../rules/scheme-types.js';
import { checkConditions } from './check.js';
import type { CheckResult, ConditionAdjustments, ConditionFacts, ConditionPolicy, DistrictPolicy } from './types.js';

const policy: ConditionPolicy = { recognition: cq2025.recognition, settings: cq2025.settings };
const parkOk: ConditionFacts = {
  areaM2: 10_000, sites: 3, managementStaff: 2, operatingStaff: 3, hrEnterprises: 20, aboveScaleEnterprises: 5,
  revenueYuan: 1_000_000_000, hrRevenueYuan: 600_000_000,
};
const marketOk: ConditionFacts = { areaM2: 1_000, personTimesServed: 5_001 };
const ALL = ['art10.preamble', 'art10.1', 'art10.2', 'art10.3', 'art10.4', 'art11.3', 'art11.4', 'art12.3', 'art12.4', 'art13.2'];
const confirmedFor = (type: PlatformType): string[] => ALL.filter((id) => id.startsWith('art10') || id.startsWith({ comprehensive_park: 'art11', specialized_park: 'art12', specialized_market: 'art13' }[type]));

function check(type: PlatformType, facts: ConditionFacts, adjustments: ConditionAdjustments = {}, level: PlatformLevel = 'municipal', p: ConditionPolicy = policy): CheckResult {
  const r = checkConditions(type, level, facts, p, { confirmed: confirmedFor(type), ...adjustments });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}
const errorCodes = (type: PlatformType, facts: ConditionFacts, adjustments: ConditionAdjustments, level: PlatformLevel = 'municipal', p: ConditionPolicy = policy): string[] => {
  const r = checkConditions(type, level, facts, p, adjustments);
  return r.ok ? [] : r.errors.map((e) => e.code);
};
const cond = (r: CheckResult, id: string) => r.conditions.find((c) => c.id === id)!;

describe('Art 11 综合性产业园 at its boundaries', () => {
  it('meets every condition exactly at the thresholds', () => {
    const r = check('comprehensive_park', parkOk);
    expect(r.outcome).toBe('met');
    expect(r.conditions.every((c) => c.status === 'pass')).toBe(true);
    expect(cond(r, 'area')).toMatchObject({ article: '第十一条（一）', strength: 'hard', threshold: '≥ 10,000 平方米', value: '10,000 平方米' });
  });

  it.each([
    ['area', { areaM2: 9_999.99 }, 'hard'], ['sites', { sites: 4 }, 'hard'], ['managementStaff', { managementStaff: 1 }, 'hard'],
    ['operatingStaff', { operatingStaff: 2 }, 'hard'], ['hrEnterprises', { hrEnterprises: 19 }, 'soft'],
    ['aboveScaleEnterprises', { aboveScaleEnterprises: 4 }, 'soft'], ['revenue', { revenueYuan: 999_999_999 }, 'soft'],
  ] as const)('%s fails just below (%o) and is %s', (id, patch, strength) => {
    const r = check('comprehensive_park', { ...parkOk, ...patch });
    expect(cond(r, id)).toMatchObject({ status: 'fail', passed: false, blocking: true, strength });
    expect(r.outcome).toBe('not_met');
  });

  it('a missing value fails as missing', () => {
    const { areaM2: _, ...rest } = parkOk;
    expect(cond(check('comprehensive_park', rest), 'area').status).toBe('missing');
  });

  it('a soft shortfall may be accepted with a reason; a hard one never', () => {
    const r = check('comprehensive_park', { ...parkOk, hrEnterprises: 15 }, { acceptedShortfalls: [{ condition: 'hrEnterprises', reason: '新建园区，企业正在入驻' }] });
    expect(cond(r, 'hrEnterprises')).toMatchObject({ status: 'accepted', blocking: false, passed: false });
    expect(r.outcome).toBe('met');
    expect(errorCodes('comprehensive_park', { ...parkOk, areaM2: 9_000 }, { acceptedShortfalls: [{ condition: 'area', reason: '—' }] })).toContain('HARD_CONDITION_NOT_ACCEPTABLE');
    expect(errorCodes('comprehensive_park', parkOk, { acceptedShortfalls: [{ condition: 'revenue', reason: ' ' }] })).toContain('REASON_REQUIRED');
  });

  it('pass-through revenue counts unless the setting says otherwise', () => {
    const facts = { ...parkOk, revenueYuan: 1_100_000_000, passThroughYuan: 200_000_000 };
    expect(cond(check('comprehensive_park', facts), 'revenue').status).toBe('pass');
    const strict = { ...policy, settings: { ...policy.settings, passThroughInParkRevenue: false } };
    expect(cond(check('comprehensive_park', facts, {}, 'municipal', strict), 'revenue').status).toBe('fail');
  });
});

describe('which residents the enterprise and revenue conditions count (RULES.md §3, §8)', () => {
  const facts: ConditionFacts = { ...parkOk, offlineResidents: { hrEnterprises: 12, aboveScaleEnterprises: 2, revenueYuan: 400_000_000 } };
  it('counts every resident by default and shows the setting', () => {
    const r = check('comprehensive_park', facts);
    expect(cond(r, 'hrEnterprises')).toMatchObject({ status: 'pass', value: '20 家' });
    expect(r.settings).toContainEqual({ key: 'conditionResidents', value: 'all', text: '认定条件中的入驻企业数和营业收入按全部入驻企业（线下、线上、协议入驻）计' });
  });
  it('counts offline residents only when the setting restricts it', () => {
    const offline: ConditionPolicy = { ...policy, settings: { ...policy.settings, conditionResidents: 'offline' } };
    const r = check('specialized_park', facts, {}, 'municipal', offline);
    expect(cond(r, 'hrEnterprises')).toMatchObject({ status: 'fail', value: '12 家' });
    expect(cond(r, 'aboveScaleEnterprises').status).toBe('fail');
    expect(r.settings).toContainEqual({ key: 'conditionResidents', value: 'offline', text: '认定条件中的入驻企业数和营业收入仅按线下入驻企业计' });
  });
});

describe('Art 12 专业性行业性产业园', () => {
  it('the 10亿 and the 60% share are hard (no 原则上)', () => {
    const r = check('specialized_park', { ...parkOk, revenueYuan: 999_999_999, hrRevenueYuan: 600_000_000 });
    expect(cond(r, 'revenue')).toMatchObject({ strength: 'hard', status: 'fail' });
    expect(cond(check('specialized_park', parkOk), 'hrShare')).toMatchObject({ status: 'pass', value: '60%', threshold: '≥ 60%' });
    expect(cond(check('specialized_park', { ...parkOk, hrRevenueYuan: 599_999_999 }), 'hrShare')).toMatchObject({ status: 'fail', strength: 'hard' });
    expect(cond(check('specialized_park', { ...parkOk, hrEnterprises: 19 }), 'hrEnterprises').strength).toBe('soft');
    expect(cond(check('specialized_park', { ...parkOk, aboveScaleEnterprises: 4 }), 'aboveScaleEnterprises').strength).toBe('soft');
  });

  it('lists the qualitative conditions as a checklist to confirm', () => {
    const r = checkConditions('specialized_park', 'municipal', parkOk, policy, {});
    expect(r.ok && r.value.outcome).toBe('needs_confirmation');
    expect(r.ok && r.value.checklist.map((c) => c.id)).toEqual(['art10.preamble', 'art10.1', 'art10.2', 'art10.3', 'art10.4', 'art12.3', 'art12.4']);
  });
});

describe('Art 13 专业性行业性市场', () => {
  it.each([
    [{ areaM2: 1_000, personTimesServed: 5_001 }, 'pass', 'pass'], [{ areaM2: 999, personTimesServed: 5_001 }, 'fail', 'pass'],
    [{ areaM2: 1_000, personTimesServed: 5_000 }, 'pass', 'fail'], [{ areaM2: 1_000, humanCapitalYuan: 1_000_000_000 }, 'pass', 'fail'],
    [{ areaM2: 1_000, humanCapitalYuan: 1_000_000_001 }, 'pass', 'pass'], [{ areaM2: 1_000, personTimesServed: 10, humanCapitalYuan: 2_000_000_000 }, 'pass', 'pass'],
    [{ areaM2: 1_000 }, 'pass', 'missing'],
  ] as const)('%o → area %s, service effect %s (strictly more than 5,000 / 10亿)', (facts, area, effect) => {
    const r = check('specialized_market', facts);
    expect(cond(r, 'area').status).toBe(area);
    expect(cond(r, 'serviceEffect').status).toBe(effect);
  });

  it('has no sites, staff or enterprise conditions', () => {
    expect(check('specialized_market', marketOk).conditions.map((c) => c.id)).toEqual(['area', 'serviceEffect']);
  });
});

describe('Art 17 (渝东北 / 渝东南 only)', () => {
  const decided = { decidedBy: '市人力社保局', decidedOn: '2025-05-10' };
  it('lowers a threshold for a 渝东北 district and shows it', () => {
    const r = check('comprehensive_park', { ...parkOk, district: '500101', areaM2: 8_000 }, { lowered: [{ condition: 'area', threshold: 8_000, ...decided }] });
    expect(cond(r, 'area')).toMatchObject({ status: 'pass', threshold: '≥ 8,000 平方米', policyThreshold: '≥ 10,000 平方米', thresholdSource: 'art17' });
    expect(cond(r, 'area').notes[0]).toContain('第十七条');
    expect(r.district).toMatchObject({ name: '万州区', art17: true });
  });

  it('works for 渝东南 (黔江) and for an option of an "any" condition', () => {
    const r = check('specialized_market', { district: '500114', areaM2: 1_000, personTimesServed: 3_001 }, { lowered: [{ condition: 'serviceEffect.personTimes', threshold: 3_000, ...decided }] });
    expect(cond(r, 'serviceEffect').status).toBe('pass');
  });

  it.each([['500103'], ['LJXQ'], ['500102']])('refuses district %s outside 渝东北/渝东南', (district) => {
    expect(errorCodes('comprehensive_park', { ...parkOk, district }, { lowered: [{ condition: 'area', threshold: 8_000, ...decided }] })).toContain('ART17_NOT_ALLOWED');
  });

  it('refuses raising a threshold, unknown conditions, missing decisions or district', () => {
    expect(errorCodes('comprehensive_park', { ...parkOk, district: '500101' }, { lowered: [{ condition: 'area', threshold: 12_000, ...decided }] })).toContain('THRESHOLD_NOT_LOWER');
    expect(errorCodes('comprehensive_park', { ...parkOk, district: '500101' }, { lowered: [{ condition: 'sites', threshold: 2, ...decided }] })).toContain('THRESHOLD_NOT_LOWER');
    expect(errorCodes('comprehensive_park', { ...parkOk, district: '500101' }, { lowered: [{ condition: 'height', threshold: 1, ...decided }] })).toContain('CONDITION_UNKNOWN');
    expect(errorCodes('comprehensive_park', { ...parkOk, district: '500101' }, { lowered: [{ condition: 'area', threshold: 8_000, decidedBy: '', decidedOn: '2025-05-10' }] })).toContain('DECISION_INCOMPLETE');
    expect(errorCodes('comprehensive_park', parkOk, { lowered: [{ condition: 'area', threshold: 8_000, ...decided }] })).toContain('DISTRICT_REQUIRED');
    expect(errorCodes('comprehensive_park', { ...parkOk, district: '999999' }, {})).toContain('DISTRICT_UNKNOWN');
  });

  it('a deadline defers a shortfall until its date, then raises it', () => {
    const facts = { ...parkOk, district: '500236', hrEnterprises: 12, areaM2: 9_000 };
    const deadlines = [{ condition: 'hrEnterprises', dueDate: '2026-12-31', ...decided }, { condition: 'area', dueDate: '2026-12-31', ...decided }];
    const before = check('comprehensive_park', facts, { deadlines, asOf: '2026-12-31' });
    expect(cond(before, 'area').status).toBe('deferred');
    expect(before.outcome).toBe('met_with_deadlines');
    const after = check('comprehensive_park', facts, { deadlines, asOf: '2027-01-01' });
    expect(cond(after, 'hrEnterprises')).toMatchObject({ status: 'overdue', blocking: true });
    expect(after.overdue).toEqual(['area', 'hrEnterprises']);
    expect(after.outcome).toBe('not_met');
  });
});

describe('Art 16 district-level platforms', () => {
  const districtPolicy: DistrictPolicy = { district: '500103', thresholds: { comprehensive_park: { area: 3_000, hrEnterprises: 8, revenue: '100000000' } } };
  const p: ConditionPolicy = { ...policy, district: districtPolicy };
  const facts: ConditionFacts = { ...parkOk, district: '500103', areaM2: 3_000, hrEnterprises: 8, revenueYuan: 100_000_000, existingDistrictPlatforms: 0 };

  it('checks against the district thresholds', () => {
    const r = check('comprehensive_park', facts, {}, 'district', p);
    expect(r.outcome).toBe('met');
    expect(cond(r, 'area')).toMatchObject({ thresholdSource: 'district', threshold: '≥ 3,000 平方米' });
    expect(cond(check('comprehensive_park', { ...facts, areaM2: 2_999 }, {}, 'district', p), 'area').status).toBe('fail');
  });

  it('one per type per district in principle; a second needs a recorded reason; branches count by setting', () => {
    const second = check('comprehensive_park', { ...facts, existingDistrictPlatforms: 1 }, {}, 'district', p);
    expect(cond(second, 'districtQuota')).toMatchObject({ status: 'fail', strength: 'soft', article: '第十六条' });
    const accepted = check('comprehensive_park', { ...facts, existingDistrictPlatforms: 1 }, { acceptedShortfalls: [{ condition: 'districtQuota', reason: '两江协同需要' }] }, 'district', p);
    expect(cond(accepted, 'districtQuota').status).toBe('accepted');
    expect(cond(check('comprehensive_park', { ...facts, existingBranches: 1 }, {}, 'district', p), 'districtQuota').status).toBe('fail');
    const noQuota = { ...p, settings: { ...p.settings, branchUsesDistrictQuota: false } };
    expect(cond(check('comprehensive_park', { ...facts, existingBranches: 1 }, {}, 'district', noQuota), 'districtQuota').status).toBe('pass');
  });

  it('needs a district policy, refuses stricter district thresholds and Art 17 at district level', () => {
    expect(errorCodes('comprehensive_park', facts, {}, 'district')).toContain('DISTRICT_POLICY_REQUIRED');
    const strict: ConditionPolicy = { ...policy, district: { district: '500103', thresholds: { comprehensive_park: { area: 20_000 } } } };
    expect(errorCodes('comprehensive_park', facts, {}, 'district', strict)).toContain('THRESHOLD_NOT_LOWER');
    expect(errorCodes('comprehensive_park', { ...facts, district: '500101' }, { lowered: [{ condition: 'area', threshold: 1, decidedBy: 'x', decidedOn: '2025-01-01' }] }, 'district', { ...policy, district: { district: '500101' } })).toContain('ART17_MUNICIPAL_ONLY');
  });
});

describe('levels and checklist', () => {
  it('national platforms follow the ministry rules (Art 6)', () => {
    expect(errorCodes('comprehensive_park', parkOk, {}, 'national')).toEqual(['LEVEL_NOT_SUPPORTED']);
  });

  it('refuses unknown checklist ids and bad values', () => {
    expect(errorCodes('comprehensive_park', parkOk, { confirmed: ['art99'] })).toContain('CHECKLIST_UNKNOWN');
    expect(errorCodes('comprehensive_park', { ...parkOk, sites: 1.5 }, {})).toContain('FACT_INVALID');
  });
});
