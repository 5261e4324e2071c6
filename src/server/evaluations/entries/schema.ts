/** Request and response schemas of one entry: self-evaluation, district review, windows. */
import { z } from 'zod';
import { reviewDecisions } from '../../../domain/evaluation/codes.js';
import { isoDate, uuidParam } from '../../fields.js';
import { scoreSheetSchema } from '../../rules/schema.js';
import { entryRow } from '../campaign/schema.js';

/** Art 30 (二): a text report per indicator; long enough for a page, short enough to read in review. */
export const ROW_TEXT_MAX = 2000;
export const REVIEW_COMMENT_MAX = 1000;

export const entryParams = z.object({ id: uuidParam, entryId: uuidParam });
export const rowParams = entryParams.extend({ code: z.string().regex(/^[0-9A-Za-z][0-9A-Za-z.-]{0,19}$/, { error: '须为评分表的指标编号，如 1.1' }) });

/**
 * The operator's draft. `facts` is checked against the rule engine's schema for the platform's type in
 * the service (the type is the entry's, not the caller's); judged rows carry only a proposed score.
 */
export const saveEntryBody = z.object({
  facts: z.record(z.string(), z.unknown()).optional(),
  rowTexts: z.record(z.string(), z.string().max(ROW_TEXT_MAX, { error: `每项说明不超过 ${ROW_TEXT_MAX} 字` })).optional(),
});
export type SaveEntryInput = z.infer<typeof saveEntryBody>;

export const rowReviewBody = z.object({
  decision: z.enum(reviewDecisions, { error: '须为 accepted（通过）或 returned（退回）' }),
  comment: z.string().trim().max(REVIEW_COMMENT_MAX).optional(),
});
export type RowReviewInput = z.infer<typeof rowReviewBody>;

/** Several rows decided at once, e.g. 全部通过 for the rows not yet decided; all or nothing. */
export const rowsReviewBody = z.object({
  rows: z.array(rowReviewBody.extend({ code: z.string().min(1).max(20) })).min(1, { error: '至少一项指标' }).max(200),
});

/** Any window left out keeps its date. */
export const windowsBody = z.object({
  selfEvaluationEnd: isoDate.optional(),
  districtReviewEnd: isoDate.optional(),
  municipalReviewEnd: isoDate.optional(),
});
export type WindowsInput = z.infer<typeof windowsBody>;

export const rowReview = z.object({
  rowCode: z.string(),
  decision: z.enum(reviewDecisions),
  comment: z.string().nullable(),
  reviewerName: z.string().nullable(),
  at: z.string(),
});
export type RowReview = z.infer<typeof rowReview>;

export const entryDetail = entryRow.extend({
  rowTexts: z.record(z.string(), z.string()),
  /** The live score sheet (rows with explanations, total, gap to 优秀); null while the facts cannot be scored. */
  sheet: scoreSheetSchema.nullable(),
  /** The sheet on the reviewed facts, frozen when the review finished; same visibility as reviewedTotal. */
  reviewedSheet: scoreSheetSchema.nullable(),
  /** Why the facts cannot be scored yet (rule-engine messages). */
  problems: z.array(z.string()),
  /** The district's decision in force for each reviewed row (the newest one). */
  reviews: z.array(rowReview),
  submittedAt: z.string().nullable(),
  forwardedAt: z.string().nullable(),
});
export type EntryDetail = z.infer<typeof entryDetail>;

export const previewBody = z.object({ facts: z.record(z.string(), z.unknown()) });
export const entryPreview = z.object({ sheet: scoreSheetSchema.nullable(), problems: z.array(z.string()) });
export type EntryPreview = z.infer<typeof entryPreview>;
