import { http } from './request';
import type { CreateUserBody, Page, UpdateUserBody, UserQuery, UserRow, UserWithPassword } from './types';

const userPath = (id: string, action = '') => `/users/${encodeURIComponent(id)}${action}`;

export const listUsers = (query: UserQuery) => http.get<Page<UserRow>>('/users', query);
export const createUser = (body: CreateUserBody) => http.post<UserWithPassword>('/users', body);
export const updateUser = (id: string, body: UpdateUserBody) => http.patch<UserRow>(userPath(id), body);
export const disableUser = (id: string) => http.post<UserRow>(userPath(id, '/disable'));
export const enableUser = (id: string) => http.post<UserRow>(userPath(id, '/enable'));
export const unlockUser = (id: string) => http.post<UserRow>(userPath(id, '/unlock'));
export const resetUserTotp = (id: string) => http.post<UserRow>(userPath(id, '/reset-totp'));
export const resetUserPassword = (id: string) => http.post<UserWithPassword>(userPath(id, '/reset-password'));
export const setUserAffiliation = (id: string, affiliationOrgId: string | null) => http.put<UserRow>(userPath(id, '/affiliation'), { affiliationOrgId });
