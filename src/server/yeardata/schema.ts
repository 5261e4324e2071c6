/**
 * Yearly operating data per platform type. Types are inferred from the schemas; the assertions
 * at the end keep them equal to src/domain/platforms/year-data.ts, which is itself checked
 * against the rule engine's facts.
 */
import { z } from 'zod';
import { leaderLevels, platformTypes, safetyTiers, valueOrientations } from '../../domain/platforms/codes.js';
import type { ComprehensiveParkYearData, SpecializedMarketYearData, SpecializedParkYearData } from '../../domain/platforms/year-data.js';
import { checkResultSchema, comprehensiveParkFactsSchema, conditionFactsSchema, errorResponseSchema, specializedMarketFactsSchema, specializedParkFactsSchema } from '../rules/schema.js';
import { countField, uuidParam, year, yuan } from '../fields.js';

const n = countField.optional();
const education = z.strictObject({ bachelorOrBelow: n, postgraduate: n, talentCard: n, academician: n });
const honours = z.strictObject({ local: n, municipal: n, ministerial: n });
const informationAdopted = z.strictObject({ municipal: n, ministerial: n });
const mediaReports = z.strictObject({ county: n, municipal: n, central: n });
const eventName = z.string().trim().max(200).optional();
const attendanceEvent = z.strictObject({ name: eventName, attendance: countField });
const leaderEvent = z.strictObject({
  name: eventName,
  attendance: countField.optional(),
  leaderLevel: z.enum(leaderLevels, { error: '须为 ministerial（省部级及以上）、bureau（厅级）或 none（无）' }).optional(),
});
const safety = z.enum(safetyTiers, { error: '须为 full、basic、weak 或 none' });
const valueOrientation = z.enum(valueOrientations, { error: '须为 sound 或 failed' });
const MAX_EVENTS = 1000;

const parkCommon = {
  platformTaxYuan: yuan.optional(),
  researchResults: n,
  bureauEventsAttended: n,
  safety: safety.optional(),
  valueOrientation: valueOrientation.optional(),
  honours: honours.optional(),
  violations: n,
};

export const comprehensiveParkYearData = z.strictObject({
  ...parkCommon,
  employersServed: n,
  jobsPromoted: n,
  events: z.array(attendanceEvent).max(MAX_EVENTS).optional(),
  mediaReports: mediaReports.optional(),
});

export const specializedParkYearData = z.strictObject({
  ...parkCommon,
  industryEnterprisesServed: n,
  serviceLineEnterprisesServed: n,
  industryTalentSupplied: education.optional(),
  serviceLineTalentServed: education.optional(),
  events: z.array(leaderEvent).max(MAX_EVENTS).optional(),
  informationAdopted: informationAdopted.optional(),
});

export const specializedMarketYearData = z.strictObject({
  ownRevenueYuan: yuan.optional(),
  humanCapitalYuan: yuan.optional(),
  serviceFunctions: z.array(z.string().trim().min(1).max(50)).max(30)
    .refine((xs) => new Set(xs).size === xs.length, { error: '服务职能不能重复' }).optional(),
  databaseRecords: n,
  personTimesServed: education.optional(),
  placedInChongqing: education.optional(),
  researchResults: n,
  events: z.array(leaderEvent).max(MAX_EVENTS).optional(),
  enterprisesIncubated: n,
  safety: safety.optional(),
  valueOrientation: valueOrientation.optional(),
  informationAdopted: informationAdopted.optional(),
  honours: honours.optional(),
  violations: n,
});

export const yearDataSchemas = {
  comprehensive_park: comprehensiveParkYearData,
  specialized_park: specializedParkYearData,
  specialized_market: specializedMarketYearData,
} as const;

/**
 * The body is checked against the platform's type in the service; here only its envelope. PUT
 * replaces the year's data, so an empty object would silently clear every field: it is refused.
 */
export const putYearDataBody = z.strictObject({
  data: z.record(z.string(), z.unknown()).refine((d) => Object.keys(d).length > 0, { error: '不能为空，请至少填写一项（整体替换保存，空内容会清除全部数据）' }),
});

const derived = z.object({
  residentEnterprises: z.object({ aboveScale: z.number().int(), other: z.number().int() }).optional(),
  residentRevenueYuan: z.string().optional(),
  taxYuan: z.string().optional(),
  onlineRevenueYuan: z.string().optional(),
  revenueYuan: z.string().optional(),
  hrEnterprises: z.number().int().optional(),
  areaM2: z.string(),
  operatingStaff: z.object({ titled: z.number().int(), other: z.number().int() }),
});

export const yearDataDetail = z.object({
  platformId: z.string(),
  year: z.number().int(),
  type: z.enum(platformTypes),
  data: z.union([comprehensiveParkYearData, specializedParkYearData, specializedMarketYearData]),
  derived,
  facts: z.union([comprehensiveParkFactsSchema, specializedParkFactsSchema, specializedMarketFactsSchema]),
  updatedAt: z.string().nullable(),
  updatedByName: z.string().nullable(),
  canEdit: z.boolean(),
});
export type YearDataDetail = z.infer<typeof yearDataDetail>;

export const yearDataSummary = z.object({
  year: z.number().int(),
  filledFacts: z.number().int(),
  residences: z.number().int(),
  updatedAt: z.string().nullable(),
  updatedByName: z.string().nullable(),
});

export const conditionCheck = z.object({
  year: z.number().int(),
  facts: conditionFactsSchema,
  result: checkResultSchema.nullable(),
  errors: errorResponseSchema.shape.errors,
});

export const yearParams = z.object({ id: uuidParam, year });
export const conditionsQuery = z.object({ year: year.optional() });

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
/** Compile-time only: the schemas and the domain's year-data types stay equal. */
export type SchemasMatchDomain = [
  Assert<Same<z.infer<typeof comprehensiveParkYearData>, ComprehensiveParkYearData>>,
  Assert<Same<z.infer<typeof specializedParkYearData>, SpecializedParkYearData>>,
  Assert<Same<z.infer<typeof specializedMarketYearData>, SpecializedMarketYearData>>,
];
