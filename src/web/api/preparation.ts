/** 筹建 (Art 15): the application's 筹建 card and the platform's term; thin calls over the generated shapes. */
import { api, type BodyOf, type ResponseOf } from './request';

export type ApplicationPreparation = ResponseOf<'/recognition/applications/{id}/preparation'>;
export type PreparationTerm = NonNullable<ApplicationPreparation['term']>;
export type ApproveBody = BodyOf<'/recognition/applications/{id}/preparation'>;
export type ExtendBody = BodyOf<'/platforms/{id}/preparation/extensions'>;

export const getApplicationPreparation = (id: string) => api.get('/recognition/applications/{id}/preparation', { path: { id } });
export const approvePreparation = (id: string, body: ApproveBody) => api.post('/recognition/applications/{id}/preparation', { path: { id }, body });
export const reportReadiness = (id: string, note: string) => api.post('/recognition/applications/{id}/preparation/readiness', { path: { id }, body: { note } });
export const acceptPreparation = (id: string, note: string) => api.post('/recognition/applications/{id}/preparation/accept', { path: { id }, body: { note } });
export const failPreparation = (id: string, reason: string) => api.post('/recognition/applications/{id}/preparation/fail', { path: { id }, body: { reason } });
export const getPlatformPreparation = (id: string) => api.get('/platforms/{id}/preparation', { path: { id } });
export const extendPreparation = (id: string, body: ExtendBody) => api.post('/platforms/{id}/preparation/extensions', { path: { id }, body });
export const downloadEvidence = (id: string, file: { id: string; originalName: string }) =>
  api.download('/recognition/applications/{id}/files/{fileId}/download', file.originalName, { path: { id, fileId: file.id } });
