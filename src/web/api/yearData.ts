import { http } from './request';
import type { YearData, YearDataDetail, YearDataSummary } from './types';

const yearDataPath = (platformId: string, suffix = '') => `/platforms/${encodeURIComponent(platformId)}/year-data${suffix}`;

export const listYearData = (platformId: string) => http.get<YearDataSummary[]>(yearDataPath(platformId));
export const exportYearData = (platformId: string) => http.download(yearDataPath(platformId, '/export'), undefined, '年度运营数据.xlsx');
export const getYearData = (platformId: string, year: number) => http.get<YearDataDetail>(yearDataPath(platformId, `/${year}`));
export const saveYearData = (platformId: string, year: number, data: YearData) =>
  http.put<YearDataDetail>(yearDataPath(platformId, `/${year}`), { data });
