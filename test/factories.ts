import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../src/db/client.js';
import { organizations, platforms, users } from '../src/db/schema/index.js';
import type { OrgKind, Role } from '../src/domain/auth/roles.js';
import { orgKindOfRole } from '../src/domain/auth/roles.js';
import { hashPassword } from '../src/server/auth/passwords.js';

export const testPassword = 'Test@Pass1';
let cachedHash: Promise<string> | null = null;
const uniq = () => crypto.randomBytes(4).toString('hex');

/** Factories create what they need and the parents that are missing (organizations for users, …). */
export async function makeOrg(db: Db, kind: OrgKind, districtCode: string | null = null, name?: string): Promise<string> {
  if (kind === 'district' && districtCode) {
    const [existing] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, `HRSS-${districtCode}`));
    if (existing) return existing.id;
  }
  const [row] = await db
    .insert(organizations)
    .values({ kind, name: name ?? `测试机构${uniq()}`, code: `T-${uniq()}`, districtCode })
    .returning({ id: organizations.id });
  if (!row) throw new Error('org');
  return row.id;
}

export interface MadeUser {
  id: string;
  username: string;
  organizationId: string;
}

export async function makeUser(
  db: Db,
  role: Role,
  opts: { districtCode?: string; organizationId?: string; mustChangePassword?: boolean; username?: string } = {},
): Promise<MadeUser> {
  cachedHash ??= hashPassword(testPassword);
  const kind = orgKindOfRole[role];
  const needsDistrict = kind === 'district' || kind === 'district_gov' || kind === 'operator';
  const organizationId = opts.organizationId ?? (await makeOrg(db, kind, needsDistrict ? (opts.districtCode ?? '500107') : null));
  const username = opts.username ?? `${role}_${uniq()}`;
  const [row] = await db
    .insert(users)
    .values({ username, displayName: `测试${role}`, role, organizationId, passwordHash: await cachedHash, mustChangePassword: opts.mustChangePassword ?? false })
    .returning({ id: users.id });
  if (!row) throw new Error('user');
  return { id: row.id, username, organizationId };
}

export async function makePlatform(
  db: Db,
  opts: { districtCode?: string; operatorOrgId?: string; name?: string; status?: 'recognized' | 'filed' | 'preparing' } = {},
): Promise<string> {
  const districtCode = opts.districtCode ?? '500107';
  const operatorOrgId = opts.operatorOrgId ?? (await makeOrg(db, 'operator', districtCode));
  const [row] = await db
    .insert(platforms)
    .values({ name: opts.name ?? `测试平台${uniq()}`, level: 'municipal', type: 'comprehensive_park', districtCode, operatorOrgId, status: opts.status ?? 'recognized' })
    .returning({ id: platforms.id });
  if (!row) throw new Error('platform');
  return row.id;
}
