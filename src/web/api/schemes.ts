import { http } from './request';
import type { CloneSchemeBody, SchemeDetail, SchemeDiff, SchemeRow, ScoreScheme } from './evaluation-types';

const schemePath = (id: string, action = '') => `/schemes/${encodeURIComponent(id)}${action}`;

export const listSchemes = () => http.get<SchemeRow[]>('/schemes');
export const getScheme = (id: string) => http.get<SchemeDetail>(schemePath(id));
export const cloneScheme = (id: string, body: CloneSchemeBody) => http.post<SchemeDetail>(schemePath(id, '/clone'), body);
export const updateScheme = (id: string, document: ScoreScheme) => http.put<SchemeDetail>(schemePath(id), document);
export const getSchemeDiff = (id: string) => http.get<SchemeDiff>(schemePath(id, '/diff'));
export const adoptScheme = (id: string) => http.post<SchemeDetail>(schemePath(id, '/adopt'));
