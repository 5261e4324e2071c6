/**
 * Types mirroring docs/api-registry.md: platforms in full, sites and staff, enterprises and
 * residences, yearly operating data, condition checks, imports and files.
 * Unions are derived from const lists so selects and label tables can iterate them.
 */
import type { CheckResult, ConditionFacts } from '../../domain/conditions/types';
import type { PageQuery, PlatformLevel, PlatformStatus, PlatformType, PlatformRow } from './types';

export const PLATFORM_CATEGORIES = ['park', 'market'] as const;
export type PlatformCategory = (typeof PLATFORM_CATEGORIES)[number];

export const CARRIERS = ['offline', 'online_offline'] as const;
export type Carrier = (typeof CARRIERS)[number];

export const ORIENTATIONS = ['industry', 'service_line'] as const;
export type Orientation = (typeof ORIENTATIONS)[number];

export const OPERATION_MODES = ['self', 'entrusted'] as const;
export type OperationMode = (typeof OPERATION_MODES)[number];

/** The ten services of 附表1, in the form's order. */
export const PLATFORM_SERVICES = [
  'policy', 'information', 'registration', 'licensing', 'opening', 'fitout', 'property', 'platform', 'financing', 'other',
] as const;
export type PlatformService = (typeof PLATFORM_SERVICES)[number];

export const STAFF_TEAMS = ['management', 'operating'] as const;
export type StaffTeam = (typeof STAFF_TEAMS)[number];

export const RESIDENCE_MODES = ['offline', 'online', 'agreement'] as const;
export type ResidenceMode = (typeof RESIDENCE_MODES)[number];

export const SAFETY_TIERS = ['full', 'basic', 'weak', 'none'] as const;
export type Safety = (typeof SAFETY_TIERS)[number];

export const VALUE_ORIENTATIONS = ['sound', 'failed'] as const;
export type ValueOrientation = (typeof VALUE_ORIENTATIONS)[number];

export const LEADER_LEVELS = ['ministerial', 'bureau', 'none'] as const;
export type LeaderLevel = (typeof LEADER_LEVELS)[number];

export const FILE_OWNER_TYPES = ['platform', 'site', 'residence', 'year_data', 'evaluation_entry'] as const;
export type FileOwnerType = (typeof FILE_OWNER_TYPES)[number];

/** 'YYYY-MM-DD'. */
export type IsoDate = string;
/** Whole yuan, integer ≥ 0. */
export type Yuan = number;

/* Platforms */

export interface Transition {
  to: PlatformStatus;
  label: string;
  meaning: string;
}

export interface PlatformDetail extends PlatformRow {
  servedField: string | null;
  orientation: Orientation | null;
  managementOrgName: string | null;
  operationMode: OperationMode;
  services: PlatformService[];
  recognitionDocNo: string | null;
  recognitionBasis: string | null;
  branches: { id: string; name: string; districtName: string }[];
  siteCount: number;
  totalAreaM2: number;
  staff: { managementFullTime: number; operatingFullTime: number; operatingTitled: number };
  latestDataYear: number | null;
  createdAt: string;
  updatedAt: string;
  canEdit: boolean;
  editableFields: string[];
  canViewContact: boolean;
  allowedTransitions: Transition[];
}

export interface PlatformInput {
  name: string;
  level: PlatformLevel;
  type: PlatformType;
  districtCode: string;
  address?: string | null;
  carrier?: Carrier;
  servedField?: string | null;
  orientation?: Orientation | null;
  managementOrgName?: string | null;
  operationMode?: OperationMode;
  operatorOrgId?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  services?: PlatformService[];
  recognizedAt?: IsoDate | null;
  recognitionDocNo?: string | null;
  recognitionBasis?: string | null;
  parentPlatformId?: string | null;
  status?: PlatformStatus;
  statusReason?: string;
}
export type PlatformPatch = Partial<Omit<PlatformInput, 'status' | 'statusReason'>>;
/** The fields of the platform form, for mapping server `details` onto them. */
export type PlatformField = keyof PlatformInput;

