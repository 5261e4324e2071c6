/** Request and response schemas of the recognition procedure (Art 14): the application, its materials, opinions and the bureau's check. */
import { z } from 'zod';
import { carriers, operationModes, orientations, platformServices, platformTypes } from '../../domain/platforms/codes.js';
import { constructionModes } from '../../domain/recognition/form.js';
import { materialKinds } from '../../domain/recognition/materials.js';
import { applicationActions, applicationStates } from '../../domain/recognition/workflow.js';
import { roles } from '../../domain/auth/roles.js';
import { areaM2, countField, isoDate, nameText, optionalName, optionalText, phone, shortText, uuidParam, year, yuan } from '../fields.js';
import { pageOf, pageQuery } from '../pagination.js';
import { adjustmentsSchema, checkResultSchema } from '../rules/schema.js';
import { art } from '../../domain/measures.js';

const services = z.array(z.enum(platformServices)).max(platformServices.length).refine((xs) => new Set(xs).size === xs.length, { error: '不能重复' });

const figuresBody = z.strictObject({
  managementStaff: countField.optional(),
  operatingStaff: countField.optional(),
  hrEnterprises: countField.optional(),
  aboveScaleEnterprises: countField.optional(),
  revenueYuan: yuan.optional(),
  passThroughYuan: yuan.optional(),
  hrRevenueYuan: yuan.optional(),
  personTimesServed: countField.optional(),
  humanCapitalYuan: yuan.optional(),
});

/** 附表1 as the government fills it in; a draft may leave anything but the name and the type empty. */
const formFields = {
  name: nameText(100),
  type: z.enum(platformTypes),
  address: optionalText(200),
  carrier: z.enum(carriers).nullable().optional(),
  contactName: optionalName(50),
  contactPhone: phone.nullable().optional(),
  siteAreaM2: areaM2.nullable().optional(),
  siteCount: countField.nullable().optional(),
  construction: z.enum(constructionModes).nullable().optional(),
  investmentYuan: yuan.nullable().optional(),
  operationMode: z.enum(operationModes).nullable().optional(),
  teamSize: countField.nullable().optional(),
  services: services.optional(),
  orientation: z.enum(orientations).nullable().optional(),
  servedField: optionalText(100),
  dataYear: year.nullable().optional(),
  figures: figuresBody.optional(),
};
export const formBody = z.strictObject(formFields);
export type FormBody = z.infer<typeof formBody>;

/** A new platform gives the form; a district-level platform moving up names its registry record, which fills the form in. */
export const createBody = z.strictObject({
  ...formFields,
  name: formFields.name.optional(),
  type: formFields.type.optional(),
  platformId: z.uuid({ error: '编号格式不正确' }).optional(),
});
export type CreateBody = z.infer<typeof createBody>;

export const applicationParams = z.object({ id: uuidParam });
export const fileParams = z.object({ id: uuidParam, fileId: uuidParam });
export const listQuery = z.object({ state: z.enum(applicationStates).optional(), ...pageQuery });
export type ListQuery = z.infer<typeof listQuery>;

export const reasonBody = z.strictObject({ reason: shortText(1000) });
export const opinionBody = z.strictObject({
  opinion: shortText(2000),
  opinionDate: isoDate,
  signer: nameText(50),
  sealFileId: z.uuid({ error: '编号格式不正确' }).nullable().optional(),
});
export type OpinionBody = z.infer<typeof opinionBody>;

/** Purposes of an application's files: the five kinds of material, or the scan of a seal on an opinion. */
/** The five kinds of material, the opinions' seals, and the evidence of readiness for a 筹建 acceptance (Art 15). */
export const filePurposes = [...materialKinds, 'opinion_seal', 'acceptance_evidence'] as const;
export const uploadFields = z.object({ purpose: z.enum(filePurposes) });

export const checklistBody = z.strictObject({
  item: z.string().trim().min(1).max(50),
  confirmed: z.boolean(),
  note: optionalText(500),
});
/** The Art 17 terms and accepted shortfalls in the rule engine's own shape (POST /rules/check `adjustments`). */
export const termsBody = adjustmentsSchema.omit({ asOf: true, confirmed: true });

