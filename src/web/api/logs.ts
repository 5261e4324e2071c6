import { api } from './request';
import type { AuditQuery, LoginLogQuery } from './types';

export const listAuditLog = (query: AuditQuery) => api.get('/audit-log', { query });
export const listLoginLog = (query: LoginLogQuery) => api.get('/login-log', { query });
export const exportAuditLog = (query: Omit<AuditQuery, 'page' | 'pageSize'>) => api.download('/audit-log/export', '审计日志.xlsx', { query });
export const exportLoginLog = (query: Omit<LoginLogQuery, 'page' | 'pageSize'>) => api.download('/login-log/export', '登录日志.xlsx', { query });
export const verifyAuditLog = () => api.get('/audit-log/verify');
export const verifyLoginLog = () => api.get('/login-log/verify');
