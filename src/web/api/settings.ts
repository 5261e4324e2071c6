import { http } from './request';
import type { Settings } from './types';

export const getSettings = () => http.get<Settings>('/settings');
export const saveSettings = (body: Settings) => http.put<Settings>('/settings', body);
