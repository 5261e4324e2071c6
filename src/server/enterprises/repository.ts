import { and, asc, eq, exists, ilike, inArray, notExists, or, sql, type SQL } from 'drizzle-orm';
import { enterprises, enterpriseYears, platforms, residences } from '../../db/schema/index.js';
import type { Executor } from '../../db/client.js';
import type { PlatformScope } from '../../domain/auth/scope.js';
import { countColumn, likePattern, offsetOf, pageAndTotal } from '../pagination.js';
import { platformScopeCondition } from '../platforms/repository.js';
import type { EnterpriseListQuery } from './schema.js';

type Filters = Omit<EnterpriseListQuery, 'page' | 'pageSize'>;

/** A code carrying a reason no reviewer accepted (RULES.md §7); such an enterprise is not counted. */
export const usccWaitingSql = sql`(${enterprises.usccOverrideReason} is not null and ${enterprises.usccOverrideReason} is distinct from ${enterprises.usccAcceptedReason})`;

/** Residences that make an enterprise visible: in a platform of the scope, matching the list's platform and year. */
function residenceCondition(scope: PlatformScope, q: Pick<Filters, 'platformId' | 'year'>): SQL | undefined {
  return and(
    eq(residences.enterpriseId, enterprises.id),
    platformScopeCondition(scope),
    q.platformId ? eq(residences.platformId, q.platformId) : undefined,
    q.year === undefined ? undefined : eq(residences.year, q.year),
  );
}

function visibleResidences(db: Executor, scope: PlatformScope, q: Pick<Filters, 'platformId' | 'year'>) {
  return db.select({ one: sql`1` }).from(residences).innerJoin(platforms, eq(residences.platformId, platforms.id)).where(residenceCondition(scope, q));
}

function listConditions(db: Executor, scope: PlatformScope, q: Filters): (SQL | undefined)[] {
  // The bureau sees every enterprise, also one no longer resident anywhere; others see those resident in their platforms.
  const needsResidence = scope.kind !== 'all' || q.platformId !== undefined || q.year !== undefined;
  return [
    needsResidence ? exists(visibleResidences(db, scope, q)) : undefined,
    q.q ? or(ilike(enterprises.name, likePattern(q.q)), ilike(enterprises.uscc, likePattern(q.q.toUpperCase()))) : undefined,
    q.isHrService === undefined ? undefined : eq(enterprises.isHrService, q.isHrService),
    q.aboveScale === undefined ? undefined : sql`coalesce(${enterpriseYears.aboveScale}, false) = ${q.aboveScale}`,
    q.usccWaiting === undefined ? undefined : q.usccWaiting ? usccWaitingSql : sql`not ${usccWaitingSql}`,
  ];
}

function columns(db: Executor, scope: PlatformScope, q: Filters) {
  return {
    id: enterprises.id,
    uscc: enterprises.uscc,
    name: enterprises.name,
    industry: enterprises.industry,
    isHrService: enterprises.isHrService,
    usccOverrideReason: enterprises.usccOverrideReason,
    usccAcceptedReason: enterprises.usccAcceptedReason,
    usccAcceptedBy: enterprises.usccAcceptedBy,
    usccAcceptedAt: enterprises.usccAcceptedAt,
    aboveScale: enterpriseYears.aboveScale,
    residenceCount: sql<number>`(select count(*) from (${visibleResidences(db, scope, q)}) r)`.mapWith(Number),
    updatedAt: enterprises.updatedAt,
  };
}

const yearJoin = (year: number | undefined) =>
  and(eq(enterpriseYears.enterpriseId, enterprises.id), year === undefined ? sql`false` : eq(enterpriseYears.year, year));

