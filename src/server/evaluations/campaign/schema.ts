import { z } from 'zod';
import { evaluationStatuses, finalGrades } from '../../../domain/evaluation/codes.js';
import { entryStatuses } from '../../../domain/evaluation/workflow.js';
import { platformLevels, platformTypes } from '../../../domain/platforms/codes.js';
import { isoDate, uuidParam, year } from '../../fields.js';
import { schemeId } from '../../schemes/schema.js';

/** A cut-off on the 100-point scale, two decimals at most. */
const cutoff = z.string().regex(/^\d{1,3}(\.\d{1,2})?$/, { error: '须为 0–100 的分数，最多两位小数' })
  .refine((s) => Number(s) <= 100, { error: '须为 0–100 的分数，最多两位小数' });

export const createEvaluationBody = z.object({
  year,
  schemeId,
  excellentCutoff: cutoff.optional(),
  passCutoff: cutoff.optional(),
  poolPerType: z.boolean().optional(),
  selfEvaluationEnd: isoDate,
  districtReviewEnd: isoDate,
  municipalReviewEnd: isoDate,
});
export type CreateEvaluationInput = z.infer<typeof createEvaluationBody>;

export const evaluationRow = z.object({
  id: z.string(),
  year: z.number().int(),
  schemeId: z.string(),
  excellentCutoff: z.string(),
  passCutoff: z.string(),
  poolPerType: z.boolean(),
  selfEvaluationEnd: z.string(),
  districtReviewEnd: z.string(),
  municipalReviewEnd: z.string(),
  status: z.enum(evaluationStatuses),
  entries: z.number().int(),
  createdAt: z.string(),
});
export type EvaluationRow = z.infer<typeof evaluationRow>;

export const evaluationParams = z.object({ id: uuidParam });
export const districtApplicationBody = z.object({ platformId: uuidParam });
export const impactQuery = z.object({ against: schemeId });

export const entryRow = z.object({
  id: z.string(),
  platformId: z.string(),
  platformName: z.string(),
  districtCode: z.string(),
  level: z.enum(platformLevels),
  type: z.enum(platformTypes),
  factor: z.string(),
  voluntary: z.boolean(),
  status: z.enum(entryStatuses),
  /** The self-evaluated total, computed by the rule engine from the entry's facts. */
  selfTotal: z.string().nullable(),
  facts: z.record(z.string(), z.unknown()),
  /** The municipal review's total and the grade: the bureau sees them as they are set, everyone else once published. */
  reviewedTotal: z.string().nullable(),
  grade: z.enum(finalGrades).nullable(),
  /** Rank in its pool and the policy recommendation (Art 32), set by grading; same visibility. */
  rank: z.number().nullable(),
  recommendation: z.string().nullable(),
  /** Last day (inclusive) of the window the entry is waiting on; null once no window applies. */
  deadline: z.string().nullable(),
  /** Still waiting on a window whose last day has passed (today in Asia/Shanghai). */
  overdue: z.boolean(),
});
export type EntryRow = z.infer<typeof entryRow>;

const impactSide = z.object({ total: z.string().nullable(), grade: z.enum(['excellent', 'pass', 'fail', 'held']).nullable(), gradeLabel: z.string().nullable() });
export const impactResponse = z.object({
  schemeId: z.string(),
  against: z.string(),
  items: z.array(z.object({
    entryId: z.string(), platformId: z.string(), platformName: z.string(), level: z.enum(platformLevels), type: z.enum(platformTypes),
    current: impactSide, other: impactSide,
    /** Rule-engine messages when the facts cannot be scored under one of the schemes. */
    problems: z.array(z.string()),
  })),
});
export type ImpactResponse = z.infer<typeof impactResponse>;
