/** Types of docs/api-evaluations.md (score schemes, annual evaluation) and of the notifications API. */
import type { ScoreSheet } from '../../domain/rules/score-sheet';
import type { ScoreScheme } from '../../domain/rules/scheme-types';
import type { PlatformLevel, PlatformType } from './types';

export type { ScoreScheme, ScoreSheet };

export type SchemeStatus = 'draft' | 'adopted';
export interface SchemeRow {
  id: string;
  year: number;
  title: string;
  basedOn: string | null;
  status: SchemeStatus;
  createdAt: string;
  adoptedAt: string | null;
}
export interface SchemeDetail extends SchemeRow {
  document: ScoreScheme;
}
export interface FieldChange {
  path: string;
  before: string;
  after: string;
}
export interface SchemeDiffRow {
  type: PlatformType;
  annex: string;
  code: string;
  name: string;
  change: 'added' | 'removed' | 'changed';
  fields: FieldChange[];
  text: string;
}
export interface SchemeDiff {
  from: string;
  to: string;
  identical: boolean;
  other: FieldChange[];
  rows: SchemeDiffRow[];
}
export interface CloneSchemeBody {
  id: string;
  year: number;
  title: string;
}

export type EvaluationStatus = 'draft' | 'open' | 'published';
export interface EvaluationRow {
  id: string;
  year: number;
  schemeId: string;
  excellentCutoff: string;
  passCutoff: string;
  poolPerType: boolean;
  selfEvaluationEnd: string;
  districtReviewEnd: string;
  municipalReviewEnd: string;
  status: EvaluationStatus;
  entries: number;
  createdAt: string;
}
export interface CreateEvaluationBody {
  year: number;
  schemeId: string;
  excellentCutoff?: string;
  passCutoff?: string;
  poolPerType?: boolean;
  selfEvaluationEnd: string;
  districtReviewEnd: string;
  municipalReviewEnd: string;
}
export type WindowsBody = Partial<Pick<EvaluationRow, 'selfEvaluationEnd' | 'districtReviewEnd' | 'municipalReviewEnd'>>;

export type EntryStatus = 'draft' | 'submitted' | 'returned' | 'forwarded' | 'under_review' | 'reviewed' | 'graded' | 'published';
export interface EntryRow {
  id: string;
  platformId: string;
  platformName: string;
  districtCode: string;
  level: PlatformLevel;
  type: PlatformType;
  factor: string;
  voluntary: boolean;
  status: EntryStatus;
  selfTotal: string | null;
  facts: Record<string, unknown>;
  deadline: string | null;
  overdue: boolean;
}
export type ReviewDecision = 'accepted' | 'returned';
export interface RowReview {
  rowCode: string;
  decision: ReviewDecision;
  comment: string | null;
  reviewerName: string | null;
  at: string;
}
export interface EntryDetail extends EntryRow {
  rowTexts: Record<string, string>;
  sheet: ScoreSheet | null;
  problems: string[];
  reviews: RowReview[];
  submittedAt: string | null;
  forwardedAt: string | null;
}
export interface SaveEntryBody {
  facts?: Record<string, unknown>;
  rowTexts?: Record<string, string>;
}

export type Grade = 'excellent' | 'pass' | 'fail' | 'held';
export interface ImpactSide {
  total: string | null;
  grade: Grade | null;
  gradeLabel: string | null;
}
export interface ImpactItem {
  entryId: string;
  platformId: string;
  platformName: string;
  level: PlatformLevel;
  type: PlatformType;
  current: ImpactSide;
  other: ImpactSide;
  problems: string[];
}
export interface Impact {
  schemeId: string;
  against: string;
  items: ImpactItem[];
}

export interface NotificationRow {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}
export interface NotificationPage {
  items: NotificationRow[];
  total: number;
  unread: number;
  page: number;
  pageSize: number;
}
export type NotificationQuery = {
  unread?: boolean;
  page: number;
  pageSize: number;
};

/** POST /rules/score input (docs/rules.md). */
export interface ScoreRequest {
  type: PlatformType;
  level?: PlatformLevel;
  factor?: number | string;
  scheme?: string;
  facts: Record<string, unknown>;
}