// ---- responses ----
const figuresOut = z.object({
  managementStaff: z.number().int().optional(), operatingStaff: z.number().int().optional(), hrEnterprises: z.number().int().optional(),
  aboveScaleEnterprises: z.number().int().optional(), revenueYuan: z.string().optional(), passThroughYuan: z.string().optional(),
  hrRevenueYuan: z.string().optional(), personTimesServed: z.number().int().optional(), humanCapitalYuan: z.string().optional(),
});
export const formOut = z.object({
  name: z.string(), type: z.enum(platformTypes), address: z.string().optional(), carrier: z.enum(carriers).optional(),
  siteAreaM2: z.string().optional().describe('平方米，十进制字符串'), siteCount: z.number().int().optional(), construction: z.enum(constructionModes).optional(),
  investmentYuan: z.string().optional().describe('整数元'), operationMode: z.enum(operationModes).optional(), teamSize: z.number().int().optional(),
  services: z.array(z.enum(platformServices)).optional(), orientation: z.enum(orientations).optional(), servedField: z.string().optional(),
  dataYear: z.number().int().optional(), figures: figuresOut.optional(),
});

const fileOut = z.object({ id: z.string(), originalName: z.string(), mimeType: z.string(), sizeBytes: z.number().int(), sha256: z.string(), uploadedAt: z.string(), uploadedByName: z.string().nullable() });
const opinionOut = z.object({ id: z.string(), opinion: z.string(), opinionDate: z.string(), signer: z.string(), sealFileId: z.string().nullable(), createdAt: z.string(), createdByName: z.string().nullable() });

export const applicationRow = z.object({
  id: z.string(), districtCode: z.string(), districtName: z.string(), platformId: z.string().nullable(), name: z.string(), type: z.enum(platformTypes),
  state: z.enum(applicationStates), stateLabel: z.string(), waitingOn: z.enum(roles).nullable(),
  createdAt: z.string(), updatedAt: z.string(), submittedAt: z.string().nullable(),
});
export type ApplicationRow = z.infer<typeof applicationRow>;
export const applicationPage = pageOf(applicationRow);

export const applicationDetail = applicationRow.extend({
  region: z.string(), art17: z.boolean().describe(`渝东北、渝东南区县：可适用${art(17)}`),
  form: formOut,
  contactName: z.string().nullable(), contactPhone: z.string().nullable(),
  missingFields: z.array(z.object({ field: z.string(), message: z.string() })),
  materials: z.array(z.object({ kind: z.enum(materialKinds), number: z.number().int(), label: z.string(), files: z.array(fileOut) })),
  missingMaterials: z.array(z.enum(materialKinds)),
  seals: z.array(fileOut),
  opinions: z.object({ district_hrss: opinionOut.nullable(), district_gov: opinionOut.nullable() }),
  history: z.array(z.object({ action: z.string(), fromState: z.enum(applicationStates).nullable(), toState: z.enum(applicationStates), reason: z.string().nullable(), userName: z.string().nullable(), at: z.string() })),
  terms: termsBody,
  allowedActions: z.array(z.enum(applicationActions)),
  canEdit: z.boolean(),
});
export type ApplicationDetail = z.infer<typeof applicationDetail>;
export type FileOut = z.infer<typeof fileOut>;

export const checkResponse = z.object({
  applicationId: z.string(),
  input: z.object({ type: z.enum(platformTypes), level: z.literal('municipal'), facts: z.record(z.string(), z.unknown()), adjustments: z.record(z.string(), z.unknown()) })
    .describe('交给规则引擎的文档（与 POST /rules/check 相同的格式）'),
  result: checkResultSchema.nullable(),
  errors: z.array(z.object({ code: z.string(), message: z.string(), path: z.string().optional() })),
  confirmations: z.array(z.object({ item: z.string(), note: z.string().nullable(), confirmedByName: z.string().nullable(), confirmedAt: z.string() })),
  canDecide: z.boolean(),
});
export type CheckResponse = z.infer<typeof checkResponse>;
