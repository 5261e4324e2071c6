import type { Actor } from './actor.js';

/**
 * What part of the registry an actor may read. Repositories turn a scope into a WHERE clause,
 * so a record outside it is never loaded (a district asking for another district's platform gets 404).
 */
export type PlatformScope =
  | { kind: 'all' }
  | { kind: 'district'; districtCode: string }
  | { kind: 'operator'; organizationId: string }
  | { kind: 'assigned'; expertUserId: string }
  | { kind: 'none' };

export function platformScope(actor: Actor): PlatformScope {
  switch (actor.role) {
    case 'admin':
    case 'bureau':
      return { kind: 'all' };
    case 'district':
    case 'district_gov':
      return actor.districtCode === null ? { kind: 'none' } : { kind: 'district', districtCode: actor.districtCode };
    case 'operator':
      return { kind: 'operator', organizationId: actor.organizationId };
    case 'expert':
      return { kind: 'assigned', expertUserId: actor.userId };
    case 'security_admin':
    case 'auditor':
      return { kind: 'none' };
  }
}

/**
 * The platforms whose data an actor may change: its read scope for the roles that write
 * (bureau, district unit, operator), nothing for read-only roles. Matches canEditPlatform.
 */
export function platformEditScope(actor: Actor): PlatformScope {
  switch (actor.role) {
    case 'admin':
    case 'bureau':
    case 'district':
    case 'operator':
      return platformScope(actor);
    case 'district_gov':
    case 'expert':
    case 'security_admin':
    case 'auditor':
      return { kind: 'none' };
  }
}

/** Whose user accounts an actor may list. */
export type UserScope =
  | { kind: 'all' }
  | { kind: 'district'; districtCode: string }
  | { kind: 'organization'; organizationId: string };

export function userScope(actor: Actor): UserScope {
  switch (actor.role) {
    case 'admin':
    case 'bureau':
    case 'security_admin': // unlocks accounts and ends sessions of anyone
      return { kind: 'all' };
    case 'district':
      return actor.districtCode === null
        ? { kind: 'organization', organizationId: actor.organizationId }
        : { kind: 'district', districtCode: actor.districtCode };
    case 'district_gov':
    case 'operator':
    case 'expert':
    case 'auditor':
      return { kind: 'organization', organizationId: actor.organizationId };
  }
}

/** System administration (users, organizations) is the system administrator's alone; security and audit are not (三员). */
export function canAdminister(actor: Actor): boolean {
  return actor.role === 'admin';
}
