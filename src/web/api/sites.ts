import { http } from './request';
import type { Site, SiteInput, Staff, StaffInput } from './types';

const sitesPath = (platformId: string, siteId = '') => `/platforms/${encodeURIComponent(platformId)}/sites${siteId && `/${encodeURIComponent(siteId)}`}`;
const staffPath = (platformId: string, staffId = '') => `/platforms/${encodeURIComponent(platformId)}/staff${staffId && `/${encodeURIComponent(staffId)}`}`;

export const listSites = (platformId: string) => http.get<Site[]>(sitesPath(platformId));
export const createSite = (platformId: string, body: SiteInput) => http.post<Site>(sitesPath(platformId), body);
export const updateSite = (platformId: string, siteId: string, body: Partial<SiteInput>) => http.patch<Site>(sitesPath(platformId, siteId), body);
export const deleteSite = (platformId: string, siteId: string) => http.delete(sitesPath(platformId, siteId));

export const listStaff = (platformId: string) => http.get<Staff[]>(staffPath(platformId));
export const createStaff = (platformId: string, body: StaffInput) => http.post<Staff>(staffPath(platformId), body);
export const updateStaff = (platformId: string, staffId: string, body: Partial<StaffInput>) => http.patch<Staff>(staffPath(platformId, staffId), body);
export const deleteStaff = (platformId: string, staffId: string) => http.delete(staffPath(platformId, staffId));
