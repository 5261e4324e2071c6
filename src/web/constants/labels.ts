/** Chinese labels from docs/api-foundation.md. Records keyed by the union keep them exhaustive. */
import { orgKindLabels, orgKindOfRole, roleLabels } from '../../domain/auth/roles';
import {
  ORG_KINDS, PLATFORM_LEVELS, PLATFORM_STATUSES, PLATFORM_TYPES, ROLES,
  type OrgKind, type PlatformLevel, type PlatformStatus, type PlatformType, type Role,
} from '../api/types';

export const SYSTEM_NAME = '重庆市人力资源服务发展平台管理系统';

// Role and organization-kind wording is shared with the server (audit texts, exports).
export const ROLE_LABELS: Record<Role, string> = roleLabels;
export const ORG_KIND_LABELS: Record<OrgKind, string> = orgKindLabels;
/** Which organization kind a role's users belong to; used to narrow the organization select. */
export const ROLE_ORG_KIND: Record<Role, OrgKind> = orgKindOfRole;

export const PLATFORM_LEVEL_LABELS: Record<PlatformLevel, string> = {
  national: '国家级',
  municipal: '市级',
  district: '区县级',
};

export const PLATFORM_TYPE_LABELS: Record<PlatformType, string> = {
  comprehensive_park: '综合性人力资源服务产业园',
  specialized_park: '专业性行业性人力资源服务产业园',
  specialized_market: '专业性行业性人力资源（人才）市场',
};

export const PLATFORM_STATUS_LABELS: Record<PlatformStatus, string> = {
  preparing: '筹建中',
  recognized: '已认定',
  filed: '已备案',
  rectifying: '整改中',
  exited: '已退出',
  revoked: '已撤销',
};

type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger';

export const PLATFORM_STATUS_TAGS: Record<PlatformStatus, TagType> = {
  preparing: 'info',
  recognized: 'success',
  filed: 'primary',
  rectifying: 'warning',
  exited: 'info',
  revoked: 'danger',
};

export interface Option<V extends string> {
  value: V;
  label: string;
}

function optionsOf<V extends string>(values: readonly V[], labels: Record<V, string>): Option<V>[] {
  return values.map((value) => ({ value, label: labels[value] }));
}

export const ROLE_OPTIONS = optionsOf(ROLES, ROLE_LABELS);
export const ORG_KIND_OPTIONS = optionsOf(ORG_KINDS, ORG_KIND_LABELS);
export const PLATFORM_LEVEL_OPTIONS = optionsOf(PLATFORM_LEVELS, PLATFORM_LEVEL_LABELS);
export const PLATFORM_TYPE_OPTIONS = optionsOf(PLATFORM_TYPES, PLATFORM_TYPE_LABELS);
export const PLATFORM_STATUS_OPTIONS = optionsOf(PLATFORM_STATUSES, PLATFORM_STATUS_LABELS);
