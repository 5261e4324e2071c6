import { http } from './request';
import type {
  ConditionCheck, Page, PlatformContact, PlatformDetail, PlatformInput, PlatformPatch, PlatformQuery, PlatformRow, StatusChange,
  StatusHistoryRow,
} from './types';

const platformPath = (id: string, action = '') => `/platforms/${encodeURIComponent(id)}${action}`;

export const listPlatforms = (query: PlatformQuery) => http.get<Page<PlatformRow>>('/platforms', query);
export const exportPlatforms = (query: PlatformQuery) => http.download('/platforms/export', query, '平台名录.xlsx');
export const getPlatform = (id: string) => http.get<PlatformDetail>(platformPath(id));
export const createPlatform = (body: PlatformInput) => http.post<PlatformDetail>('/platforms', body);
/** 存量平台登记: the original document number and date are required (bureau only). */
export type LegacyPlatformInput = Omit<PlatformInput, 'status' | 'statusReason' | 'level' | 'recognitionDocNo' | 'recognizedAt'>
  & { level: 'national' | 'municipal'; recognitionDocNo: string; recognizedAt: string };
export const registerLegacyPlatform = (body: LegacyPlatformInput) => http.post<PlatformDetail>('/platforms/legacy', body);
export const updatePlatform = (id: string, body: PlatformPatch) => http.patch<PlatformDetail>(platformPath(id), body);
export const getPlatformContact = (id: string) => http.get<PlatformContact>(platformPath(id, '/contact'));
export const changePlatformStatus = (id: string, body: StatusChange) => http.post<PlatformDetail>(platformPath(id, '/status'), body);
export const getPlatformHistory = (id: string) => http.get<StatusHistoryRow[]>(platformPath(id, '/history'));
/** Art 17 lowered thresholds and deadlines, soft shortfalls the bureau accepted (docs/api-registry.md). */
export interface RecognitionTerms {
  lowered?: { condition: string; threshold: string; decidedBy: string; decidedOn: string; reason?: string }[];
  deadlines?: { condition: string; dueDate: string; decidedBy: string; decidedOn: string; reason?: string }[];
  acceptedShortfalls?: { condition: string; reason: string; decidedBy?: string; decidedOn?: string }[];
}
export const getRecognitionTerms = (id: string) => http.get<RecognitionTerms>(platformPath(id, '/recognition-terms'));
export const setRecognitionTerms = (id: string, body: RecognitionTerms) => http.put<RecognitionTerms>(platformPath(id, '/recognition-terms'), body);
export const getPlatformConditions = (id: string, year?: number) => http.get<ConditionCheck>(platformPath(id, '/conditions'), { year });
