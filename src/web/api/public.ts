import { http } from './request';
import type { District, Page, PublicInfo, PublicPlatformQuery, PublicPlatformRow } from './types';

export const getPublicInfo = () => http.get<PublicInfo>('/public/info');
export const listDistricts = () => http.get<District[]>('/public/districts');
export const listPublicPlatforms = (query: PublicPlatformQuery) => http.get<Page<PublicPlatformRow>>('/public/platforms', query);
