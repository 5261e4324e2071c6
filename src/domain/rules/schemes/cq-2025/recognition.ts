/** Recognition conditions of 渝人社规〔2025〕4号 Art 10–17 as data. */
import type { ConditionDef, RecognitionPolicy } from '../../../conditions/policy-types.js';

const parkBasics = (art: string): ConditionDef[] => [
  {
    id: 'area', article: `${art}（一）`, label: '平台建筑面积', strength: 'hard',
    test: { kind: 'compare', fact: 'areaM2', op: '>=', threshold: '10000', unitLabel: '平方米', quantity: 'area' },
  },
  {
    id: 'sites', article: `${art}（一）`, label: '分散场地个数', strength: 'hard',
    test: { kind: 'compare', fact: 'sites', op: '<=', threshold: '3', unitLabel: '个', quantity: 'count' },
  },
  {
    id: 'managementStaff', article: `${art}（二）`, label: '平台管理机构负责平台管理、服务的专职工作人员', strength: 'hard',
    test: { kind: 'compare', fact: 'managementStaff', op: '>=', threshold: '2', unitLabel: '人', quantity: 'count' },
  },
  {
    id: 'operatingStaff', article: `${art}（二）`, label: '平台运营机构从事平台建设、招商、运营、统计的专职工作人员', strength: 'hard',
    test: { kind: 'compare', fact: 'operatingStaff', op: '>=', threshold: '3', unitLabel: '人', quantity: 'count' },
  },
];

export const recognition2025: RecognitionPolicy = {
  art17Regions: ['渝东北三峡库区城镇群', '渝东南武陵山区城镇群'],
  publicityDays: 5,
  preparationYears: 1,
  districtQuotaPerType: 1,
  common: [
    { id: 'art10.preamble', article: '第十条', text: '设立在人力资源服务业基础较好的县级及以上行政区的经济发展集中区域' },
    { id: 'art10.1', article: '第十条（一）', text: '当地党委、政府重视人力资源服务业发展，制定促进人力资源服务业发展的战略规划和政策措施' },
    { id: 'art10.2', article: '第十条（二）', text: '平台建设方案完整，投资主体、发展目标明确，物理形态相对集中，四至边界清晰' },
    { id: 'art10.3', article: '第十条（三）', text: '平台基础设施完备，有完整的公共服务支撑体系，能够为入驻企业提供行政事务办理、市场业务对接等配套服务' },
    { id: 'art10.4', article: '第十条（四）', text: '平台有明确的管理和运营机构，运营、管理、服务、统计机制健全' },
  ],
  types: {
    comprehensive_park: {
      article: '第十一条',
      conditions: [
        ...parkBasics('第十一条'),
        {
          id: 'hrEnterprises', article: '第十一条（三）', label: '入驻的人力资源服务企业', strength: 'soft',
          test: { kind: 'compare', fact: 'hrEnterprises', op: '>=', threshold: '20', unitLabel: '家', quantity: 'count' },
        },
        {
          id: 'aboveScaleEnterprises', article: '第十一条（三）', label: '入驻的规模以上人力资源服务企业', strength: 'soft',
          test: { kind: 'compare', fact: 'aboveScaleEnterprises', op: '>=', threshold: '5', unitLabel: '家', quantity: 'count' },
        },
        {
          id: 'revenue', article: '第十一条（四）', label: '入驻人力资源服务企业上年度营业收入总额', strength: 'soft',
          test: { kind: 'compare', fact: 'revenueYuan', op: '>=', threshold: '1000000000', unitLabel: '元', quantity: 'money' },
        },
      ],
      checklist: [
        { id: 'art11.3', article: '第十一条（三）', text: '平台入驻主体以人力资源服务企业为主' },
        { id: 'art11.4', article: '第十一条（四）', text: '平台入驻人力资源服务企业生产经营平稳' },
      ],
    },
    specialized_park: {
      article: '第十二条',
      conditions: [
        ...parkBasics('第十二条'),
        {
          id: 'hrEnterprises', article: '第十二条（三）', label: '入驻的人力资源服务企业', strength: 'soft',
          test: { kind: 'compare', fact: 'hrEnterprises', op: '>=', threshold: '20', unitLabel: '家', quantity: 'count' },
        },
        {
          id: 'aboveScaleEnterprises', article: '第十二条（三）', label: '入驻的规模以上服务业企业', strength: 'soft',
          test: { kind: 'compare', fact: 'aboveScaleEnterprises', op: '>=', threshold: '5', unitLabel: '家', quantity: 'count' },
        },
        {
          id: 'revenue', article: '第十二条（四）', label: '入驻服务业企业上年度营业收入总额', strength: 'hard',
          test: { kind: 'compare', fact: 'revenueYuan', op: '>=', threshold: '1000000000', unitLabel: '元', quantity: 'money' },
        },
        {
          id: 'hrShare', article: '第十二条（四）', label: '人力资源服务企业年度营业收入占比', strength: 'hard',
          test: { kind: 'ratio', numerator: 'hrRevenueYuan', denominator: 'revenueYuan', op: '>=', threshold: '0.6' },
        },
      ],
      checklist: [
        { id: 'art12.3', article: '第十二条（三）', text: '平台专业性、行业性特点鲜明，围绕特定人力资源服务业态或特定行业集聚人力资源服务企业（定位须登记为特定行业或特定业态）' },
        { id: 'art12.4', article: '第十二条（四）', text: '平台入驻企业生产经营平稳' },
      ],
    },
    specialized_market: {
      article: '第十三条',
      conditions: [
        {
          id: 'area', article: '第十三条（一）', label: '平台建筑面积', strength: 'hard',
          test: { kind: 'compare', fact: 'areaM2', op: '>=', threshold: '1000', unitLabel: '平方米', quantity: 'area' },
        },
        {
          id: 'serviceEffect', article: '第十三条（三）', label: '平台服务效果（年服务特定类别人力资源或助力实现人力资本）', strength: 'hard',
          test: {
            kind: 'any',
            options: [
              { key: 'personTimes', label: '年服务特定类别人力资源（人才）', fact: 'personTimesServed', op: '>', threshold: '5000', unitLabel: '人次', quantity: 'count' },
              { key: 'humanCapital', label: '助力人力资源（人才）实现人力资本（收入）', fact: 'humanCapitalYuan', op: '>', threshold: '1000000000', unitLabel: '元', quantity: 'money' },
            ],
          },
        },
      ],
      checklist: [
        { id: 'art13.2', article: '第十三条（二）', text: '平台在服务特定类别人力资源（人才）的“引、育、留、用、转”方面具有显著影响力，能够担负起城市会客厅、项目孵化池、技能训练场、流动集散地、数据归集库等功能' },
      ],
    },
  },
};
