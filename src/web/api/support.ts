/** 支持措施 (Art 23–26, 32): the support register; thin calls over the generated shapes. */
import { api, type BodyOf, type QueryOf, type ResponseOf } from './request';

export type SupportItem = ResponseOf<'/support/items/{id}'>;
export type SupportEligibility = ResponseOf<'/support/eligibility'>;
export type SupportTotals = ResponseOf<'/support/totals'>;
export type CreateSupportBody = BodyOf<'/support/items'>;
export type UpdateSupportBody = BodyOf<'/support/items/{id}', 'patch'>;
export type SupportKind = SupportItem['kind'];
export type SupportOutcome = SupportItem['outcome'];
export type SupportFilter = QueryOf<'/support/items'>;
export type SupportGroup = SupportTotals['by'];

export const listSupportItems = (query: SupportFilter = {}) => api.get('/support/items', { query });
export const supportEligibility = (query: { platformId: string; year: number; kind: SupportKind }) => api.get('/support/eligibility', { query });
export const supportTotals = (by: SupportGroup, filter: SupportFilter = {}) => api.get('/support/totals', { query: { ...filter, by } });
export const createSupportItem = (body: CreateSupportBody) => api.post('/support/items', { body });
export const updateSupportItem = (id: string, body: UpdateSupportBody) => api.patch('/support/items/{id}', { path: { id }, body });
export const voidSupportItem = (id: string, reason: string) => api.post('/support/items/{id}/void', { path: { id }, body: { reason } });
export const exportSupportItems = (query: SupportFilter) => api.download('/support/items/export', '扶持事项.xlsx', { query });
