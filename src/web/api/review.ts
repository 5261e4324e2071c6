/**
 * Municipal review, panel meeting, grading, publication and results (docs/api-evaluations.md,
 * sections "Municipal review (experts)", "Panel meeting and grading", "Publication and results").
 * Every shape is an alias of the server's OpenAPI document (generated/schema.d.ts).
 */
import type { EntryStatus } from '../../domain/evaluation/workflow';
import type { GradeOrHeld as Grade } from '../../domain/grading/types';
import { api, type BodyOf, type ResponseOf } from './request';

type ItemOf<T> = T extends readonly (infer I)[] ? I : never;

export type ReviewEntryStatus = EntryStatus;
export type { Grade };
export type FinalGrade = Exclude<Grade, 'held'>;

export type CampaignRow = ResponseOf<'/evaluations/{id}'>;
export type ReviewEntryRow = ItemOf<ResponseOf<'/evaluations/{id}/entries'>>;
export type ReviewEntryDetail = ResponseOf<'/evaluations/{id}/entries/{entryId}'>;
export type ScoreSheetLite = NonNullable<ReviewEntryDetail['sheet']>;
export type SheetRow = ItemOf<ScoreSheetLite['rows']>;

export type Assignment = ItemOf<ResponseOf<'/evaluations/{id}/entries/{entryId}/experts'>>;
export type AssignmentStatus = Assignment['status'];
export type Correction = ItemOf<Assignment['corrections']>;
export type SiteVisit = NonNullable<Assignment['siteVisit']>;
export type EntryReview = ResponseOf<'/evaluations/{id}/entries/{entryId}/review'>;
export type ReviewSheet = ResponseOf<'/evaluations/{id}/entries/{entryId}/assignment/preview', 'post'>;
export type ReviewRow = ItemOf<ReviewSheet['rows']>;
export type JudgedRow = ItemOf<EntryReview['panelRows']>;
export type OwnAssignment = ResponseOf<'/evaluations/{id}/entries/{entryId}/assignment'>;
export type MyAssignment = ItemOf<ResponseOf<'/expert/assignments'>>;
export type AssignmentSave = BodyOf<'/evaluations/{id}/entries/{entryId}/assignment', 'put'>;
export type AssignmentPreviewBody = BodyOf<'/evaluations/{id}/entries/{entryId}/assignment/preview'>;

export type Panel = ResponseOf<'/evaluations/{id}/panel'>;
export type RankedEntry = ItemOf<Panel['ranking']>;
export type Recommendation = RankedEntry['recommendation'];
export type PanelPool = ItemOf<Panel['pools']>;
export type PanelSettings = Panel['settings'];
export type ConditionsRow = ItemOf<ResponseOf<'/evaluations/{id}/conditions-recheck', 'post'>>;
export type Results = ResponseOf<'/evaluations/{id}/results'>;
export type ResultItem = ItemOf<Results['items']>;
export type Proposal = ItemOf<ResponseOf<'/evaluations/{id}/proposals'>>;
export type PublicYear = ItemOf<ResponseOf<'/public/evaluations'>>;
export type PublicResults = ResponseOf<'/public/evaluations/{year}/results'>;

// Campaign and entries (read only here; the campaign screens are elsewhere).
export const listCampaigns = () => api.get('/evaluations');
export const getCampaign = (id: string) => api.get('/evaluations/{id}', { path: { id } });
export const listReviewEntries = (id: string) => api.get('/evaluations/{id}/entries', { path: { id } });
export const getReviewEntry = (id: string, entryId: string) => api.get('/evaluations/{id}/entries/{entryId}', { path: { id, entryId } });

// Experts: the bureau's side.
export const listEntryExperts = (id: string, entryId: string) => api.get('/evaluations/{id}/entries/{entryId}/experts', { path: { id, entryId } });
export const assignExpert = (id: string, entryId: string, expertUserId: string) =>
  api.post('/evaluations/{id}/entries/{entryId}/experts', { path: { id, entryId }, body: { expertUserId } });
export const unassignExpert = (id: string, entryId: string, assignmentId: string) =>
  api.delete('/evaluations/{id}/entries/{entryId}/experts/{assignmentId}', { path: { id, entryId, assignmentId } });
