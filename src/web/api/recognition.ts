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
export type FilePurpose = 'application_form' | 'policies' | 'land_and_operation' | 'residents' | 'other_evidence' | 'opinion_seal' | 'acceptance_evidence';

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
/** Loaded by an <iframe> (PDF) or <img> (images) from the same origin; the server answers inline with a restrictive CSP. */
export const applicationFilePreviewUrl = (id: string, fileId: string) => api.url('/recognition/applications/{id}/files/{fileId}/preview', { path: { id, fileId } });
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

// ---- experts' assessment (Art 14 (二)) and the decision (Art 14 (三) (四)) ----
export type ExpertReview = ResponseOf<'/recognition/applications/{id}/expert-review'>;
export type ReviewAssignment = ItemOf<ExpertReview['experts']>;
export type OwnReview = ResponseOf<'/recognition/applications/{id}/my-review'>;
export type OwnReviewSave = BodyOf<'/recognition/applications/{id}/my-review', 'put'>;
export type SitePhoto = ItemOf<OwnReview['photos']>;
export type Publicity = ResponseOf<'/recognition/applications/{id}/publicity'>;
export type PublicityBody = BodyOf<'/recognition/applications/{id}/publicity'>;
export type ObjectionBody = BodyOf<'/recognition/applications/{id}/publicity/objections'>;
export type ResolveObjectionBody = BodyOf<'/recognition/applications/{id}/publicity/objections/{objectionId}', 'put'>;
export type RecognizeBody = BodyOf<'/recognition/applications/{id}/recognize'>;

export const getExpertReview = (id: string) => api.get('/recognition/applications/{id}/expert-review', { path: { id } });
export const assignReviewExpert = (id: string, expertUserId: string) => api.post('/recognition/applications/{id}/experts', { path: { id }, body: { expertUserId } });
export const unassignReviewExpert = (id: string, assignmentId: string) =>
  api.delete('/recognition/applications/{id}/experts/{assignmentId}', { path: { id, assignmentId } });
export const getOwnReview = (id: string) => api.get('/recognition/applications/{id}/my-review', { path: { id } });
export const saveOwnReview = (id: string, body: OwnReviewSave) => api.put('/recognition/applications/{id}/my-review', { path: { id }, body });
export const submitOwnReview = (id: string) => api.post('/recognition/applications/{id}/my-review/submit', { path: { id } });
export const declineOwnReview = (id: string, reason: string) => api.post('/recognition/applications/{id}/my-review/decline', { path: { id }, body: { reason } });
export function uploadSitePhoto(id: string, file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload('/recognition/applications/{id}/my-review/photos', form, { path: { id } });
}
export const deleteSitePhoto = (id: string, fileId: string) => api.delete('/recognition/applications/{id}/my-review/photos/{fileId}', { path: { id, fileId } });
export const downloadSitePhoto = (id: string, photo: SitePhoto) =>
  api.download('/recognition/applications/{id}/site-photos/{fileId}/download', photo.originalName, { path: { id, fileId: photo.id } });

export const proposeApplication = (id: string, note: string) => api.post('/recognition/applications/{id}/propose', { path: { id }, body: { note } });
export const getPublicity = (id: string) => api.get('/recognition/applications/{id}/publicity', { path: { id } });
export const postPublicity = (id: string, body: PublicityBody) => api.post('/recognition/applications/{id}/publicity', { path: { id }, body });
export const addObjection = (id: string, body: ObjectionBody) => api.post('/recognition/applications/{id}/publicity/objections', { path: { id }, body });
export const resolveObjection = (id: string, objectionId: string, body: ResolveObjectionBody) =>
  api.put('/recognition/applications/{id}/publicity/objections/{objectionId}', { path: { id, objectionId }, body });
export const recognizeApplication = (id: string, body: RecognizeBody) => api.post('/recognition/applications/{id}/recognize', { path: { id }, body });
export const notRecognizeApplication = (id: string, reason: string) => api.post('/recognition/applications/{id}/not-recognize', { path: { id }, body: { reason } });
