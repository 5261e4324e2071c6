import { api } from './request';
import type { YearData } from './types';

export const listYearData = (platformId: string) => api.get('/platforms/{id}/year-data', { path: { id: platformId } });
export const exportYearData = (platformId: string) => api.download('/platforms/{id}/year-data/export', '年度运营数据.xlsx', { path: { id: platformId } });
export const getYearData = (platformId: string, year: number) => api.get('/platforms/{id}/year-data/{year}', { path: { id: platformId, year } });
export const saveYearData = (platformId: string, year: number, data: YearData) =>
  api.put('/platforms/{id}/year-data/{year}', { path: { id: platformId, year }, body: { data } });
