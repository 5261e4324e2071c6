import { api } from './request';
import type { CreateUserBody, UpdateUserBody, UserQuery } from './types';

export const listUsers = (query: UserQuery) => api.get('/users', { query });
export const createUser = (body: CreateUserBody) => api.post('/users', { body });
export const updateUser = (id: string, body: UpdateUserBody) => api.patch('/users/{id}', { path: { id }, body });
export const disableUser = (id: string) => api.post('/users/{id}/disable', { path: { id } });
export const enableUser = (id: string) => api.post('/users/{id}/enable', { path: { id } });
export const unlockUser = (id: string) => api.post('/users/{id}/unlock', { path: { id } });
export const resetUserTotp = (id: string) => api.post('/users/{id}/reset-totp', { path: { id } });
export const resetUserPassword = (id: string) => api.post('/users/{id}/reset-password', { path: { id } });
export const setUserAffiliation = (id: string, affiliationOrgId: string | null) => api.put('/users/{id}/affiliation', { path: { id }, body: { affiliationOrgId } });
