import { api } from './request';
import type { NotificationQuery } from './evaluation-types';

export const listNotifications = (query: NotificationQuery) => api.get('/notifications', { query });
export const unreadCount = () => api.get('/notifications/unread-count');
export const markRead = (ids?: string[]) => api.post('/notifications/read', { body: ids ? { ids } : {} });
