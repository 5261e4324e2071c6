import { api } from './request';

export const getHomeSummary = () => api.get('/home');
