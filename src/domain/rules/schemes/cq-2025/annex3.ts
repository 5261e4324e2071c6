/** 附表3 重庆市市级专业性行业性人力资源服务产业园绩效评估评分表 (2025). */
import type { ScoreTable } from '../../scheme-types.js';
import { education, honours, informationAdopted, judged, operatingStaff, residentEnterprises, safetyTiers, valueTiers } from './shared-rows.js';

const G1 = '1.促进服务业发展情况';
const G2 = '2.服务特定行业或提供特定服务情况';
const G3 = '3.助力行业创新情况';
const G4 = '4.产业园运营情况';
const G5 = '5.引领示范发展成效';

const PER_TEN_TALENT: readonly [string, string][] = [['10', '0.1'], ['10', '0.5'], ['1', '0.5'], ['1', '5']];

export const annex3: ScoreTable = {
  annex: '附表3',
  title: '重庆市市级专业性行业性人力资源服务产业园绩效评估评分表',
  total: '100',
  pairs: [
    { id: '2.1/2.2', rows: ['2.1', '2.2'], byOrientation: { industry: '2.1', service_line: '2.2' } },
    { id: '2.3/2.4', rows: ['2.3', '2.4'], byOrientation: { industry: '2.3', service_line: '2.4' } },
  ],
  rows: [
    {
      code: '1.1', group: G1, name: '线下入驻服务业企业数量', cap: '10',
      criteria: '线下入驻企业，每入驻 1 家得 0.2 分，入驻规模以上企业的，每入驻 1 家得 0.6 分。',
      rule: residentEnterprises,
    },
    {
      code: '1.2', group: G1, name: '线下入驻服务业企业营收情况', cap: '6',
      criteria: '线下入驻企业营收每达到 2000 万元得 0.1 分。',
      rule: { kind: 'per_unit', fact: 'residentRevenueYuan', quantity: 'money', unit: '20000000', unitLabel: '元', points: '0.1', scales: true, verb: '增加营收' },
    },
    {
      code: '1.3', group: G1, name: '产业园纳税情况', cap: '6',
      criteria: '产业园及入驻企业纳税每达到 5 万元得 0.1 分。',
      rule: { kind: 'per_unit', fact: 'taxYuan', quantity: 'money', unit: '50000', unitLabel: '元', points: '0.1', scales: true, verb: '增加纳税' },
    },
    {
      code: '1.4', group: G1, name: '线上或协议入驻服务业企业营收情况', cap: '5',
      criteria: '线上或协议入驻服务业企业营收每达到 1 亿元得 0.1 分。',
      rule: { kind: 'per_unit', fact: 'onlineRevenueYuan', quantity: 'money', unit: '100000000', unitLabel: '元', points: '0.1', scales: true, verb: '增加营收' },
    },
    {
      code: '2.1', group: G2, name: '服务特定行业企业情况', cap: '13',
      criteria: '入驻人力资源服务企业每服务特定行业规模以上企业 1 家得 0.5 分。（2.1、2.2 选其一）',
      rule: { kind: 'per_unit', fact: 'industryEnterprisesServed', quantity: 'count', unit: '1', unitLabel: '家', points: '0.5', scales: true, verb: '服务' },
    },
    {
      code: '2.2', group: G2, name: '特定业务服务企业情况', cap: '13',
      criteria: '入驻人力资源服务企业特定业务每服务企业 1 家得 0.1 分。（2.1、2.2 选其一）',
      rule: { kind: 'per_unit', fact: 'serviceLineEnterprisesServed', quantity: 'count', unit: '1', unitLabel: '家', points: '0.1', scales: true, verb: '服务' },
    },
    {
      code: '2.3', group: G2, name: '入驻人力资源服务企业为特定行业输送人力资源情况', cap: '13',
      criteria: '输送本科及以下学历每 10 人得 0.1 分、研究生及以上学历每 10 人得 0.5 分、A—D 卡等高层次人才每 1 人得 0.5 分，帮助引进院士等领军顶尖人才每 1 人得 5 分。（2.3、2.4 选其一）',
      rule: education('industryTalentSupplied', '输送', '人', PER_TEN_TALENT),
    },
    {
      code: '2.4', group: G2, name: '入驻人力资源服务企业特定业务服务人力资源开发利用情况', cap: '13',
      criteria: '特定业务服务人才资源开发，服务本科及以下学历每 10 人得 0.1 分、研究生及以上学历每 10 人得 0.5 分、A—D 卡等高层次人才每 1 人得 0.5 分、院士等领军顶尖人才每 1 人得 5 分。（2.3、2.4 选其一）',
      rule: education('serviceLineTalentServed', '服务', '人', PER_TEN_TALENT),
    },
    {
      code: '3.1', group: G3, name: '产业园及入驻企业完成行业科研课题数量', cap: '5',
      criteria: '产业园及入驻企业每取得 1 项行业研究成果（在市级及以上行业部门主办刊物发表，调研或研究成果被市人力社保局采纳，服务产品取得知识产权或著作权）得 1 分。',
      rule: { kind: 'per_unit', fact: 'researchResults', quantity: 'count', unit: '1', unitLabel: '项', points: '1', scales: false, verb: '取得' },
    },
    {
      code: '3.2', group: G3, name: '产业园组织行业活动情况', cap: '5',
      criteria: '组织特定行业或特定业务的培训、沙龙、论坛等活动（参会规模 50 人及以上），每场活动得 0.5 分。有厅级领导参加的，每场活动得 1 分。有省部级以上领导参加的，每场活动得 2 分。',
      rule: {
        kind: 'events_leader', fact: 'events', minAttendance: 50, basePoints: '0.5',
        tiers: [{ level: 'ministerial', label: '有省部级以上领导参加', points: '2' }, { level: 'bureau', label: '有厅级领导参加', points: '1' }],
      },
    },
    {
      code: '3.3', group: G3, name: '产业园组织参加行业活动情况', cap: '3',
      criteria: '产业园组织参加市人力社保局发布的人力资源服务活动，每参加 1 场得 0.5 分。',
      rule: { kind: 'per_unit', fact: 'bureauEventsAttended', quantity: 'count', unit: '1', unitLabel: '场', points: '0.5', scales: false, verb: '参加' },
    },
    {
      code: '4.1', group: G4, name: '产业园运营管理基础情况', cap: '5',
      criteria: '产业园面积 10000 平方米以上，每增加 1000 平方米得 0.5 分。运营团队专职工作人员每 1 人得 0.5 分，具有专业技术职称，每 1 人得 1 分。',
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
      criteria: '产业园安全管理制度健全并全面落地执行，全年未发生安全事故，得5分。产业园安全管理制度健全并基本执行到位，全年未发生安全事故，得3分。产业园安全管理制度不健全或执行较差，全年未发生安全事故，得1分。产业园安全管理制度缺失或发生安全事故不得分。',
      rule: safetyTiers('产业园', '全面落地执行'),
    },
    {
      code: '5.1', group: G5, name: '价值导向', cap: '5',
      criteria: '坚持正确思想导向且监督、宣传制度完善的得5分。发生错误导向事件造成不良社会影响或受到有关部门惩处的不得分。',
      rule: valueTiers,
    },
    {
      code: '5.2', group: G5, name: '产业园组织行业宣传活动情况', cap: '4',
      criteria: '上报行业信息被市级部门采纳，每篇得0.5分，被省部级及以上部门采纳或领导肯定性批示的，每篇得1分。',
      rule: informationAdopted,
    },
    {
      code: '5.3', group: G5, name: '产业园及入驻企业所获荣誉', cap: '5',
      criteria: '产业园及入驻企业（含从业人员）获得区县级政府、省级以上行业协会或具有全国影响力商业平台荣誉每项得0.3分，获得市级部门荣誉每项得0.5分，获得省部级及以上部门荣誉每项得1分。',
      rule: honours,
    },
    {
      code: '5.4', group: G5, name: '违法违规情况', cap: null,
      criteria: '产业园及入驻企业存在违法违规行为被核实或处罚的，每发生1次扣1分。',
      rule: { kind: 'deduction', fact: 'violations', points: '1', unitLabel: '次' },
    },
  ],
};
