/**
 * The foundation's shapes (HTTP API v1), each an alias of the server's OpenAPI document
 * (generated/schema.d.ts): nothing here is written by hand but the helpers and the names.
 * The registry's are in registry-types.ts. Enumerations come from src/domain, which the
 * server's zod schemas use too.
 */
import { orgKinds, roles, type OrgKind, type Role } from '../../domain/auth/roles';
import { platformLevels, platformStatuses, platformTypes, type PlatformLevel, type PlatformStatus, type PlatformType } from '../../domain/platforms/codes';
import type { BodyOf, QueryOf, ResponseOf } from './request';

export * from './registry-types';
export type { ErrorBody, FieldError } from './request';

export type { OrgKind, PlatformLevel, PlatformStatus, PlatformType, Role };
export const ROLES = roles;
export const ORG_KINDS = orgKinds;
export const PLATFORM_LEVELS = platformLevels;
export const PLATFORM_TYPES = platformTypes;
export const PLATFORM_STATUSES = platformStatuses;

/** One element of an array type. */
export type ItemOf<T> = T extends readonly (infer I)[] ? I : never;

export type SessionInfo = ResponseOf<'/auth/session'>;
export type SessionUser = SessionInfo['user'];
export type LoginAnswer = ResponseOf<'/auth/login', 'post'>;
/** The password step's answer for an account with a TOTP second factor: no session yet. */
export type SecondFactorRequired = Extract<LoginAnswer, { secondFactorRequired: true }>;
export type TotpStatus = ResponseOf<'/auth/totp'>;
export type TotpEnrolment = ResponseOf<'/auth/totp/enrol', 'post'>;
export type PublicInfo = ResponseOf<'/public/info'>;

/** A page of a list answer. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Paging part of every list query; `page` starts at 1. */
export type PageQuery = {
  page: number;
  pageSize: number;
};

export type UserRow = ItemOf<ResponseOf<'/users'>['items']>;
export type UserWithPassword = ResponseOf<'/users', 'post'>;
export type Organization = ItemOf<ResponseOf<'/organizations'>['items']>;
export type District = ItemOf<ResponseOf<'/public/districts'>>;
export type AuditRow = ItemOf<ResponseOf<'/audit-log'>['items']>;
export type LoginRow = ItemOf<ResponseOf<'/login-log'>['items']>;
/** GET /audit-log/verify, /login-log/verify: the hash chain walked from its first row. */
export type ChainReport = ResponseOf<'/audit-log/verify'>;
export type OnlineSession = ItemOf<ResponseOf<'/sessions'>>;
export type Settings = ResponseOf<'/settings'>;
export type PlatformRow = ItemOf<ResponseOf<'/platforms'>['items']>;
export type PublicPlatformRow = ItemOf<ResponseOf<'/public/platforms'>['items']>;
export type PublicPlatformDetail = ResponseOf<'/public/platforms/{id}'>;
export type OpenDataCatalog = ResponseOf<'/public/open-data'>;
export type HomeSummary = ResponseOf<'/home'>;

/* Request bodies and list queries. */

export type LoginBody = BodyOf<'/auth/login'>;
export type ChangePasswordBody = BodyOf<'/auth/change-password'>;
export type PublicPlatformQuery = QueryOf<'/public/platforms'>;
export type PlatformQuery = QueryOf<'/platforms'>;
export type PlatformSort = NonNullable<PlatformQuery['sort']>;
export const PLATFORM_SORTS = ['name', 'districtCode', 'level', 'recognizedAt'] as const satisfies readonly PlatformSort[];
export type UserQuery = QueryOf<'/users'>;
export type CreateUserBody = BodyOf<'/users'>;
export type UpdateUserBody = BodyOf<'/users/{id}', 'patch'>;
export type OrganizationQuery = QueryOf<'/organizations'>;
export type CreateOrganizationBody = BodyOf<'/organizations'>;
export type UpdateOrganizationBody = BodyOf<'/organizations/{id}', 'patch'>;
export type AuditQuery = QueryOf<'/audit-log'>;
export type LoginLogQuery = QueryOf<'/login-log'>;
