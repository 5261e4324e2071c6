/** Whole sheets: totals, deductions, explanations, gaps, coded errors. */
import { describe, expect, it } from 'vitest';
import type { ComprehensiveParkFacts, SpecializedMarketFacts, SpecializedParkFacts } from '../facts.js';
import { cq2025 } from '../schemes/cq-2025.js';
import { scoreSheet } from '../score-sheet.js';
import { errorsOf, row, sheet } from './helpers.js';

const full = { experts: [5, 5, 5] };
const fullPark: ComprehensiveParkFacts = {
  residentEnterprises: { other: 50 }, residentRevenueYuan: 1_200_000_000, taxYuan: 6_000_000, onlineRevenueYuan: 5_000_000_000,
  employersServed: 800, jobsPromoted: 8_000, researchResults: 4, events: [{ attendance: 151 }, { attendance: 151 }],
  bureauEventsAttended: 6, areaM2: 20_000, policyImplementation: full, satisfaction: full, safety: 'full',
  valueOrientation: 'sound', mediaReports: { central: 2 }, honours: { ministerial: 5 }, violations: 0,
};
const fullSpecialized: SpecializedParkFacts = {
  orientation: 'service_line', residentEnterprises: { aboveScale: 17 }, residentRevenueYuan: 1_200_000_000, taxYuan: 3_000_000,
  onlineRevenueYuan: 5_000_000_000, serviceLineEnterprisesServed: 130, serviceLineTalentServed: { academician: 3 }, researchResults: 5,
  events: [{ attendance: 50, leaderLevel: 'ministerial' }, { attendance: 50, leaderLevel: 'ministerial' }, { attendance: 50, leaderLevel: 'bureau' }],
  bureauEventsAttended: 6, operatingStaff: { titled: 5 }, policyImplementation: full, satisfaction: full, safety: 'full',
  valueOrientation: 'sound', informationAdopted: { ministerial: 4 }, honours: { local: 17 },
};
const fullMarket: SpecializedMarketFacts = {
  serviceFunctions: 8, revenueYuan: 15_000_000, hrEnterprises: 14, databaseRecords: 10_000, personTimesServed: { academician: 100 },
  placedInChongqing: { academician: 2 }, researchResults: 5, events: [{ attendance: 60, leaderLevel: 'ministerial' }, { attendance: 60, leaderLevel: 'ministerial' }, { attendance: 60, leaderLevel: 'bureau' }],
  enterprisesIncubated: 10, areaM2: 11_000, talentSatisfaction: { experts: [10] }, enterpriseSatisfaction: { experts: [5] }, safety: 'full',
  valueOrientation: 'sound', informationAdopted: { municipal: 8 }, honours: { municipal: 10 },
};

describe('totals', () => {
  it('full marks on every row give exactly 100.00 on each table', () => {
    expect(sheet('comprehensive_park', fullPark).total).toBe('100.00');
    expect(sheet('specialized_park', fullSpecialized).total).toBe('100.00');
    expect(sheet('specialized_market', fullMarket).total).toBe('100.00');
  });

  it('deductions have no cap and are taken off the capped sum', () => {
    const s = sheet('comprehensive_park', { ...fullPark, violations: 7 });
    expect(s.subtotal).toBe('100.00');
    expect(s.deductions).toBe('-7.00');
    expect(s.total).toBe('93.00');
  });

  it('deductions drive the total to 0, never below', () => {
    const s = sheet('specialized_market', { researchResults: 3, violations: 5 });
    expect(s.subtotal).toBe('3.00');
    expect(s.deductions).toBe('-5.00');
    expect(s.total).toBe('0.00');
    expect(s.totalExplanation).toContain('不低于 0');
    expect(sheet('specialized_market', { researchResults: 3, violations: 3 }).total).toBe('0.00');
    expect(sheet('specialized_market', { researchResults: 3, violations: 2 }).total).toBe('1.00');
  });

  it('an empty form scores 0 with every row flagged missing', () => {
    const s = sheet('comprehensive_park', {});
    expect(s.total).toBe('0.00');
    expect(s.rows.every((r) => r.missing)).toBe(true);
    expect(s.rows).toHaveLength(17);
  });

  it('shows every table row with its verbatim names and caps', () => {
    const s = sheet('specialized_market', {});
    expect(s.rows.map((r) => r.code)).toEqual(['1.1', '1.2', '1.3', '1.4', '2.1', '2.2', '2.3', '2.4', '2.5', '3.1', '3.2', '3.3', '3.4', '4.1', '4.2', '4.3', '4.4']);
    expect(row(s, '2.2').name).toBe('促进特定类别人力资源（人才）就业');
    expect(row(s, '4.4').cap).toBeNull();
    expect(row(s, '3.2').cap).toBe('10.00');
  });

  it('0.1 × 3 is 0.30, with no float artefacts anywhere', () => {
    const s = sheet('comprehensive_park', { onlineRevenueYuan: 300_000_000, taxYuan: 150_000, mediaReports: { county: 3 }, honours: { local: 3 } });
    expect(row(s, '1.4').score).toBe('0.30');
    expect(row(s, '1.3').score).toBe('0.30');
    expect(row(s, '5.3').score).toBe('0.90');
    expect(s.total).toBe('3.00');
    expect(JSON.stringify(s)).not.toMatch(/\d\.\d*0000\d|\d\.\d*9999\d/);
  });
});

