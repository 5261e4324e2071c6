/**
 * The registry's code lists, defined once: the database schema (src/db/schema/platforms.ts),
 * the API schemas and the web app all take them from here.
 */
import { platformStatuses } from './lifecycle.js';

export { platformStatuses };
export const platformLevels = ['national', 'municipal', 'district'] as const;
export const platformTypes = ['comprehensive_park', 'specialized_park', 'specialized_market'] as const;
export const carriers = ['offline', 'online_offline'] as const;
export const orientations = ['industry', 'service_line'] as const;
export const operationModes = ['self', 'entrusted'] as const;
/** The ten services of 附表1. */
export const platformServices = ['policy', 'information', 'registration', 'licensing', 'opening', 'fitout', 'property', 'platform', 'financing', 'other'] as const;
export const staffTeams = ['management', 'operating'] as const;
export const residenceModes = ['offline', 'online', 'agreement'] as const;
/** How a record entered the registry: ordinary registration, or 存量平台登记 (recognized before HRSP, on its original document). */
export const platformOrigins = ['registered', 'legacy'] as const;
export type PlatformOrigin = (typeof platformOrigins)[number];
