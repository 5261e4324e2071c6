import { and, asc, eq, ilike, or, type SQL } from 'drizzle-orm';
import { districts, organizations } from '../../db/schema/index.js';
import type { Executor } from '../../db/client.js';
import type { UserScope } from '../../domain/auth/scope.js';
import { countColumn, likePattern, offsetOf, pageAndTotal } from '../pagination.js';
import type { OrgListQuery } from './schema.js';

const columns = {
  id: organizations.id,
  kind: organizations.kind,
  name: organizations.name,
  code: organizations.code,
  districtCode: organizations.districtCode,
  districtName: districts.name,
  disabled: organizations.disabled,
  createdAt: organizations.createdAt,
};

/** Organizations are visible with the same reach as user accounts. */
function scopeCondition(scope: UserScope): SQL | undefined {
  switch (scope.kind) {
    case 'all':
      return undefined;
    case 'district':
      return eq(organizations.districtCode, scope.districtCode);
    case 'organization':
      return eq(organizations.id, scope.organizationId);
  }
}

export async function listOrganizations(db: Executor, scope: UserScope, q: OrgListQuery) {
  const conds = [scopeCondition(scope)];
  if (q.kind) conds.push(eq(organizations.kind, q.kind));
  if (q.districtCode) conds.push(eq(organizations.districtCode, q.districtCode));
  if (q.q) conds.push(or(ilike(organizations.name, likePattern(q.q)), ilike(organizations.code, likePattern(q.q))));
  const where = and(...conds);
  return pageAndTotal(
    db
      .select(columns)
      .from(organizations)
      .leftJoin(districts, eq(organizations.districtCode, districts.code))
      .where(where)
      .orderBy(asc(organizations.kind), asc(organizations.code))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    db.select(countColumn).from(organizations).where(where),
  );
}

export async function findOrganization(db: Executor, id: string) {
  const rows = await db
    .select(columns)
    .from(organizations)
    .leftJoin(districts, eq(organizations.districtCode, districts.code))
    .where(eq(organizations.id, id));
  return rows[0] ?? null;
}
export type OrganizationRecord = NonNullable<Awaited<ReturnType<typeof findOrganization>>>;

export async function orgCodeTaken(db: Executor, code: string): Promise<boolean> {
  const rows = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code));
  return rows.length > 0;
}

export async function districtExists(db: Executor, code: string): Promise<boolean> {
  const rows = await db.select({ code: districts.code }).from(districts).where(eq(districts.code, code));
  return rows.length > 0;
}

export async function insertOrganization(db: Executor, row: typeof organizations.$inferInsert): Promise<string> {
  const [created] = await db.insert(organizations).values(row).returning({ id: organizations.id });
  if (!created) throw new Error('organization insert returned nothing');
  return created.id;
}

export async function updateOrganization(db: Executor, id: string, patch: Partial<typeof organizations.$inferInsert>): Promise<void> {
  await db.update(organizations).set(patch).where(eq(organizations.id, id));
}
