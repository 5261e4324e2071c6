import { z } from 'zod';
import { platformTypes } from '../../domain/platforms/codes.js';
import { reportActions, reportStates } from '../../domain/reporting/workflow.js';
import { countField, uuidParam, year } from '../fields.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '须为日期（年-月-日）' });
const figureKeys = z.array(z.string().min(1).max(60)).max(40);
const figuresByType = z.strictObject({ comprehensive_park: figureKeys.optional(), specialized_park: figureKeys.optional(), specialized_market: figureKeys.optional() });

export const cycleCreateBody = z.strictObject({
  name: z.string().trim().min(1, { error: '不能为空' }).max(100),
  kind: z.enum(['quarterly', 'yearly'], { error: '须为 quarterly（季度）或 yearly（年度）' }),
  year,
  /** Days after the end of each period by which its report is due. */
  daysAfterEnd: z.number().int().min(0, { error: '不能为负数' }).max(180, { error: '不能超过 180 天' }),
  figures: figuresByType,
});
export const cycleUpdateBody = z.strictObject({
  name: z.string().trim().min(1, { error: '不能为空' }).max(100),
  figures: figuresByType,
  periods: z.array(z.strictObject({ id: uuidParam, dueOn: isoDate })).max(12),
});

const figureOut = z.object({ key: z.string(), label: z.string(), unit: z.enum(['count', 'yuan']), types: z.array(z.enum(platformTypes)), feedsYearData: z.boolean() });
export const figureCatalogOut = z.array(figureOut);

const periodOut = z.object({ id: z.string(), label: z.string(), quarter: z.number().int().nullable(), dueOn: z.string() });
export const cycleOut = z.object({
  id: z.string(), name: z.string(), kind: z.enum(['quarterly', 'yearly']), year: z.number().int(),
  figures: figuresByType, periods: z.array(periodOut),
});

const stateOrNone = z.enum(reportStates).nullable();
export const myPeriodOut = z.object({
  periodId: z.string(), label: z.string(), cycleName: z.string(), dueOn: z.string(),
  platformId: z.string(), platformName: z.string(), state: stateOrNone,
  standing: z.enum(['overdue', 'due_soon', 'open', 'done']), returnReason: z.string().nullable(),
});

export const reportOut = z.object({
  id: z.string().nullable(), periodId: z.string(), periodLabel: z.string(), cycleName: z.string(), kind: z.enum(['quarterly', 'yearly']), year: z.number().int(), dueOn: z.string(),
  platformId: z.string(), platformName: z.string(), districtName: z.string().nullable(),
  state: stateOrNone, figures: z.record(z.string(), z.number()),
  fields: z.array(figureOut), returnReason: z.string().nullable(), submittedAt: z.string().nullable(), reviewedAt: z.string().nullable(),
  canEdit: z.boolean(), actions: z.array(z.enum(reportActions)),
  /** For a yearly report: whether acceptance will write the year data, and if not why. */
  yearDataNote: z.string().nullable(),
});

export const reviewItemOut = z.object({
  id: z.string(), periodId: z.string(), periodLabel: z.string(), dueOn: z.string(), platformId: z.string(), platformName: z.string(),
  districtName: z.string(), state: z.enum(reportStates), submittedAt: z.string().nullable(),
});

export const matrixQuery = z.object({
  cycleId: uuidParam.optional(), districtCode: z.string().max(20).optional(), type: z.enum(platformTypes).optional(),
});
export const matrixOut = z.object({
  periods: z.array(periodOut.extend({ cycleName: z.string() })),
  rows: z.array(z.object({
    platformId: z.string(), platformName: z.string(), districtName: z.string(), type: z.enum(platformTypes),
    cells: z.array(z.object({ periodId: z.string(), state: stateOrNone, standing: z.enum(['overdue', 'due_soon', 'open', 'done', 'not_asked']), reportId: z.string().nullable() })),
  })),
});

export const reportKeyParams = z.object({ periodId: uuidParam, platformId: uuidParam });
export const reportIdParams = z.object({ id: uuidParam });
export const cycleIdParams = z.object({ id: uuidParam });
export const saveBody = z.strictObject({ figures: z.record(z.string(), countField) });
export const returnBody = z.strictObject({ reason: z.string().trim().min(1, { error: '请填写退回原因' }).max(1000) });
export const delegationBody = z.strictObject({ reportingOrgId: uuidParam.nullable() });
export const delegationParams = z.object({ id: uuidParam });
