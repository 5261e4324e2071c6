import { and, asc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { districts, enterprises, enterpriseYears, platforms, residences } from '../../db/schema/index.js';
import type { Executor } from '../../db/client.js';
import type { PlatformScope } from '../../domain/auth/scope.js';
import { likePattern, offsetOf } from '../pagination.js';
import { platformScopeCondition } from '../platforms/repository.js';
import type { ResidenceFilters } from './schema.js';

/** In residence on 31 December of the row's year: what the score sheets count (RULES.md §2). */
export const atYearEndSql = sql<boolean>`((${residences.entryDate} is null or ${residences.entryDate} <= make_date(${residences.year}, 12, 31))
  and (${residences.exitDate} is null or ${residences.exitDate} > make_date(${residences.year}, 12, 31)))`;

/** Also resident offline in another platform the same year: flagged to the bureau and both districts. */
const duplicateOfflineSql = sql<boolean>`(${residences.mode} = 'offline' and exists (
  select 1 from ${residences} o where o.enterprise_id = ${residences.enterpriseId} and o.year = ${residences.year}
  and o.mode = 'offline' and o.platform_id <> ${residences.platformId}))`;

const columns = {
  id: residences.id,
  platformId: residences.platformId,
  platformName: platforms.name,
  year: residences.year,
  enterpriseId: residences.enterpriseId,
  uscc: enterprises.uscc,
  enterpriseName: enterprises.name,
  industry: enterprises.industry,
  isHrService: enterprises.isHrService,
  usccOverrideReason: enterprises.usccOverrideReason,
  aboveScale: sql<boolean>`coalesce(${enterpriseYears.aboveScale}, false)`,
  mode: residences.mode,
  entryDate: residences.entryDate,
  exitDate: residences.exitDate,
  atYearEnd: atYearEndSql,
  agreementFileId: residences.agreementFileId,
  revenueYuan: residences.revenueYuan,
  passThroughYuan: residences.passThroughYuan,
  taxYuan: residences.taxYuan,
  duplicateOffline: duplicateOfflineSql,
  updatedAt: residences.updatedAt,
};

function baseQuery<E extends Record<string, SQL>>(db: Executor, extra: E) {
  return db
    .select({ ...columns, ...extra })
    .from(residences)
    .innerJoin(enterprises, eq(residences.enterpriseId, enterprises.id))
    .innerJoin(platforms, eq(residences.platformId, platforms.id))
    .leftJoin(enterpriseYears, and(eq(enterpriseYears.enterpriseId, residences.enterpriseId), eq(enterpriseYears.year, residences.year)));
}

function filters(q: ResidenceFilters): (SQL | undefined)[] {
  return [
    eq(residences.year, q.year),
    q.mode ? eq(residences.mode, q.mode) : undefined,
    q.q ? or(ilike(enterprises.name, likePattern(q.q)), ilike(enterprises.uscc, likePattern(q.q.toUpperCase()))) : undefined,
    q.isHrService === undefined ? undefined : eq(enterprises.isHrService, q.isHrService),
    q.aboveScale === undefined ? undefined : sql`coalesce(${enterpriseYears.aboveScale}, false) = ${q.aboveScale}`,
    q.duplicateOffline === undefined ? undefined : sql`${duplicateOfflineSql} = ${q.duplicateOffline}`,
    q.atYearEnd === undefined ? undefined : sql`${atYearEndSql} = ${q.atYearEnd}`,
  ];
}

export async function listResidences(db: Executor, platformId: string, q: ResidenceFilters & { page: number; pageSize: number }) {
  const rows = await baseQuery(db, { total: sql<number>`count(*) over()`.mapWith(Number) })
    .where(and(eq(residences.platformId, platformId), ...filters(q)))
    .orderBy(asc(enterprises.name), asc(residences.id))
    .limit(q.pageSize)
    .offset(offsetOf(q));
  return { rows, total: rows[0]?.total ?? 0 };
}
export type ResidenceRecord = Omit<Awaited<ReturnType<typeof listResidences>>['rows'][number], 'total'>;

export async function exportResidences(db: Executor, platformId: string, q: ResidenceFilters, limit: number): Promise<ResidenceRecord[]> {
  return baseQuery(db, {}).where(and(eq(residences.platformId, platformId), ...filters(q))).orderBy(asc(enterprises.name), asc(residences.id)).limit(limit);
}

/** A residence whose platform is in the scope. */
export async function findResidence(db: Executor, scope: PlatformScope, id: string): Promise<ResidenceRecord | null> {
  const [row] = await baseQuery(db, {}).where(and(eq(residences.id, id), platformScopeCondition(scope)));
  return row ?? null;
}

/** An enterprise's residences in platforms of the scope, newest year first. */
export async function residencesOfEnterprise(db: Executor, scope: PlatformScope, enterpriseId: string): Promise<ResidenceRecord[]> {
  return baseQuery(db, {}).where(and(eq(residences.enterpriseId, enterpriseId), platformScopeCondition(scope))).orderBy(sql`${residences.year} desc`, asc(platforms.name));
}

export async function residenceExists(db: Executor, platformId: string, enterpriseId: string, year: number): Promise<boolean> {
  const rows = await db.select({ id: residences.id }).from(residences)
    .where(and(eq(residences.platformId, platformId), eq(residences.enterpriseId, enterpriseId), eq(residences.year, year)));
  return rows.length > 0;
}

export async function insertResidence(db: Executor, row: typeof residences.$inferInsert): Promise<string> {
  const [created] = await db.insert(residences).values(row).returning({ id: residences.id });
  if (!created) throw new Error('residence insert returned nothing');
  return created.id;
}

export async function updateResidence(db: Executor, id: string, patch: Partial<typeof residences.$inferInsert>): Promise<void> {
  await db.update(residences).set({ ...patch, updatedAt: new Date() }).where(eq(residences.id, id));
}

export async function deleteResidence(db: Executor, id: string): Promise<void> {
  await db.delete(residences).where(eq(residences.id, id));
}

/** Offline residences of enterprises resident offline in two or more platforms in the year, limited to the scope. */
export async function offlineDuplicates(db: Executor, scope: PlatformScope, year: number) {
  const dup = db
    .select({ enterpriseId: residences.enterpriseId })
    .from(residences)
    .where(and(eq(residences.year, year), eq(residences.mode, 'offline')))
    .groupBy(residences.enterpriseId)
    // Two platforms or more: an enterprise has one residence per platform and year (a unique index), so count(*) is
    // the number of platforms, without count(distinct)'s per-group sort (200 ms over a year of 2,000 platforms).
    .having(sql`count(*) > 1`);
  // A district sees a pair when either platform is its own: the whole group is shown once one is in scope
  // (looked for among the duplicates only, not among every resident of the year).
  const visible = db
    .select({ enterpriseId: residences.enterpriseId })
    .from(residences)
    .innerJoin(platforms, eq(residences.platformId, platforms.id))
    .where(and(eq(residences.year, year), eq(residences.mode, 'offline'), inArray(residences.enterpriseId, dup), platformScopeCondition(scope)));
  return db
    .select({
      residenceId: residences.id, enterpriseId: residences.enterpriseId, uscc: enterprises.uscc, enterpriseName: enterprises.name,
      platformId: platforms.id, platformName: platforms.name, districtCode: platforms.districtCode, districtName: districts.name,
    })
    .from(residences)
    .innerJoin(enterprises, eq(residences.enterpriseId, enterprises.id))
    .innerJoin(platforms, eq(residences.platformId, platforms.id))
    .innerJoin(districts, eq(platforms.districtCode, districts.code))
    .where(and(eq(residences.year, year), eq(residences.mode, 'offline'), inArray(residences.enterpriseId, dup), inArray(residences.enterpriseId, visible)))
    .orderBy(asc(enterprises.name), asc(enterprises.id), asc(platforms.name));
}
