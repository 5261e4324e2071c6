import { api, type BodyOf } from './request';
import type { ChangePasswordBody, LoginBody } from './types';

/** 401 means "anonymous" here, not an expired session, so it must not redirect. */
export const getSession = () => api.get('/auth/session', { expectUnauthenticated: true });
/** A wrong password may come back as 401; the login form shows it instead of redirecting. */
export const login = (body: LoginBody) => api.post('/auth/login', { body, expectUnauthenticated: true });
export const loginTotp = (body: BodyOf<'/auth/login/totp'>) => api.post('/auth/login/totp', { body, expectUnauthenticated: true });
export const getTotp = () => api.get('/auth/totp');
export const enrolTotp = () => api.post('/auth/totp/enrol');
export const confirmTotp = (code: string) => api.post('/auth/totp/confirm', { body: { code } });
export const logout = () => api.post('/auth/logout');
export const changePassword = (body: ChangePasswordBody) => api.post('/auth/change-password', { body });
