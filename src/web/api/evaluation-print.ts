/**
 * What the printable score sheet and results pages read (docs/api-evaluations.md) and the .xlsx downloads.
 * Fields the later review and grading steps add are optional here, so the pages print them once they exist.
 */
import type { ScoreSheet } from '../../domain/rules/score-sheet';
import type { PlatformLevel, PlatformType, ScoreScheme } from '../../domain/rules/scheme-types';
import { getCampaignScheme } from './evaluations';
import { http } from './request';

export interface PrintEvaluation { id: string; year: number; schemeId: string; status: 'draft' | 'open' | 'published' }

export interface PrintEntryRow {
  id: string; platformId: string; platformName: string; districtCode: string; level: PlatformLevel; type: PlatformType;
  factor: string; status: string; selfTotal: string | null;
  reviewedTotal?: string | null; rank?: number | null; grade?: 'excellent' | 'pass' | 'fail' | null; recommendation?: string | null;
}

export interface PrintEntryDetail extends PrintEntryRow {
  rowTexts: Record<string, string>;
  sheet: ScoreSheet | null;
  problems: string[];
  reviewedSheet?: ScoreSheet | null;
}

const evaluationPath = (id: string, rest = '') => `/evaluations/${encodeURIComponent(id)}${rest}`;
const entryPath = (id: string, entryId: string, rest = '') => evaluationPath(id, `/entries/${encodeURIComponent(entryId)}${rest}`);

/** The campaign's adopted scheme (readable by every role): the 评分标准 column comes from it. */
export const getPrintScheme = async (id: string): Promise<ScoreScheme> => (await getCampaignScheme(id)).document;
export const getPrintEvaluation = (id: string) => http.get<PrintEvaluation>(evaluationPath(id));
export const listPrintEntries = (id: string) => http.get<PrintEntryRow[]>(evaluationPath(id, '/entries'));
export const getPrintEntry = (id: string, entryId: string) => http.get<PrintEntryDetail>(entryPath(id, entryId));
export const downloadEntrySheet = (id: string, entryId: string) => http.download(entryPath(id, entryId, '/sheet.xlsx'), undefined, '评分表.xlsx');
export const downloadResults = (id: string) => http.download(evaluationPath(id, '/results.xlsx'), undefined, '评估结果.xlsx');
