/** Rule parts that the three tables of 2025 share word for word. */
import type { CategoriesRule, Category, JudgedRule, TierRule } from '../../scheme-types.js';

export const safetyTiers = (subject: string, fullWording: string): TierRule => ({
  kind: 'tier',
  fact: 'safety',
  tiers: [
    { key: 'full', label: `${subject}安全管理制度健全并${fullWording}，全年未发生安全事故`, points: '5' },
    { key: 'basic', label: `${subject}安全管理制度健全并基本执行到位，全年未发生安全事故`, points: '3' },
    { key: 'weak', label: `${subject}安全管理制度不健全或执行较差，全年未发生安全事故`, points: '1' },
    { key: 'none', label: `${subject}安全管理制度缺失或发生安全事故`, points: '0' },
  ],
});

export const valueTiers: TierRule = {
  kind: 'tier',
  fact: 'valueOrientation',
  tiers: [
    { key: 'sound', label: '坚持正确思想导向且监督、宣传制度完善', points: '5' },
    { key: 'failed', label: '发生错误导向事件造成不良社会影响或受到有关部门惩处', points: '0' },
  ],
};

export const judged = (fact: string): JudgedRule => ({ kind: 'judged', fact, step: '0.5' });

export const honours: CategoriesRule = {
  kind: 'categories',
  fact: 'honours',
  unitLabel: '项',
  verb: '获得',
  scales: false,
  categories: [
    { key: 'local', label: '区县级政府、省级以上行业协会或全国性商业平台荣誉', unit: '1', points: '0.3' },
    { key: 'municipal', label: '市级部门荣誉', unit: '1', points: '0.5' },
    { key: 'ministerial', label: '省部级及以上部门荣誉', unit: '1', points: '1' },
  ],
};

export const informationAdopted: CategoriesRule = {
  kind: 'categories',
  fact: 'informationAdopted',
  unitLabel: '篇',
  verb: '被采纳',
  scales: false,
  categories: [
    { key: 'municipal', label: '市级部门采纳', unit: '1', points: '0.5' },
    { key: 'ministerial', label: '省部级及以上部门采纳或领导肯定性批示', unit: '1', points: '1' },
  ],
};

export const operatingStaff: CategoriesRule = {
  kind: 'categories',
  fact: 'operatingStaff',
  unitLabel: '人',
  verb: '增加',
  scales: false,
  categories: [
    { key: 'other', label: '专职工作人员', unit: '1', points: '0.5' },
    { key: 'titled', label: '具有专业技术职称人员', unit: '1', points: '1' },
  ],
  premium: { premium: 'titled', base: 'other', setting: 'titledStaff' },
};

export const residentEnterprises: CategoriesRule = {
  kind: 'categories',
  fact: 'residentEnterprises',
  unitLabel: '家',
  verb: '入驻',
  scales: true,
  categories: [
    { key: 'other', label: '非规模以上企业', unit: '1', points: '0.2' },
    { key: 'aboveScale', label: '规模以上企业', unit: '1', points: '0.6' },
  ],
  premium: { premium: 'aboveScale', base: 'other', setting: 'aboveScale' },
};

/** Education categories; a person counts once, in the highest that applies (RULES.md §2). */
export const education = (fact: string, verb: string, unitLabel: string, units: readonly [Category['unit'], Category['points']][]): CategoriesRule => {
  const labels = ['本科及以下', '研究生及以上', 'A—D 卡等高层次人才', '院士等领军顶尖人才'] as const;
  const keys = ['bachelorOrBelow', 'postgraduate', 'talentCard', 'academician'] as const;
  return {
    kind: 'categories',
    fact,
    unitLabel,
    verb,
    scales: true,
    categories: keys.map((key, i) => {
      const [unit, points] = units[i] ?? ['1', '0'];
      return { key, label: labels[i] ?? key, unit, points };
    }),
  };
};
