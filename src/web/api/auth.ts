import { http } from './request';
import type { ChangePasswordBody, LoginBody, SessionInfo } from './types';

/** 401 means "anonymous" here, not an expired session, so it must not redirect. */
export const getSession = () => http.get<SessionInfo>('/auth/session', undefined, { expectUnauthenticated: true });
/** A wrong password may come back as 401; the login form shows it instead of redirecting. */
export const login = (body: LoginBody) => http.post<SessionInfo>('/auth/login', body, { expectUnauthenticated: true });
export const logout = () => http.postVoid('/auth/logout');
export const changePassword = (body: ChangePasswordBody) => http.post<SessionInfo>('/auth/change-password', body);
