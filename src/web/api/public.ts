import { api } from './request';
import type { PublicPlatformQuery } from './types';

export const getPublicInfo = () => api.get('/public/info');
export const listDistricts = () => api.get('/public/districts');
export const listPublicPlatforms = (query: PublicPlatformQuery) => api.get('/public/platforms', { query });
export const getPublicPlatform = (id: string) => api.get('/public/platforms/{id}', { path: { id } });
export const getOpenData = () => api.get('/public/open-data');
export const directoryFileUrl = (format: 'xlsx' | 'csv') => (format === 'xlsx' ? api.url('/public/platforms.xlsx') : api.url('/public/platforms.csv'));
export const resultsFileUrl = (year: number, format: 'xlsx' | 'csv') => (format === 'xlsx'
  ? api.url('/public/evaluations/{year}/results.xlsx', { path: { year } })
  : api.url('/public/evaluations/{year}/results.csv', { path: { year } }));
