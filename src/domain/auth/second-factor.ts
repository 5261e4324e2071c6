import type { Role } from './roles.js';

/**
 * Who may enrol a TOTP second factor: the bureau's accounts (administrators and staff, and the
 * administrator roles of the separation of duties, named here ahead of their arrival).
 */
const secondFactorRoles: ReadonlySet<string> = new Set(['admin', 'bureau', 'security_admin', 'auditor']);

export function maySecondFactor(role: Role): boolean {
  return secondFactorRoles.has(role);
}
