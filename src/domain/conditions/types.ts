/** Inputs and results of checkConditions (Art 10–17). */
import type { DecimalInput } from '../shared/decimal.js';
import type { IsoDate } from '../dates/iso-date.js';
import type { Orientation, PlatformLevel, PlatformType, SchemeSettings } from '../rules/scheme-types.js';
import type { RecognitionPolicy, Strength } from './policy-types.js';

/** The application's data: prior-year figures, whole yuan, m². */
export interface ConditionFacts {
  /** District code (GB/T 2260 or functional-zone code) where the platform is. */
  district?: string;
  areaM2?: DecimalInput;
  sites?: DecimalInput;
  managementStaff?: DecimalInput;
  operatingStaff?: DecimalInput;
  hrEnterprises?: DecimalInput;
  aboveScaleEnterprises?: DecimalInput;
  revenueYuan?: DecimalInput;
  /** Pass-through (代收代付) part of revenueYuan. */
  passThroughYuan?: DecimalInput;
  hrRevenueYuan?: DecimalInput;
  personTimesServed?: DecimalInput;
  humanCapitalYuan?: DecimalInput;
  orientation?: Orientation;
  /** Art 16: district-level platforms of this type already in the district. */
  existingDistrictPlatforms?: DecimalInput;
  /** Art 16: branches of national or municipal platforms of this type in the district. */
  existingBranches?: DecimalInput;
  /**
   * The enterprise counts and revenues above over offline residents only, read instead of them
   * when the scheme restricts the conditions to offline residents (RULES.md §3, §8).
   */
  offlineResidents?: ResidentFigures;
}

export type ResidentFigures = Pick<ConditionFacts, 'hrEnterprises' | 'aboveScaleEnterprises' | 'revenueYuan' | 'passThroughYuan' | 'hrRevenueYuan'>;

/** A threshold key is a condition id, or `id.option` for a condition met by any of its options. */
export interface LoweredThreshold {
  condition: string;
  threshold: DecimalInput;
  decidedBy: string;
  decidedOn: IsoDate;
  reason?: string;
}

export interface ConditionDeadline {
  condition: string;
  dueDate: IsoDate;
  decidedBy: string;
  decidedOn: IsoDate;
  reason?: string;
}

export interface AcceptedShortfall {
  condition: string;
  reason: string;
  decidedBy?: string;
  decidedOn?: IsoDate;
}

export interface ConditionAdjustments {
  /** The date deadlines are judged on. */
  asOf?: IsoDate;
  /** Art 17 lowered thresholds (渝东北 / 渝东南 only). */
  lowered?: LoweredThreshold[];
  /** Art 17 deadlines by which thresholds must be reached. */
  deadlines?: ConditionDeadline[];
  /** Soft (原则上) shortfalls the bureau accepted. */
  acceptedShortfalls?: AcceptedShortfall[];
  /** Checklist items the reviewers confirmed against the evidence. */
  confirmed?: string[];
}

/** Art 16: a district's own thresholds for its district-level platforms, by threshold key. */
export interface DistrictPolicy {
  district: string;
  thresholds?: Partial<Record<PlatformType, Record<string, DecimalInput>>>;
}

export interface ConditionPolicy {
  readonly recognition: RecognitionPolicy;
  readonly settings: Pick<SchemeSettings, 'passThroughInParkRevenue' | 'branchUsesDistrictQuota' | 'conditionResidents'>;
  readonly district?: DistrictPolicy;
}

export type ConditionStatus = 'pass' | 'fail' | 'missing' | 'accepted' | 'deferred' | 'overdue';

export interface ConditionResult {
  readonly id: string;
  readonly article: string;
  readonly label: string;
  readonly strength: Strength;
  /** Value found, as shown (null when not reported). */
  readonly value: string | null;
  /** e.g. "≥ 10,000 平方米", after any lowering. */
  readonly threshold: string;
  /** The policy's own threshold when another one applied. */
  readonly policyThreshold: string;
  readonly thresholdSource: 'policy' | 'district' | 'art17';
  readonly passed: boolean;
  readonly status: ConditionStatus;
  /** Stops recognition as things stand. */
  readonly blocking: boolean;
  readonly notes: string[];
}

export interface ChecklistResult {
  readonly id: string;
  readonly article: string;
  readonly text: string;
  readonly confirmed: boolean;
}

export type CheckOutcome = 'met' | 'met_with_deadlines' | 'needs_confirmation' | 'not_met';

export interface CheckResult {
  readonly type: PlatformType;
  readonly level: PlatformLevel;
  readonly district: { readonly code: string; readonly name: string; readonly region: string; readonly art17: boolean } | null;
  readonly outcome: CheckOutcome;
  readonly summary: string;
  readonly conditions: ConditionResult[];
  readonly checklist: ChecklistResult[];
  /** Conditions past their Art 17 date, to be raised to the bureau. */
  readonly overdue: string[];
  readonly settings: { readonly key: string; readonly value: string; readonly text: string }[];
}
