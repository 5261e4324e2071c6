/**
 * The shape of a yearly score scheme: a JSON-compatible policy document holding the three
 * score tables, the readings kept as settings (RULES.md §8), the scale factors (§4), the
 * recognition thresholds (Art 10–13) and the grade settings (Art 31). The engine interprets
 * it; no code is written per row. Decimals are strings so that the document stays exact.
 */
import type { RecognitionPolicy } from '../conditions/policy-types.js';

/** An exact decimal written as a string, e.g. "0.05". */
export type Dec = string;

export type PlatformType = 'comprehensive_park' | 'specialized_park' | 'specialized_market';
export const PLATFORM_TYPES: readonly PlatformType[] = ['comprehensive_park', 'specialized_park', 'specialized_market'];
export const PLATFORM_TYPE_LABELS: Readonly<Record<PlatformType, string>> = {
  comprehensive_park: '综合性人力资源服务产业园',
  specialized_park: '专业性行业性人力资源服务产业园',
  specialized_market: '专业性行业性人力资源（人才）市场',
};

export type PlatformLevel = 'national' | 'municipal' | 'district';
export const PLATFORM_LEVEL_LABELS: Readonly<Record<PlatformLevel, string>> = {
  national: '国家级',
  municipal: '市级',
  district: '区县级',
};

/** Park orientation recorded at recognition (Art 12 (三)); decides the 选其一 pairs of 附表3. */
export type Orientation = 'industry' | 'service_line';

/** What a volume is measured in; decides how facts are read and how values are shown. */
export type QuantityKind = 'count' | 'money' | 'area';

export interface PerUnitRule {
  readonly kind: 'per_unit';
  readonly fact: string;
  readonly quantity: QuantityKind;
  /** The X of "每达到 X 得 p 分"; 1 for rows counted per item. */
  readonly unit: Dec;
  /** How a unit of the quantity is written: 家, 元, 人, 项 … */
  readonly unitLabel: string;
  readonly points: Dec;
  readonly scales: boolean;
  /** The fact may also be a list of distinct names (附表4 1.1 service functions). */
  readonly acceptsList?: boolean;
  /** The verb used in gap hints, e.g. 入驻, 服务. */
  readonly verb: string;
}

export interface Category {
  readonly key: string;
  readonly label: string;
  readonly unit: Dec;
  readonly points: Dec;
}

export interface CategoriesRule {
  readonly kind: 'categories';
  readonly fact: string;
  readonly unitLabel: string;
  readonly verb: string;
  readonly scales: boolean;
  readonly categories: readonly Category[];
  /**
   * A premium category that scores "instead of" its base category (above-scale enterprises,
   * titled staff). Under the setting's "additional" reading it scores both.
   */
  readonly premium?: { readonly premium: string; readonly base: string; readonly setting: 'aboveScale' | 'titledStaff' };
}

/** "X 以上，每增加 Y 得 p 分". */
export interface AboveBaseRule {
  readonly kind: 'above_base';
  readonly fact: string;
  readonly quantity: QuantityKind;
  readonly base: Dec;
  readonly step: Dec;
  readonly points: Dec;
  readonly unitLabel: string;
  readonly scales: boolean;
  readonly verb: string;
}

/** Each event scores its highest tier by attendance, strictly above the tier's number. */
export interface EventsByAttendanceRule {
  readonly kind: 'events_attendance';
  readonly fact: string;
  readonly tiers: readonly { readonly over: number; readonly points: Dec }[];
}

export type LeaderLevel = 'ministerial' | 'bureau' | 'none';

/** Events of at least `minAttendance` score by the highest leader present, else `basePoints`. */
export interface EventsByLeaderRule {
  readonly kind: 'events_leader';
  readonly fact: string;
  readonly minAttendance: number;
  readonly tiers: readonly { readonly level: Exclude<LeaderLevel, 'none'>; readonly label: string; readonly points: Dec }[];
  readonly basePoints: Dec;
}

/** Scored by reviewing experts from 0 to the cap in `step`s. */
export interface JudgedRule {
  readonly kind: 'judged';
  readonly fact: string;
  readonly step: Dec;
}

export interface TierRule {
  readonly kind: 'tier';
  readonly fact: string;
  readonly tiers: readonly { readonly key: string; readonly label: string; readonly points: Dec }[];
}

