import type { Db } from '../../db/client.js';
import { roleLabels, type Role } from '../../domain/auth/roles.js';
import type { AuditAction } from '../../domain/labels/index.js';
import { auditSystem } from '../audit/audit.js';
import { hashPassword, newInitialPassword } from '../auth/passwords.js';
import { bureauOrgCode } from './reference.js';
import { countUsers, ensureOrganization, insertUser } from './repository.js';

/** The roles `hrsp create-admin --role` may create: the three administrators (三员). */
export const adminRoles = ['admin', 'security_admin', 'auditor'] as const satisfies readonly Role[];
export type AdminRole = (typeof adminRoles)[number];

/** The first start's accounts: one per administrator role, each to be handed to a different person. */
const initialAccounts: { username: string; role: AdminRole }[] = [
  { username: 'admin', role: 'admin' },
  { username: 'secadmin', role: 'security_admin' },
  { username: 'auditor', role: 'auditor' },
];

/**
 * A database without any user gets the three administrators (system, security, audit) with
 * random passwords, shown once and to be changed at first login. Empty when users exist.
 */
export async function ensureInitialAdmin(db: Db): Promise<{ username: string; role: AdminRole; password: string }[]> {
  if ((await countUsers(db)) > 0) return [];
  const created = [];
  for (const a of initialAccounts) created.push({ ...a, password: await createAdmin(db, a.username, a.role, 'user.create_initial_admin') });
  return created;
}

/** An administrator with a one-time password (first start, or `hrsp create-admin` for recovery). */
export async function createAdmin(db: Db, username: string, role: AdminRole = 'admin', action: AuditAction = 'user.create_admin_cli'): Promise<string> {
  const password = newInitialPassword();
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const bureau = await ensureOrganization(tx, { kind: 'bureau', name: '重庆市人力资源和社会保障局', code: bureauOrgCode });
    const id = await insertUser(tx, { username, displayName: roleLabels[role], role, organizationId: bureau, passwordHash, mustChangePassword: true });
    await auditSystem(tx, { action, entityType: 'user', entityId: id, summary: { username, role } });
  });
  return password;
}
