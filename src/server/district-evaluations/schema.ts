/** Art 28 filings of the districts' own evaluation results: request and response shapes. */
import { z } from 'zod';
import { filingStatuses } from '../../domain/district-evaluations/filing.js';
import { platformStatuses, platformTypes } from '../../domain/platforms/codes.js';
import { optionalText, shortText, text, uuidParam, year } from '../fields.js';

const filingState = z.enum(['none', ...filingStatuses]);

export const yearParams = z.object({ year });
export const filingParams = z.object({ id: uuidParam });

const item = z.object({
  platformId: uuidParam,
  /** The grade in the district's own scheme (优秀 / A档 / 良好 …): free text. */
  grade: text(50),
  score: z.string().trim().regex(/^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/u, { error: '须为 0–100 的分数，最多两位小数' }).nullable().optional(),
  note: optionalText(500),
});
export type FilingItemInput = z.infer<typeof item>;

export const saveBody = z.strictObject({ items: z.array(item).max(500), note: optionalText(2000) });
export type SaveInput = z.infer<typeof saveBody>;
export const acknowledgeBody = z.strictObject({ note: optionalText(1000) }).optional();
export const returnBody = z.strictObject({ note: shortText(1000) });

const storedItem = z.object({ platformId: z.string(), platformName: z.string(), grade: z.string(), score: z.string().nullable(), note: z.string().nullable() });
/** What `items` holds in the database, read back through this schema. */
export const storedItems = z.array(storedItem);
export type StoredItem = z.infer<typeof storedItem>;

export const filingResponse = z.object({
  id: z.string().nullable(), districtCode: z.string(), districtName: z.string(), year: z.number().int(),
  status: filingState, statusLabel: z.string(),
  items: z.array(storedItem),
  /** The district's district-level platforms the filing must cover (已备案 or 整改中 now). */
  platforms: z.array(z.object({ id: z.string(), name: z.string(), type: z.enum(platformTypes), status: z.enum(platformStatuses) })),
  note: z.string().nullable(),
  document: z.object({ id: z.string(), originalName: z.string(), sizeBytes: z.number().int(), uploadedAt: z.string() }).nullable(),
  submittedAt: z.string().nullable(), submittedByName: z.string().nullable(),
  decidedAt: z.string().nullable(), decidedByName: z.string().nullable(), decisionNote: z.string().nullable(),
  /** What still stops a submission (empty when complete). */
  problems: z.array(z.string()),
});
export type FilingResponse = z.infer<typeof filingResponse>;

export const overviewResponse = z.object({
  year: z.number().int(),
  total: z.number().int(),
  counts: z.object({ none: z.number().int(), draft: z.number().int(), submitted: z.number().int(), returned: z.number().int(), acknowledged: z.number().int() }),
  rows: z.array(z.object({
    districtCode: z.string(), districtName: z.string(), region: z.string(), platforms: z.number().int(),
    status: filingState, statusLabel: z.string(), filingId: z.string().nullable(), items: z.number().int(), submittedAt: z.string().nullable(),
  })),
});
export type OverviewResponse = z.infer<typeof overviewResponse>;
export const remindResponse = z.object({ districts: z.number().int(), notified: z.number().int() });
