/**
 * The condition check of a district-level platform (Art 16): the thresholds of its district's
 * policy version in force on its recognition date (today, before one), and the quota reason
 * recorded with the district's decision.
 */
import type { Executor } from '../../db/client.js';
import { DEFAULT_SCHEME_ID, findScheme } from '../../domain/rules/schemes/index.js';
import { policyInForce, toDistrictPolicy, type PolicyThresholds } from '../../domain/district/policy.js';
import type { ConditionAdjustments, DistrictPolicy } from '../../domain/conditions/types.js';
import type { RecognitionPolicy } from '../../domain/conditions/policy-types.js';
import { art } from '../../domain/measures.js';
import * as repo from './repository.js';

export function currentRecognition(): { recognition: RecognitionPolicy; branchUsesDistrictQuota: boolean; quotaPerType: number } {
  const scheme = findScheme(DEFAULT_SCHEME_ID);
  if (!scheme) throw new Error(`scheme ${DEFAULT_SCHEME_ID} missing`);
  return { recognition: scheme.recognition, branchUsesDistrictQuota: scheme.settings.branchUsesDistrictQuota, quotaPerType: scheme.recognition.districtQuotaPerType };
}

export const districtPolicyMissing = (districtName: string, date: string): string =>
  `区县级平台按所在区县自定的认定标准核验（${art(16)}），${districtName}尚未登记 ${date} 施行的区县认定政策，请区县人社局在「区县认定政策」页面登记后再核验`;

export const thresholdsOf = (v: { thresholds: unknown }): PolicyThresholds => (typeof v.thresholds === 'object' && v.thresholds !== null ? v.thresholds : {});

export interface PolicyChoice { id: string; version: number; docNo: string; effectiveFrom: string; policy: DistrictPolicy }

/** The district's policy version in force on the date, as the engine takes it; null when none. */
export async function policyFor(db: Executor, districtCode: string, date: string): Promise<PolicyChoice | null> {
  const v = policyInForce(await repo.listPolicies(db, districtCode), date);
  if (v === null) return null;
  return { id: v.id, version: v.version, docNo: v.docNo, effectiveFrom: v.effectiveFrom, policy: toDistrictPolicy(currentRecognition().recognition, districtCode, { thresholds: thresholdsOf(v) }) };
}

/** Art 16's quota reason, as the engine's accepted shortfall of the soft `districtQuota` condition. */
export function quotaAdjustments(quotaReason: string | null): ConditionAdjustments {
  return quotaReason === null || quotaReason.trim() === '' ? {} : { acceptedShortfalls: [{ condition: 'districtQuota', reason: quotaReason }] };
}
