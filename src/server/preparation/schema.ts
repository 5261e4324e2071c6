/** Request and response schemas of 筹建 (Art 15): the approval, the term with its extensions and countdown, the readiness report and the acceptance. */
import { z } from 'zod';
import { preparationNeedKinds, preparationTermStatuses } from '../../domain/recognition/preparation.js';
import { applicationStates } from '../../domain/recognition/workflow.js';
import { isoDate, shortText, uuidParam } from '../fields.js';

export const platformParams = z.object({ id: uuidParam });

export const approveBody = z.strictObject({
  needKind: z.enum(preparationNeedKinds),
  need: shortText(1000),
  consent: shortText(2000),
  approvedOn: isoDate,
});
export type ApproveInput = z.infer<typeof approveBody>;

export const extendBody = z.strictObject({ until: isoDate, reason: shortText(1000) });
export type ExtendInput = z.infer<typeof extendBody>;

export const readinessBody = z.strictObject({ note: shortText(2000) });
export const acceptanceBody = z.strictObject({ note: shortText(2000) });

const extensionOut = z.object({
  previousEnd: z.string(), newEnd: z.string(), reason: z.string(), decidedByName: z.string().nullable(), decidedAt: z.string(),
});

export const termOut = z.object({
  id: z.string(),
  platformId: z.string(),
  platformName: z.string(),
  districtName: z.string(),
  applicationId: z.string().nullable(),
  needKind: z.enum(preparationNeedKinds),
  needKindLabel: z.string(),
  need: z.string(),
  consent: z.string(),
  approvedOn: z.string(),
  plainEnd: z.string(),
  endOn: z.string(),
  /** Days from today to the last day (0 on it, negative after). */
  daysLeft: z.number().int(),
  status: z.enum(preparationTermStatuses),
  statusLabel: z.string(),
  explanation: z.string(),
  closedOn: z.string().nullable(),
  closedReason: z.string().nullable(),
  extensions: z.array(extensionOut),
  canExtend: z.boolean(),
});
export type TermOut = z.infer<typeof termOut>;

const evidenceOut = z.object({ id: z.string(), originalName: z.string(), sizeBytes: z.number(), uploadedAt: z.string(), uploadedByName: z.string().nullable() });

/** The 筹建 card of an application: the term (once approved), what the caller may do and why not. */
export const applicationPreparationOut = z.object({
  applicationId: z.string(),
  state: z.enum(applicationStates),
  term: termOut.nullable(),
  canApprove: z.boolean(),
  approveRefusal: z.string().nullable(),
  evidence: z.array(evidenceOut),
  canUploadEvidence: z.boolean(),
  canReportReadiness: z.boolean(),
  readinessRefusal: z.string().nullable(),
  canDecideAcceptance: z.boolean(),
  acceptanceRefusal: z.string().nullable(),
});
export type ApplicationPreparationOut = z.infer<typeof applicationPreparationOut>;

export const platformPreparationOut = z.object({ platformId: z.string(), term: termOut.nullable() });
export type PlatformPreparationOut = z.infer<typeof platformPreparationOut>;