/** Points taken off per occurrence, without cap. */
export interface DeductionRule {
  readonly kind: 'deduction';
  readonly fact: string;
  readonly points: Dec;
  readonly unitLabel: string;
}

export type LeafRule = PerUnitRule | CategoriesRule | AboveBaseRule;

/** Parts that add up before the row's cap (附表2/3 4.1, 附表4 3.1). */
export interface SumRule {
  readonly kind: 'sum';
  readonly parts: readonly { readonly label: string; readonly rule: LeafRule }[];
}

export type Rule = LeafRule | EventsByAttendanceRule | EventsByLeaderRule | JudgedRule | TierRule | DeductionRule | SumRule;
export type RuleKind = Rule['kind'];

export interface ScoreRow {
  readonly code: string;
  /** 一级指标, verbatim. */
  readonly group: string;
  /** 二级指标, verbatim without its number. */
  readonly name: string;
  /** 分值上限; null for deductions ("—"). */
  readonly cap: Dec | null;
  /** 评价标准, verbatim. */
  readonly criteria: string;
  readonly rule: Rule;
}

/** A 选其一 pair: the platform is scored on one row of the two, and the cap counts once. */
export interface ChoicePair {
  readonly id: string;
  readonly rows: readonly [string, string];
  readonly byOrientation: Readonly<Record<Orientation, string>>;
}

export interface ScoreTable {
  readonly annex: string;
  readonly title: string;
  readonly total: Dec;
  readonly rows: readonly ScoreRow[];
  readonly pairs: readonly ChoicePair[];
}

/** Readings the text leaves open (RULES.md §8); defaults are the readings of RULES.md. */
export interface SchemeSettings {
  /** 规模以上 0.6 instead of 0.2, or in addition to it. */
  readonly aboveScale: 'instead' | 'additional';
  /** Titled staff 1 instead of 0.5, or in addition to it. */
  readonly titledStaff: 'instead' | 'additional';
  /** Enterprises counted as resident at the year's end, or arrivals during the year. */
  readonly residents: 'year_end' | 'arrivals';
  /** A person counts in the highest education category only, or in each that applies. */
  readonly educationCategories: 'highest_only' | 'each_applicable';
  /** 选其一 by orientation, or a free choice declared on submission. */
  readonly pairChoice: 'orientation' | 'free_choice';
  /** Rows counted per 1 under a factor: floor(count ÷ factor) × p, or count × p ÷ factor. */
  readonly scaling: 'floor' | 'proportional';
  readonly judged: 'trimmed_mean' | 'mean' | 'panel';
  /** Smallest number of experts from which the highest and lowest are dropped. */
  readonly trimFrom: number;
  readonly publicity: 'calendar_days' | 'working_days';
  /** Whether pass-through (代收代付) revenue counts toward the parks' 10亿 (Art 11/12). */
  readonly passThroughInParkRevenue: boolean;
  /** Whether a branch of a national or municipal platform uses its district's quota (Art 16). */
  readonly branchUsesDistrictQuota: boolean;
  /**
   * Whether the recognition conditions' enterprise counts and revenues (Art 11 (三)(四), 12 (三)(四))
   * take every resident enterprise (offline, online, by agreement: all are 入驻) or offline ones only
   * (RULES.md §3, §8). Optional so that schemes stored before it read as the default.
   */
  readonly conditionResidents?: 'all' | 'offline';
}

export interface ScaleFactors {
  readonly municipal: Dec;
  readonly national: Dec;
  readonly district: Dec;
}

export interface GradeSettings {
  readonly excellentMin: Dec;
  readonly passMin: Dec;
  /** Share of participants that may be 优秀 at most, e.g. "0.3". */
  readonly excellentShare: Dec;
  readonly pool: 'all' | 'per_type';
}

export interface ScoreScheme {
  readonly id: string;
  readonly year: number;
  readonly title: string;
  readonly source: string;
  readonly settings: SchemeSettings;
  readonly factors: ScaleFactors;
  readonly tables: Readonly<Record<PlatformType, ScoreTable>>;
  readonly recognition: RecognitionPolicy;
  readonly grading: GradeSettings;
}
