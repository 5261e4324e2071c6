/**
 * Input and response schemas of the rule engine's documents (CLI files, POST /api/v1/rules/*).
 * Types are inferred from the schemas; the assertions at the end keep them equal to the
 * domain's own types, so a change on either side fails to compile.
 */
import { z } from 'zod';
import { leaderLevels, orientations, platformLevels, platformTypes, safetyTiers, valueOrientations } from '../../domain/platforms/codes.js';
import type {
  CheckResult, ComprehensiveParkFacts, ConditionAdjustments, ConditionFacts, DistrictPolicy, ScoreSheet,
  SpecializedMarketFacts, SpecializedParkFacts,
} from '../../domain/index.js';

const COUNT_HINT = '须为非负整数（数字或数字字符串）';
const MONEY_HINT = '须为非负整数元（数字或数字字符串，不带单位）';
const AREA_HINT = '须为非负数（平方米），最多两位小数';
const SCORE_HINT = '须为非负数，最多两位小数';

/** A number or a decimal string; every failure of either branch gives the same hint. */
const numeric = (hint: string, pattern: RegExp, integer: boolean, positive = false) => {
  const e = { error: hint };
  const n = integer ? z.number(e).int(e).min(0, e) : positive ? z.number(e).positive(e) : z.number(e).min(0, e);
  return z.union([n, z.string(e).regex(pattern, e)], e);
};
const count = numeric(COUNT_HINT, /^\d+$/, true).describe('非负整数');
const money = numeric(MONEY_HINT, /^\d+$/, true).describe('金额，整数元');
const area = numeric(AREA_HINT, /^\d+(\.\d{1,2})?$/, false).describe('面积，平方米');
const decimal = numeric(SCORE_HINT, /^\d+(\.\d{1,2})?$/, false);
const factorValue = numeric('须为正数，最多六位小数', /^\d+(\.\d{1,6})?$/, false, true);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '须为日期（YYYY-MM-DD）' });

const platformType = z.enum(platformTypes, {
  error: '须为 comprehensive_park（综合性产业园）、specialized_park（专业性行业性产业园）或 specialized_market（专业性行业性市场）',
});
const platformLevel = z.enum(platformLevels, { error: '须为 national（国家级）、municipal（市级）或 district（区县级）' });
const schemeId = z.enum(['cq-2025'], { error: '未知的评分方案，可用：cq-2025' });

const c = count.optional();
const residentEnterprises = z.strictObject({ aboveScale: c, other: c });
const operatingStaff = z.strictObject({ titled: c, other: c });
const educationCounts = z.strictObject({ bachelorOrBelow: c, postgraduate: c, talentCard: c, academician: c });
const mediaReports = z.strictObject({ county: c, municipal: c, central: c });
const honours = z.strictObject({ local: c, municipal: c, ministerial: c });
const informationAdopted = z.strictObject({ municipal: c, ministerial: c });

const attendanceEvent = z.strictObject({ attendance: count, name: z.string().optional() });
const leaderEvent = z.strictObject({
  attendance: count.optional(),
  leaderLevel: z.enum(leaderLevels, { error: '须为 ministerial（省部级及以上）、bureau（厅级）或 none' }).optional(),
  name: z.string().optional(),
});
const judgedScores = z.strictObject({ experts: z.array(decimal).optional(), panel: decimal.optional(), proposed: decimal.optional() });
const safety = z.enum(safetyTiers, { error: '须为 full（5 分）、basic（3 分）、weak（1 分）或 none（0 分）' });
const valueOrientation = z.enum(valueOrientations, { error: '须为 sound（5 分）或 failed（0 分）' });

const commonPark = {
  residentEnterprises: residentEnterprises.optional(),
  residentRevenueYuan: money.optional(),
  taxYuan: money.optional(),
  onlineRevenueYuan: money.optional(),
  researchResults: count.optional(),
  bureauEventsAttended: count.optional(),
  areaM2: area.optional(),
  operatingStaff: operatingStaff.optional(),
  policyImplementation: judgedScores.optional(),
  satisfaction: judgedScores.optional(),
  safety: safety.optional(),
  valueOrientation: valueOrientation.optional(),
  honours: honours.optional(),
  violations: count.optional(),
};

export const comprehensiveParkFactsSchema = z.strictObject({
  ...commonPark,
  employersServed: count.optional(),
  jobsPromoted: count.optional(),
  events: z.array(attendanceEvent).optional(),
  mediaReports: mediaReports.optional(),
});

