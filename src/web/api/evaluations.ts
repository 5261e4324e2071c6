import { http } from './request';
import type {
  CreateEvaluationBody, EntryDetail, EntryRow, EvaluationRow, Impact, ReviewDecision, SaveEntryBody, ScoreScheme, ScoreSheet, WindowsBody,
} from './evaluation-types';

const evalPath = (id: string, action = '') => `/evaluations/${encodeURIComponent(id)}${action}`;
const entryPath = (id: string, entryId: string, action = '') => evalPath(id, `/entries/${encodeURIComponent(entryId)}${action}`);

export const listEvaluations = () => http.get<EvaluationRow[]>('/evaluations');
export const getEvaluation = (id: string) => http.get<EvaluationRow>(evalPath(id));
export const createEvaluation = (body: CreateEvaluationBody) => http.post<EvaluationRow>('/evaluations', body);
export const openEvaluation = (id: string) => http.post<EvaluationRow>(evalPath(id, '/open'));
export const extendWindows = (id: string, body: WindowsBody) => http.patch<EvaluationRow>(evalPath(id, '/windows'), body);
export const applyDistrictPlatform = (id: string, platformId: string) => http.post<EntryRow>(evalPath(id, '/district-applications'), { platformId });
export const listEntries = (id: string) => http.get<EntryRow[]>(evalPath(id, '/entries'));
export const getImpact = (id: string, against: string) => http.get<Impact>(evalPath(id, '/impact'), { against });

export const getEntry = (id: string, entryId: string) => http.get<EntryDetail>(entryPath(id, entryId));
export const saveEntry = (id: string, entryId: string, body: SaveEntryBody) => http.put<EntryDetail>(entryPath(id, entryId), body);
export const submitEntry = (id: string, entryId: string) => http.post<EntryDetail>(entryPath(id, entryId, '/submit'));
export const reviewRow = (id: string, entryId: string, code: string, decision: ReviewDecision, comment?: string) =>
  http.put<EntryDetail>(entryPath(id, entryId, `/rows/${encodeURIComponent(code)}/review`), { decision, comment });
/** Several row decisions in one call: all saved, or none. */
export const reviewRows = (id: string, entryId: string, rows: { code: string; decision: ReviewDecision; comment?: string }[]) =>
  http.put<EntryDetail>(entryPath(id, entryId, '/rows/review'), { rows });
export const returnEntry = (id: string, entryId: string) => http.post<EntryDetail>(entryPath(id, entryId, '/return'));
export const forwardEntry = (id: string, entryId: string) => http.post<EntryDetail>(entryPath(id, entryId, '/forward'));

/** Unsaved facts scored as the entry is scored: the campaign's own scheme (built-in or edited), the entry's factor. */
export const previewEntry = (id: string, entryId: string, facts: Record<string, unknown>) =>
  http.post<{ sheet: ScoreSheet | null; problems: string[] }>(entryPath(id, entryId, '/preview'), { facts });
/** The campaign's adopted scheme: every role may read it. */
export const getCampaignScheme = (id: string) => http.get<{ document: ScoreScheme }>(evalPath(id, '/scheme'));