export interface PlatformContact {
  contactName: string | null;
  contactPhone: string | null;
}

export interface StatusChange {
  to: PlatformStatus;
  reason: string;
  effectiveDate: IsoDate;
}

export interface StatusHistoryRow {
  id: string;
  fromStatus: PlatformStatus | null;
  toStatus: PlatformStatus;
  reason: string;
  effectiveDate: IsoDate;
  at: string;
  username: string | null;
  displayName: string | null;
}

export interface ConditionCheck {
  year: number;
  facts: ConditionFacts;
  result: CheckResult | null;
  errors: { code: string; message: string; path?: string }[];
}

/* Sites and staff */

export interface Site {
  id: string;
  platformId: string;
  name: string;
  address: string;
  buildingAreaM2: number;
  createdAt: string;
}
export interface SiteInput {
  name: string;
  address: string;
  buildingAreaM2: number;
}

export interface Staff {
  id: string;
  platformId: string;
  name: string;
  team: StaffTeam;
  position: string | null;
  fullTime: boolean;
  professionalTitle: string | null;
  createdAt: string;
}
export interface StaffInput {
  name: string;
  team: StaffTeam;
  position?: string | null;
  fullTime?: boolean;
  professionalTitle?: string | null;
}

/* Enterprises and residences */

export interface Industry {
  code: string;
  name: string;
  service: boolean;
}

export interface EnterpriseRow {
  id: string;
  uscc: string;
  name: string;
  industry: string | null;
  industryName: string | null;
  isHrService: boolean;
  isServiceIndustry: boolean;
  usccOverrideReason: string | null;
  usccWaiting: boolean; // the reason waits for a reviewer (RULES.md §7); not counted until accepted
  usccAcceptedBy: string | null; usccAcceptedAt: string | null;
  aboveScale: boolean | null;
  residenceCount: number;
  updatedAt: string;
}

export interface EnterpriseDetail extends EnterpriseRow {
  years: { year: number; aboveScale: boolean }[];
  residences: ResidenceRow[];
}

export interface EnterprisePatch {
  name?: string;
  industry?: string;
  isHrService?: boolean;
}

export type EnterpriseQuery = Partial<PageQuery> & {
  q?: string; year?: number; platformId?: string; isHrService?: boolean; aboveScale?: boolean; usccWaiting?: boolean;
};

export interface ResidenceRow {
  id: string;
  platformId: string;
  platformName: string;
  year: number;
  enterpriseId: string;
  uscc: string;
  enterpriseName: string;
  industry: string | null;
  industryName: string | null;
  isHrService: boolean;
  isServiceIndustry: boolean;
  aboveScale: boolean;
  usccOverrideReason: string | null;
  mode: ResidenceMode;
  entryDate: IsoDate | null;
  exitDate: IsoDate | null;
  atYearEnd: boolean;
  agreementFileId: string | null;
  revenueYuan: Yuan;
  passThroughYuan: Yuan;
  taxYuan: Yuan;
  duplicateOffline: boolean;
  updatedAt: string;
}

export type ResidenceQuery = Partial<PageQuery> & {
  year: number;
  mode?: ResidenceMode;
  q?: string;
  isHrService?: boolean;
  aboveScale?: boolean;
  duplicateOffline?: boolean;
  atYearEnd?: boolean;
};

export interface ResidenceInput {
  year: number;
  uscc: string;
  usccOverrideReason?: string;
  name: string;
  industry: string;
  isHrService: boolean;
  aboveScale: boolean;
  mode: ResidenceMode;
  entryDate?: IsoDate | null;
  exitDate?: IsoDate | null;
  revenueYuan: Yuan;
  passThroughYuan?: Yuan;
  taxYuan: Yuan;
  agreementFileId?: string | null;
}
export type ResidencePatch = Partial<Pick<ResidenceInput, 'mode' | 'entryDate' | 'exitDate' | 'revenueYuan' | 'passThroughYuan' | 'taxYuan' | 'aboveScale' | 'agreementFileId'>>;

