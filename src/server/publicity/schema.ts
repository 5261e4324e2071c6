/**
 * Request and response schemas of publicity notices as the bureau manages them (post, preview,
 * correct, withdraw, attachments, the decision on a result after an upheld objection) and as the
 * public reads them. The public shapes carry nothing about objections.
 */
import { z } from 'zod';
import { finalGrades } from '../../domain/evaluation/codes.js';
import { art } from '../../domain/measures.js';
import { dayCountings, MAX_PUBLICITY_DAYS, MIN_PUBLICITY_DAYS, publicitySubjectTypes } from '../../domain/publicity/notice.js';
import { noticeRevisionKinds, noticeStatuses } from '../../domain/publicity/notice-states.js';
import { isoDate, optionalText, shortText, uuidParam } from '../fields.js';
import { pageOf, pageQuery } from '../pagination.js';

export const NOTICE_BODY_MAX = 10_000;

export const noticeParams = z.object({ id: uuidParam });
export const noticeFileParams = noticeParams.extend({ fileId: uuidParam });
export const noticeItemParams = noticeParams.extend({ itemId: uuidParam });

const days = z.number({ error: '须为整数天数' }).int({ error: '须为整数天数' })
  .min(MIN_PUBLICITY_DAYS, { error: `公示期不少于 ${MIN_PUBLICITY_DAYS} 天（${art(14, '三')}）` }).max(MAX_PUBLICITY_DAYS, { error: `不超过 ${MAX_PUBLICITY_DAYS} 天` });

/** The period as the bureau gives it: the end is never given, it is computed. */
export const periodBody = z.strictObject({ postedOn: isoDate, days, counting: z.enum(dayCountings).default('calendar_days') });
export type PeriodInput = z.infer<typeof periodBody>;

export const createNoticeBody = periodBody.extend({
  kind: z.enum(publicitySubjectTypes),
  title: shortText(200),
  body: optionalText(NOTICE_BODY_MAX),
  /** kind recognition_application: the proposed applications it lists, in this order. */
  applicationIds: z.array(uuidParam).max(100).optional(),
  /** kind evaluation_result: the campaign whose draft results it lists (Art 30 (四)). */
  evaluationId: uuidParam.optional(),
});
export type CreateNoticeInput = z.infer<typeof createNoticeBody>;

export const correctNoticeBody = z.strictObject({
  reason: shortText(2000),
  title: shortText(200).optional(),
  body: optionalText(NOTICE_BODY_MAX),
  postedOn: isoDate.optional(),
  days: days.optional(),
  counting: z.enum(dayCountings).optional(),
});
export type CorrectNoticeInput = z.infer<typeof correctNoticeBody>;
/** The reason is checked by the notice's transition table, so a blank one is refused in its words. */
export const withdrawNoticeBody = z.strictObject({ reason: z.string().max(2000) });
export const decideItemBody = z.strictObject({ grade: z.enum(finalGrades), reason: shortText(2000) });
export type DecideItemInput = z.infer<typeof decideItemBody>;

export const noticeListQuery = z.object({ ...pageQuery, kind: z.enum(publicitySubjectTypes).optional(), status: z.enum(noticeStatuses).optional() });
export const publicNoticeListQuery = z.object({ ...pageQuery, kind: z.enum(publicitySubjectTypes).optional() });
export type NoticeListQuery = z.infer<typeof noticeListQuery>;

// ---- responses ----
export const periodOut = z.object({
  postedOn: z.string(), days: z.number().int(), counting: z.enum(dayCountings), countingLabel: z.string(),
  firstDay: z.string(), lastDay: z.string(), extendedFrom: z.string().nullable(), decisionFrom: z.string(),
  /** The rule that produced the end, in words. */
  explanation: z.string(),
});
export type PeriodOut = z.infer<typeof periodOut>;

const kindFields = { kind: z.enum(publicitySubjectTypes), kindLabel: z.string() };
const statusFields = { status: z.enum(noticeStatuses), statusLabel: z.string(), current: z.boolean(), daysLeft: z.number().int() };

export const publicNoticeRow = z.object({ id: z.string(), title: z.string(), ...kindFields, ...statusFields, postedOn: z.string(), lastDay: z.string(), itemsCount: z.number().int() });
export const publicNoticePage = pageOf(publicNoticeRow);

const attachmentOut = z.object({ id: z.string(), originalName: z.string(), mimeType: z.string(), sizeBytes: z.number().int() });
export type AttachmentOut = z.infer<typeof attachmentOut>;
const historyOut = z.object({
  revision: z.number().int(), kind: z.enum(noticeRevisionKinds), kindLabel: z.string(), reason: z.string().nullable(), at: z.string(),
  /** What changed, in words (a correction's old and new title or period). */
  changes: z.array(z.string()),
});
const publicItem = z.object({ id: z.string(), position: z.number().int(), title: z.string(), detail: z.string().nullable() });

export const publicNoticeOut = z.object({
  id: z.string(), title: z.string(), body: z.string().nullable(), ...kindFields, ...statusFields,
  period: periodOut, items: z.array(publicItem), attachments: z.array(attachmentOut), history: z.array(historyOut),
});
export type PublicNoticeOut = z.infer<typeof publicNoticeOut>;

export const bureauNoticeRow = publicNoticeRow.extend({ days: z.number().int(), countingLabel: z.string(), openObjections: z.number().int(), postedByName: z.string().nullable() });
export const bureauNoticePage = pageOf(bureauNoticeRow);

const bureauItem = publicItem.extend({
  subjectType: z.enum(publicitySubjectTypes), subjectId: z.string(),
  /** The page of the item's subject in the web app. */
  link: z.string().nullable(),
  openObjections: z.number().int(), upheldObjections: z.number().int(),
  decidedGrade: z.enum(finalGrades).nullable(), decidedGradeLabel: z.string().nullable(), decisionReason: z.string().nullable(),
  /** An upheld objection on a result waits for the bureau's decision on its grade. */
  needsDecision: z.boolean(),
});
export const bureauNoticeOut = publicNoticeOut.extend({
  items: z.array(bureauItem), openObjections: z.number().int(), postedByName: z.string().nullable(), revision: z.number().int(),
  allowedActions: z.array(z.enum(['correct', 'withdraw'])),
  /** Where the results' campaign is, for a notice of draft results. */
  evaluationId: z.string().nullable(),
});
export type BureauNoticeOut = z.infer<typeof bureauNoticeOut>;
