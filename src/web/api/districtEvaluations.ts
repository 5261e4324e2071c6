/** Art 28 filings of the districts' own evaluation of their district-level platforms. */
import { api, type BodyOf, type ResponseOf } from './request';

export type DistrictFiling = ResponseOf<'/district-evaluations/mine/{year}'>;
export type FilingOverview = ResponseOf<'/district-evaluations/overview/{year}'>;
export type FilingSave = BodyOf<'/district-evaluations/mine/{year}', 'put'>;

export const getMyFiling = (year: number) => api.get('/district-evaluations/mine/{year}', { path: { year } });
export const saveMyFiling = (year: number, body: FilingSave) => api.put('/district-evaluations/mine/{year}', { path: { year }, body });
export const submitFiling = (id: string) => api.post('/district-evaluations/filings/{id}/submit', { path: { id } });
export const getFiling = (id: string) => api.get('/district-evaluations/filings/{id}', { path: { id } });
export const acknowledgeFiling = (id: string, note?: string) => api.post('/district-evaluations/filings/{id}/acknowledge', { path: { id }, body: note ? { note } : {} });
export const returnFiling = (id: string, note: string) => api.post('/district-evaluations/filings/{id}/return', { path: { id }, body: { note } });
export const getFilingOverview = (year: number) => api.get('/district-evaluations/overview/{year}', { path: { year } });
export const remindFilings = (year: number) => api.post('/district-evaluations/overview/{year}/remind', { path: { year } });
export function uploadFilingDocument(id: string, file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload('/district-evaluations/filings/{id}/document', form, { path: { id } });
}
export const downloadFilingDocument = (id: string, name: string) => api.download('/district-evaluations/filings/{id}/document', name, { path: { id } });
