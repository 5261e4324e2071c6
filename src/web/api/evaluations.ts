import { api } from './request';
import { withScheme } from './schemes';
import type { CreateEvaluationBody, ReviewDecision, SaveEntryBody, WindowsBody } from './evaluation-types';

export const listEvaluations = () => api.get('/evaluations');
export const getEvaluation = (id: string) => api.get('/evaluations/{id}', { path: { id } });
export const createEvaluation = (body: CreateEvaluationBody) => api.post('/evaluations', { body });
export const openEvaluation = (id: string) => api.post('/evaluations/{id}/open', { path: { id } });
export const extendWindows = (id: string, body: WindowsBody) => api.patch('/evaluations/{id}/windows', { path: { id }, body });
export const applyDistrictPlatform = (id: string, platformId: string) => api.post('/evaluations/{id}/district-applications', { path: { id }, body: { platformId } });
export const listEntries = (id: string) => api.get('/evaluations/{id}/entries', { path: { id } });
export const getImpact = (id: string, against: string) => api.get('/evaluations/{id}/impact', { path: { id }, query: { against } });

export const getEntry = (id: string, entryId: string) => api.get('/evaluations/{id}/entries/{entryId}', { path: { id, entryId } });
export const saveEntry = (id: string, entryId: string, body: SaveEntryBody) => api.put('/evaluations/{id}/entries/{entryId}', { path: { id, entryId }, body });
export const submitEntry = (id: string, entryId: string) => api.post('/evaluations/{id}/entries/{entryId}/submit', { path: { id, entryId } });
export const reviewRow = (id: string, entryId: string, code: string, decision: ReviewDecision, comment?: string) =>
  api.put('/evaluations/{id}/entries/{entryId}/rows/{code}/review', { path: { id, entryId, code }, body: { decision, comment } });
/** Several row decisions in one call: all saved, or none. */
export const reviewRows = (id: string, entryId: string, rows: { code: string; decision: ReviewDecision; comment?: string }[]) =>
  api.put('/evaluations/{id}/entries/{entryId}/rows/review', { path: { id, entryId }, body: { rows } });
export const returnEntry = (id: string, entryId: string) => api.post('/evaluations/{id}/entries/{entryId}/return', { path: { id, entryId } });
export const forwardEntry = (id: string, entryId: string) => api.post('/evaluations/{id}/entries/{entryId}/forward', { path: { id, entryId } });

/** Unsaved facts scored as the entry is scored: the campaign's own scheme (built-in or edited), the entry's factor. */
export const previewEntry = (id: string, entryId: string, facts: Record<string, unknown>) =>
  api.post('/evaluations/{id}/entries/{entryId}/preview', { path: { id, entryId }, body: { facts } });
/** The campaign's adopted scheme: every role may read it. */
export const getCampaignScheme = (id: string) => withScheme(api.get('/evaluations/{id}/scheme', { path: { id } }));
