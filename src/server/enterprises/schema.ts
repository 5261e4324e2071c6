import { z } from 'zod';
import { residenceModes } from '../../domain/platforms/codes.js';
import { booleanQuery, isoDate, nameText, optionalText, uuidParam, year, yuan } from '../fields.js';
import { pageOf, pageQuery } from '../pagination.js';

export const industryRow = z.object({ code: z.string(), name: z.string(), service: z.boolean() });

const uscc = z.string().trim().min(1).max(30);
const industry = z.string().trim().min(1).max(40);

export const enterpriseRow = z.object({
  id: z.string(),
  uscc: z.string(),
  name: z.string(),
  industry: z.string().nullable(),
  industryName: z.string().nullable(),
  isHrService: z.boolean(),
  isServiceIndustry: z.boolean(),
  usccOverrideReason: z.string().nullable(),
  /** The reason waits for a reviewer (RULES.md §7); the enterprise is not counted until accepted. */
  usccWaiting: z.boolean(),
  usccAcceptedBy: z.string().nullable(),
  usccAcceptedAt: z.string().nullable(),
  aboveScale: z.boolean().nullable(),
  residenceCount: z.number().int(),
  updatedAt: z.string(),
});
export type EnterpriseRow = z.infer<typeof enterpriseRow>;

const enterpriseFilters = {
  q: z.string().trim().max(64).optional(),
  year: year.optional(),
  platformId: z.uuid().optional(),
  isHrService: booleanQuery.optional(),
  aboveScale: booleanQuery.optional(),
  usccWaiting: booleanQuery.optional(),
};
export const enterpriseListQuery = z.object({ ...enterpriseFilters, ...pageQuery });
export type EnterpriseListQuery = z.infer<typeof enterpriseListQuery>;
export const enterprisePage = pageOf(enterpriseRow);

export const enterprisePatch = z.strictObject({ name: nameText(200).optional(), industry: industry.optional(), isHrService: z.boolean().optional() });
export type EnterprisePatch = z.infer<typeof enterprisePatch>;

export const residenceRow = z.object({
  id: z.string(),
  platformId: z.string(),
  platformName: z.string(),
  year: z.number().int(),
  enterpriseId: z.string(),
  uscc: z.string(),
  enterpriseName: z.string(),
  industry: z.string().nullable(),
  industryName: z.string().nullable(),
  isHrService: z.boolean(),
  isServiceIndustry: z.boolean(),
  aboveScale: z.boolean(),
  usccOverrideReason: z.string().nullable(),
  mode: z.enum(residenceModes),
  entryDate: z.string().nullable(),
  exitDate: z.string().nullable(),
  atYearEnd: z.boolean(),
  agreementFileId: z.string().nullable(),
  revenueYuan: z.number().int(),
  passThroughYuan: z.number().int(),
  taxYuan: z.number().int(),
  duplicateOffline: z.boolean(),
  updatedAt: z.string(),
});
export type ResidenceRow = z.infer<typeof residenceRow>;

export const enterpriseDetail = enterpriseRow.extend({
  years: z.array(z.object({ year: z.number().int(), aboveScale: z.boolean() })),
  residences: z.array(residenceRow),
});

const residenceFilters = {
  year,
  mode: z.enum(residenceModes).optional(),
  q: z.string().trim().max(64).optional(),
  isHrService: booleanQuery.optional(),
  aboveScale: booleanQuery.optional(),
  duplicateOffline: booleanQuery.optional(),
  atYearEnd: booleanQuery.optional(),
};
export const residenceListQuery = z.object({ ...residenceFilters, ...pageQuery });
export type ResidenceListQuery = z.infer<typeof residenceListQuery>;
export type ResidenceFilters = Omit<ResidenceListQuery, 'page' | 'pageSize'>;
export const residencePage = pageOf(residenceRow);

/** Pass-through is part of revenue, and a residence ends after it starts. */
const consistent = <T extends { revenueYuan?: number; passThroughYuan?: number; entryDate?: string | null; exitDate?: string | null }>(s: z.ZodType<T>) =>
  s.superRefine((v, ctx) => {
    if (v.revenueYuan !== undefined && v.passThroughYuan !== undefined && v.passThroughYuan > v.revenueYuan) {
      ctx.addIssue({ code: 'custom', path: ['passThroughYuan'], message: '不能大于营业收入' });
    }
    if (v.entryDate && v.exitDate && v.exitDate < v.entryDate) ctx.addIssue({ code: 'custom', path: ['exitDate'], message: '不能早于入驻日期' });
  });

export const residenceBody = consistent(z.strictObject({
  year,
  uscc,
  usccOverrideReason: optionalText(500),
  name: nameText(200),
  industry,
  isHrService: z.boolean(),
  aboveScale: z.boolean(),
  mode: z.enum(residenceModes),
  entryDate: isoDate.nullable().optional(),
  exitDate: isoDate.nullable().optional(),
  revenueYuan: yuan,
  passThroughYuan: yuan.optional(),
  taxYuan: yuan,
  agreementFileId: z.uuid().nullable().optional(),
}));
export type ResidenceInput = z.infer<typeof residenceBody>;

export const residencePatch = consistent(z.strictObject({
  mode: z.enum(residenceModes).optional(),
  entryDate: isoDate.nullable().optional(),
  exitDate: isoDate.nullable().optional(),
  revenueYuan: yuan.optional(),
  passThroughYuan: yuan.optional(),
  taxYuan: yuan.optional(),
  aboveScale: z.boolean().optional(),
  agreementFileId: z.uuid().nullable().optional(),
}));
export type ResidencePatch = z.infer<typeof residencePatch>;

export const duplicateRow = z.object({
  year: z.number().int(),
  enterpriseId: z.string(),
  uscc: z.string(),
  enterpriseName: z.string(),
  residences: z.array(z.object({ residenceId: z.string(), platformId: z.string(), platformName: z.string(), districtCode: z.string(), districtName: z.string() })),
});
export const duplicatesQuery = z.object({ year });

export const enterpriseParams = z.object({ id: uuidParam });
export const residenceParams = z.object({ id: uuidParam });
export const platformResidenceQuery = residenceListQuery;
