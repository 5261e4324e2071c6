import { z } from 'zod';
import { filingActions, filingStates } from '../../domain/district/filing.js';
import { platformStatuses, platformTypes } from '../../domain/platforms/codes.js';
import { booleanQuery, isoDate, shortText, text, year } from '../fields.js';
import { checkResultSchema } from '../rules/schema.js';

const thresholdValue = z.string().trim().max(20).regex(/^(\d+(\.\d{1,2})?)?$/, '须为非负数，最多 2 位小数');
const typeThresholds = z.record(z.string().max(60), thresholdValue);

export const policyBody = z.strictObject({
  docNo: shortText(100),
  effectiveFrom: isoDate,
  thresholds: z.strictObject({
    comprehensive_park: typeThresholds.optional(),
    specialized_park: typeThresholds.optional(),
    specialized_market: typeThresholds.optional(),
  }),
  note: text(500).optional(),
});
export type PolicyInput = z.infer<typeof policyBody>;

export const policyQuery = z.object({ districtCode: z.string().max(12).optional() });

const policyField = z.object({ key: z.string(), label: z.string(), article: z.string(), op: z.string(), unit: z.string(), municipal: z.string(), municipalText: z.string() });

export const policyList = z.object({
  fields: z.object({ comprehensive_park: z.array(policyField), specialized_park: z.array(policyField), specialized_market: z.array(policyField) }),
  versions: z.array(z.object({
    id: z.uuid(), districtCode: z.string(), districtName: z.string(), version: z.number().int(), docNo: z.string(), effectiveFrom: z.string(),
    thresholds: z.partialRecord(z.enum(platformTypes), z.record(z.string(), z.string())), note: z.string().nullable(), createdByName: z.string().nullable(), createdAt: z.string(),
  })),
  inForceIds: z.array(z.uuid()),
  canCreate: z.boolean(),
});

export const decideBody = z.strictObject({
  year,
  docNo: shortText(100),
  decidedOn: isoDate,
  quotaReason: text(500).optional(),
});
export type DecideInput = z.infer<typeof decideBody>;

export const filingTextBody = z.strictObject({ text: text(1000).optional() });

export const filingDetail = z.object({
  platformId: z.uuid(),
  platformStatus: z.enum(platformStatuses),
  districtCode: z.string(),
  filing: z.object({
    state: z.enum(filingStates), dataYear: z.number().int(), decisionDocNo: z.string(), decidedOn: z.string(), quotaReason: z.string().nullable(),
    policyId: z.uuid(), policyDocNo: z.string(), policyVersion: z.number().int(), filedAt: z.string().nullable(), acknowledgedAt: z.string().nullable(), checkResult: checkResultSchema,
  }).nullable(),
  events: z.array(z.object({ action: z.enum(filingActions), text: z.string().nullable(), at: z.string(), userName: z.string().nullable() })),
  steps: z.array(z.enum(filingActions)),
  quota: z.object({ existing: z.number().int(), branches: z.number().int(), branchUsesDistrictQuota: z.boolean(), counted: z.number().int(), perType: z.number().int(), exceeded: z.boolean() }),
  policyToday: z.object({ id: z.uuid(), version: z.number().int(), docNo: z.string(), effectiveFrom: z.string() }).nullable(),
});

export const filingListQuery = z.object({
  state: z.enum(filingStates).optional(),
  /** true: only second-or-later platforms of a type (Art 16 exceptions). */
  exceptions: booleanQuery.optional(),
  districtCode: z.string().max(12).optional(),
});
export type FilingListQuery = z.infer<typeof filingListQuery>;

export const filingList = z.array(z.object({
  platformId: z.uuid(), platformName: z.string(), type: z.enum(platformTypes), platformStatus: z.enum(platformStatuses), districtCode: z.string(),
  districtName: z.string(), state: z.enum(filingStates), decisionDocNo: z.string(), decidedOn: z.string(), quotaReason: z.string().nullable(),
  exception: z.boolean(), filedAt: z.string().nullable(), acknowledgedAt: z.string().nullable(), checkSummary: z.string(),
}));
