/**
 * What the printable score sheet and results pages read (docs/api-evaluations.md) and the .xlsx downloads;
 * the shapes are the server's (generated/schema.d.ts).
 */
import type { ScoreScheme } from '../../domain/rules/scheme-types';
import { getCampaignScheme } from './evaluations';
import { api, type ResponseOf } from './request';

type ItemOf<T> = T extends readonly (infer I)[] ? I : never;

export type PrintEvaluation = ResponseOf<'/evaluations/{id}'>;
export type PrintEntryRow = ItemOf<ResponseOf<'/evaluations/{id}/entries'>>;
export type PrintEntryDetail = ResponseOf<'/evaluations/{id}/entries/{entryId}'>;

/** The campaign's adopted scheme (readable by every role): the 评分标准 column comes from it. */
export const getPrintScheme = async (id: string): Promise<ScoreScheme> => (await getCampaignScheme(id)).document;
export const getPrintEvaluation = (id: string) => api.get('/evaluations/{id}', { path: { id } });
export const listPrintEntries = (id: string) => api.get('/evaluations/{id}/entries', { path: { id } });
export const getPrintEntry = (id: string, entryId: string) => api.get('/evaluations/{id}/entries/{entryId}', { path: { id, entryId } });
export const downloadEntrySheet = (id: string, entryId: string) =>
  api.download('/evaluations/{id}/entries/{entryId}/sheet.xlsx', '评分表.xlsx', { path: { id, entryId } });
export const downloadResults = (id: string) => api.download('/evaluations/{id}/results.xlsx', '评估结果.xlsx', { path: { id } });
