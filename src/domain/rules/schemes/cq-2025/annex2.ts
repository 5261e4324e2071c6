/** 附表2 重庆市市级综合性人力资源服务产业园绩效评估评分表 (2025). */
import type { ScoreTable } from '../../scheme-types.js';
import { honours, judged, operatingStaff, residentEnterprises, safetyTiers, valueTiers } from './shared-rows.js';

const G1 = '1.促进产业发展情况';
const G2 = '2.服务社会事业发展情况';
const G3 = '3.助力行业创新情况';
const G4 = '4.产业园运营情况';
const G5 = '5.引领示范发展情况';

export const annex2: ScoreTable = {
  annex: '附表2',
  title: '重庆市市级综合性人力资源服务产业园绩效评估评分表',
  total: '100',
  pairs: [],
  rows: [
    {
      code: '1.1', group: G1, name: '线下入驻人力资源服务企业数量', cap: '10',
      criteria: '线下入驻企业，每入驻 1 家得 0.2 分，入驻规模以上企业的，每入驻 1 家得 0.6 分。',
      rule: residentEnterprises,
    },
    {
      code: '1.2', group: G1, name: '线下入驻人力资源服务企业营收情况', cap: '12',
      criteria: '线下入驻企业营收每达到 1000 万元得 0.1 分。',
      rule: { kind: 'per_unit', fact: 'residentRevenueYuan', quantity: 'money', unit: '10000000', unitLabel: '元', points: '0.1', scales: true, verb: '增加营收' },
    },
    {
      code: '1.3', group: G1, name: '产业园纳税情况', cap: '12',
      criteria: '产业园及入驻企业纳税每达到 5 万元得 0.1 分。',
      rule: { kind: 'per_unit', fact: 'taxYuan', quantity: 'money', unit: '50000', unitLabel: '元', points: '0.1', scales: true, verb: '增加纳税' },
    },
    {
      code: '1.4', group: G1, name: '线上或协议入驻服务业企业营收情况', cap: '5',
      criteria: '线上或协议入驻服务业企业营收每达到 1 亿元得 0.1 分。',
      rule: { kind: 'per_unit', fact: 'onlineRevenueYuan', quantity: 'money', unit: '100000000', unitLabel: '元', points: '0.1', scales: true, verb: '增加营收' },
    },
    {
      code: '2.1', group: G2, name: '入驻人力资源服务企业服务用人单位数', cap: '8',
      criteria: '按照产业园线上线下入驻企业服务企业家数，每服务 10 家得 0.1 分。',
      rule: { kind: 'per_unit', fact: 'employersServed', quantity: 'count', unit: '10', unitLabel: '家', points: '0.1', scales: true, verb: '服务' },
    },
    {
      code: '2.2', group: G2, name: '入驻人力资源服务企业促进就业人数', cap: '8',
      criteria: '按照产业园线上线下入驻企业服务劳动者人数，每促进就业 100 人得 0.1 分。',
      rule: { kind: 'per_unit', fact: 'jobsPromoted', quantity: 'count', unit: '100', unitLabel: '人', points: '0.1', scales: true, verb: '促进就业' },
    },
    {
      code: '3.1', group: G3, name: '产业园及入驻服务业企业完成行业科研课题数量', cap: '4',
      criteria: '产业园及入驻企业每取得 1 项行业研究成果（在市级及以上行业部门主办刊物发表，调研或研究成果被市人力社保局采纳，服务产品取得知识产权或著作权）得 1 分。',
      rule: { kind: 'per_unit', fact: 'researchResults', quantity: 'count', unit: '1', unitLabel: '项', points: '1', scales: false, verb: '取得' },
    },
    {
      code: '3.2', group: G3, name: '产业园组织开展行业活动情况', cap: '4',
      criteria: '组织人力资源服务领域的培训、沙龙、论坛等活动，参会规模超过 50 人的，每场活动得 0.5 分。参会规模超过 100 人的，每场活动得 1 分。参会规模超过 150 人的，每场活动得 2 分。',
      rule: { kind: 'events_attendance', fact: 'events', tiers: [{ over: 150, points: '2' }, { over: 100, points: '1' }, { over: 50, points: '0.5' }] },
    },
    {
      code: '3.3', group: G3, name: '产业园组织参加行业活动情况', cap: '3',
      criteria: '产业园组织参加市人力社保局发布的人力资源服务活动，每参加 1 场得 0.5 分。',
      rule: { kind: 'per_unit', fact: 'bureauEventsAttended', quantity: 'count', unit: '1', unitLabel: '场', points: '0.5', scales: false, verb: '参加' },
    },
    {
      code: '4.1', group: G4, name: '产业园运营管理基础情况', cap: '5',
      criteria: '产业园面积 10000 平方米以上，每增加 1000 平方米得 0.5 分。运营团队专职工作人员每 1 人得 0.5 分，具有专业技术职称每 1 人得 1 分。',
      rule: {
        kind: 'sum',
        parts: [
          { label: '面积', rule: { kind: 'above_base', fact: 'areaM2', quantity: 'area', base: '10000', step: '1000', points: '0.5', unitLabel: '平方米', scales: true, verb: '增加面积' } },
          { label: '运营团队', rule: operatingStaff },
        ],
      },
    },
    { code: '4.2', group: G4, name: '产业园优惠政策落实情况', cap: '5', criteria: '按照产业园优惠政策落实情况综合评定。', rule: judged('policyImplementation') },
    { code: '4.3', group: G4, name: '产业园服务满意度', cap: '5', criteria: '按照入驻企业满意度综合评定。', rule: judged('satisfaction') },
    {
      code: '4.4', group: G4, name: '产业园安全生产情况', cap: '5',
      criteria: '产业园安全管理制度健全并全面落实，全年未发生安全事故，得 5 分。产业园安全管理制度健全并基本执行到位，全年未发生安全事故，得 3 分。产业园安全管理制度不健全或执行较差，全年未发生安全事故，得 1 分。产业园安全管理制度缺失或发生安全事故不得分。',
      rule: safetyTiers('产业园', '全面落实'),
    },
    {
      code: '5.1', group: G5, name: '价值导向', cap: '5',
      criteria: '坚持正确思想导向且监督、宣传制度完善的得 5 分。发生错误导向事件造成不良社会影响或受到有关部门惩处的不得分。',
      rule: valueTiers,
    },
    {
      code: '5.2', group: G5, name: '产业园组织行业宣传活动情况', cap: '4',
      criteria: '相关工作成效被区县级媒体正面宣传报道 1 次得 0.5 分，被市级媒体正面宣传报道 1 次得 1 分，被中央或部级媒体正面宣传报道 1 次得 2 分。',
      rule: {
        kind: 'categories', fact: 'mediaReports', unitLabel: '次', verb: '报道', scales: false,
        categories: [
          { key: 'county', label: '区县级媒体报道', unit: '1', points: '0.5' },
          { key: 'municipal', label: '市级媒体报道', unit: '1', points: '1' },
          { key: 'central', label: '中央或部级媒体报道', unit: '1', points: '2' },
        ],
      },
    },
    {
      code: '5.3', group: G5, name: '产业园及入驻企业所获荣誉', cap: '5',
      criteria: '产业园及入驻企业（含从业人员）获得区县级政府、省级以上行业协会或具有全国影响力商业平台荣誉每项得 0.3 分，获得市级部门荣誉每项得 0.5 分，获得省部级以上部门荣誉每项得 1 分。',
      rule: honours,
    },
    {
      code: '5.4', group: G5, name: '违法违规情况', cap: null,
      criteria: '产业园及入驻企业存在违法违规行为被核实或处罚的，每发生 1 次扣 1 分。',
      rule: { kind: 'deduction', fact: 'violations', points: '1', unitLabel: '次' },
    },
  ],
};
