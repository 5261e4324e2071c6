/**
 * Chinese names of the rule engine's facts (src/domain/rules/facts.ts): every top-level fact of
 * the three sheets, and the parts of the facts that hold several numbers (categories, judged
 * scores, events). Screens, validation messages and exports name a fact from here only, so that
 * `areaM2` never reaches a user; src/domain/labels/labels.test.ts walks every scheme's rows.
 */
import type { ComprehensiveParkFacts, SpecializedMarketFacts, SpecializedParkFacts } from '../rules/facts.js';

type KeysOfUnion<T> = T extends unknown ? keyof T : never;
export type FactId = KeysOfUnion<ComprehensiveParkFacts | SpecializedParkFacts | SpecializedMarketFacts>;

export const FACT_LABELS: Readonly<Record<FactId, string>> = {
  residentEnterprises: '线下入驻企业数量',
  residentRevenueYuan: '线下入驻企业营业收入（元）',
  taxYuan: '产业园及入驻企业纳税额（元）',
  onlineRevenueYuan: '线上或协议入驻企业营业收入（元）',
  employersServed: '入驻企业服务用人单位数',
  jobsPromoted: '入驻企业促进就业人数',
  researchResults: '完成行业科研课题（成果）数',
  events: '组织的行业活动',
  bureauEventsAttended: '参加市人力社保局行业活动场次',
  areaM2: '运营场地面积（平方米）',
  operatingStaff: '运营团队人数',
  policyImplementation: '优惠政策落实情况（评分）',
  satisfaction: '服务满意度（评分）',
  safety: '安全生产情况',
  valueOrientation: '价值导向',
  mediaReports: '正面宣传报道',
  honours: '所获荣誉',
  violations: '违法违规次数',
  orientation: '平台定位',
  choices: '选其一指标的声明',
  industryEnterprisesServed: '服务特定行业企业数',
  serviceLineEnterprisesServed: '特定业务服务企业数',
  industryTalentSupplied: '为特定行业输送人才',
  serviceLineTalentServed: '特定业务服务人才',
  informationAdopted: '上报行业信息被采纳',
  serviceFunctions: '市场服务职能',
  revenueYuan: '市场营业收入（元）',
  hrEnterprises: '入驻人力资源服务企业数',
  databaseRecords: '人力资源数据库入库人数',
  personTimesServed: '服务人次',
  placedInChongqing: '促进在渝就业人数',
  enterprisesIncubated: '孵化企业数',
  talentSatisfaction: '人力资源服务满意度（评分）',
  enterpriseSatisfaction: '入驻企业满意度（评分）',
};

export const EDUCATION_LABELS = {
  bachelorOrBelow: '本科及以下', postgraduate: '研究生及以上', talentCard: 'A—D 卡等高层次人才', academician: '院士等领军顶尖人才',
} as const;
export const MEDIA_LABELS = { county: '区县级媒体', municipal: '市级媒体', central: '中央或部级媒体' } as const;
export const HONOUR_LABELS = { local: '区县级政府、省级以上行业协会或全国性商业平台', municipal: '市级部门', ministerial: '省部级及以上部门' } as const;
export const INFORMATION_ADOPTED_LABELS = { municipal: '市级部门采纳', ministerial: '省部级及以上部门采纳或领导肯定性批示' } as const;
const JUDGED_PART_LABELS = { experts: '专家评分', panel: '评审组评分', proposed: '自评建议分' } as const;
const EVENT_PART_LABELS = { name: '活动名称', attendance: '参加人数', leaderLevel: '出席领导级别' } as const;

/** The parts of the facts that hold several values; the keys are the facts' own (facts.ts). */
export const FACT_PART_LABELS: Readonly<Partial<Record<FactId, Readonly<Record<string, string>>>>> = {
  residentEnterprises: { aboveScale: '规模以上企业', other: '非规模以上企业' },
  operatingStaff: { titled: '具有专业技术职称人员', other: '其他专职工作人员' },
  industryTalentSupplied: EDUCATION_LABELS,
  serviceLineTalentServed: EDUCATION_LABELS,
  personTimesServed: EDUCATION_LABELS,
  placedInChongqing: EDUCATION_LABELS,
  mediaReports: MEDIA_LABELS,
  honours: HONOUR_LABELS,
  informationAdopted: INFORMATION_ADOPTED_LABELS,
  policyImplementation: JUDGED_PART_LABELS,
  satisfaction: JUDGED_PART_LABELS,
  talentSatisfaction: JUDGED_PART_LABELS,
  enterpriseSatisfaction: JUDGED_PART_LABELS,
  events: EVENT_PART_LABELS,
  choices: { '2.1/2.2': '2.1 与 2.2 选其一', '2.3/2.4': '2.3 与 2.4 选其一' },
};

export const isFactId = (id: string): id is FactId => Object.hasOwn(FACT_LABELS, id);

/** A fact's Chinese name; undefined for a name that is not a fact. */
export function factLabelOrUndefined(id: string): string | undefined {
  return isFactId(id) ? FACT_LABELS[id] : undefined;
}

/** A fact's Chinese name; an unknown one is shown marked, so that a missing label is seen, not hidden. */
export function factLabel(id: string): string {
  return factLabelOrUndefined(id) ?? `〔${id}〕`;
}

/** The Chinese name of one part of a fact (`residentEnterprises.aboveScale` → 规模以上企业). */
export function factPartLabel(id: string, part: string): string | undefined {
  if (!isFactId(id)) return undefined;
  const parts = FACT_PART_LABELS[id];
  return parts !== undefined && Object.hasOwn(parts, part) ? parts[part] : undefined;
}

/** Facts whose parts are counts by category (not events, judged scores or the 选其一 declaration). */
const COUNTED_PARTS: ReadonlySet<FactId> = new Set<FactId>([
  'residentEnterprises', 'operatingStaff', 'industryTalentSupplied', 'serviceLineTalentServed', 'personTimesServed', 'placedInChongqing',
  'mediaReports', 'honours', 'informationAdopted',
]);

/** The categories a fact is counted by, in Chinese, for a form with one number per category; undefined for other facts. */
export function factCategories(id: string): { key: string; label: string }[] | undefined {
  if (!isFactId(id) || !COUNTED_PARTS.has(id)) return undefined;
  return Object.entries(FACT_PART_LABELS[id] ?? {}).map(([key, label]) => ({ key, label }));
}