export async function listEnterprises(db: Executor, scope: PlatformScope, q: EnterpriseListQuery) {
  const where = and(...listConditions(db, scope, q));
  return pageAndTotal(
    db
      .select(columns(db, scope, q))
      .from(enterprises)
      .leftJoin(enterpriseYears, yearJoin(q.year))
      .where(where)
      .orderBy(asc(enterprises.name), asc(enterprises.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    // At most one year row per enterprise (enterprise_years_pk): the join keeps the count.
    db.select(countColumn).from(enterprises).leftJoin(enterpriseYears, yearJoin(q.year)).where(where),
  );
}
export type EnterpriseRecord = Awaited<ReturnType<typeof listEnterprises>>['rows'][number];

export async function exportEnterprises(db: Executor, scope: PlatformScope, q: Filters, limit: number): Promise<EnterpriseRecord[]> {
  return db
    .select(columns(db, scope, q))
    .from(enterprises)
    .leftJoin(enterpriseYears, yearJoin(q.year))
    .where(and(...listConditions(db, scope, q)))
    .orderBy(asc(enterprises.name), asc(enterprises.id))
    .limit(limit);
}

/** An enterprise the scope may see (404 otherwise). */
export async function findEnterprise(db: Executor, scope: PlatformScope, id: string): Promise<EnterpriseRecord | null> {
  const [row] = await db
    .select(columns(db, scope, {}))
    .from(enterprises)
    .leftJoin(enterpriseYears, yearJoin(undefined))
    .where(and(eq(enterprises.id, id), ...listConditions(db, scope, {})));
  return row ?? null;
}

/**
 * Whether the enterprise resides in the (edit) scope and nowhere else: a record shared with a
 * platform outside the scope is not the caller's to change, since that platform's counts move with it.
 */
export async function residesOnlyInScope(db: Executor, scope: PlatformScope, id: string): Promise<boolean> {
  const inScope = platformScopeCondition(scope);
  const outside = db.select({ one: sql`1` }).from(residences).innerJoin(platforms, eq(residences.platformId, platforms.id))
    .where(and(eq(residences.enterpriseId, enterprises.id), inScope === undefined ? sql`false` : sql`not coalesce(${inScope}, false)`));
  const [row] = await db.select({ id: enterprises.id }).from(enterprises)
    .where(and(eq(enterprises.id, id), exists(visibleResidences(db, scope, {})), notExists(outside)));
  return row !== undefined;
}

export async function enterpriseYearsOf(db: Executor, id: string) {
  return db.select({ year: enterpriseYears.year, aboveScale: enterpriseYears.aboveScale }).from(enterpriseYears)
    .where(eq(enterpriseYears.enterpriseId, id)).orderBy(sql`${enterpriseYears.year} desc`);
}

export async function findByUscc(db: Executor, uscc: string) {
  const [row] = await db.select().from(enterprises).where(eq(enterprises.uscc, uscc));
  return row ?? null;
}

export async function insertEnterprise(db: Executor, row: typeof enterprises.$inferInsert): Promise<string> {
  const [created] = await db.insert(enterprises).values(row).returning({ id: enterprises.id });
  if (!created) throw new Error('enterprise insert returned nothing');
  return created.id;
}

export async function updateEnterprise(db: Executor, id: string, patch: Partial<typeof enterprises.$inferInsert>): Promise<void> {
  await db.update(enterprises).set({ ...patch, updatedAt: new Date() }).where(eq(enterprises.id, id));
}

export async function aboveScaleOf(db: Executor, enterpriseId: string, year: number): Promise<boolean | null> {
  const [row] = await db.select({ v: enterpriseYears.aboveScale }).from(enterpriseYears)
    .where(and(eq(enterpriseYears.enterpriseId, enterpriseId), eq(enterpriseYears.year, year)));
  return row?.v ?? null;
}

export async function setAboveScale(db: Executor, enterpriseId: string, year: number, aboveScale: boolean): Promise<void> {
  await db.insert(enterpriseYears).values({ enterpriseId, year, aboveScale })
    .onConflictDoUpdate({ target: [enterpriseYears.enterpriseId, enterpriseYears.year], set: { aboveScale } });
}

/** A reviewer accepts the reason now recorded; returns false when there is nothing waiting. */
export async function acceptUsccReason(db: Executor, id: string, reviewer: string): Promise<boolean> {
  const rows = await db.update(enterprises)
    .set({ usccAcceptedReason: sql`${enterprises.usccOverrideReason}`, usccAcceptedBy: reviewer, usccAcceptedAt: new Date() })
    .where(and(eq(enterprises.id, id), usccWaitingSql))
    .returning({ id: enterprises.id });
  return rows.length > 0;
}

/** Reasons written by a reviewer count as accepted by that reviewer (residences and imports they make). */
export async function acceptReviewerReasons(db: Executor, ids: readonly string[], reviewer: string): Promise<void> {
  if (ids.length === 0) return;
  await db.update(enterprises)
    .set({ usccAcceptedReason: sql`${enterprises.usccOverrideReason}`, usccAcceptedBy: reviewer, usccAcceptedAt: new Date() })
    .where(and(inArray(enterprises.id, [...ids]), usccWaitingSql));
}
