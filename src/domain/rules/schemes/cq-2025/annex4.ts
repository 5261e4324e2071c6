/** 附表4 重庆市市级专业性行业性人力资源（人才）市场绩效评估评分表 (2025). */
import type { ScoreTable } from '../../scheme-types.js';
import { education, honours, informationAdopted, judged, operatingStaff, safetyTiers, valueTiers } from './shared-rows.js';

const G1 = '1.市场建设情况';
const G2 = '2.服务特定类别人力资源（人才）情况';
const G3 = '3.市场运营情况';
const G4 = '4.引领示范发展成效';

export const annex4: ScoreTable = {
  annex: '附表4',
  title: '重庆市市级专业性行业性人力资源（人才）市场绩效评估评分表',
  total: '100',
  pairs: [],
  rows: [
    {
      code: '1.1', group: G1, name: '市场功能归集情况', cap: '4',
      criteria: '根据招聘、培训、档案、测评、咨询、创投、融资、人力资本交易等服务职能的设置情况，每设置 1 项得 0.5 分。',
      rule: { kind: 'per_unit', fact: 'serviceFunctions', quantity: 'count', unit: '1', unitLabel: '项', points: '0.5', scales: false, acceptsList: true, verb: '设置' },
    },
    {
      code: '1.2', group: G1, name: '市场化服务效能', cap: '3',
      criteria: '针对市场及入驻人力资源服务企业经营情况，营收每达到 50 万元（不含代收代付）得 0.1 分。',
      rule: { kind: 'per_unit', fact: 'revenueYuan', quantity: 'money', unit: '500000', unitLabel: '元', points: '0.1', scales: true, verb: '增加营收' },
    },
    {
      code: '1.3', group: G1, name: '入驻人力资源服务企业情况', cap: '4',
      criteria: '市场入驻服务特定类别人力资源（人才）的人力资源服务企业，每家得 0.3 分。',
      rule: { kind: 'per_unit', fact: 'hrEnterprises', quantity: 'count', unit: '1', unitLabel: '家', points: '0.3', scales: true, verb: '入驻' },
    },
    {
      code: '1.4', group: G1, name: '设置人力资源数据库情况', cap: '10',
      criteria: '搭建特定类别人力资源（人才）数据库并动态更新，数据库规模每 100 人得 0.1 分。',
      rule: { kind: 'per_unit', fact: 'databaseRecords', quantity: 'count', unit: '100', unitLabel: '人', points: '0.1', scales: true, verb: '入库' },
    },
    {
      code: '2.1', group: G2, name: '服务特定类别人力资源（人才）数量', cap: '10',
      criteria: '服务本科及以下每 100 人次得 0.1 分。服务研究生及以上学历每 50 人次得 0.1 分。服务 A—D 卡等高层次人才每 10 人次得 0.1 分。服务院士等领军顶尖人才每 1 人次得 0.1 分。',
      rule: education('personTimesServed', '服务', '人次', [['100', '0.1'], ['50', '0.1'], ['10', '0.1'], ['1', '0.1']]),
    },
    {
      code: '2.2', group: G2, name: '促进特定类别人力资源（人才）就业', cap: '10',
      criteria: '促进特定类别人力资源（人才）在渝就业，本科及以下学历以上每人得 0.05 分，研究生及以上学历以上每人得 0.2 分，A—D 卡等高层次人才每人得 1 分，院士等领军顶尖人才每人得 5 分。',
      rule: education('placedInChongqing', '促进就业', '人', [['1', '0.05'], ['1', '0.2'], ['1', '1'], ['1', '5']]),
    },
    {
      code: '2.3', group: G2, name: '完成特定类别人力资源（人才）开发科研', cap: '5',
      criteria: '市场及入驻企业每取得 1 项针对特定类别人力资源（人才）开发利用的研究成果（在市级以上行业部门主办刊物发表、调研或研究成果被市人力社保局采纳、服务产品取得知识产权或著作权）得 1 分。',
      rule: { kind: 'per_unit', fact: 'researchResults', quantity: 'count', unit: '1', unitLabel: '项', points: '1', scales: false, verb: '取得' },
    },
    {
      code: '2.4', group: G2, name: '特定类别人力资源（人才）开发利用活动组织情况', cap: '5',
      criteria: '组织特定类别人力资源（人才）的培训、沙龙、论坛等活动（参会规模 50 人及以上），每场活动得 0.5 分。有厅级领导参加的，每场活动得 1 分。有省部级及以上领导参加的，每场活动得 2 分。',
      rule: {
        kind: 'events_leader', fact: 'events', minAttendance: 50, basePoints: '0.5',
        tiers: [{ level: 'ministerial', label: '有省部级及以上领导参加', points: '2' }, { level: 'bureau', label: '有厅级领导参加', points: '1' }],
      },
    },
    {
      code: '2.5', group: G2, name: '助力特定类别人力资源（人才）创业情况', cap: '10',
      criteria: '每新孵化 1 家特定类别人力资源（人才）设立的企业得 1 分。',
      rule: { kind: 'per_unit', fact: 'enterprisesIncubated', quantity: 'count', unit: '1', unitLabel: '家', points: '1', scales: true, verb: '孵化' },
    },
    {
      code: '3.1', group: G3, name: '市场运营管理基础情况', cap: '5',
      criteria: '市场面积 1000 平方米以上，每增加 1000 平方米得 0.5 分。运营团队专职工作人员每 1 人得 0.5 分。具有专业技术职称人员每 1 人得 1 分。',
      rule: {
        kind: 'sum',
        parts: [
          { label: '面积', rule: { kind: 'above_base', fact: 'areaM2', quantity: 'area', base: '1000', step: '1000', points: '0.5', unitLabel: '平方米', scales: true, verb: '增加面积' } },
          { label: '运营团队', rule: operatingStaff },
        ],
      },
    },
    { code: '3.2', group: G3, name: '人力资源服务满意度', cap: '10', criteria: '按照特定类别人力资源（人才）服务满意度综合评定。', rule: judged('talentSatisfaction') },
    { code: '3.3', group: G3, name: '服务平台入驻企业满意度', cap: '5', criteria: '按照入驻企业满意度综合评定。', rule: judged('enterpriseSatisfaction') },
    {
      code: '3.4', group: G3, name: '安全生产情况', cap: '5',
      criteria: '市场安全管理制度健全并全面落地执行，全年未发生安全事故，得 5 分。市场安全管理制度健全并基本执行到位，全年未发生安全事故，得 3 分。市场安全管理制度不健全或执行较差，全年未发生安全事故，得 1 分。市场安全管理制度缺失或发生安全事故不得分。',
      rule: safetyTiers('市场', '全面落地执行'),
    },
    {
      code: '4.1', group: G4, name: '价值导向', cap: '5',
      criteria: '坚持正确思想导向且监督、宣传制度完善的得 5 分。发生错误导向事件造成不良社会影响或受到有关部门惩处的不得分。',
      rule: valueTiers,
    },
    {
      code: '4.2', group: G4, name: '市场组织行业宣传活动情况', cap: '4',
      criteria: '上报行业信息被市级部门采纳，每篇得 0.5 分，被省部级及以上部门采纳或领导肯定性批示的，每篇得 1 分。',
      rule: informationAdopted,
    },
    {
      code: '4.3', group: G4, name: '市场及入驻企业所获荣誉', cap: '5',
      criteria: '市场及入驻企业（含从业人员）获得区县级政府、省级以上行业协会或具有全国影响力商业平台荣誉每项得 0.3 分，获得市级部门荣誉每项得 0.5 分，获得省部级及以上部门荣誉每项得 1 分。',
      rule: honours,
    },
    {
      code: '4.4', group: G4, name: '违法违规情况', cap: null,
      criteria: '市场及入驻企业存在违法违规行为被核实或处罚的，每发生 1 次扣 1 分。',
      rule: { kind: 'deduction', fact: 'violations', points: '1', unitLabel: '次' },
    },
  ],
};
