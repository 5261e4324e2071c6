/** The recognition application (Art 14, 附表1): thin calls; every shape is the server's (generated/schema.d.ts). */
import { api, type BodyOf, type QueryOf, type ResponseOf } from './request';

type ItemOf<T> = T extends readonly (infer I)[] ? I : never;

export type ApplicationDetail = ResponseOf<'/recognition/applications/{id}'>;
export type ApplicationPage = ResponseOf<'/recognition/applications'>;
export type ApplicationRow = ItemOf<ApplicationPage['items']>;
export type ApplicationListQuery = QueryOf<'/recognition/applications'>;
export type ApplicationFormBody = BodyOf<'/recognition/applications/{id}', 'put'>;
export type CreateApplicationBody = BodyOf<'/recognition/applications'>;
export type OpinionBody = BodyOf<'/recognition/applications/{id}/hrss-opinion'>;
export type ApplicationFile = ItemOf<ApplicationDetail['seals']>;
export type ApplicationMaterial = ItemOf<ApplicationDetail['materials']>;
export type ApplicationAction = ItemOf<ApplicationDetail['allowedActions']>;
export type ApplicationCheck = ResponseOf<'/recognition/applications/{id}/check'>;
export type ApplicationTerms = BodyOf<'/recognition/applications/{id}/terms', 'put'>;
export type ChecklistBody = BodyOf<'/recognition/applications/{id}/checklist', 'put'>;
export type FilePurpose = 'application_form' | 'policies' | 'land_and_operation' | 'residents' | 'other_evidence' | 'opinion_seal';

export const listApplications = (query: ApplicationListQuery) => api.get('/recognition/applications', { query });
export const getApplication = (id: string) => api.get('/recognition/applications/{id}', { path: { id } });
export const createApplication = (body: CreateApplicationBody) => api.post('/recognition/applications', { body });
export const saveApplication = (id: string, body: ApplicationFormBody) => api.put('/recognition/applications/{id}', { path: { id }, body });
export const sendToHrss = (id: string) => api.post('/recognition/applications/{id}/send', { path: { id } });
export const withdrawApplication = (id: string, reason: string) => api.post('/recognition/applications/{id}/withdraw', { path: { id }, body: { reason } });

/** The server reads `purpose` before the file part, so it is appended first. */
export function uploadApplicationFile(id: string, purpose: FilePurpose, file: File) {
  const form = new FormData();
  form.append('purpose', purpose);
  form.append('file', file, file.name);
  return api.upload('/recognition/applications/{id}/files', form, { path: { id } });
}
export function uploadDirectory(id: string, file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload('/recognition/applications/{id}/directory', form, { path: { id } });
}
export const downloadApplicationFile = (id: string, file: ApplicationFile) =>
  api.download('/recognition/applications/{id}/files/{fileId}/download', file.originalName, { path: { id, fileId: file.id } });
export const deleteApplicationFile = (id: string, fileId: string) => api.delete('/recognition/applications/{id}/files/{fileId}', { path: { id, fileId } });

export const giveHrssOpinion = (id: string, body: OpinionBody) => api.post('/recognition/applications/{id}/hrss-opinion', { path: { id }, body });
export const hrssReturn = (id: string, reason: string) => api.post('/recognition/applications/{id}/hrss-return', { path: { id }, body: { reason } });
export const govSubmit = (id: string, body: OpinionBody) => api.post('/recognition/applications/{id}/gov-submit', { path: { id }, body });

export const getCheck = (id: string) => api.get('/recognition/applications/{id}/check', { path: { id } });
export const setChecklistItem = (id: string, body: ChecklistBody) => api.put('/recognition/applications/{id}/checklist', { path: { id }, body });
export const setTerms = (id: string, body: ApplicationTerms) => api.put('/recognition/applications/{id}/terms', { path: { id }, body });
export const bureauReturn = (id: string, reason: string) => api.post('/recognition/applications/{id}/return', { path: { id }, body: { reason } });
export const rejectApplication = (id: string, reason: string) => api.post('/recognition/applications/{id}/reject', { path: { id }, body: { reason } });
export const downloadFormSheet = (id: string, name: string) => api.download('/recognition/applications/{id}/form.xlsx', `认定申请表-${name}.xlsx`, { path: { id } });
