import { api } from './request';
import type { Settings } from './types';

export const getSettings = () => api.get('/settings');
export const saveSettings = (body: Settings) => api.put('/settings', { body });
