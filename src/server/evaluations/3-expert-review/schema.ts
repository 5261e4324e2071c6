/** Request and response schemas of the municipal review by experts (Art 30 (三)). */
import { z } from 'zod';
import { isoDate, nameText, uuidParam } from '../../fields.js';
import { platformLevels, platformTypes } from '../../../domain/platforms/codes.js';
import { entryStatuses as entryStatusValues } from '../../../domain/evaluation/workflow.js';
import { assignmentStatuses } from '../../../domain/evaluation/codes.js';
import { scoreSheetSchema } from '../../rules/schema.js';
import { entryParams } from '../entries/schema.js';

export const CORRECTION_REASON_MAX = 1000;
export const CORRECTIONS_MAX = 60;
export const DECLINE_REASON_MAX = 1000;
export const FINDINGS_MAX = 4000;
export const PRIVATE_NOTES_MAX = 4000;
export const PARTICIPANTS_MAX = 20;

export { assignmentStatuses };
export const assignmentStatusLabels: Record<(typeof assignmentStatuses)[number], string> = { assigned: '评审中', declined: '已回避', submitted: '已提交' };

export const assignmentParams = entryParams.extend({ assignmentId: uuidParam });
export const assignBody = z.object({ expertUserId: uuidParam });
export type AssignInput = z.infer<typeof assignBody>;

/** An expert's correction of one fact of the self-evaluation, after checking it against the evidence. */
export const correction = z.object({
  fact: z.string().trim().min(1, { error: '须填写事实项' }).max(60),
  value: z.unknown(),
  reason: z.string({ error: '须填写更正理由' }).trim().min(1, { error: '须填写更正理由' }).max(CORRECTION_REASON_MAX, { error: `更正理由不超过 ${CORRECTION_REASON_MAX} 字` }),
});
export type Correction = z.infer<typeof correction>;

/** The site inspection: when, who took part, what was found. */
export const siteVisit = z.object({
  date: isoDate,
  participants: z.array(nameText(50)).min(1, { error: '须填写参加人员' }).max(PARTICIPANTS_MAX),
  findings: z.string().trim().min(1, { error: '须填写检查情况' }).max(FINDINGS_MAX, { error: `检查情况不超过 ${FINDINGS_MAX} 字` }),
});
export type SiteVisit = z.infer<typeof siteVisit>;

/** Judged fact key → score (0..cap in the row's steps); checked against the scheme in the service. */
const judgedScoreValue = z.union([z.number(), z.string().trim().min(1)], { error: '须为分数' });

/** Finishing the municipal review: the review panel's scores of the judged rows, when the scheme takes them from the panel. */
export const finishReviewBody = z.strictObject({
  panelScores: z.record(z.string(), judgedScoreValue).optional(),
});
export type FinishReviewInput = z.infer<typeof finishReviewBody>;

/** The expert's work; each part given replaces the stored one, a part left out stays. */
export const saveAssignmentBody = z.object({
  corrections: z.array(correction).max(CORRECTIONS_MAX).optional(),
  judgedScores: z.record(z.string(), judgedScoreValue).optional(),
  siteVisit: siteVisit.nullable().optional(),
  privateNotes: z.string().max(PRIVATE_NOTES_MAX, { error: `个人笔记不超过 ${PRIVATE_NOTES_MAX} 字` }).nullable().optional(),
});
export type SaveAssignmentInput = z.infer<typeof saveAssignmentBody>;

/** The unsaved part of the expert's work that changes the score: what the live 评审预览 scores. */
export const previewAssignmentBody = z.object({
  // Lines being typed may still lack their fact or reason: the preview skips them instead of refusing the request.
  corrections: z.array(z.object({ fact: z.string().max(60), value: z.unknown(), reason: z.string().max(CORRECTION_REASON_MAX) })).max(CORRECTIONS_MAX),
  judgedScores: z.record(z.string(), judgedScoreValue),
});
export type PreviewAssignmentInput = z.infer<typeof previewAssignmentBody>;

export const declineBody = z.object({
  reason: z.string({ error: '须填写回避理由' }).trim().min(1, { error: '须填写回避理由' }).max(DECLINE_REASON_MAX),
});

