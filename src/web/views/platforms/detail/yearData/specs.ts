/**
 * The yearly facts each platform type records (docs/api-registry.md «Yearly operating data», the
 * rows of 附表2–4), as data the form renders. Keys are checked against the API types per type.
 */
import { EDUCATION_LABELS, HONOUR_LABELS, INFORMATION_ADOPTED_LABELS, MEDIA_LABELS } from '../../../../../domain/labels';
import { art } from '../../../../../domain/measures';
import type {
  ComprehensiveParkYearData, PlatformType, SpecializedMarketYearData, SpecializedParkYearData,
} from '../../../../api/types';

export interface Category { key: string; label: string }

interface SpecBase<K extends string> {
  key: K;
  label: string;
  /** The score-sheet row(s) it feeds, shown as a hint. */
  row: string;
}
export type FactSpec<K extends string = string> =
  | (SpecBase<K> & { kind: 'count'; unit: string })
  | (SpecBase<K> & { kind: 'yuan' })
  | (SpecBase<K> & { kind: 'categories'; unit: string; categories: readonly Category[] })
  | (SpecBase<K> & { kind: 'attendanceEvents' })
  | (SpecBase<K> & { kind: 'leaderEvents' })
  | (SpecBase<K> & { kind: 'safety' })
  | (SpecBase<K> & { kind: 'valueOrientation' })
  | (SpecBase<K> & { kind: 'functions' });

export interface FactGroup<K extends string = string> {
  title: string;
  facts: readonly FactSpec<K>[];
}

// Category names from the one label table (src/domain/labels), as the score sheets and the review name them.
const categoriesOf = (labels: Readonly<Record<string, string>>): readonly Category[] => Object.entries(labels).map(([key, label]) => ({ key, label }));
const EDUCATION = categoriesOf(EDUCATION_LABELS);
const HONOURS = categoriesOf(HONOUR_LABELS);
const INFORMATION_ADOPTED = categoriesOf(INFORMATION_ADOPTED_LABELS);
const MEDIA = categoriesOf(MEDIA_LABELS);

/** Each type's groups, keyed by that type's own data fields so a typo fails to compile. */
const groups = <T>(list: readonly FactGroup<Extract<keyof T, string>>[]): readonly FactGroup[] => list;

const parkTail = {
  research: { key: 'researchResults', label: '行业研究成果', kind: 'count', unit: '项', row: '3.1' },
  bureauEvents: { key: 'bureauEventsAttended', label: '参加市人力社保局发布的行业活动', kind: 'count', unit: '场', row: '3.3' },
  safety: { key: 'safety', label: '安全生产情况', kind: 'safety', row: '4.4' },
  value: { key: 'valueOrientation', label: '价值导向', kind: 'valueOrientation', row: '5.1' },
  honours: { key: 'honours', label: '产业园及入驻企业所获荣誉', kind: 'categories', unit: '项', categories: HONOURS, row: '5.3' },
  violations: { key: 'violations', label: '违法违规被核实或处罚', kind: 'count', unit: '次', row: '5.4' },
  platformTax: { key: 'platformTaxYuan', label: '产业园自身纳税额', kind: 'yuan', row: '1.3（与入驻企业纳税额合计）' },
} as const;

