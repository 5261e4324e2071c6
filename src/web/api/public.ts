import { api } from './request';
import type { PublicPlatformQuery } from './types';

export const getPublicInfo = () => api.get('/public/info');
export const listDistricts = () => api.get('/public/districts');
export const listPublicPlatforms = (query: PublicPlatformQuery) => api.get('/public/platforms', { query });
