/**
 * Municipal review, panel meeting, grading, publication and results (docs/api-evaluations.md,
 * sections "Municipal review (experts)", "Panel meeting and grading", "Publication and results").
 */
import { http } from './request';
import type { FileRow, PlatformLevel, PlatformStatus, PlatformType } from './types';

export type ReviewEntryStatus = 'draft' | 'submitted' | 'returned' | 'forwarded' | 'under_review' | 'reviewed' | 'graded' | 'published';
export type AssignmentStatus = 'assigned' | 'declined' | 'submitted';
export type Grade = 'excellent' | 'pass' | 'fail' | 'held';
export type FinalGrade = Exclude<Grade, 'held'>;

/** The campaign row as far as these screens need it. */
export interface CampaignRow {
  id: string;
  year: number;
  schemeId: string;
  status: 'draft' | 'open' | 'published';
  municipalReviewEnd: string;
  entries: number;
}

/** The entries list row (GET /evaluations/:id/entries) as far as these screens need it. */
export interface ReviewEntryRow {
  id: string;
  platformId: string;
  platformName: string;
  districtCode: string;
  level: PlatformLevel;
  type: PlatformType;
  factor: string;
  status: ReviewEntryStatus;
  selfTotal: string | null;
  facts: Record<string, unknown>;
  deadline: string | null;
  overdue: boolean;
}

export interface SheetRow {
  code: string;
  group: string;
  name: string;
  cap: string | null;
  kind: string;
  score: string;
  counted: boolean;
  pending: boolean;
  explanation: string;
}

export interface ScoreSheetLite {
  rows: SheetRow[];
  total: string;
  totalExplanation: string;
}

/** GET /evaluations/:id/entries/:entryId (the parts the expert reads). */
export interface ReviewEntryDetail extends ReviewEntryRow {
  rowTexts: Record<string, string>;
  sheet: ScoreSheetLite | null;
  problems: string[];
  submittedAt: string | null;
  forwardedAt: string | null;
}

export interface Correction {
  fact: string;
  value: unknown;
  reason: string;
}

export interface SiteVisit {
  date: string;
  participants: string[];
  findings: string;
}

export interface Assignment {
  id: string;
  entryId: string;
  expertUserId: string;
  expertName: string;
  status: AssignmentStatus;
  declineReason: string | null;
  corrections: Correction[];
  judgedScores: Record<string, string>;
  siteVisit: SiteVisit | null;
  assignedAt: string;
  submittedAt: string | null;
}

export interface ReviewRow {
  code: string;
  name: string;
  kind: string;
  counted: boolean;
  selfScore: string | null;
  proposed: string | null;
  reviewedScore: string | null;
  difference: string | null;
  changed: boolean;
  corrected: string[];
  pending: boolean;
}

export interface ReviewSheet {
  selfTotal: string | null;
  reviewedTotal: string | null;
  difference: string | null;
  rows: ReviewRow[];
  corrections: { fact: string; before: unknown; after: unknown; reason: string; expertName: string }[];
  conflicts: { fact: string; values: { expertName: string; value: unknown; reason: string }[]; applied: string }[];
  problems: string[];
  sheet: ScoreSheetLite | null;
}

export interface EntryReview extends ReviewSheet {
  entryId: string;
  status: ReviewEntryStatus;
  frozen: boolean;
  reviewedAt: string | null;
  experts: { assigned: number; submitted: number; declined: number };
  /** Judged rows the review panel scores at finishing (scheme setting 综合评定项取评审组评分); empty otherwise. */
  panelRows: JudgedRow[];
  panelScores: Record<string, string>;
}

export interface JudgedRow {
  code: string;
  name: string;
  fact: string;
  cap: string;
  step: string;
}

export interface OwnAssignment extends Assignment {
  privateNotes: string | null;
  judgedRows: JudgedRow[];
  preview: ReviewSheet;
}

export interface MyAssignment {
  id: string;
  evaluationId: string;
  year: number;
  entryId: string;
  platformId: string;
  platformName: string;
  type: PlatformType;
  level: PlatformLevel;
  districtCode: string;
  districtName: string;
  status: AssignmentStatus;
  entryStatus: ReviewEntryStatus;
  deadline: string | null;
  overdue: boolean;
  assignedAt: string;
  submittedAt: string | null;
}

