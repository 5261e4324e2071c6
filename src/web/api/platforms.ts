import { api, type BodyOf } from './request';
import type { PlatformInput, PlatformPatch, PlatformQuery, RecognitionTermsBody, StatusChange } from './types';

export const listPlatforms = (query: PlatformQuery) => api.get('/platforms', { query });
export const exportPlatforms = (query: PlatformQuery) => api.download('/platforms/export', '平台名录.xlsx', { query });
export const getPlatform = (id: string) => api.get('/platforms/{id}', { path: { id } });
export const createPlatform = (body: PlatformInput) => api.post('/platforms', { body });
/** 存量平台登记: the original document number and date are required (bureau only). */
export type LegacyPlatformInput = BodyOf<'/platforms/legacy'>;
export const registerLegacyPlatform = (body: LegacyPlatformInput) => api.post('/platforms/legacy', { body });
export const updatePlatform = (id: string, body: PlatformPatch) => api.patch('/platforms/{id}', { path: { id }, body });
export const getPlatformContact = (id: string) => api.get('/platforms/{id}/contact', { path: { id } });
export const changePlatformStatus = (id: string, body: StatusChange) => api.post('/platforms/{id}/status', { path: { id }, body });
export const getPlatformHistory = (id: string) => api.get('/platforms/{id}/history', { path: { id } });
/** Art 17 lowered thresholds and deadlines, soft shortfalls the bureau accepted (docs/api-registry.md). */
export type { RecognitionTerms } from './types';
export const getRecognitionTerms = (id: string) => api.get('/platforms/{id}/recognition-terms', { path: { id } });
export const setRecognitionTerms = (id: string, body: RecognitionTermsBody) => api.put('/platforms/{id}/recognition-terms', { path: { id }, body });
export const getPlatformConditions = (id: string, year?: number) => api.get('/platforms/{id}/conditions', { path: { id }, query: { year } });
