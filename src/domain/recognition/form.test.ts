import { describe, expect, it } from 'vitest';
import { checkConditions, cq2025 } from '../index.js';
import { applicationCheckInput, applicationConditionFacts } from './facts.js';
import { missingFormFields, type ApplicationForm } from './form.js';
import { missingMaterialKinds, missingMaterialsMessage } from './materials.js';

const park: ApplicationForm = {
  name: '某人力资源服务产业园', type: 'comprehensive_park', address: '某路 1 号', carrier: 'offline', siteAreaM2: '12000', siteCount: 2,
  construction: 'new', investmentYuan: '30000000', operationMode: 'self', teamSize: 6, services: ['policy', 'information'], dataYear: 2025,
  figures: { managementStaff: 2, operatingStaff: 4, hrEnterprises: 25, aboveScaleEnterprises: 6, revenueYuan: '1200000000', passThroughYuan: '100000000' },
};
const contact = { contactName: '张三', contactPhone: '13800000000' };

describe('附表1 completeness', () => {
  it('accepts a complete form and names every missing field in Chinese', () => {
    expect(missingFormFields(park, contact)).toEqual([]);
    const gaps = missingFormFields({ name: '某园', type: 'specialized_park', figures: {} }, { contactName: null, contactPhone: '' });
    expect(gaps.map((g) => g.message)).toEqual(expect.arrayContaining([
      '平台地址：须填写', '载体性质：须填写', '负责人（联系人）：须填写', '联系电话：须填写', '建设方式：须填写', '投入资金（元）：须填写',
      '平台可为入驻企业提供的服务：须填写', '平台定位（特定行业或特定业态）：须填写', '入驻人力资源服务企业上年度营业收入（元）：须填写',
    ]));
    expect(gaps.find((g) => g.field === 'figures.hrRevenueYuan')).toBeDefined();
  });

  it('asks a market for one of its two service-effect figures, not for park figures', () => {
    const market: ApplicationForm = { ...park, type: 'specialized_market', figures: {} };
    expect(missingFormFields(market, contact).map((g) => g.field)).toEqual(['figures.personTimesServed']);
    expect(missingFormFields({ ...market, figures: { humanCapitalYuan: '2000000000' } }, contact)).toEqual([]);
  });
});

describe('the five kinds of material', () => {
  it('names the kinds still empty, by their article number', () => {
    expect(missingMaterialKinds(['policies', 'residents'])).toEqual(['application_form', 'land_and_operation', 'other_evidence']);
    expect(missingMaterialsMessage(['application_form', 'policies', 'land_and_operation', 'residents', 'other_evidence'])).toBeNull();
    expect(missingMaterialsMessage(['application_form', 'policies', 'land_and_operation', 'other_evidence'])).toBe(
      '申报材料不全，尚缺：4. 平台入驻企业名录、入驻协议，平台入驻企业上年度营业收入情况（第十四条（一））');
  });
});

describe('condition facts of an application', () => {
  it('feeds the park figures as the registry would and leaves the market ones out', () => {
    expect(applicationConditionFacts('500107', park)).toEqual({
      district: '500107', areaM2: '12000', sites: 2, managementStaff: 2, operatingStaff: 4, hrEnterprises: 25, aboveScaleEnterprises: 6,
      revenueYuan: '1200000000', passThroughYuan: '100000000',
    });
    expect(applicationConditionFacts('500101', { ...park, type: 'specialized_market', figures: { personTimesServed: 6000 } }))
      .toEqual({ district: '500101', areaM2: '12000', personTimesServed: 6000 });
  });

  it('gives the engine the terms and the confirmed checklist', () => {
    const input = applicationCheckInput('500101', { ...park, siteAreaM2: '8000' }, {
      lowered: [{ condition: 'area', threshold: '8000', decidedBy: '市局', decidedOn: '2026-01-05' }],
    }, ['art10.1'], '2026-02-01');
    const r = checkConditions(input.type, input.level, input.facts, { recognition: cq2025.recognition, settings: cq2025.settings }, input.adjustments);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.conditions.find((c) => c.id === 'area')).toMatchObject({ status: 'pass', thresholdSource: 'art17' });
    expect(r.value.checklist.find((c) => c.id === 'art10.1')?.confirmed).toBe(true);
  });
});