export const specializedParkFactsSchema = z.strictObject({
  ...commonPark,
  orientation: z.enum(orientations, { error: '须为 industry（特定行业）或 service_line（特定业态）' }).optional(),
  choices: z.strictObject({ '2.1/2.2': z.enum(['2.1', '2.2']).optional(), '2.3/2.4': z.enum(['2.3', '2.4']).optional() }).optional(),
  industryEnterprisesServed: count.optional(),
  serviceLineEnterprisesServed: count.optional(),
  industryTalentSupplied: educationCounts.optional(),
  serviceLineTalentServed: educationCounts.optional(),
  events: z.array(leaderEvent).optional(),
  informationAdopted: informationAdopted.optional(),
});

export const specializedMarketFactsSchema = z.strictObject({
  serviceFunctions: z.union([count, z.array(z.string().min(1))], { error: '须为项数，或服务职能名称的数组' }).optional(),
  revenueYuan: money.optional(),
  hrEnterprises: count.optional(),
  databaseRecords: count.optional(),
  personTimesServed: educationCounts.optional(),
  placedInChongqing: educationCounts.optional(),
  researchResults: count.optional(),
  events: z.array(leaderEvent).optional(),
  enterprisesIncubated: count.optional(),
  areaM2: area.optional(),
  operatingStaff: operatingStaff.optional(),
  talentSatisfaction: judgedScores.optional(),
  enterpriseSatisfaction: judgedScores.optional(),
  safety: safety.optional(),
  valueOrientation: valueOrientation.optional(),
  informationAdopted: informationAdopted.optional(),
  honours: honours.optional(),
  violations: count.optional(),
});

const scoreCommon = { level: platformLevel.optional(), factor: factorValue.optional(), scheme: schemeId.optional() };

export const scoreInputSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('comprehensive_park'), ...scoreCommon, facts: comprehensiveParkFactsSchema }),
  z.strictObject({ type: z.literal('specialized_park'), ...scoreCommon, facts: specializedParkFactsSchema }),
  z.strictObject({ type: z.literal('specialized_market'), ...scoreCommon, facts: specializedMarketFactsSchema }),
], { error: '须为 comprehensive_park、specialized_park 或 specialized_market' });

export const conditionFactsSchema = z.strictObject({
  district: z.string().optional(),
  areaM2: area.optional(),
  sites: count.optional(),
  managementStaff: count.optional(),
  operatingStaff: count.optional(),
  hrEnterprises: count.optional(),
  aboveScaleEnterprises: count.optional(),
  revenueYuan: money.optional(),
  passThroughYuan: money.optional(),
  hrRevenueYuan: money.optional(),
  personTimesServed: count.optional(),
  humanCapitalYuan: money.optional(),
  orientation: z.enum(orientations, { error: '须为 industry（特定行业）或 service_line（特定业态）' }).optional(),
  existingDistrictPlatforms: count.optional(),
  existingBranches: count.optional(),
  offlineResidents: z.strictObject({
    hrEnterprises: count.optional(),
    aboveScaleEnterprises: count.optional(),
    revenueYuan: money.optional(),
    passThroughYuan: money.optional(),
    hrRevenueYuan: money.optional(),
  }).optional(),
});

const threshold = numeric('须为非负数，最多四位小数', /^\d+(\.\d{1,4})?$/, false);

export const adjustmentsSchema = z.strictObject({
  asOf: isoDate.optional(),
  lowered: z.array(z.strictObject({ condition: z.string(), threshold, decidedBy: z.string().min(1, { error: '须填写决定人' }), decidedOn: isoDate, reason: z.string().optional() })).optional(),
  deadlines: z.array(z.strictObject({ condition: z.string(), dueDate: isoDate, decidedBy: z.string().min(1, { error: '须填写决定人' }), decidedOn: isoDate, reason: z.string().optional() })).optional(),
  acceptedShortfalls: z.array(z.strictObject({ condition: z.string(), reason: z.string().min(1, { error: '须填写理由' }), decidedBy: z.string().optional(), decidedOn: isoDate.optional() })).optional(),
  confirmed: z.array(z.string()).optional(),
});

export const districtPolicySchema = z.strictObject({
  district: z.string(),
  thresholds: z.partialRecord(platformType, z.record(z.string(), threshold)).optional(),
});

export const checkInputSchema = z.strictObject({
  type: platformType,
  level: platformLevel,
  scheme: schemeId.optional(),
  facts: conditionFactsSchema,
  adjustments: adjustmentsSchema.optional(),
  districtPolicy: districtPolicySchema.optional(),
});

// ---- responses ----
const dec2 = z.string().describe('两位小数的十进制字符串，如 "10.00"');
const ruleKind = z.enum(['per_unit', 'categories', 'above_base', 'events_attendance', 'events_leader', 'judged', 'tier', 'deduction', 'sum']);
const settingKey = z.enum(['aboveScale', 'titledStaff', 'residents', 'educationCategories', 'pairChoice', 'scaling', 'judged', 'trimFrom', 'publicity', 'passThroughInParkRevenue', 'branchUsesDistrictQuota', 'conditionResidents']);

