/**
 * Types mirroring docs/api-foundation.md (HTTP API v1); the registry's are in registry-types.ts.
 * Unions are derived from const lists so selects and label tables can iterate them.
 * Roles and organization kinds come from src/domain, which the server uses too.
 */
import { orgKinds, roles, type OrgKind, type Role } from '../../domain/auth/roles';
import type { Carrier, PlatformCategory } from './registry-types';

export * from './registry-types';

export type { OrgKind, Role };
export const ROLES = roles;
export const ORG_KINDS = orgKinds;

export const PLATFORM_LEVELS = ['national', 'municipal', 'district'] as const;
export type PlatformLevel = (typeof PLATFORM_LEVELS)[number];

export const PLATFORM_TYPES = ['comprehensive_park', 'specialized_park', 'specialized_market'] as const;
export type PlatformType = (typeof PLATFORM_TYPES)[number];

export const PLATFORM_STATUSES = ['preparing', 'recognized', 'filed', 'rectifying', 'exited', 'revoked'] as const;
export type PlatformStatus = (typeof PLATFORM_STATUSES)[number];

export interface FieldError {
  field: string;
  message: string;
}

export interface ErrorBody {
  code: string;
  message: string;
  details?: FieldError[];
}

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  organizationId: string;
  organizationName: string;
  districtCode: string | null;
  mustChangePassword: boolean;
}

export interface SessionInfo {
  user: SessionUser;
  csrfToken: string;
  demo: boolean;
  idleTimeoutMinutes: number;
}

/** The password step's answer for an account with a TOTP second factor: no session yet. */
export interface SecondFactorRequired {
  secondFactorRequired: true;
  pendingToken: string;
  expiresAt: string;
}

export type LoginAnswer = SessionInfo | SecondFactorRequired;

export interface TotpStatus {
  available: boolean;
  enabled: boolean;
}

export interface TotpEnrolment {
  secret: string;
  uri: string;
}

export interface PublicInfo {
  demo: boolean;
  systemName: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Paging part of every list query; `page` starts at 1. A type alias so queries stay index-compatible. */
export type PageQuery = {
  page: number;
  pageSize: number;
};

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  organizationId: string;
  organizationName: string;
  /** Masked by the server, e.g. 138****5678. */
  phone: string | null;
  disabled: boolean;
  lockedUntil: string | null;
  mustChangePassword: boolean;
  totpEnabled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  /** An expert's affiliation (conflict of interest in expert assignment). */
  affiliationOrgId: string | null;
  affiliationOrgName: string | null;
}

export interface UserWithPassword {
  user: UserRow;
  initialPassword: string;
}

export interface Organization {
  id: string;
  kind: OrgKind;
  name: string;
  code: string;
  districtCode: string | null;
  districtName: string | null;
  disabled: boolean;
  createdAt: string;
}

export interface District {
  code: string;
  name: string;
  kind: 'district' | 'county' | 'zone';
  region: string;
}

export interface AuditRow {
  id: string;
  seq: number;
  at: string;
  username: string | null;
  role: Role | null;
  organizationName: string | null;
  ip: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  summary: unknown;
  actionLabel: string;
  entityLabel: string;
  entityName: string | null;
  changes: { field: string; label: string; text: string }[];
}

export interface LoginRow {
  id: string;
  seq: number;
  at: string;
  username: string;
  ip: string | null;
  userAgent: string | null;
  browser: string;
  os: string;
  success: boolean;
  reason: string | null;
}

/** GET /audit-log/verify, /login-log/verify: the hash chain walked from its first row. */
export interface ChainReport {
  chain: 'audit' | 'login';
  ok: boolean;
  count: number;
  headHash: string;
  broken: { seq: number; at: string | null; kind: 'missing' | 'link' | 'content' | 'unsealed' | 'head'; message: string } | null;
}

export interface OnlineSession {
  id: string;
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  organizationName: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

export interface Settings {
  lockoutThreshold: number;
  lockoutMinutes: number;
  idleTimeoutMinutes: number;
  sessionMaxHours: number;
  /** 0: passwords do not age. */
  passwordMaxAgeDays: number;
}

/** A platform list row; the first ten fields are the foundation's, the rest come with the registry. */
export interface PlatformRow {
  id: string;
  name: string;
  level: PlatformLevel;
  type: PlatformType;
  districtCode: string;
  districtName: string;
  operatorOrgId: string | null;
  operatorName: string | null;
  status: PlatformStatus;
  /** `legacy`: 存量平台登记 (recognized before HRSP, on its original document). */
  origin: 'registered' | 'legacy';
  recognizedAt: string | null;
  category: PlatformCategory;
  carrier: Carrier;
  address: string | null;
  contactName: string | null;
  /** Masked by the server, e.g. 138****5678. */
  contactPhone: string | null;
  parentPlatformId: string | null;
  parentPlatformName: string | null;
}

export type PublicPlatformRow = Pick<PlatformRow, 'id' | 'name' | 'level' | 'type' | 'districtName' | 'status'>;

export interface HomeSummary {
  role: Role;
  counts: { label: string; value: number }[];
  /** Work waiting for the user, each with the page where it is done. */
  tasks: { kind: string; title: string; link: string }[];
}

/* Request bodies and list queries. Queries are type aliases (not interfaces) so they fit the client's Query record. */

export interface LoginBody {
  username: string;
  password: string;
}

export interface ChangePasswordBody {
  oldPassword: string;
  newPassword: string;
}

export type PublicPlatformQuery = Partial<PageQuery> & {
  districtCode?: string;
  level?: PlatformLevel;
  type?: PlatformType;
  q?: string;
};

export const PLATFORM_SORTS = ['name', 'districtCode', 'level', 'recognizedAt'] as const;
export type PlatformSort = (typeof PLATFORM_SORTS)[number];

/** `sort`/`order` are sent only when the user sorts a column. */
export type PlatformQuery = PublicPlatformQuery & {
  status?: PlatformStatus;
  category?: PlatformCategory;
  carrier?: Carrier;
  sort?: PlatformSort;
  order?: 'asc' | 'desc';
};

export type UserQuery = Partial<PageQuery> & {
  q?: string;
  role?: Role;
  organizationId?: string;
  disabled?: boolean;
};

export interface CreateUserBody {
  username: string;
  displayName: string;
  role: Role;
  organizationId: string;
  phone?: string;
}

export type UpdateUserBody = Partial<Omit<CreateUserBody, 'username'>>;

export type OrganizationQuery = Partial<PageQuery> & {
  kind?: OrgKind;
  q?: string;
  districtCode?: string;
};

export interface CreateOrganizationBody {
  kind: OrgKind;
  name: string;
  code: string;
  districtCode?: string;
}

export interface UpdateOrganizationBody {
  name?: string;
  districtCode?: string;
  disabled?: boolean;
}

export type AuditQuery = Partial<PageQuery> & {
  q?: string;
  action?: string;
  entityType?: string;
  username?: string;
  from?: string;
  to?: string;
};

export type LoginLogQuery = Partial<PageQuery> & {
  username?: string;
  success?: boolean;
  from?: string;
  to?: string;
};
