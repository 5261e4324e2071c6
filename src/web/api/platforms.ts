import { http } from './request';
import type { Page, PlatformQuery, PlatformRow } from './types';

export const listPlatforms = (query: PlatformQuery) => http.get<Page<PlatformRow>>('/platforms', query);
export const getPlatform = (id: string) => http.get<PlatformRow>(`/platforms/${encodeURIComponent(id)}`);
