/**
 * The registry's shapes (platforms in full, sites and staff, enterprises and residences, yearly
 * operating data, condition checks, imports and files), each an alias of the server's OpenAPI
 * document (generated/schema.d.ts). Enumerations come from src/domain/platforms/codes.ts, which
 * the server's zod schemas and the database enums use too.
 */
import {
  carriers, fileOwnerTypes, leaderLevels, operationModes, orientations, platformCategories, platformServices, residenceModes, safetyTiers, staffTeams,
  valueOrientations,
  type Carrier, type FileOwnerType, type OperationMode, type Orientation, type PlatformCategory, type PlatformService, type ResidenceMode, type StaffTeam,
} from '../../domain/platforms/codes';
import type { SafetyTier as Safety, ValueTier as ValueOrientation } from '../../domain/rules/facts';
import type { LeaderLevel } from '../../domain/rules/scheme-types';
import type {
  AttendanceEventRecord as AttendanceEvent, ComprehensiveParkYearData, EducationCounts, HonourCounts as Honours, InformationAdoptedCounts as InformationAdopted,
  LeaderEventRecord as LeaderEvent, MediaReportCounts as MediaReports, SpecializedMarketYearData, SpecializedParkYearData,
} from '../../domain/platforms/year-data';
import type { BodyOf, QueryOf, ResponseOf } from './request';

type ItemOf<T> = T extends readonly (infer I)[] ? I : never;

export type { Carrier, FileOwnerType, LeaderLevel, OperationMode, Orientation, PlatformCategory, PlatformService, ResidenceMode, Safety, StaffTeam, ValueOrientation };
export const PLATFORM_CATEGORIES = platformCategories;
export const CARRIERS = carriers;
export const ORIENTATIONS = orientations;
export const OPERATION_MODES = operationModes;
/** The ten services of 附表1, in the form's order. */
export const PLATFORM_SERVICES = platformServices;
export const STAFF_TEAMS = staffTeams;
export const RESIDENCE_MODES = residenceModes;
export const SAFETY_TIERS = safetyTiers;
export const VALUE_ORIENTATIONS = valueOrientations;
export const LEADER_LEVELS = leaderLevels;
export const FILE_OWNER_TYPES = fileOwnerTypes;

/** 'YYYY-MM-DD'. */
export type IsoDate = string;
/** Whole yuan, integer ≥ 0. */
export type Yuan = number;

/* Platforms */

export type PlatformDetail = ResponseOf<'/platforms/{id}'>;
export type Transition = ItemOf<PlatformDetail['allowedTransitions']>;
export type PlatformInput = BodyOf<'/platforms'>;
export type PlatformPatch = BodyOf<'/platforms/{id}', 'patch'>;
/** The fields of the platform form, for mapping server `details` onto them. */
export type PlatformField = keyof PlatformInput;
export type PlatformContact = ResponseOf<'/platforms/{id}/contact'>;
export type StatusChange = BodyOf<'/platforms/{id}/status'>;
export type StatusHistoryRow = ItemOf<ResponseOf<'/platforms/{id}/history'>>;
export type ConditionCheck = ResponseOf<'/platforms/{id}/conditions'>;
/** Art 17 lowered thresholds and deadlines, soft shortfalls the bureau accepted. */
export type RecognitionTerms = ResponseOf<'/platforms/{id}/recognition-terms'>;
export type RecognitionTermsBody = BodyOf<'/platforms/{id}/recognition-terms', 'put'>;

/* Sites and staff */

export type Site = ItemOf<ResponseOf<'/platforms/{id}/sites'>>;
export type SiteInput = BodyOf<'/platforms/{id}/sites'>;
export type SitePatch = BodyOf<'/platforms/{id}/sites/{siteId}', 'patch'>;
export type Staff = ItemOf<ResponseOf<'/platforms/{id}/staff'>>;
export type StaffInput = BodyOf<'/platforms/{id}/staff'>;
export type StaffPatch = BodyOf<'/platforms/{id}/staff/{staffId}', 'patch'>;

/* Enterprises and residences */

export type Industry = ItemOf<ResponseOf<'/enterprises/industries'>>;
export type EnterpriseRow = ItemOf<ResponseOf<'/enterprises'>['items']>;
export type EnterpriseDetail = ResponseOf<'/enterprises/{id}'>;
export type EnterprisePatch = BodyOf<'/enterprises/{id}', 'patch'>;
export type EnterpriseQuery = QueryOf<'/enterprises'>;
export type ResidenceRow = ItemOf<ResponseOf<'/platforms/{id}/residences'>['items']>;
export type ResidenceQuery = QueryOf<'/platforms/{id}/residences'>;
export type ResidenceInput = BodyOf<'/platforms/{id}/residences'>;
export type ResidencePatch = BodyOf<'/residences/{id}', 'patch'>;
export type DuplicateRow = ItemOf<ResponseOf<'/residences/duplicates'>>;
export type ImportResult = ResponseOf<'/imports/enterprises', 'post'>;

/** One row's problem in a rejected import: the error body's `rowErrors` (error bodies are not in the OpenAPI document). */
export interface ImportRowError {
  row: number;
  column: string;
  message: string;
}

/* Yearly operating data: the domain's types, which the server's schema is checked against. */

export type { AttendanceEvent, EducationCounts, Honours, InformationAdopted, LeaderEvent, MediaReports };
export type { ComprehensiveParkYearData, SpecializedMarketYearData, SpecializedParkYearData };
export type YearDataDetail = ResponseOf<'/platforms/{id}/year-data/{year}'>;
export type YearData = YearDataDetail['data'];
export type DerivedFacts = YearDataDetail['derived'];
export type YearDataSummary = ItemOf<ResponseOf<'/platforms/{id}/year-data'>>;

/* Files */

export type FileRow = ItemOf<ResponseOf<'/files'>>;
export type FileQuery = QueryOf<'/files'>;

/** The owner fields of an upload (multipart: sent before the file; the document does not describe multipart bodies). */
export interface FileUpload {
  platformId: string;
  ownerType: FileOwnerType;
  ownerId?: string;
  year?: number;
  purpose?: string;
}
