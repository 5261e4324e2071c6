import { http } from './request';
import type {
  DuplicateRow, EnterpriseDetail, EnterprisePatch, EnterpriseQuery, EnterpriseRow, ImportResult, Industry, Page, ResidenceInput, ResidencePatch, ResidenceQuery, ResidenceRow,
} from './types';

const residencesPath = (platformId: string, action = '') => `/platforms/${encodeURIComponent(platformId)}/residences${action}`;

export const listIndustries = () => http.get<Industry[]>('/enterprises/industries');
export const listEnterprises = (query: EnterpriseQuery) => http.get<Page<EnterpriseRow>>('/enterprises', query);
export const exportEnterprises = (query: EnterpriseQuery) => http.download('/enterprises/export', query, '入驻企业.xlsx');
export const getEnterprise = (id: string) => http.get<EnterpriseDetail>(`/enterprises/${encodeURIComponent(id)}`);
export const acceptEnterpriseUscc = (id: string) => http.post<EnterpriseRow>(`/enterprises/${encodeURIComponent(id)}/accept-uscc`, {});
export const updateEnterprise = (id: string, body: EnterprisePatch) => http.patch<EnterpriseRow>(`/enterprises/${encodeURIComponent(id)}`, body);

export const listResidences = (platformId: string, query: ResidenceQuery) => http.get<Page<ResidenceRow>>(residencesPath(platformId), query);
export const exportResidences = (platformId: string, query: ResidenceQuery) =>
  http.download(residencesPath(platformId, '/export'), query, '入驻企业名录.xlsx');
export const createResidence = (platformId: string, body: ResidenceInput) => http.post<ResidenceRow>(residencesPath(platformId), body);
export const updateResidence = (id: string, body: ResidencePatch) => http.patch<ResidenceRow>(`/residences/${encodeURIComponent(id)}`, body);
export const deleteResidence = (id: string) => http.delete(`/residences/${encodeURIComponent(id)}`);
export const listDuplicates = (year: number) => http.get<DuplicateRow[]>('/residences/duplicates', { year });

export const downloadEnterpriseTemplate = () => http.download('/imports/enterprise-template', undefined, '入驻企业名录导入模板.xlsx');

/** The server reads `platformId` and `year` before the file part, so they are appended first. */
export function importEnterprises(platformId: string, year: number, file: File): Promise<ImportResult> {
  const form = new FormData();
  form.append('platformId', platformId);
  form.append('year', String(year));
  form.append('file', file, file.name);
  return http.upload<ImportResult>('/imports/enterprises', form);
}
