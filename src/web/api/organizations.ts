import { http } from './request';
import type { CreateOrganizationBody, Organization, OrganizationQuery, Page, UpdateOrganizationBody } from './types';

export const listOrganizations = (query: OrganizationQuery) => http.get<Page<Organization>>('/organizations', query);
export const createOrganization = (body: CreateOrganizationBody) => http.post<Organization>('/organizations', body);
export const updateOrganization = (id: string, body: UpdateOrganizationBody) =>
  http.patch<Organization>(`/organizations/${encodeURIComponent(id)}`, body);
