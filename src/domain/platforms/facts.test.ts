import { describe, expect, it } from 'vitest';
import { parseIndustry, isServiceIndustry } from '../enterprises/industry.js';
import { usccProblem } from '../enterprises/uscc-input.js';
import { usccCheckChar } from '../ids/uscc.js';
import { assembleConditionFacts, assembleSheetFacts, type RegistryAggregates } from './facts.js';

const pop = (aboveScale: number, other: number, revenueYuan: string, passThroughYuan = '0') => ({ aboveScale, other, revenueYuan, passThroughYuan });
const agg: RegistryAggregates = {
  offlineHr: pop(4, 18, '900000000', '100000000'),
  offlineService: pop(6, 20, '1200000000', '150000000'),
  onlineServiceRevenueYuan: '300000000',
  residentTaxYuan: '9000000',
  hrAnyMode: pop(5, 20, '950000000', '120000000'),
  serviceAnyMode: pop(7, 23, '1500000000', '170000000'),
  sites: { count: 2, areaM2: '15000.00' },
  staff: { managementFullTime: 2, operatingTitled: 2, operatingOther: 3 },
};
const platform = { type: 'specialized_park' as const, level: 'municipal' as const, districtCode: '500107', orientation: 'service_line' as const };

describe('assembling facts from the registry', () => {
  it('uses the service-industry population for a specialized park and adds the park’s own tax', () => {
    const s = assembleSheetFacts(platform, agg, { type: 'specialized_park', data: { platformTaxYuan: 1_000_000, serviceLineEnterprisesServed: 40 } });
    expect(s.facts).toEqual({
      orientation: 'service_line', serviceLineEnterprisesServed: 40, residentEnterprises: { aboveScale: 6, other: 20 }, residentRevenueYuan: '1200000000',
      taxYuan: '10000000', onlineRevenueYuan: '300000000', areaM2: '15000.00', operatingStaff: { titled: 2, other: 3 },
    });
  });

  it('uses the HR service population for a comprehensive park', () => {
    const s = assembleSheetFacts({ ...platform, type: 'comprehensive_park', orientation: null }, agg, { type: 'comprehensive_park', data: {} });
    expect(s.facts).toMatchObject({ residentEnterprises: { aboveScale: 4, other: 18 }, residentRevenueYuan: '900000000', taxYuan: '9000000' });
  });

  it('counts a market’s revenue without pass-through and keeps human capital for the conditions only', () => {
    const m = { ...platform, type: 'specialized_market' as const, orientation: null };
    const y = { type: 'specialized_market' as const, data: { ownRevenueYuan: 2_000_000, humanCapitalYuan: 7, personTimesServed: { bachelorOrBelow: 5001 } } };
    expect(assembleSheetFacts(m, agg, y).facts).toMatchObject({ revenueYuan: '832000000', hrEnterprises: 25 });
    expect(assembleSheetFacts(m, agg, y).facts).not.toHaveProperty('humanCapitalYuan');
    expect(assembleConditionFacts(m, agg, y, null)).toEqual({ district: '500107', areaM2: '15000.00', personTimesServed: 5001, humanCapitalYuan: 7 });
  });

  it('gives a specialized park HR share inputs and its orientation', () => {
    expect(assembleConditionFacts(platform, agg, { type: 'specialized_park', data: {} }, { existingDistrictPlatforms: 1, existingBranches: 0 })).toEqual({
      district: '500107', areaM2: '15000.00', sites: 2, managementStaff: 2, operatingStaff: 5, hrEnterprises: 25, aboveScaleEnterprises: 7,
      revenueYuan: '1500000000', passThroughYuan: '170000000', hrRevenueYuan: '950000000', orientation: 'service_line', existingDistrictPlatforms: 1, existingBranches: 0,
      offlineResidents: { hrEnterprises: 22, aboveScaleEnterprises: 6, revenueYuan: '1200000000', passThroughYuan: '150000000', hrRevenueYuan: '900000000' },
    });
  });
});

describe('enterprise inputs', () => {
  it('reads industry sections by letter, option text or name; HR service counts as service industry', () => {
    expect(parseIndustry('l')?.code).toBe('L');
    expect(parseIndustry('I 信息传输、软件和信息技术服务业')?.code).toBe('I');
    expect(parseIndustry('制造业')?.code).toBe('C');
    expect(parseIndustry('人工智能')).toBeUndefined();
    expect(isServiceIndustry('C', false)).toBe(false);
    expect(isServiceIndustry('C', true)).toBe(true);
    expect(isServiceIndustry(null, false)).toBe(false);
  });

  it('names the expected check character, and accepts a failing one with a reason', () => {
    const body = '91500107MA5U7A8B0';
    const right = usccCheckChar(body)!;
    const wrong = right === '0' ? '1' : '0';
    expect(usccProblem(body + right, null)).toBeNull();
    expect(usccProblem(body + wrong, null)).toMatch(new RegExp(`^校验位错误，应为 ${right}`));
    expect(usccProblem(body + wrong, '原件如此')).toBeNull();
    expect(usccProblem('123', '原件如此')).toMatch(/18 位/);
  });
});
