/**
 * Request and response schemas of the experts' assessment (Art 14 (二)) and the decision (Art 14 (三)
 * (四)) of a recognition application. The assignment, the decline and the site visit are the annual
 * review's own shapes.
 */
import { z } from 'zod';
import { dayCountings, MAX_PUBLICITY_DAYS, MIN_PUBLICITY_DAYS, objectionOutcomes, objectionStatuses } from '../../domain/publicity/notice.js';
import { recommendations, verificationResults } from '../../domain/recognition/expert-review.js';
import { materialKinds } from '../../domain/recognition/materials.js';
import { applicationStates } from '../../domain/recognition/workflow.js';
import { assignBody, assignmentStatuses, declineBody, PRIVATE_NOTES_MAX, siteVisit } from '../evaluations/3-expert-review/schema.js';
import { isoDate, optionalText, shortText, uuidParam } from '../fields.js';
import { applicationParams } from './schema.js';
import { art } from '../../domain/measures.js';

export { assignBody, declineBody };
export const OPINION_MAX = 4000;

export const assignmentParams = applicationParams.extend({ assignmentId: uuidParam });
export const photoParams = applicationParams.extend({ fileId: uuidParam });
export const objectionParams = applicationParams.extend({ objectionId: uuidParam });

const verification = z.strictObject({ result: z.enum(verificationResults), note: optionalText(1000) });

/** The expert's draft; each part given replaces the stored one, a part left out stays. */
export const saveReviewBody = z.strictObject({
  verifications: z.partialRecord(z.enum(materialKinds), verification).optional(),
  siteVisit: siteVisit.nullable().optional(),
  privateNotes: z.string().max(PRIVATE_NOTES_MAX, { error: `个人笔记不超过 ${PRIVATE_NOTES_MAX} 字` }).nullable().optional(),
  necessity: optionalText(OPINION_MAX),
  feasibility: optionalText(OPINION_MAX),
  recommendation: z.enum(recommendations).nullable().optional(),
});
export type SaveReviewInput = z.infer<typeof saveReviewBody>;

export const proposeBody = z.strictObject({ note: shortText(2000) });

export const publicityBody = z.strictObject({
  postedOn: isoDate,
  days: z.number({ error: '须为整数天数' }).int({ error: '须为整数天数' })
    .min(MIN_PUBLICITY_DAYS, { error: `公示期不少于 ${MIN_PUBLICITY_DAYS} 天（${art(14, '三')}）` }).max(MAX_PUBLICITY_DAYS, { error: `不超过 ${MAX_PUBLICITY_DAYS} 天` }),
  counting: z.enum(dayCountings).optional(),
  title: optionalText(200),
  body: optionalText(4000),
});
export type PublicityInput = z.infer<typeof publicityBody>;

export const objectionBody = z.strictObject({ receivedOn: isoDate, summary: shortText(2000) });
export type ObjectionInput = z.infer<typeof objectionBody>;
export const resolveBody = z.strictObject({ outcome: z.enum(objectionOutcomes), resolution: shortText(2000), resolvedOn: isoDate.optional() });
export type ResolveInput = z.infer<typeof resolveBody>;

export const recognizeBody = z.strictObject({ decisionDate: isoDate, docNo: z.string().trim().min(1, { error: '须填写' }).max(50) });
export type RecognizeInput = z.infer<typeof recognizeBody>;

// ---- responses ----
const photoOut = z.object({ id: z.string(), originalName: z.string(), mimeType: z.string(), sizeBytes: z.number().int(), uploadedAt: z.string() });
export type PhotoOut = z.infer<typeof photoOut>;
const verificationOut = z.object({ result: z.enum(verificationResults), note: z.string().nullable() });

/** An assignment as the bureau sees it: never the private notes; the work only once submitted. */
export const assignmentOut = z.object({
  id: z.string(), expertUserId: z.string(), expertName: z.string(), status: z.enum(assignmentStatuses), statusLabel: z.string(),
  declineReason: z.string().nullable(),
  verifications: z.partialRecord(z.enum(materialKinds), verificationOut),
  siteVisit: siteVisit.nullable(), photos: z.array(photoOut),
  necessity: z.string().nullable(), feasibility: z.string().nullable(), recommendation: z.enum(recommendations).nullable(), recommendationLabel: z.string().nullable(),
  assignedAt: z.string(), submittedAt: z.string().nullable(),
});
export type AssignmentOut = z.infer<typeof assignmentOut>;

export const ownAssignment = assignmentOut.extend({
  privateNotes: z.string().nullable(),
  canWork: z.boolean(),
  missing: z.array(z.object({ field: z.string(), message: z.string() })).describe('提交前尚缺的内容'),
});
export type OwnAssignment = z.infer<typeof ownAssignment>;

/** Every expert's submitted work side by side, and each kind of material with every expert's verdict. */
export const expertReviewOut = z.object({
  applicationId: z.string(), state: z.enum(applicationStates),
  tally: z.object({ assigned: z.number().int(), declined: z.number().int(), submitted: z.number().int() }),
  experts: z.array(assignmentOut),
  materials: z.array(z.object({
    kind: z.enum(materialKinds), number: z.number().int(), label: z.string(),
    verdicts: z.array(z.object({ assignmentId: z.string(), expertName: z.string(), result: z.enum(verificationResults), note: z.string().nullable() })),
  })),
  canAssign: z.boolean(), canPropose: z.boolean(), proposeRefusal: z.string().nullable(),
});
export type ExpertReviewOut = z.infer<typeof expertReviewOut>;

const objectionOut = z.object({
  id: z.string(), receivedOn: z.string(), summary: z.string(), status: z.enum(objectionStatuses), statusLabel: z.string(),
  outcome: z.enum(objectionOutcomes).nullable(), outcomeLabel: z.string().nullable(), resolution: z.string().nullable(), resolvedOn: z.string().nullable(),
});
export const publicityOut = z.object({
  applicationId: z.string(), state: z.enum(applicationStates),
  notice: z.object({
    id: z.string(), title: z.string(), body: z.string().nullable(), postedOn: z.string(), days: z.number().int(), counting: z.enum(dayCountings), countingLabel: z.string(),
    firstDay: z.string(), lastDay: z.string(), decisionFrom: z.string().describe('最早可作出认定的日期'), postedByName: z.string().nullable(),
  }).nullable(),
  objections: z.array(objectionOut),
  openObjections: z.number().int(), upheldObjections: z.number().int(),
  recognition: z.object({ allowed: z.boolean(), reasons: z.array(z.string()) }).describe('今天能否作出认定及原因'),
  decision: z.object({ decisionDate: z.string(), docNo: z.string() }).nullable(),
});
export type PublicityOut = z.infer<typeof publicityOut>;
