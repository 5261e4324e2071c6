import { api } from './request';

export const listOnlineSessions = () => api.get('/sessions');
export const forceLogout = (id: string) => api.delete('/sessions/{id}', { path: { id } });
