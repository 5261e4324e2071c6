import type { Db } from '../../db/client.js';
import { auditSystem } from '../audit/audit.js';
import { hashPassword, newInitialPassword } from '../auth/passwords.js';
import { bureauOrgCode } from './reference.js';
import { countUsers, ensureOrganization, insertUser } from './repository.js';

/**
 * A database without any user gets one administrator with a random password, shown once
 * and to be changed at first login. Returns the password, or null when users exist.
 */
export async function ensureInitialAdmin(db: Db, username = 'admin'): Promise<string | null> {
  if ((await countUsers(db)) > 0) return null;
  return createAdmin(db, username, 'user.create_initial_admin');
}

/** An administrator with a one-time password (first start, or `hrsp create-admin` for recovery). */
export async function createAdmin(db: Db, username: string, action = 'user.create_admin_cli'): Promise<string> {
  const password = newInitialPassword();
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const bureau = await ensureOrganization(tx, { kind: 'bureau', name: '重庆市人力资源和社会保障局', code: bureauOrgCode });
    const id = await insertUser(tx, { username, displayName: '系统管理员', role: 'admin', organizationId: bureau, passwordHash, mustChangePassword: true });
    await auditSystem(tx, { action, entityType: 'user', entityId: id, summary: { username } });
  });
  return password;
}
