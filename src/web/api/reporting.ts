/** Operating-data reporting (Art 18, 20): thin calls over the generated shapes. */
import { api, type BodyOf, type ResponseOf } from './request';

export type Cycle = ResponseOf<'/reporting/cycles'>[number];
export type CycleCreate = BodyOf<'/reporting/cycles'>;
export type CycleUpdate = BodyOf<'/reporting/cycles/{id}', 'put'>;
export type Figure = ResponseOf<'/reporting/figures'>[number];
export type MyPeriod = ResponseOf<'/reporting/mine'>[number];
export type Report = ResponseOf<'/reporting/periods/{periodId}/platforms/{platformId}'>;
export type ReviewItem = ResponseOf<'/reporting/review'>[number];
export type Matrix = ResponseOf<'/reporting/matrix'>;
export interface MatrixFilter { cycleId?: string | undefined; districtCode?: string | undefined; type?: Matrix['rows'][number]['type'] | undefined }

export const listFigures = () => api.get('/reporting/figures');
export const listCycles = () => api.get('/reporting/cycles');
export const createCycle = (body: CycleCreate) => api.post('/reporting/cycles', { body });
export const updateCycle = (id: string, body: CycleUpdate) => api.put('/reporting/cycles/{id}', { path: { id }, body });
export const listMine = () => api.get('/reporting/mine');
export const getReport = (periodId: string, platformId: string) => api.get('/reporting/periods/{periodId}/platforms/{platformId}', { path: { periodId, platformId } });
export const saveReport = (periodId: string, platformId: string, figures: Record<string, number>) =>
  api.put('/reporting/periods/{periodId}/platforms/{platformId}', { path: { periodId, platformId }, body: { figures } });
export const submitReport = (periodId: string, platformId: string, figures: Record<string, number>) =>
  api.post('/reporting/periods/{periodId}/platforms/{platformId}/submit', { path: { periodId, platformId }, body: { figures } });
export const listReview = () => api.get('/reporting/review');
export const returnReport = (id: string, reason: string) => api.post('/reporting/reports/{id}/return', { path: { id }, body: { reason } });
export const acceptReport = (id: string) => api.post('/reporting/reports/{id}/accept', { path: { id } });
export const getMatrix = (query: MatrixFilter) => api.get('/reporting/matrix', { query });
export const exportMatrix = (query: MatrixFilter) => api.download('/reporting/matrix/export', '运营数据报送情况.xlsx', { query });
