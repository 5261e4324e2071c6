/** Inputs and results of grade() (Art 31–33). */
import type { DecimalInput } from '../shared/decimal.js';
import type { PlatformLevel, PlatformType } from '../rules/scheme-types.js';

export type Grade = 'excellent' | 'pass' | 'fail';
export type GradeOrHeld = Grade | 'held';

export const GRADE_LABELS: Readonly<Record<GradeOrHeld, string>> = { excellent: '优秀', pass: '合格', fail: '不合格', held: '待定' };

export interface Participant {
  id: string;
  name?: string;
  type: PlatformType;
  level: PlatformLevel;
  /** Total of the score sheet, two decimals. */
  score: DecimalInput;
  /** A municipal platform that no longer meets its recognition conditions (Art 31). */
  lostConditions?: boolean;
  /** Last year's grade, for two consecutive 不合格 (Art 32 (二)). */
  previousGrade?: Grade;
  /** A district-level platform that meets the municipal conditions (Art 33). */
  meetsMunicipalConditions?: boolean;
}

export interface GradeOverride {
  id: string;
  grade: Grade;
  reason: string;
  decidedBy?: string;
  decidedOn?: string;
}

export interface GradingSettings {
  excellentMin: DecimalInput;
  passMin: DecimalInput;
  excellentShare: DecimalInput;
  pool: 'all' | 'per_type';
}

export type Recommendation = 'priority' | 'supported' | 'not_recommended' | 'none' | 'pending';

export const RECOMMENDATION_TEXT: Readonly<Record<Recommendation, string>> = {
  priority: '政策申报中予以优先推荐（第三十二条（一））',
  supported: '支持开展现代生产性服务业相关政策的申报工作',
  not_recommended: '现代生产性服务业相关政策申报中不予推荐（第三十二条（二））',
  none: '办法未规定相应运用',
  pending: '等次待定，暂不确定',
};

export interface Proposal {
  readonly kind: 'remove_from_municipal' | 'recognize_as_municipal' | 'verify_municipal_conditions';
  readonly article: string;
  readonly text: string;
}

export interface GradedParticipant {
  readonly id: string;
  readonly name?: string;
  readonly type: PlatformType;
  readonly level: PlatformLevel;
  readonly score: string;
  /** 1-based rank by score within the pool (ties share a rank). */
  readonly rank: number;
  readonly pool: string;
  /** The grade by score and the 30 % cap, before any override. */
  readonly computed: GradeOrHeld;
  readonly grade: GradeOrHeld;
  readonly gradeLabel: string;
  readonly reasons: readonly string[];
  readonly override?: GradeOverride;
  readonly recommendation: Recommendation;
  readonly recommendationText: string;
  readonly proposals: readonly Proposal[];
}

export interface PoolSummary {
  readonly pool: string;
  readonly participants: number;
  /** floor(share × participants). */
  readonly cap: number;
  readonly excellent: number;
  readonly held: readonly string[];
  /** Slots left for the held platforms. */
  readonly slotsForHeld: number;
}

export interface GradingResult {
  readonly participants: readonly GradedParticipant[];
  readonly pools: readonly PoolSummary[];
  readonly held: readonly { readonly id: string; readonly reason: string }[];
  readonly warnings: readonly string[];
  readonly settings: { readonly excellentMin: string; readonly passMin: string; readonly excellentShare: string; readonly pool: 'all' | 'per_type' };
}
