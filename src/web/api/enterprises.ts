import { api } from './request';
import type { EnterprisePatch, EnterpriseQuery, ResidenceInput, ResidencePatch, ResidenceQuery } from './types';

export const listIndustries = () => api.get('/enterprises/industries');
export const listEnterprises = (query: EnterpriseQuery) => api.get('/enterprises', { query });
export const exportEnterprises = (query: EnterpriseQuery) => api.download('/enterprises/export', '入驻企业.xlsx', { query });
export const getEnterprise = (id: string) => api.get('/enterprises/{id}', { path: { id } });
export const acceptEnterpriseUscc = (id: string) => api.post('/enterprises/{id}/accept-uscc', { path: { id } });
export const updateEnterprise = (id: string, body: EnterprisePatch) => api.patch('/enterprises/{id}', { path: { id }, body });

export const listResidences = (platformId: string, query: ResidenceQuery) => api.get('/platforms/{id}/residences', { path: { id: platformId }, query });
export const exportResidences = (platformId: string, query: ResidenceQuery) =>
  api.download('/platforms/{id}/residences/export', '入驻企业名录.xlsx', { path: { id: platformId }, query });
export const createResidence = (platformId: string, body: ResidenceInput) => api.post('/platforms/{id}/residences', { path: { id: platformId }, body });
export const updateResidence = (id: string, body: ResidencePatch) => api.patch('/residences/{id}', { path: { id }, body });
export const deleteResidence = (id: string) => api.delete('/residences/{id}', { path: { id } });
export const listDuplicates = (year: number) => api.get('/residences/duplicates', { query: { year } });

export const downloadEnterpriseTemplate = () => api.download('/imports/enterprise-template', '入驻企业名录导入模板.xlsx');

/** The server reads `platformId` and `year` before the file part, so they are appended first. */
export function importEnterprises(platformId: string, year: number, file: File) {
  const form = new FormData();
  form.append('platformId', platformId);
  form.append('year', String(year));
  form.append('file', file, file.name);
  return api.upload('/imports/enterprises', form);
}