export interface DuplicateRow {
  year: number;
  enterpriseId: string;
  uscc: string;
  enterpriseName: string;
  residences: { residenceId: string; platformId: string; platformName: string; districtCode: string; districtName: string }[];
}

export interface ImportResult {
  platformId: string;
  year: number;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  enterprises: { created: number; updated: number; unchanged: number };
}

export interface ImportRowError {
  row: number;
  column: string;
  message: string;
}

/* Yearly operating data (type aliases, so a value is also a plain string-keyed record) */

export type EducationCounts = { bachelorOrBelow?: number; postgraduate?: number; talentCard?: number; academician?: number };
export type Honours = { local?: number; municipal?: number; ministerial?: number };
export type InformationAdopted = { municipal?: number; ministerial?: number };
export type MediaReports = { county?: number; municipal?: number; central?: number };
export type AttendanceEvent = { name?: string; attendance: number };
export type LeaderEvent = { name?: string; attendance?: number; leaderLevel?: LeaderLevel };

type ParkYearCommon = {
  platformTaxYuan?: Yuan;
  researchResults?: number;
  bureauEventsAttended?: number;
  safety?: Safety;
  valueOrientation?: ValueOrientation;
  honours?: Honours;
  violations?: number;
};
export type ComprehensiveParkYearData = ParkYearCommon & {
  employersServed?: number;
  jobsPromoted?: number;
  events?: AttendanceEvent[];
  mediaReports?: MediaReports;
};
export type SpecializedParkYearData = ParkYearCommon & {
  industryEnterprisesServed?: number;
  serviceLineEnterprisesServed?: number;
  industryTalentSupplied?: EducationCounts;
  serviceLineTalentServed?: EducationCounts;
  events?: LeaderEvent[];
  informationAdopted?: InformationAdopted;
};
export type SpecializedMarketYearData = {
  ownRevenueYuan?: Yuan;
  humanCapitalYuan?: Yuan;
  serviceFunctions?: string[];
  databaseRecords?: number;
  personTimesServed?: EducationCounts;
  placedInChongqing?: EducationCounts;
  researchResults?: number;
  events?: LeaderEvent[];
  enterprisesIncubated?: number;
  safety?: Safety;
  valueOrientation?: ValueOrientation;
  informationAdopted?: InformationAdopted;
  honours?: Honours;
  violations?: number;
};
export type YearData = ComprehensiveParkYearData | SpecializedParkYearData | SpecializedMarketYearData;

export type DerivedFacts = {
  residentEnterprises?: { aboveScale: number; other: number };
  residentRevenueYuan?: string;
  taxYuan?: string;
  onlineRevenueYuan?: string;
  revenueYuan?: string;
  hrEnterprises?: number;
  areaM2: string;
  operatingStaff: { titled: number; other: number };
};

export interface YearDataDetail {
  platformId: string;
  year: number;
  type: PlatformType;
  data: YearData;
  derived: DerivedFacts;
  facts: Record<string, unknown>;
  updatedAt: string | null;
  updatedByName: string | null;
  canEdit: boolean;
}

export interface YearDataSummary {
  year: number;
  filledFacts: number;
  residences: number;
  updatedAt: string | null;
  updatedByName: string | null;
}

/* Files */

export interface FileRow {
  id: string;
  platformId: string;
  ownerType: FileOwnerType;
  ownerId: string | null;
  purpose: string | null;
  year: number | null;
  originalName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
  uploadedByName: string | null;
  previewable: boolean;
}

export type FileQuery = {
  platformId: string;
  ownerType?: FileOwnerType;
  ownerId?: string;
  year?: number;
  purpose?: string;
};

export interface FileUpload {
  platformId: string;
  ownerType: FileOwnerType;
  ownerId?: string;
  year?: number;
  purpose?: string;
}
