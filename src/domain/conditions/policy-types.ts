/** Recognition conditions (Art 10–13) as data, part of the yearly policy document. */
import type { Dec, PlatformType } from '../rules/scheme-types.js';

export type Comparison = '>=' | '<=' | '>';
export type Strength = 'hard' | 'soft';

export interface Measure {
  readonly fact: string;
  readonly op: Comparison;
  readonly threshold: Dec;
  readonly unitLabel: string;
  readonly quantity: 'count' | 'money' | 'area';
}

export type ConditionTest =
  | ({ readonly kind: 'compare' } & Measure)
  | {
      readonly kind: 'ratio';
      readonly numerator: string;
      readonly denominator: string;
      readonly op: Comparison;
      /** A share, e.g. "0.6" for 60%. */
      readonly threshold: Dec;
    }
  | {
      /** Passes when any option passes (Art 13 (三): 人次 or 人力资本). */
      readonly kind: 'any';
      readonly options: readonly ({ readonly key: string; readonly label: string } & Measure)[];
    };

export interface ConditionDef {
  readonly id: string;
  readonly article: string;
  readonly label: string;
  readonly strength: Strength;
  readonly test: ConditionTest;
}

/** A qualitative condition that reviewers confirm against the evidence. */
export interface ChecklistItem {
  readonly id: string;
  readonly article: string;
  readonly text: string;
}

export interface TypeConditions {
  readonly article: string;
  readonly conditions: readonly ConditionDef[];
  readonly checklist: readonly ChecklistItem[];
}

export interface RecognitionPolicy {
  /** Art 10: applies to every type. */
  readonly common: readonly ChecklistItem[];
  readonly types: Readonly<Record<PlatformType, TypeConditions>>;
  /** Region groups of chongqing-districts.csv where Art 17 allows lowered thresholds. */
  readonly art17Regions: readonly string[];
  /** Art 14 (三): publicity of at least this many days. */
  readonly publicityDays: number;
  /** Art 15: preparation lasts at most this many years in principle. */
  readonly preparationYears: number;
  /** Art 16: district-level platforms per type per district, in principle. */
  readonly districtQuotaPerType: number;
}