export const scoreSheetSchema = z.object({
  scheme: z.object({ id: z.string(), year: z.number(), title: z.string() }),
  type: platformType,
  typeLabel: z.string(),
  annex: z.string(),
  title: z.string(),
  factor: z.string(),
  rows: z.array(z.object({
    code: z.string(), group: z.string(), name: z.string(), cap: dec2.nullable(), kind: ruleKind,
    raw: dec2, score: dec2, capped: z.boolean(), counted: z.boolean(), missing: z.boolean(), pending: z.boolean(),
    explanation: z.string(),
    selection: z.object({ pair: z.string(), selected: z.boolean(), by: z.enum(['orientation', 'declared', 'proposed']) }).optional(),
  })),
  subtotal: dec2,
  deductions: dec2,
  total: dec2,
  totalExplanation: z.string(),
  gaps: z.object({
    rows: z.array(z.object({
      code: z.string(), name: z.string(), score: dec2, cap: dec2, headroom: dec2,
      hints: z.array(z.object({ text: z.string(), gain: dec2 })),
    })),
    headroom: dec2,
    grades: z.array(z.object({
      grade: z.enum(['excellent', 'pass']), label: z.string(), cutoff: dec2, met: z.boolean(), shortfall: dec2, reachable: z.boolean(), text: z.string(),
    })),
  }),
  settings: z.array(z.object({ key: settingKey, value: z.string(), text: z.string() })),
  notes: z.array(z.string()),
});

export const scoreResponseSchema = scoreSheetSchema.extend({ level: platformLevel.nullable() });

export const checkResultSchema = z.object({
  type: platformType,
  level: platformLevel,
  district: z.object({ code: z.string(), name: z.string(), region: z.string(), art17: z.boolean() }).nullable(),
  outcome: z.enum(['met', 'met_with_deadlines', 'needs_confirmation', 'not_met']),
  summary: z.string(),
  conditions: z.array(z.object({
    id: z.string(), article: z.string(), label: z.string(), strength: z.enum(['hard', 'soft']),
    value: z.string().nullable(), threshold: z.string(), policyThreshold: z.string(),
    thresholdSource: z.enum(['policy', 'district', 'art17']), passed: z.boolean(),
    status: z.enum(['pass', 'fail', 'missing', 'accepted', 'deferred', 'overdue']), blocking: z.boolean(), notes: z.array(z.string()),
  })),
  checklist: z.array(z.object({ id: z.string(), article: z.string(), text: z.string(), confirmed: z.boolean() })),
  overdue: z.array(z.string()),
  settings: z.array(z.object({ key: z.string(), value: z.string(), text: z.string() })),
});

export const errorResponseSchema = z.object({
  errors: z.array(z.object({ code: z.string(), message: z.string(), path: z.string().optional() })),
});

export type ScoreResponse = z.infer<typeof scoreResponseSchema>;
export type CheckResponse = z.infer<typeof checkResultSchema>;
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

export type ScoreInput = z.infer<typeof scoreInputSchema>;
export type CheckInput = z.infer<typeof checkInputSchema>;

/** Chinese messages for issues a schema does not word itself, each naming the field. */
export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
    return `${path === '' ? '文档' : `字段 ${path}`}：${issue.message}`;
  });
}

const zh = z.locales.zhCN().localeError;

/** Parses with Chinese messages; unknown fields are reported by name. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): { ok: true; value: z.infer<S> } | { ok: false; errors: string[] } {
  const res = schema.safeParse(input, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `不认识的字段：${issue.keys.join('、')}` : issue.code === 'invalid_type' && issue.input === undefined ? '缺少必填字段' : zh(issue)),
  });
  return res.success ? { ok: true, value: res.data } : { ok: false, errors: formatIssues(res.error) };
}

// ---- the inferred types equal the domain's ----
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
/** Compile-time only: fails to type-check when a schema and its domain type drift apart. */
export type SchemaMatchesDomain = [
  Assert<Same<z.infer<typeof comprehensiveParkFactsSchema>, ComprehensiveParkFacts>>,
  Assert<Same<z.infer<typeof specializedParkFactsSchema>, SpecializedParkFacts>>,
  Assert<Same<z.infer<typeof specializedMarketFactsSchema>, SpecializedMarketFacts>>,
  Assert<Same<z.infer<typeof conditionFactsSchema>, ConditionFacts>>,
  Assert<Same<z.infer<typeof adjustmentsSchema>, ConditionAdjustments>>,
  Assert<Same<z.infer<typeof districtPolicySchema>, DistrictPolicy>>,
  Assert<Same<z.infer<typeof scoreSheetSchema>, ScoreSheet>>,
  Assert<Same<z.infer<typeof checkResultSchema>, CheckResult>>,
];
