import { api } from './request';
import type { ResponseOf } from './request';

export type PolicyList = ResponseOf<'/district-policies'>;
export type PolicyVersion = PolicyList['versions'][number];
export type PolicyField = PolicyList['fields']['comprehensive_park'][number];
export type DistrictFiling = ResponseOf<'/platforms/{id}/district-filing'>;
export type FilingRow = ResponseOf<'/district-filings'>[number];
export type FilingState = FilingRow['state'];
export type PolicyThresholds = Partial<Record<'comprehensive_park' | 'specialized_park' | 'specialized_market', Record<string, string>>>;

export const listPolicies = (districtCode?: string) => api.get('/district-policies', { query: { districtCode } });
export const createPolicy = (body: { docNo: string; effectiveFrom: string; thresholds: PolicyThresholds; note?: string }) => api.post('/district-policies', { body });
export const listFilings = (query: { state?: FilingState; exceptions?: 'true' | 'false'; districtCode?: string }) => api.get('/district-filings', { query });
export const getFiling = (id: string) => api.get('/platforms/{id}/district-filing', { path: { id } });
export const decideFiling = (id: string, body: { year: number; docNo: string; decidedOn: string; quotaReason?: string }) =>
  api.post('/platforms/{id}/district-filing/decide', { path: { id }, body });
export const fileFiling = (id: string, text?: string) => api.post('/platforms/{id}/district-filing/file', { path: { id }, body: { text } });
export const questionFiling = (id: string, text: string) => api.post('/platforms/{id}/district-filing/question', { path: { id }, body: { text } });
export const acknowledgeFiling = (id: string, text?: string) => api.post('/platforms/{id}/district-filing/acknowledge', { path: { id }, body: { text } });