const storedCorrection = z.object({ fact: z.string(), value: z.unknown(), reason: z.string() });

/** An assignment as the bureau sees it: never the expert's private notes. */
export const assignmentRow = z.object({
  id: z.string(),
  entryId: z.string(),
  expertUserId: z.string(),
  expertName: z.string(),
  status: z.enum(assignmentStatuses),
  declineReason: z.string().nullable(),
  corrections: z.array(storedCorrection),
  judgedScores: z.record(z.string(), z.string()),
  siteVisit: siteVisit.nullable(),
  assignedAt: z.string(),
  submittedAt: z.string().nullable(),
});
export type AssignmentRow = z.infer<typeof assignmentRow>;

/** One row of the reviewed sheet beside the self-evaluated one. */
export const reviewRow = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  counted: z.boolean(),
  selfScore: z.string().nullable(),
  /** For judged rows: the operator's proposal (never used). */
  proposed: z.string().nullable(),
  reviewedScore: z.string().nullable(),
  /** reviewed − self; null while either side cannot be scored. */
  difference: z.string().nullable(),
  changed: z.boolean(),
  /** The facts corrected by experts that feed this row. */
  corrected: z.array(z.string()),
  pending: z.boolean(),
});

export const appliedCorrection = z.object({
  fact: z.string(), before: z.unknown(), after: z.unknown(), reason: z.string(), expertName: z.string(),
});

/** Two experts corrected the same fact differently: the later submission is applied. */
export const correctionConflict = z.object({
  fact: z.string(),
  values: z.array(z.object({ expertName: z.string(), value: z.unknown(), reason: z.string() })),
  applied: z.string(),
});

export const reviewSheet = z.object({
  selfTotal: z.string().nullable(),
  reviewedTotal: z.string().nullable(),
  difference: z.string().nullable(),
  rows: z.array(reviewRow),
  corrections: z.array(appliedCorrection),
  conflicts: z.array(correctionConflict),
  /** Why the reviewed facts cannot be scored (rule-engine messages). */
  problems: z.array(z.string()),
  /** The engine's full sheet on the reviewed facts. */
  sheet: scoreSheetSchema.nullable(),
});
export type ReviewSheet = z.infer<typeof reviewSheet>;

/** The bureau's view of the municipal review of one entry. */
export const entryReview = reviewSheet.extend({
  entryId: z.string(),
  status: z.enum(entryStatusValues),
  /** True once finish_review froze it: the stored sheet, not a recomputation. */
  frozen: z.boolean(),
  reviewedAt: z.string().nullable(),
  experts: z.object({ assigned: z.number(), submitted: z.number(), declined: z.number() }),
  /** Judged rows the review panel scores when the review is finished (scheme setting judged = panel); empty otherwise. */
  panelRows: z.array(z.object({ code: z.string(), name: z.string(), fact: z.string(), cap: z.string(), step: z.string() })),
  /** The panel's scores given (frozen review) by fact. */
  panelScores: z.record(z.string(), z.string()),
});
export type EntryReview = z.infer<typeof entryReview>;

/** The expert's own assignment, with their notes and a preview of the sheet on their own work alone. */
export const ownAssignment = assignmentRow.extend({
  privateNotes: z.string().nullable(),
  /** The judged facts of the entry's type with each row's cap and step, for the scoring form. */
  judgedRows: z.array(z.object({ code: z.string(), name: z.string(), fact: z.string(), cap: z.string(), step: z.string() })),
  preview: reviewSheet,
});
export type OwnAssignment = z.infer<typeof ownAssignment>;

/** The expert's list across campaigns. */
export const myAssignmentRow = z.object({
  id: z.string(),
  evaluationId: z.string(),
  year: z.number(),
  entryId: z.string(),
  platformId: z.string(),
  platformName: z.string(),
  type: z.enum(platformTypes),
  level: z.enum(platformLevels),
  districtCode: z.string(),
  districtName: z.string(),
  status: z.enum(assignmentStatuses),
  entryStatus: z.enum(entryStatusValues),
  deadline: z.string().nullable(),
  overdue: z.boolean(),
  assignedAt: z.string(),
  submittedAt: z.string().nullable(),
});
export type MyAssignmentRow = z.infer<typeof myAssignmentRow>;