export const getEntryReview = (id: string, entryId: string) => api.get('/evaluations/{id}/entries/{entryId}/review', { path: { id, entryId } });
export const finishReview = (id: string, entryId: string, panelScores: Record<string, string> = {}) =>
  api.post('/evaluations/{id}/entries/{entryId}/finish-review', { path: { id, entryId }, body: { panelScores } });

// Experts: their own work.
export const listMyAssignments = () => api.get('/expert/assignments');
export const getOwnAssignment = (id: string, entryId: string) => api.get('/evaluations/{id}/entries/{entryId}/assignment', { path: { id, entryId } });
export const saveOwnAssignment = (id: string, entryId: string, body: AssignmentSave) =>
  api.put('/evaluations/{id}/entries/{entryId}/assignment', { path: { id, entryId }, body });
export const previewOwnAssignment = (id: string, entryId: string, body: AssignmentPreviewBody) =>
  api.post('/evaluations/{id}/entries/{entryId}/assignment/preview', { path: { id, entryId }, body });
export const submitOwnAssignment = (id: string, entryId: string) =>
  api.post('/evaluations/{id}/entries/{entryId}/assignment/submit', { path: { id, entryId } });
export const declineOwnAssignment = (id: string, entryId: string, reason: string) =>
  api.post('/evaluations/{id}/entries/{entryId}/assignment/decline', { path: { id, entryId }, body: { reason } });

// Panel and grading.
export const recheckConditions = (id: string) => api.post('/evaluations/{id}/conditions-recheck', { path: { id } });
export const setConditions = (id: string, entryId: string, body: BodyOf<'/evaluations/{id}/entries/{entryId}/conditions', 'put'>) =>
  api.put('/evaluations/{id}/entries/{entryId}/conditions', { path: { id, entryId }, body });
export const getPanel = (id: string) => api.get('/evaluations/{id}/panel', { path: { id } });
export const decideEntry = (id: string, entryId: string, body: BodyOf<'/evaluations/{id}/panel/decisions/{entryId}', 'put'>) =>
  api.put('/evaluations/{id}/panel/decisions/{entryId}', { path: { id, entryId }, body });
export const withdrawDecision = (id: string, entryId: string) => api.delete('/evaluations/{id}/panel/decisions/{entryId}', { path: { id, entryId } });
export const gradeCampaign = (id: string) => api.post('/evaluations/{id}/grade', { path: { id } });

// Publication, results, proposals.
export const publishCampaign = (id: string) => api.post('/evaluations/{id}/publish', { path: { id } });
export const getResults = (id: string) => api.get('/evaluations/{id}/results', { path: { id } });
export const listProposals = (id: string) => api.get('/evaluations/{id}/proposals', { path: { id } });
export const confirmProposal = (proposalId: string, note?: string) =>
  api.post('/proposals/{id}/confirm', { path: { id: proposalId }, body: note ? { note } : {} });
export type Art33Check = ResponseOf<'/proposals/{id}/art33-check'>;
export const getArt33Check = (proposalId: string) => api.get('/proposals/{id}/art33-check', { path: { id: proposalId } });
export const confirmPromotion = (proposalId: string, body: { decisionDate: string; docNo: string; note?: string }) =>
  api.post('/proposals/{id}/confirm', { path: { id: proposalId }, body });
export const rejectProposal = (proposalId: string, note: string) => api.post('/proposals/{id}/reject', { path: { id: proposalId }, body: { note } });
export const listPublicYears = () => api.get('/public/evaluations');
export const getPublicResults = (year: number) => api.get('/public/evaluations/{year}/results', { path: { year } });
/** The signed results document (a plain link: the browser downloads it). */
export const publicResultsDocumentUrl = (year: number) => api.url('/public/evaluations/{year}/results.json', { path: { year } });

/** The entry's evidence (row code in `purpose`), for the expert and the bureau. */
export const listEntryFiles = (platformId: string, entryId: string) =>
  api.get('/files', { query: { platformId, ownerType: 'evaluation_entry', ownerId: entryId } });
