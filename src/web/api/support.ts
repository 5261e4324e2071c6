/** 支持措施 (Art 23–26, 32): the support register; thin calls over the generated shapes. */
import { api, type BodyOf, type ResponseOf } from './request';

export type SupportItem = ResponseOf<'/support/items/{id}'>;
export type SupportEligibility = ResponseOf<'/support/eligibility'>;
export type SupportTotals = ResponseOf<'/support/totals'>;
export type CreateSupportBody = BodyOf<'/support/items'>;
export type SupportKind = SupportItem['kind'];

export const listSupportItems = (query: { year?: number; kind?: SupportKind } = {}) => api.get('/support/items', { query });
export const supportEligibility = (query: { platformId: string; year: number; kind: SupportKind }) => api.get('/support/eligibility', { query });
export const supportTotals = (by: 'platform' | 'district' | 'year') => api.get('/support/totals', { query: { by } });
export const createSupportItem = (body: CreateSupportBody) => api.post('/support/items', { body });