export interface AssignmentSave {
  corrections?: Correction[];
  judgedScores?: Record<string, string>;
  siteVisit?: SiteVisit | null;
  privateNotes?: string | null;
}

export type Recommendation = 'priority' | 'supported' | 'not_recommended' | 'none' | 'pending';

export interface RankedEntry {
  entryId: string;
  platformId: string;
  platformName: string;
  districtCode: string;
  districtName: string;
  level: PlatformLevel;
  type: PlatformType;
  voluntary: boolean;
  score: string;
  rank: number;
  pool: string;
  withinCap: boolean;
  computed: Grade;
  grade: Grade;
  gradeLabel: string;
  reasons: string[];
  recommendation: Recommendation;
  recommendationText: string;
  proposals: { kind: string; article: string; text: string }[];
  conditionsLost: boolean | null;
  conditionsNote: string | null;
  previousGrade: FinalGrade | null;
  meetsMunicipalConditions: boolean | null;
  decision: { grade: FinalGrade; source: 'tie_decision' | 'override'; reason: string } | null;
}

export interface PanelPool {
  pool: string;
  participants: number;
  cap: number;
  excellent: number;
  held: string[];
  slotsForHeld: number;
}

export interface PanelSettings {
  excellentMin: string;
  passMin: string;
  excellentShare: string;
  pool: 'all' | 'per_type';
}

export interface Panel {
  evaluationId: string;
  year: number;
  schemeId: string;
  status: CampaignRow['status'];
  settings: PanelSettings;
  pools: PanelPool[];
  ranking: (RankedEntry & { graded: boolean })[];
  held: { entryId: string; platformName: string; reason: string; decided: boolean }[];
  warnings: string[];
  pending: { entryId: string; platformName: string; status: ReviewEntryStatus }[];
  excluded: { entryId: string; platformName: string; reason: string }[];
  blocking: string[];
}

export interface ConditionsRow {
  entryId: string;
  platformId: string;
  platformName: string;
  level: PlatformLevel;
  type: PlatformType;
  conditionsLost: boolean | null;
  conditionsNote: string | null;
  policy: string | null;
  decidedByBureau: boolean;
}

export interface ResultItem {
  entryId: string;
  platformId: string;
  platformName: string;
  districtName: string;
  level: PlatformLevel;
  type: PlatformType;
  score: string;
  rank: number;
  pool: string;
  grade: FinalGrade;
  gradeLabel: string;
  gradeSource: 'computed' | 'tie_decision' | 'override' | 'lost_conditions';
  reasons: string[];
  recommendation: string;
  recommendationText: string;
}

export interface Results {
  evaluationId: string;
  year: number;
  schemeId: string;
  publishedAt: string;
  settings: PanelSettings;
  pools: PanelPool[];
  warnings: string[];
  items: ResultItem[];
}