describe('explanations and settings', () => {
  it('explains each kind of row', () => {
    const s = sheet('comprehensive_park', { residentRevenueYuan: 125_000_000, areaM2: 9_000, safety: 'basic', violations: 2, events: [{ attendance: 40 }] });
    expect(row(s, '1.2').explanation).toBe('125,000,000 元 ÷ 10,000,000 元 取整 12 × 0.1 = 1.20');
    expect(row(s, '4.1').explanation).toContain('未达 10,000 平方米');
    expect(row(s, '4.4').explanation).toContain('基本执行到位');
    expect(row(s, '5.4').explanation).toContain('扣 2.00');
    expect(row(s, '3.2').explanation).toContain('不计分');
  });

  it('shows the settings in force and the factor', () => {
    const s = sheet('specialized_park', { orientation: 'industry' }, 3);
    expect(s.settings.map((x) => x.key)).toContain('pairChoice');
    expect(s.factor).toBe('3');
    expect(s.notes.join()).toContain('系数 3');
  });
});

describe('gap analysis', () => {
  it('says what more of a row raises the total, within the cap', () => {
    const s = sheet('comprehensive_park', { residentEnterprises: { other: 38 }, researchResults: 3 });
    const g = s.gaps.rows.find((r) => r.code === '1.1');
    expect(g?.headroom).toBe('2.40');
    expect(g?.hints[0]?.text).toBe('再入驻 1 家（非规模以上企业） → +0.20');
    expect(g?.hints.some((h) => h.text.includes('再入驻 4 家（规模以上企业）可达本项上限 → +2.40'))).toBe(true);
    expect(sheet('comprehensive_park', { taxYuan: 50_000 }).gaps.rows.find((r) => r.code === '1.3')?.hints.map((h) => h.text)).toEqual(['再增加纳税 50,000 元 → +0.10', '再增加纳税 5,950,000 元可达本项上限 → +11.90']);
    expect(s.gaps.rows.find((r) => r.code === '3.1')?.hints[0]?.gain).toBe('1.00');
  });

  it('counts the step to the next unit under a factor', () => {
    const s = sheet('comprehensive_park', { residentEnterprises: { other: 37 }, residentRevenueYuan: 25_000_000 }, 3);
    expect(s.gaps.rows.find((r) => r.code === '1.1')?.hints[0]?.text).toBe('再入驻 2 家（非规模以上企业） → +0.20');
    expect(s.gaps.rows.find((r) => r.code === '1.2')?.hints[0]?.text).toBe('再增加营收 5,000,000 元 → +0.10');
  });

  it('says what is missing for 优秀 and 合格', () => {
    const s = sheet('comprehensive_park', { ...fullPark, residentEnterprises: { other: 0 }, residentRevenueYuan: 0, violations: 8 });
    expect(s.total).toBe('70.00');
    const [ex, pass] = s.gaps.grades;
    expect(ex?.shortfall).toBe('15.00');
    expect(ex?.reachable).toBe(true);
    expect(pass?.met).toBe(true);
    expect(s.gaps.headroom).toBe('22.00');
  });

  it('rows at their cap offer no gap', () => {
    const s = sheet('comprehensive_park', fullPark);
    expect(s.gaps.rows).toHaveLength(0);
    expect(s.gaps.grades[0]?.met).toBe(true);
  });
});

describe('coded errors for bad input', () => {
  it.each([
    [{ taxYuan: 1.5 }], [{ taxYuan: '-5' }], [{ residentEnterprises: { other: 2.5 } }], [{ areaM2: '12.345' }], [{ safety: 'good' }],
    [{ events: [{}] }], [{ events: 'many' }], [{ violations: 'two' }], [{ residentEnterprises: 5 }],
  ])('%o → FACT_INVALID', (facts) => {
    expect(errorsOf('comprehensive_park', facts)).toContain('FACT_INVALID');
  });

  it('names the field and the row in Chinese', () => {
    const r = scoreSheet(cq2025, 'comprehensive_park', 1, { taxYuan: 1.5 });
    expect(!r.ok && r.errors[0]?.message).toContain('产业园及入驻企业纳税额（元）（1.3 产业园纳税情况）');
    expect(!r.ok && r.errors[0]?.path).toBe('facts.taxYuan');
  });

  it('refuses a bad factor', () => {
    expect(errorsOf('comprehensive_park', {}, 0)).toEqual(['FACTOR_INVALID']);
    expect(errorsOf('comprehensive_park', {}, '1e3')).toEqual(['FACTOR_INVALID']);
  });
});