export const YEAR_DATA_GROUPS: Readonly<Record<PlatformType, readonly FactGroup[]>> = {
  comprehensive_park: groups<ComprehensiveParkYearData>([
    { title: '促进产业发展', facts: [parkTail.platformTax] },
    {
      title: '服务社会事业发展',
      facts: [
        { key: 'employersServed', label: '入驻企业服务用人单位数', kind: 'count', unit: '家', row: '2.1' },
        { key: 'jobsPromoted', label: '入驻企业促进就业人数', kind: 'count', unit: '人', row: '2.2' },
      ],
    },
    {
      title: '助力行业创新',
      facts: [parkTail.research, { key: 'events', label: '组织开展的行业活动', kind: 'attendanceEvents', row: '3.2' }, parkTail.bureauEvents],
    },
    { title: '运营与示范', facts: [
      parkTail.safety, parkTail.value,
      { key: 'mediaReports', label: '正面宣传报道', kind: 'categories', unit: '次', categories: MEDIA, row: '5.2' },
      parkTail.honours, parkTail.violations,
    ] },
  ]),
  specialized_park: groups<SpecializedParkYearData>([
    { title: '促进服务业发展', facts: [parkTail.platformTax] },
    {
      title: '服务特定行业或提供特定服务（按定位选其一）',
      facts: [
        { key: 'industryEnterprisesServed', label: '服务特定行业企业数', kind: 'count', unit: '家', row: '2.1' },
        { key: 'serviceLineEnterprisesServed', label: '特定业务服务企业数', kind: 'count', unit: '家', row: '2.2' },
        { key: 'industryTalentSupplied', label: '为特定行业输送人才', kind: 'categories', unit: '人', categories: EDUCATION, row: '2.3' },
        { key: 'serviceLineTalentServed', label: '特定业务服务人才', kind: 'categories', unit: '人', categories: EDUCATION, row: '2.4' },
      ],
    },
    {
      title: '助力行业创新',
      facts: [parkTail.research, { key: 'events', label: '组织的行业活动', kind: 'leaderEvents', row: '3.2' }, parkTail.bureauEvents],
    },
    { title: '运营与示范', facts: [
      parkTail.safety, parkTail.value,
      { key: 'informationAdopted', label: '上报行业信息被采纳', kind: 'categories', unit: '篇', categories: INFORMATION_ADOPTED, row: '5.2' },
      parkTail.honours, parkTail.violations,
    ] },
  ]),
  specialized_market: groups<SpecializedMarketYearData>([
    {
      title: '市场建设',
      facts: [
        { key: 'serviceFunctions', label: '已设置的市场服务职能', kind: 'functions', row: '1.1' },
        { key: 'ownRevenueYuan', label: '市场自身营业收入（不含代收代付）', kind: 'yuan', row: '1.2（与入驻企业营收合计）' },
        { key: 'humanCapitalYuan', label: '助力实现人力资本（收入）', kind: 'yuan', row: art(13, '三') },
        { key: 'databaseRecords', label: '人力资源数据库入库人数', kind: 'count', unit: '人', row: '1.4' },
      ],
    },
    {
      title: '服务特定类别人力资源（人才）',
      facts: [
        { key: 'personTimesServed', label: '服务人次', kind: 'categories', unit: '人次', categories: EDUCATION, row: '2.1' },
        { key: 'placedInChongqing', label: '促进在渝就业', kind: 'categories', unit: '人', categories: EDUCATION, row: '2.2' },
        { key: 'researchResults', label: '开发科研成果', kind: 'count', unit: '项', row: '2.3' },
        { key: 'events', label: '组织的开发利用活动', kind: 'leaderEvents', row: '2.4' },
        { key: 'enterprisesIncubated', label: '孵化企业数', kind: 'count', unit: '家', row: '2.5' },
      ],
    },
    { title: '运营与示范', facts: [
      { key: 'safety', label: '安全生产情况', kind: 'safety', row: '3.4' },
      { key: 'valueOrientation', label: '价值导向', kind: 'valueOrientation', row: '4.1' },
      { key: 'informationAdopted', label: '上报行业信息被采纳', kind: 'categories', unit: '篇', categories: INFORMATION_ADOPTED, row: '4.2' },
      { key: 'honours', label: '市场及入驻企业所获荣誉', kind: 'categories', unit: '项', categories: HONOURS, row: '4.3' },
      { key: 'violations', label: '违法违规被核实或处罚', kind: 'count', unit: '次', row: '4.4' },
    ] },
  ]),
};

/** Functions a market commonly sets up (1.1); others may be typed in. */
export const SERVICE_FUNCTION_SUGGESTIONS = ['招聘', '培训', '档案', '测评', '咨询', '创投', '融资', '人力资本交易', '人事代理', '劳务派遣'];
