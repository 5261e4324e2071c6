/**
 * 附表1 as printed and exported: the texts of each cell of the form's table (measures-2025 附表1),
 * with the choices as ☑/☐ boxes and both opinions at the foot. The print page and the .xlsx export
 * lay these out in the same table, so the two never disagree.
 */
import { carriers, operationModes, platformServices, platformTypes } from '../platforms/codes.js';
import { carrierLabels, operationModeLabels, serviceLabels } from '../platforms/labels.js';
import type { ApplicationForm } from './form.js';
import { constructionLabels, constructionModes } from './form.js';

export const FORM_SHEET_TITLE = '重庆市市级人力资源服务发展平台认定申请表';

/** The type boxes as 附表1 names them (shorter than the registry's labels). */
const sheetTypeLabels = { comprehensive_park: '综合性产业园', specialized_park: '专业性行业性产业园', specialized_market: '专业性行业性市场' } as const;

export interface SheetOpinion { opinion: string; signer: string; opinionDate: string }

export interface FormSheetInput {
  form: ApplicationForm;
  contactName: string | null;
  contactPhone: string | null;
  districtName: string;
  /** The day the government sent the application on (填报日期), or null while it is a draft. */
  filledOn: string | null;
  hrssOpinion: SheetOpinion | null;
  govOpinion: SheetOpinion | null;
}

export interface FormSheet {
  title: string;
  applicant: string;
  filledOn: string;
  name: string;
  address: string;
  type: string;
  carrier: string;
  contactName: string;
  contactPhone: string;
  siteArea: string;
  siteCount: string;
  construction: string;
  investment: string;
  operationMode: string;
  teamSize: string;
  services: string;
  hrssOpinion: { title: string; text: string; signer: string; date: string };
  govOpinion: { title: string; text: string; signer: string; date: string };
}

function boxes<K extends string>(keys: readonly K[], labels: Record<K, string>, chosen: readonly K[]): string {
  return keys.map((k) => `${chosen.includes(k) ? '☑' : '☐'} ${labels[k]}`).join('  ');
}

/** 2025-03-18 → 2025 年 3 月 18 日, as the form's date lines read. */
export function chineseDate(iso: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  if (!m) return '    年    月    日';
  return `${m[1]} 年 ${Number(m[2])} 月 ${Number(m[3])} 日`;
}

const text = (v: string | number | null | undefined): string => (v === undefined || v === null ? '' : String(v));
const opt = <T>(v: T | undefined): T[] => (v === undefined ? [] : [v]);

function opinionCell(title: string, o: SheetOpinion | null) {
  return { title, text: o?.opinion ?? '', signer: o?.signer ?? '', date: chineseDate(o?.opinionDate) };
}

export function formSheet(input: FormSheetInput): FormSheet {
  const f = input.form;
  return {
    title: FORM_SHEET_TITLE,
    applicant: `${input.districtName}人民政府`,
    filledOn: chineseDate(input.filledOn),
    name: f.name,
    address: text(f.address),
    type: boxes(platformTypes, sheetTypeLabels, [f.type]),
    carrier: boxes(carriers, carrierLabels, opt(f.carrier)),
    contactName: text(input.contactName),
    contactPhone: text(input.contactPhone),
    siteArea: f.siteAreaM2 === undefined ? '' : `${f.siteAreaM2} m²`,
    siteCount: text(f.siteCount),
    construction: boxes(constructionModes, constructionLabels, opt(f.construction)),
    investment: f.investmentYuan === undefined ? '' : `${f.investmentYuan.replace(/\B(?=(\d{3})+(?!\d))/g, ',')} 元`,
    operationMode: boxes(operationModes, { ...operationModeLabels, entrusted: '委托' }, opt(f.operationMode)),
    teamSize: f.teamSize === undefined ? '' : `${f.teamSize} 人`,
    services: boxes(platformServices, serviceLabels, f.services ?? []),
    hrssOpinion: opinionCell('区县（自治县）人力社保部门意见', input.hrssOpinion),
    govOpinion: opinionCell('区县（自治县）人民政府意见', input.govOpinion),
  };
}

/** What an application's detail (server or web) holds that the sheet needs. */
export interface FormSheetSource {
  form: ApplicationForm;
  contactName: string | null;
  contactPhone: string | null;
  districtName: string;
  history: readonly { action: string; at: string }[];
  opinions: { district_hrss: SheetOpinion | null; district_gov: SheetOpinion | null };
}

/** The sheet of an application: 填报日期 is the day the government last sent it to the district HRSS bureau. */
export function formSheetOf(a: FormSheetSource): FormSheet {
  const sent = a.history.filter((h) => h.action === 'send_to_hrss').map((h) => h.at).sort().at(-1) ?? null;
  return formSheet({
    form: a.form, contactName: a.contactName, contactPhone: a.contactPhone, districtName: a.districtName,
    filledOn: sent, hrssOpinion: a.opinions.district_hrss, govOpinion: a.opinions.district_gov,
  });
}
