import { api } from './request';
import type { CreateOrganizationBody, OrganizationQuery, UpdateOrganizationBody } from './types';

export const listOrganizations = (query: OrganizationQuery) => api.get('/organizations', { query });
export const createOrganization = (body: CreateOrganizationBody) => api.post('/organizations', { body });
export const updateOrganization = (id: string, body: UpdateOrganizationBody) => api.patch('/organizations/{id}', { path: { id }, body });
