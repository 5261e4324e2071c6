import { z } from 'zod';
import { objectionOutcomes, objectionSources, objectionStatuses, replyMethods } from '../../domain/publicity/objection.js';
import { isoDate, optionalName, shortText, uuidParam } from '../fields.js';

export const noticeParams = z.object({ id: uuidParam });
export const bureauNoticeParams = z.object({ noticeId: uuidParam });
export const objectionParams = z.object({ id: uuidParam });
export const objectionFileParams = z.object({ id: uuidParam, fileId: uuidParam });

// ---- public ----

export const challengeOut = z.object({ token: z.string(), question: z.string(), expiresAt: z.string() });

export const objectionFormOut = z.object({
  noticeId: z.string(), title: z.string(), postedOn: z.string(), firstDay: z.string(), lastDay: z.string(),
  items: z.array(z.object({ id: z.string(), title: z.string(), detail: z.string().nullable() })),
  filingOpen: z.boolean(), filingRefusal: z.string().nullable(),
  limits: z.object({ nameMax: z.number().int(), groundsMin: z.number().int(), groundsMax: z.number().int(), maxFiles: z.number().int(), maxFileBytes: z.number().int() }),
});
export type ObjectionFormOut = z.infer<typeof objectionFormOut>;

export const filingOut = z.object({ receiptNo: z.string(), receivedOn: z.string(), noticeTitle: z.string(), itemTitle: z.string() });
export type FilingOut = z.infer<typeof filingOut>;

export const lookupQuery = z.object({ receipt: z.string().max(40), contact: z.string().max(254) });
export const lookupOut = z.object({
  receiptNo: z.string(), noticeTitle: z.string(), itemTitle: z.string(), status: z.enum(objectionStatuses), statusLabel: z.string(),
  receivedOn: z.string(), decidedOn: z.string().nullable(),
  reply: z.object({ text: z.string(), repliedOn: z.string(), methodLabel: z.string() }).nullable(),
});
export type LookupOut = z.infer<typeof lookupOut>;

// ---- bureau ----

const fileOut = z.object({ id: z.string(), originalName: z.string(), mimeType: z.string(), sizeBytes: z.number().int(), sha256: z.string() });
const noteOut = z.object({ id: z.string(), body: z.string(), createdByName: z.string().nullable(), createdAt: z.string() });
const refusals = z.object({ assign: z.string().nullable(), note: z.string().nullable(), decide: z.string().nullable(), reply: z.string().nullable() });

export const objectionRow = z.object({
  id: z.string(), noticeId: z.string(), itemId: z.string(), itemTitle: z.string(), source: z.enum(objectionSources), sourceLabel: z.string(),
  receiptNo: z.string().nullable(), objectorName: z.string().nullable(), receivedOn: z.string(), summary: z.string(),
  status: z.enum(objectionStatuses), statusLabel: z.string(), open: z.boolean(), assignedTo: z.string().nullable(), assignedToName: z.string().nullable(),
  outcome: z.enum(objectionOutcomes).nullable(), outcomeLabel: z.string().nullable(), resolution: z.string().nullable(), resolvedOn: z.string().nullable(),
  replyText: z.string().nullable(), repliedOn: z.string().nullable(), replyMethod: z.enum(replyMethods).nullable(), replyMethodLabel: z.string().nullable(),
});
export type ObjectionRowOut = z.infer<typeof objectionRow>;

export const objectionDetail = objectionRow.extend({
  objectorPhone: z.string().nullable(), objectorEmail: z.string().nullable(), noticeTitle: z.string(),
  notes: z.array(noteOut), files: z.array(fileOut), refusals,
});
export type ObjectionDetailOut = z.infer<typeof objectionDetail>;

export const noticeObjectionsOut = z.object({
  notice: z.object({ id: z.string(), title: z.string(), postedOn: z.string(), lastDay: z.string() }),
  items: z.array(z.object({ id: z.string(), title: z.string() })),
  objections: z.array(objectionRow),
});
export type NoticeObjectionsOut = z.infer<typeof noticeObjectionsOut>;

export const objectionListQuery = z.object({ status: z.enum(objectionStatuses).optional() });
export const mineQuery = z.object({ open: z.enum(['true', 'false']).default('true').transform((v) => v === 'true') });
export const mineOut = z.array(objectionRow.extend({ noticeTitle: z.string() }));

export const assigneesOut = z.array(z.object({ id: z.string(), displayName: z.string() }));

export const recordBody = z.strictObject({
  itemId: uuidParam, receivedOn: isoDate, summary: shortText(2000), objectorName: optionalName(50),
  phone: z.string().trim().max(30).optional(), email: z.string().trim().max(254).optional(),
});
export type RecordBody = z.infer<typeof recordBody>;
export const assignBody = z.strictObject({ userId: uuidParam });
export const noteBody = z.strictObject({ body: shortText(2000) });
export const decideBody = z.strictObject({ outcome: z.enum(objectionOutcomes), reasons: shortText(2000) });
export type DecideBody = z.infer<typeof decideBody>;
export const replyBody = z.strictObject({ text: shortText(2000), repliedOn: isoDate, method: z.enum(replyMethods) });
export type ReplyBody = z.infer<typeof replyBody>;
