import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { districts, organizations, platforms } from '../../db/schema/index.js';
import type { Executor } from '../../db/client.js';
import type { PlatformScope } from '../../domain/auth/scope.js';
import { likePattern, offsetOf } from '../pagination.js';
import type { PlatformListQuery } from './schema.js';

const columns = {
  id: platforms.id,
  name: platforms.name,
  level: platforms.level,
  type: platforms.type,
  districtCode: platforms.districtCode,
  districtName: districts.name,
  operatorOrgId: platforms.operatorOrgId,
  operatorName: organizations.name,
  status: platforms.status,
  recognizedAt: platforms.recognizedAt,
};

/** The scope as SQL: the only place platform visibility is decided. */
export function platformScopeCondition(scope: PlatformScope): SQL | undefined {
  switch (scope.kind) {
    case 'all':
      return undefined;
    case 'district':
      return eq(platforms.districtCode, scope.districtCode);
    case 'operator':
      return eq(platforms.operatorOrgId, scope.organizationId);
    case 'assigned':
      // Experts see platforms through review assignments, which arrive with the evaluation workflow.
      return sql`false`;
    case 'none':
      return sql`false`;
  }
}

function filters(q: PlatformListQuery): (SQL | undefined)[] {
  return [
    q.districtCode ? eq(platforms.districtCode, q.districtCode) : undefined,
    q.level ? eq(platforms.level, q.level) : undefined,
    q.type ? eq(platforms.type, q.type) : undefined,
    q.status ? eq(platforms.status, q.status) : undefined,
    q.q ? or(ilike(platforms.name, likePattern(q.q)), ilike(organizations.name, likePattern(q.q))) : undefined,
  ];
}

const sortColumns = {
  name: platforms.name,
  districtCode: platforms.districtCode,
  level: platforms.level,
  recognizedAt: platforms.recognizedAt,
} as const;

function orderOf(q: PlatformListQuery): SQL[] {
  const direction = q.order === 'desc' ? desc : asc;
  const first = q.sort ? [direction(sortColumns[q.sort])] : [asc(platforms.districtCode)];
  return [...first, asc(platforms.name), asc(platforms.id)];
}

export async function listPlatforms(db: Executor, scope: PlatformScope, q: PlatformListQuery, onlyPublic = false) {
  const conds = [platformScopeCondition(scope), ...filters(q)];
  if (onlyPublic) conds.push(inArray(platforms.status, ['recognized', 'filed', 'rectifying']));
  const rows = await db
    .select({ ...columns, total: sql<number>`count(*) over()`.mapWith(Number) })
    .from(platforms)
    .innerJoin(districts, eq(platforms.districtCode, districts.code))
    .leftJoin(organizations, eq(platforms.operatorOrgId, organizations.id))
    .where(and(...conds))
    .orderBy(...orderOf(q))
    .limit(q.pageSize)
    .offset(offsetOf(q));
  return { rows, total: rows[0]?.total ?? 0 };
}

export async function findPlatform(db: Executor, scope: PlatformScope, id: string) {
  const rows = await db
    .select(columns)
    .from(platforms)
    .innerJoin(districts, eq(platforms.districtCode, districts.code))
    .leftJoin(organizations, eq(platforms.operatorOrgId, organizations.id))
    .where(and(eq(platforms.id, id), platformScopeCondition(scope)));
  return rows[0] ?? null;
}

export async function countPlatforms(db: Executor, scope: PlatformScope) {
  const rows = await db
    .select({ status: platforms.status, n: sql<number>`count(*)`.mapWith(Number) })
    .from(platforms)
    .where(platformScopeCondition(scope))
    .groupBy(platforms.status);
  return rows;
}
