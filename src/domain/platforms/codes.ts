/**
 * The registry's code lists, defined once: the database schema (src/db/schema/platforms.ts),
 * the API schemas and the web app all take them from here.
 */
import { platformStatuses, type PlatformStatus } from './lifecycle.js';
import type { SafetyTier, ValueTier } from '../rules/facts.js';
import type { LeaderLevel } from '../rules/scheme-types.js';

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
/** 附件1: a platform is an industrial park or a talent market. */
export const platformCategories = ['park', 'market'] as const;
/** What an uploaded file belongs to. */
export const fileOwnerTypes = ['platform', 'site', 'residence', 'year_data', 'evaluation_entry', 'support_item'] as const;
/** The yearly data's tiers (附表 safety and value orientation) and a leader's level at an event. */
export const safetyTiers = ['full', 'basic', 'weak', 'none'] as const satisfies readonly SafetyTier[];
export const valueOrientations = ['sound', 'failed'] as const satisfies readonly ValueTier[];
export const leaderLevels = ['ministerial', 'bureau', 'none'] as const satisfies readonly LeaderLevel[];

export type { PlatformStatus };
export type PlatformLevel = (typeof platformLevels)[number];
export type PlatformType = (typeof platformTypes)[number];
export type PlatformCategory = (typeof platformCategories)[number];
export type Carrier = (typeof carriers)[number];
export type Orientation = (typeof orientations)[number];
export type OperationMode = (typeof operationModes)[number];
export type PlatformService = (typeof platformServices)[number];
export type StaffTeam = (typeof staffTeams)[number];
export type ResidenceMode = (typeof residenceModes)[number];
export type FileOwnerType = (typeof fileOwnerTypes)[number];
