import { http } from './request';
import type { HomeSummary } from './types';

export const getHomeSummary = () => http.get<HomeSummary>('/home');