export interface Proposal {
  id: string;
  evaluationId: string;
  year: number;
  platformId: string;
  platformName: string;
  level: PlatformLevel;
  platformStatus: PlatformStatus;
  kind: 'removal' | 'promotion';
  status: 'proposed' | 'confirmed' | 'rejected';
  reason: string;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

export interface PublicYear {
  year: number;
  publishedAt: string;
}

export interface PublicResults {
  year: number;
  publishedAt: string;
  /** HMAC-SM3 (hex) of the downloadable results document, and the key version it used. */
  resultsCode: string | null;
  resultsKeyVersion: number | null;
  items: {
    platformName: string;
    type: PlatformType;
    typeLabel: string;
    level: PlatformLevel;
    levelLabel: string;
    districtName: string;
    grade: FinalGrade;
    gradeLabel: string;
  }[];
}

const enc = encodeURIComponent;
const evaluationPath = (id: string, rest = '') => `/evaluations/${enc(id)}${rest}`;
const entryPath = (id: string, entryId: string, rest = '') => evaluationPath(id, `/entries/${enc(entryId)}${rest}`);

// Campaign and entries (read only here; the campaign screens are elsewhere).
export const listCampaigns = () => http.get<CampaignRow[]>('/evaluations');
export const getCampaign = (id: string) => http.get<CampaignRow>(evaluationPath(id));
export const listReviewEntries = (id: string) => http.get<ReviewEntryRow[]>(evaluationPath(id, '/entries'));
export const getReviewEntry = (id: string, entryId: string) => http.get<ReviewEntryDetail>(entryPath(id, entryId));

// Experts: the bureau's side.
export const listEntryExperts = (id: string, entryId: string) => http.get<Assignment[]>(entryPath(id, entryId, '/experts'));
export const assignExpert = (id: string, entryId: string, expertUserId: string) =>
  http.post<Assignment>(entryPath(id, entryId, '/experts'), { expertUserId });
export const unassignExpert = (id: string, entryId: string, assignmentId: string) =>
  http.delete(entryPath(id, entryId, `/experts/${enc(assignmentId)}`));
export const getEntryReview = (id: string, entryId: string) => http.get<EntryReview>(entryPath(id, entryId, '/review'));
export const finishReview = (id: string, entryId: string, panelScores: Record<string, string> = {}) =>
  http.post<EntryReview>(entryPath(id, entryId, '/finish-review'), { panelScores });

// Experts: their own work.
export const listMyAssignments = () => http.get<MyAssignment[]>('/expert/assignments');
export const getOwnAssignment = (id: string, entryId: string) => http.get<OwnAssignment>(entryPath(id, entryId, '/assignment'));
export const saveOwnAssignment = (id: string, entryId: string, body: AssignmentSave) =>
  http.put<OwnAssignment>(entryPath(id, entryId, '/assignment'), body);
export const previewOwnAssignment = (id: string, entryId: string, body: { corrections: Correction[]; judgedScores: Record<string, string> }) =>
  http.post<ReviewSheet>(entryPath(id, entryId, '/assignment/preview'), body);
export const submitOwnAssignment = (id: string, entryId: string) => http.post<OwnAssignment>(entryPath(id, entryId, '/assignment/submit'));
export const declineOwnAssignment = (id: string, entryId: string, reason: string) =>
  http.post<Assignment>(entryPath(id, entryId, '/assignment/decline'), { reason });

// Panel and grading.
export const recheckConditions = (id: string) => http.post<ConditionsRow[]>(evaluationPath(id, '/conditions-recheck'));
export const setConditions = (id: string, entryId: string, body: { lost: boolean; reason: string }) =>
  http.put<ConditionsRow>(entryPath(id, entryId, '/conditions'), body);
export const getPanel = (id: string) => http.get<Panel>(evaluationPath(id, '/panel'));
export const decideEntry = (id: string, entryId: string, body: { grade: FinalGrade; reason: string }) =>
  http.put<Panel>(evaluationPath(id, `/panel/decisions/${enc(entryId)}`), body);
export const withdrawDecision = (id: string, entryId: string) =>
  http.delete(evaluationPath(id, `/panel/decisions/${enc(entryId)}`));
export const gradeCampaign = (id: string) => http.post<Panel>(evaluationPath(id, '/grade'));

// Publication, results, proposals.
export const publishCampaign = (id: string) => http.post<Results>(evaluationPath(id, '/publish'));
export const getResults = (id: string) => http.get<Results>(evaluationPath(id, '/results'));
export const listProposals = (id: string) => http.get<Proposal[]>(evaluationPath(id, '/proposals'));
export const confirmProposal = (proposalId: string, note?: string) =>
  http.post<Proposal>(`/proposals/${enc(proposalId)}/confirm`, note ? { note } : {});
export const rejectProposal = (proposalId: string, note: string) => http.post<Proposal>(`/proposals/${enc(proposalId)}/reject`, { note });
export const listPublicYears = () => http.get<PublicYear[]>('/public/evaluations');
export const getPublicResults = (year: number) => http.get<PublicResults>(`/public/evaluations/${year}/results`);
/** The signed results document (a plain link: the browser downloads it). */
export const publicResultsDocumentUrl = (year: number) => `/api/v1/public/evaluations/${year}/results.json`;

/** The entry's evidence (row code in `purpose`), for the expert and the bureau. */
export const listEntryFiles = (platformId: string, entryId: string) =>
  http.get<FileRow[]>('/files', { platformId, ownerType: 'evaluation_entry', ownerId: entryId });
