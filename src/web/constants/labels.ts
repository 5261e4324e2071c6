/** Chinese labels from docs/api-foundation.md. Records keyed by the union keep them exhaustive. */
import { orgKindLabels, orgKindOfRole, roleLabels } from '../../domain/auth/roles';
import {
  carrierLabels, categoryLabels, LEADER_LEVEL_LABELS as leaderLevelLabels, operationModeLabels, orientationLabels, PLATFORM_LEVEL_LABELS as platformLevelLabels,
  PLATFORM_TYPE_LABELS as platformTypeLabels, platformStatusLabels, residenceModeLabels, SAFETY_LABELS as safetyLabels, serviceLabels, staffTeamLabels,
  VALUE_ORIENTATION_LABELS as valueOrientationLabels,
} from '../../domain/labels';
import {
  CARRIERS, LEADER_LEVELS, OPERATION_MODES, ORG_KINDS, ORIENTATIONS, PLATFORM_LEVELS, PLATFORM_SERVICES, PLATFORM_STATUSES, PLATFORM_TYPES,
  RESIDENCE_MODES, ROLES, SAFETY_TIERS, STAFF_TEAMS, VALUE_ORIENTATIONS,
  type Carrier, type LeaderLevel, type OperationMode, type OrgKind, type Orientation, type PlatformCategory, type PlatformLevel,
  type PlatformService, type PlatformStatus, type PlatformType, type ResidenceMode, type Role, type Safety, type StaffTeam,
  type ValueOrientation,
} from '../api/types';

export const SYSTEM_NAME = '重庆市人力资源服务发展平台管理系统';

// Role and organization-kind wording is shared with the server (audit texts, exports).
export const ROLE_LABELS: Record<Role, string> = roleLabels;
export const ORG_KIND_LABELS: Record<OrgKind, string> = orgKindLabels;
/** Which organization kind a role's users belong to; used to narrow the organization select. */
export const ROLE_ORG_KIND: Record<Role, OrgKind> = orgKindOfRole;

// Enumeration wording comes from the one label table, src/domain/labels.
export const PLATFORM_LEVEL_LABELS: Record<PlatformLevel, string> = platformLevelLabels;

export const PLATFORM_TYPE_LABELS: Record<PlatformType, string> = platformTypeLabels;

export const PLATFORM_STATUS_LABELS: Record<PlatformStatus, string> = platformStatusLabels;

export const PLATFORM_CATEGORY_LABELS: Record<PlatformCategory, string> = categoryLabels;
export const CARRIER_LABELS: Record<Carrier, string> = carrierLabels;
export const ORIENTATION_LABELS: Record<Orientation, string> = orientationLabels;
export const OPERATION_MODE_LABELS: Record<OperationMode, string> = operationModeLabels;
export const SERVICE_LABELS: Record<PlatformService, string> = serviceLabels;
export const STAFF_TEAM_LABELS: Record<StaffTeam, string> = staffTeamLabels;
export const RESIDENCE_MODE_LABELS: Record<ResidenceMode, string> = residenceModeLabels;

export const SAFETY_LABELS: Record<Safety, string> = safetyLabels;
export const VALUE_ORIENTATION_LABELS: Record<ValueOrientation, string> = valueOrientationLabels;
export const LEADER_LEVEL_LABELS: Record<LeaderLevel, string> = leaderLevelLabels;

type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger';

export const PLATFORM_STATUS_TAGS: Record<PlatformStatus, TagType> = {
  preparing: 'info',
  recognized: 'success',
  pending_filing: 'warning',
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
export const CARRIER_OPTIONS = optionsOf(CARRIERS, CARRIER_LABELS);
export const ORIENTATION_OPTIONS = optionsOf(ORIENTATIONS, ORIENTATION_LABELS);
export const OPERATION_MODE_OPTIONS = optionsOf(OPERATION_MODES, OPERATION_MODE_LABELS);
export const SERVICE_OPTIONS = optionsOf(PLATFORM_SERVICES, SERVICE_LABELS);
export const STAFF_TEAM_OPTIONS = optionsOf(STAFF_TEAMS, STAFF_TEAM_LABELS);
export const RESIDENCE_MODE_OPTIONS = optionsOf(RESIDENCE_MODES, RESIDENCE_MODE_LABELS);
export const SAFETY_OPTIONS = optionsOf(SAFETY_TIERS, SAFETY_LABELS);
export const VALUE_ORIENTATION_OPTIONS = optionsOf(VALUE_ORIENTATIONS, VALUE_ORIENTATION_LABELS);
export const LEADER_LEVEL_OPTIONS = optionsOf(LEADER_LEVELS, LEADER_LEVEL_LABELS);
