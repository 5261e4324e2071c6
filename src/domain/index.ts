/** Public API of the rule engine: pure functions and data, usable by server, CLI and web. */
export type { DomainError, Result } from './shared/result.js';
export type { DecimalInput } from './shared/decimal.js';

export type * from './rules/scheme-types.js';
export { PLATFORM_TYPES, PLATFORM_TYPE_LABELS, PLATFORM_LEVEL_LABELS } from './rules/scheme-types.js';
export type * from './rules/facts.js';
export { cq2025 } from './rules/schemes/cq-2025.js';
export { findScheme, SCHEME_IDS, DEFAULT_SCHEME_ID, type SchemeId } from './rules/schemes/index.js';
export { validateScheme } from './rules/validate-scheme.js';
export { compareSchemes, type SchemeComparison, type RowChange, type FieldChange } from './rules/compare-schemes.js';
export { scoreSheet, scoreTotals, type ScoreSheet, type SheetTotals, type RowResult, type PairSelection } from './rules/score-sheet.js';
export type { GapAnalysis, GapHint, RowGap, GradeGap } from './rules/gaps.js';
export type { SettingInForce } from './rules/settings-shown.js';
export { factorFor, resolveFactor } from './rules/factor.js';

export type * from './conditions/policy-types.js';
export type * from './conditions/types.js';
export { checkConditions } from './conditions/check.js';

export type * from './grading/types.js';
export { GRADE_LABELS, RECOMMENDATION_TEXT } from './grading/types.js';
export { grade, DEFAULT_GRADING } from './grading/grade.js';

export { chineseCalendar, type WorkCalendar } from './dates/calendar.js';
export { parseIsoDate, isIsoDate, addDays, type IsoDate } from './dates/iso-date.js';
export {
  publicityPeriod, canRecognize, preparationTerm, deadlineStatus,
  type PublicityPeriod, type RecognitionGate, type PreparationTerm, type Extension, type DayCounting, type DeadlineStatus,
} from './dates/periods.js';

export { checkUscc, usccCheckChar, USCC_CHARSET, type UsccCheck } from './ids/uscc.js';
export { DISTRICTS, findDistrict, isArt17District, type District } from './reference/districts.js';
