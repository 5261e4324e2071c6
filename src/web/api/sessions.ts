import { http } from './request';
import type { OnlineSession } from './types';

export const listOnlineSessions = () => http.get<OnlineSession[]>('/sessions');
export const forceLogout = (id: string) => http.delete(`/sessions/${encodeURIComponent(id)}`);
