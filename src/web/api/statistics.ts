import { api, type QueryOf } from './request';

export type StatisticsFilter = QueryOf<'/statistics/figures'>;
export type StatisticsExport = QueryOf<'/statistics/export'>;

export const getStatisticsFigures = (query: StatisticsFilter) => api.get('/statistics/figures', { query });
export const getStatisticsTrends = (query: QueryOf<'/statistics/trends'>) => api.get('/statistics/trends', { query });
export const getStatisticsGrades = (query: StatisticsFilter) => api.get('/statistics/grades', { query });
export const getStatisticsAnomalies = (query: QueryOf<'/statistics/anomalies'>) => api.get('/statistics/anomalies', { query });
export const exportStatistics = (query: StatisticsExport) => api.download('/statistics/export', '统计分析.xlsx', { query });
