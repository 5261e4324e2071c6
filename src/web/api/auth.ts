import { http } from './request';
import type { ChangePasswordBody, LoginAnswer, LoginBody, SessionInfo, TotpEnrolment, TotpStatus } from './types';

/** 401 means "anonymous" here, not an expired session, so it must not redirect. */
export const getSession = () => http.get<SessionInfo>('/auth/session', undefined, { expectUnauthenticated: true });
/** A wrong password may come back as 401; the login form shows it instead of redirecting. */
export const login = (body: LoginBody) => http.post<LoginAnswer>('/auth/login', body, { expectUnauthenticated: true });
export const loginTotp = (body: { pendingToken: string; code: string }) =>
  http.post<SessionInfo>('/auth/login/totp', body, { expectUnauthenticated: true });
export const getTotp = () => http.get<TotpStatus>('/auth/totp');
export const enrolTotp = () => http.post<TotpEnrolment>('/auth/totp/enrol');
export const confirmTotp = (code: string) => http.post<TotpStatus>('/auth/totp/confirm', { code });
export const logout = () => http.postVoid('/auth/logout');
export const changePassword = (body: ChangePasswordBody) => http.post<SessionInfo>('/auth/change-password', body);
