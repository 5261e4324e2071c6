import { z } from 'zod';
import { evaluationStatuses, finalGrades, gradeSources, proposalKinds, proposalStatuses } from '../../../domain/evaluation/codes.js';
import { entryStatuses } from '../../../domain/evaluation/workflow.js';
import { platformLevels, platformStatuses, platformTypes } from '../../../domain/platforms/codes.js';
import { isoDate, shortText, uuidParam, year } from '../../fields.js';

const grade = z.enum(finalGrades);
const gradeOrHeld = z.enum(['excellent', 'pass', 'fail', 'held']);
const recommendation = z.enum(['priority', 'supported', 'not_recommended', 'none', 'pending']);
const gradeSource = z.enum(gradeSources);

export const panelEntryParams = z.object({ id: uuidParam, entryId: uuidParam });
export const proposalParams = z.object({ id: uuidParam });
export const yearParams = z.object({ year });

export const conditionsBody = z.object({ lost: z.boolean(), reason: shortText(1000) });
export type ConditionsInput = z.infer<typeof conditionsBody>;
export const decisionBody = z.object({ grade, reason: shortText(1000) });
export type DecisionInput = z.infer<typeof decisionBody>;
export const confirmBody = z.object({
  note: z.string().trim().max(1000).optional(),
  /** Art 33 promotion only: the bureau's decision (认定日期, 认定文号), required there. */
  decisionDate: isoDate.optional(),
  docNo: z.string().trim().max(50).optional(),
}).optional();
export type ConfirmInput = NonNullable<z.infer<typeof confirmBody>>;

/** The Art 33 check of a promotion proposal as things stand now: grade, status and every municipal condition. */
export const art33CheckRow = z.object({
  proposalId: z.string(), platformId: z.string(), platformName: z.string(), year: z.number().int(),
  level: z.enum(platformLevels), platformStatus: z.enum(platformStatuses), grade: grade.nullable(),
  conditions: z.array(z.object({ label: z.string(), article: z.string(), value: z.string().nullable(), threshold: z.string(), passed: z.boolean(), blocking: z.boolean() })),
  conditionsError: z.string().nullable(),
  eligible: z.boolean(), reasons: z.array(z.string()),
});
export type Art33CheckRow = z.infer<typeof art33CheckRow>;
export const rejectBody = z.object({ note: shortText(1000) });

export const conditionsRow = z.object({
  entryId: z.string(), platformId: z.string(), platformName: z.string(), level: z.enum(platformLevels), type: z.enum(platformTypes),
  /** null: not checked (national platforms, Art 6) or the data could not be checked. */
  conditionsLost: z.boolean().nullable(),
  conditionsNote: z.string().nullable(),
  /** The scheme whose recognition thresholds were applied. */
  policy: z.string().nullable(),
  /** Set by the bureau with a reason: a re-check leaves it alone. */
  decidedByBureau: z.boolean(),
});
export type ConditionsRow = z.infer<typeof conditionsRow>;

const proposalItem = z.object({ kind: z.enum(['remove_from_municipal', 'recognize_as_municipal', 'verify_municipal_conditions']), article: z.string(), text: z.string() });
const decision = z.object({ grade, source: z.enum(['tie_decision', 'override']), reason: z.string() });

export const rankedEntry = z.object({
  entryId: z.string(), platformId: z.string(), platformName: z.string(), districtCode: z.string(), districtName: z.string(),
  level: z.enum(platformLevels), type: z.enum(platformTypes), voluntary: z.boolean(),
  score: z.string(), rank: z.number().int(), pool: z.string(),
  /** Rank within the pool's 30 % places (the cap line sits after rank = cap). */
  withinCap: z.boolean(),
  computed: gradeOrHeld, grade: gradeOrHeld, gradeLabel: z.string(), reasons: z.array(z.string()),
  recommendation, recommendationText: z.string(), proposals: z.array(proposalItem),
  conditionsLost: z.boolean().nullable(), conditionsNote: z.string().nullable(),
  previousGrade: grade.nullable(), meetsMunicipalConditions: z.boolean().nullable(),
  decision: decision.nullable(),
});
export type RankedEntry = z.infer<typeof rankedEntry>;

const pool = z.object({ pool: z.string(), participants: z.number().int(), cap: z.number().int(), excellent: z.number().int(), held: z.array(z.string()), slotsForHeld: z.number().int() });
const settings = z.object({ excellentMin: z.string(), passMin: z.string(), excellentShare: z.string(), pool: z.enum(['all', 'per_type']) });

export const panelResponse = z.object({
  evaluationId: z.string(), year: z.number().int(), schemeId: z.string(), status: z.enum(evaluationStatuses),
  settings, pools: z.array(pool),
  /** `graded`: the entry's grade is fixed (POST …/grade done); publication waits for all. */
  ranking: z.array(rankedEntry.extend({ graded: z.boolean() })),
  held: z.array(z.object({ entryId: z.string(), platformName: z.string(), reason: z.string(), decided: z.boolean() })),
  warnings: z.array(z.string()),
  /** Entries not yet reviewed: grading waits for them. */
  pending: z.array(z.object({ entryId: z.string(), platformName: z.string(), status: z.enum(entryStatuses) })),
  /** Entries left out of grading, with why (筹建, RULES.md §6). */
  excluded: z.array(z.object({ entryId: z.string(), platformName: z.string(), reason: z.string() })),
  /** What stops grading now, in Chinese; empty when POST …/grade would go through. */
  blocking: z.array(z.string()),
});
export type PanelResponse = z.infer<typeof panelResponse>;

export const resultItem = z.object({
  entryId: z.string(), platformId: z.string(), platformName: z.string(), districtName: z.string(),
  level: z.enum(platformLevels), type: z.enum(platformTypes), score: z.string(), rank: z.number().int(), pool: z.string(),
  grade, gradeLabel: z.string(), gradeSource, reasons: z.array(z.string()), recommendation, recommendationText: z.string(),
});
export type ResultItem = z.infer<typeof resultItem>;

export const resultsResponse = z.object({
  evaluationId: z.string(), year: z.number().int(), schemeId: z.string(), publishedAt: z.string(),
  settings, pools: z.array(pool), warnings: z.array(z.string()), items: z.array(resultItem),
});
export type ResultsResponse = z.infer<typeof resultsResponse>;

export const publicYear = z.object({ year: z.number().int(), publishedAt: z.string() });
export const publicResults = z.object({
  year: z.number().int(), publishedAt: z.string(),
  resultsCode: z.string().nullable().describe('结果校验码：公开结果文件（results.json）的 HMAC-SM3，十六进制'),
  resultsKeyVersion: z.number().int().nullable().describe('计算校验码所用的密钥版本'),
  items: z.array(z.object({
    platformName: z.string(), type: z.enum(platformTypes), typeLabel: z.string(), level: z.enum(platformLevels), levelLabel: z.string(),
    districtName: z.string(), grade, gradeLabel: z.string(),
  })),
});
export type PublicResults = z.infer<typeof publicResults>;

export const proposalRow = z.object({
  id: z.string(), evaluationId: z.string(), year: z.number().int(), platformId: z.string(), platformName: z.string(),
  level: z.enum(platformLevels), platformStatus: z.enum(platformStatuses),
  kind: z.enum(proposalKinds), status: z.enum(proposalStatuses), reason: z.string(),
  decidedByName: z.string().nullable(), decidedAt: z.string().nullable(), decisionNote: z.string().nullable(),
});
export type ProposalRow = z.infer<typeof proposalRow>;
