import { http } from './request';
import type { AuditQuery, AuditRow, ChainReport, LoginLogQuery, LoginRow, Page } from './types';

export const listAuditLog = (query: AuditQuery) => http.get<Page<AuditRow>>('/audit-log', query);
export const listLoginLog = (query: LoginLogQuery) => http.get<Page<LoginRow>>('/login-log', query);
export const exportAuditLog = (query: Omit<AuditQuery, 'page' | 'pageSize'>) => http.download('/audit-log/export', query, '审计日志.xlsx');
export const exportLoginLog = (query: Omit<LoginLogQuery, 'page' | 'pageSize'>) => http.download('/login-log/export', query, '登录日志.xlsx');
export const verifyAuditLog = () => http.get<ChainReport>('/audit-log/verify');
export const verifyLoginLog = () => http.get<ChainReport>('/login-log/verify');
