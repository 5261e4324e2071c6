/** The residence dialog's model and its conversions to the API bodies. */
import type { FormRules } from 'element-plus';
import { checkUscc } from '../../../../domain/ids/uscc';
import type { EnterprisePatch, ResidenceInput, ResidenceMode, ResidencePatch, ResidenceRow } from '../../../api/types';

export interface ResidenceFormModel {
  uscc: string;
  usccOverrideReason: string;
  name: string;
  industry: string | undefined;
  isHrService: boolean;
  aboveScale: boolean;
  mode: ResidenceMode;
  entryDate: string | null;
  exitDate: string | null;
  revenueYuan: number | undefined;
  passThroughYuan: number | undefined;
  taxYuan: number | undefined;
}

export const RESIDENCE_FORM_FIELDS = [
  'uscc', 'usccOverrideReason', 'name', 'industry', 'isHrService', 'aboveScale', 'mode', 'entryDate', 'exitDate', 'revenueYuan',
  'passThroughYuan', 'taxYuan', 'year',
] as const;

export function emptyResidenceForm(): ResidenceFormModel {
  return {
    uscc: '', usccOverrideReason: '', name: '', industry: undefined, isHrService: true, aboveScale: false, mode: 'offline',
    entryDate: null, exitDate: null, revenueYuan: undefined, passThroughYuan: undefined, taxYuan: undefined,
  };
}

export function residenceFormOf(r: ResidenceRow): ResidenceFormModel {
  return {
    uscc: r.uscc, usccOverrideReason: r.usccOverrideReason ?? '', name: r.enterpriseName, industry: r.industry ?? undefined,
    isHrService: r.isHrService, aboveScale: r.aboveScale, mode: r.mode, entryDate: r.entryDate, exitDate: r.exitDate,
    revenueYuan: r.revenueYuan, passThroughYuan: r.passThroughYuan, taxYuan: r.taxYuan,
  };
}

/** Codes are written in capitals without spaces; people paste them with both. */
export const normalizeUscc = (uscc: string) => uscc.replace(/\s+/g, '').toUpperCase();

/**
 * Early feedback while typing, from the same GB 32100 check the server runs. Null when the code passes;
 * `overridable` when only the check character is wrong (a real code may fail it; a reason is then recorded).
 */
export function usccHint(uscc: string): { message: string; overridable: boolean } | null {
  const code = normalizeUscc(uscc);
  if (code === '') return null;
  const check = checkUscc(code);
  return check.ok ? null : { message: check.message, overridable: check.code === 'USCC_CHECK_DIGIT' };
}

export function createBody(m: ResidenceFormModel, year: number): ResidenceInput | null {
  if (!m.industry || m.revenueYuan === undefined || m.taxYuan === undefined) return null;
  const body: ResidenceInput = {
    year, uscc: normalizeUscc(m.uscc), name: m.name.trim(), industry: m.industry, isHrService: m.isHrService, aboveScale: m.aboveScale,
    mode: m.mode, entryDate: m.entryDate, exitDate: m.exitDate, revenueYuan: m.revenueYuan, passThroughYuan: m.passThroughYuan ?? 0,
    taxYuan: m.taxYuan,
  };
  if (m.usccOverrideReason.trim()) body.usccOverrideReason = m.usccOverrideReason.trim();
  return body;
}

/** The enterprise's own fields that changed (name, industry, HR service), sent to PATCH /enterprises/:id. */
export function enterpriseChanges(m: ResidenceFormModel, r: ResidenceRow): EnterprisePatch {
  const patch: EnterprisePatch = {};
  if (m.name.trim() !== r.enterpriseName) patch.name = m.name.trim();
  if (m.industry && m.industry !== r.industry) patch.industry = m.industry;
  if (m.isHrService !== r.isHrService) patch.isHrService = m.isHrService;
  return patch;
}

/** The residence's fields that changed, sent to PATCH /residences/:id. */
export function residenceChanges(m: ResidenceFormModel, r: ResidenceRow): ResidencePatch {
  const patch: ResidencePatch = {};
  if (m.mode !== r.mode) patch.mode = m.mode;
  if (m.entryDate !== r.entryDate) patch.entryDate = m.entryDate;
  if (m.exitDate !== r.exitDate) patch.exitDate = m.exitDate;
  if (m.aboveScale !== r.aboveScale) patch.aboveScale = m.aboveScale;
  if (m.revenueYuan !== undefined && m.revenueYuan !== r.revenueYuan) patch.revenueYuan = m.revenueYuan;
  if ((m.passThroughYuan ?? 0) !== r.passThroughYuan) patch.passThroughYuan = m.passThroughYuan ?? 0;
  if (m.taxYuan !== undefined && m.taxYuan !== r.taxYuan) patch.taxYuan = m.taxYuan;
  return patch;
}

const moneyRequired = (what: string) => [{ required: true, message: `请输入${what}（元），没有则填 0`, trigger: 'change' }];

export const residenceFormRules: FormRules<ResidenceFormModel> = {
  uscc: [{ required: true, message: '请输入统一社会信用代码', trigger: 'blur' }],
  name: [
    { required: true, message: '请输入企业名称', trigger: 'blur' },
    { max: 200, message: '企业名称不超过 200 个字', trigger: 'blur' },
  ],
  industry: [{ required: true, message: '请选择所属行业', trigger: 'change' }],
  revenueYuan: moneyRequired('营业收入'),
  taxYuan: moneyRequired('纳税额'),
};
