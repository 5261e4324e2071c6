import { api } from './request';
import type { CloneSchemeBody, SchemeDetail, ScoreScheme, WithScheme } from './evaluation-types';

/** The one place the open document record is read as the domain's ScoreScheme (see WithScheme). */
export const withScheme = async <T extends { document: unknown }>(answer: Promise<T>): Promise<WithScheme<T>> => (await answer) as WithScheme<T>;

export const listSchemes = () => api.get('/schemes');
export const getScheme = (id: string): Promise<SchemeDetail> => withScheme(api.get('/schemes/{id}', { path: { id } }));
export const cloneScheme = (id: string, body: CloneSchemeBody): Promise<SchemeDetail> => withScheme(api.post('/schemes/{id}/clone', { path: { id }, body }));
export const updateScheme = (id: string, document: ScoreScheme): Promise<SchemeDetail> =>
  withScheme(api.put('/schemes/{id}', { path: { id }, body: { ...document } }));
export const getSchemeDiff = (id: string) => api.get('/schemes/{id}/diff', { path: { id } });
export const adoptScheme = (id: string): Promise<SchemeDetail> => withScheme(api.post('/schemes/{id}/adopt', { path: { id } }));
