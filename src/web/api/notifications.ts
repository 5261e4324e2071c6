import { http } from './request';
import type { NotificationPage, NotificationQuery } from './evaluation-types';

export const listNotifications = (query: NotificationQuery) => http.get<NotificationPage>('/notifications', query);
export const unreadCount = () => http.get<{ unread: number }>('/notifications/unread-count');
export const markRead = (ids?: string[]) => http.post<{ updated: number }>('/notifications/read', ids ? { ids } : {});
