/**
 * Who may change what in the registry, as small predicates. Reading is decided by
 * platformScope (auth/scope.ts) in the repositories; these decide writes on a platform the
 * actor can already see, so that a refused write is a 403, never a leak.
 */
import type { Actor } from '../auth/actor.js';
import type { PlatformLevel, PlatformStatus } from './lifecycle.js';
import { checkEntry } from './lifecycle.js';

export interface PlatformRef {
  level: PlatformLevel;
  districtCode: string;
  operatorOrgId: string | null;
}

/** PATCH fields by who may change them; `status` is not among them (transitions only). */
export const platformFieldGroups = {
  operational: ['contactName', 'contactPhone', 'services'],
  descriptive: ['name', 'address', 'carrier', 'servedField', 'managementOrgName', 'operationMode', 'operatorOrgId'],
  recognition: ['type', 'orientation', 'recognizedAt', 'recognitionDocNo', 'recognitionBasis', 'parentPlatformId'],
  bureauOnly: ['level', 'districtCode'],
} as const;
type Groups = typeof platformFieldGroups;
export type PlatformField = Groups[keyof Groups][number];

const inDistrict = (actor: Actor, p: PlatformRef): boolean => actor.districtCode !== null && actor.districtCode === p.districtCode;

/** Operational data: contacts, services, sites, staff, residences, year data, files. */
export function canEditPlatform(actor: Actor, p: PlatformRef): boolean {
  switch (actor.role) {
    case 'admin':
    case 'bureau':
      return true;
    case 'district':
      return inDistrict(actor, p);
    case 'operator':
      return p.operatorOrgId === actor.organizationId;
    case 'district_gov':
    case 'expert':
    case 'security_admin':
    case 'auditor':
      return false;
  }
}

/** The platform fields the actor may PATCH (empty when it may change nothing). */
export function editableFields(actor: Actor, p: PlatformRef): PlatformField[] {
  const g = platformFieldGroups;
  switch (actor.role) {
    case 'admin':
    case 'bureau':
      return [...g.operational, ...g.descriptive, ...g.recognition, ...g.bureauOnly];
    case 'district':
      if (!inDistrict(actor, p)) return [];
      // Recognition of national and municipal platforms is the bureau's decision (Art 14).
      return p.level === 'district' ? [...g.operational, ...g.descriptive, ...g.recognition] : [...g.operational, ...g.descriptive];
    case 'operator':
      return canEditPlatform(actor, p) ? [...g.operational] : [];
    case 'district_gov':
    case 'expert':
    case 'security_admin':
    case 'auditor':
      return [];
  }
}

/** Full phone numbers: those who deal with the platform, not read-only viewers. */
export function canViewContact(actor: Actor, p: PlatformRef): boolean {
  return canEditPlatform(actor, p);
}

/**
 * Registering a platform: the bureau any, a district unit only district-level ones in its own
 * district (Art 16, filed with the bureau); the status must be one the entry table of
 * lifecycle.ts allows (`legacy`: 存量平台登记, the bureau's). Returns the refusal, or null.
 */
export function creationRefusal(
  actor: Actor, input: { level: PlatformLevel; districtCode: string; status: PlatformStatus }, how: 'direct' | 'legacy' = 'direct',
): { field: string; message: string } | null {
  if (actor.role === 'district' && how === 'direct') {
    if (input.level !== 'district') return { field: 'level', message: '层级：区县人社局只能登记区县级平台' };
    if (actor.districtCode !== input.districtCode) return { field: 'districtCode', message: '所属区县：只能登记本区县的平台' };
  } else if (actor.role !== 'admin' && actor.role !== 'bureau') {
    return { field: 'role', message: how === 'legacy' ? '存量平台登记须由市人力社保局办理' : '您无权登记平台' };
  }
  const check = checkEntry(how, input.level, input.status, actor.role);
  return check.ok ? null : { field: check.field, message: check.message };
}
