/**
 * The application form (附表1, RULES.md §3) and the prior year's figures the conditions of
 * Art 11–13 need. Drafts may be incomplete; completeness is checked when the government sends the
 * application on (missingFormFields), each gap named in Chinese.
 */
import type { carriers, operationModes, orientations, platformServices } from '../platforms/codes.js';
import { carrierLabels, operationModeLabels, serviceLabels } from '../platforms/labels.js';
import type { PlatformType } from '../rules/scheme-types.js';

export const constructionModes = ['new', 'renovated'] as const;
export type ConstructionMode = (typeof constructionModes)[number];
export const constructionLabels: Record<ConstructionMode, string> = { new: '新建', renovated: '改建' };

/** The prior year's figures (上年度), whole yuan as digit strings, m² as a decimal string. */
export interface ApplicationFigures {
  managementStaff?: number;
  operatingStaff?: number;
  /** Resident HR service enterprises (every mode of residence, RULES.md §3). */
  hrEnterprises?: number;
  /** Above-scale residents: HR service enterprises for a comprehensive park, service-industry ones for a specialized park. */
  aboveScaleEnterprises?: number;
  /** Prior-year revenue of the residents: HR service enterprises (Art 11), service-industry ones (Art 12). */
  revenueYuan?: string;
  passThroughYuan?: string;
  /** Prior-year revenue of the resident HR service enterprises (Art 12 (四) share). */
  hrRevenueYuan?: string;
  /** Art 13 (三): person-times served in the year, or the human capital (income) helped to. */
  personTimesServed?: number;
  humanCapitalYuan?: string;
}

/** 附表1 without the contact person and phone, which are personal data and kept sealed apart. */
export interface ApplicationForm {
  name: string;
  type: PlatformType;
  address?: string;
  carrier?: (typeof carriers)[number];
  siteAreaM2?: string;
  siteCount?: number;
  construction?: ConstructionMode;
  investmentYuan?: string;
  operationMode?: (typeof operationModes)[number];
  teamSize?: number;
  services?: (typeof platformServices)[number][];
  /** Art 12 (三): what the specialized park is oriented to (特定行业 or 特定业态). */
  orientation?: (typeof orientations)[number];
  /** The specific industry or talent category served (专业性行业性). */
  servedField?: string;
  /** The year the figures are of (the application's 上年度). */
  dataYear?: number;
  figures?: ApplicationFigures;
}

export interface ApplicationContact { contactName: string | null; contactPhone: string | null }

/** Chinese names of the form's fields, for messages and the printed form. */
export const formFieldLabels = {
  name: '平台名称', address: '平台地址', type: '平台性质', carrier: '载体性质', contactName: '负责人（联系人）', contactPhone: '联系电话',
  siteAreaM2: '场所面积（平方米）', siteCount: '场所个数', construction: '建设方式', investmentYuan: '投入资金（元）',
  operationMode: '运营方式', teamSize: '运营团队人数', services: '平台可为入驻企业提供的服务', orientation: '平台定位（特定行业或特定业态）',
  servedField: '服务的特定行业或人才类别', dataYear: '数据年度（上年度）',
  managementStaff: '管理机构专职工作人员数', operatingStaff: '运营机构专职工作人员数', hrEnterprises: '入驻人力资源服务企业数',
  aboveScaleEnterprises: '入驻规模以上企业数', revenueYuan: '入驻企业上年度营业收入总额（元）', passThroughYuan: '其中代收代付（元）',
  hrRevenueYuan: '入驻人力资源服务企业上年度营业收入（元）', personTimesServed: '年服务特定类别人力资源（人才）人次',
  humanCapitalYuan: '助力实现人力资本（收入，元）',
} as const;
export type FormField = keyof typeof formFieldLabels;

export interface FormGap { field: string; message: string }

const empty = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/** The figures a type's conditions read (RULES.md §3 table); the others are not asked. */
export function figuresFor(type: PlatformType): readonly (keyof ApplicationFigures)[] {
  switch (type) {
    case 'comprehensive_park':
      return ['managementStaff', 'operatingStaff', 'hrEnterprises', 'aboveScaleEnterprises', 'revenueYuan'];
    case 'specialized_park':
      return ['managementStaff', 'operatingStaff', 'hrEnterprises', 'aboveScaleEnterprises', 'revenueYuan', 'hrRevenueYuan'];
    case 'specialized_market':
      return [];
  }
}

/**
 * What is still missing before the government may send the application on: every field of 附表1,
 * the figures its type's conditions read, and for a market one of its two service-effect figures.
 */
export function missingFormFields(form: ApplicationForm, contact: ApplicationContact): FormGap[] {
  const gaps: FormGap[] = [];
  const need = (field: FormField, value: unknown, path: string = field): void => {
    if (empty(value)) gaps.push({ field: path, message: `${formFieldLabels[field]}：须填写` });
  };
  need('name', form.name);
  need('address', form.address);
  need('carrier', form.carrier);
  need('contactName', contact.contactName);
  need('contactPhone', contact.contactPhone);
  need('siteAreaM2', form.siteAreaM2);
  need('siteCount', form.siteCount);
  need('construction', form.construction);
  need('investmentYuan', form.investmentYuan);
  need('operationMode', form.operationMode);
  need('teamSize', form.teamSize);
  need('services', form.services);
  need('dataYear', form.dataYear);
  if (form.type === 'specialized_park') need('orientation', form.orientation);
  const figures = form.figures ?? {};
  for (const f of figuresFor(form.type)) need(f, figures[f], `figures.${f}`);
  if (form.type === 'specialized_market' && empty(figures.personTimesServed) && empty(figures.humanCapitalYuan)) {
    gaps.push({ field: 'figures.personTimesServed', message: `${formFieldLabels.personTimesServed}或${formFieldLabels.humanCapitalYuan}：须至少填写一项` });
  }
  return gaps;
}

/** The form's choices as printed on 附表1. */
export function formChoiceTexts(form: ApplicationForm): { carrier: string | null; construction: string | null; operationMode: string | null; services: string[] } {
  return {
    carrier: form.carrier === undefined ? null : carrierLabels[form.carrier],
    construction: form.construction === undefined ? null : constructionLabels[form.construction],
    operationMode: form.operationMode === undefined ? null : operationModeLabels[form.operationMode],
    services: (form.services ?? []).map((s) => serviceLabels[s]),
  };
}
