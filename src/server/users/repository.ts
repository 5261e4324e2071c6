import { and, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { organizations, users } from '../../db/schema/index.js';
import type { Executor } from '../../db/client.js';
import type { UserScope } from '../../domain/auth/scope.js';
import { countColumn, likePattern, offsetOf, pageAndTotal } from '../pagination.js';
import type { UserListQuery } from './schema.js';

/** An expert's affiliation (conflict of interest), an organization too. */
const affiliation = alias(organizations, 'affiliation');

const columns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  organizationId: users.organizationId,
  organizationName: organizations.name,
  organizationKind: organizations.kind,
  districtCode: organizations.districtCode,
  phone: users.phone,
  disabled: users.disabled,
  lockedUntil: users.lockedUntil,
  totpEnabled: sql<boolean>`${users.totpSecret} is not null`,
  mustChangePassword: users.mustChangePassword,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
  affiliationOrgId: users.affiliationOrgId,
  affiliationOrgName: affiliation.name,
};

function scopeCondition(scope: UserScope): SQL | undefined {
  switch (scope.kind) {
    case 'all':
      return undefined;
    case 'district':
      return eq(organizations.districtCode, scope.districtCode);
    case 'organization':
      return eq(users.organizationId, scope.organizationId);
  }
}

export async function listUsers(db: Executor, scope: UserScope, q: UserListQuery) {
  const conds = [scopeCondition(scope)];
  if (q.q) conds.push(or(ilike(users.username, likePattern(q.q)), ilike(users.displayName, likePattern(q.q))));
  if (q.role) conds.push(eq(users.role, q.role));
  if (q.organizationId) conds.push(eq(users.organizationId, q.organizationId));
  if (q.disabled !== undefined) conds.push(eq(users.disabled, q.disabled));
  const where = and(...conds);
  return pageAndTotal(
    db
      .select(columns)
      .from(users)
      .innerJoin(organizations, eq(users.organizationId, organizations.id))
      .leftJoin(affiliation, eq(users.affiliationOrgId, affiliation.id))
      .where(where)
      .orderBy(desc(users.createdAt), users.username)
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    db.select(countColumn).from(users).innerJoin(organizations, eq(users.organizationId, organizations.id)).where(where),
  );
}

export async function findUser(db: Executor, scope: UserScope, id: string) {
  const rows = await db
    .select(columns)
    .from(users)
    .innerJoin(organizations, eq(users.organizationId, organizations.id))
    .leftJoin(affiliation, eq(users.affiliationOrgId, affiliation.id))
    .where(and(eq(users.id, id), scopeCondition(scope)));
  return rows[0] ?? null;
}
export type UserRecord = NonNullable<Awaited<ReturnType<typeof findUser>>>;

export async function usernameTaken(db: Executor, username: string): Promise<boolean> {
  const rows = await db.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = lower(${username})`);
  return rows.length > 0;
}

export async function insertUser(db: Executor, row: typeof users.$inferInsert): Promise<string> {
  const [created] = await db.insert(users).values(row).returning({ id: users.id });
  if (!created) throw new Error('user insert returned nothing');
  return created.id;
}

export async function updateUser(db: Executor, id: string, patch: Partial<typeof users.$inferInsert>): Promise<void> {
  await db.update(users).set(patch).where(eq(users.id, id));
}

export async function countActiveAdmins(db: Executor): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.disabled, false)));
  return rows[0]?.n ?? 0;
}
