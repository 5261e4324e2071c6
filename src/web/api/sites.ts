import { api } from './request';
import type { SiteInput, SitePatch, StaffInput, StaffPatch } from './types';

export const listSites = (platformId: string) => api.get('/platforms/{id}/sites', { path: { id: platformId } });
export const createSite = (platformId: string, body: SiteInput) => api.post('/platforms/{id}/sites', { path: { id: platformId }, body });
export const updateSite = (platformId: string, siteId: string, body: SitePatch) =>
  api.patch('/platforms/{id}/sites/{siteId}', { path: { id: platformId, siteId }, body });
export const deleteSite = (platformId: string, siteId: string) => api.delete('/platforms/{id}/sites/{siteId}', { path: { id: platformId, siteId } });

export const listStaff = (platformId: string) => api.get('/platforms/{id}/staff', { path: { id: platformId } });
export const createStaff = (platformId: string, body: StaffInput) => api.post('/platforms/{id}/staff', { path: { id: platformId }, body });
export const updateStaff = (platformId: string, staffId: string, body: StaffPatch) =>
  api.patch('/platforms/{id}/staff/{staffId}', { path: { id: platformId, staffId }, body });
export const deleteStaff = (platformId: string, staffId: string) => api.delete('/platforms/{id}/staff/{staffId}', { path: { id: platformId, staffId } });
