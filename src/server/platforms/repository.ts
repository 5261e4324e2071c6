import { and, asc, desc, eq, ilike, inArray, isNotNull, isNull, ne, or, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { districtFilings, districts, evaluationEntries, expertAssignments, organizations, platforms, platformSites, platformStaff, platformStatusHistory, platformYearData, residences, users } from '../../db/schema/index.js';
import type { Executor } from '../../db/client.js';
import type { PlatformScope } from '../../domain/auth/scope.js';
import { publicStatuses } from '../../domain/platforms/lifecycle.js';
import { likePattern, offsetOf } from '../pagination.js';
import { onChange, onReset } from '../cluster/changes.js';
import { CountCache } from '../list-counts.js';
import { fastPrepared } from '../fast-prepared.js';
import { PreparedShapes, statementName } from '../prepared.js';
import type { PlatformListQuery } from './schema.js';

const parent = alias(platforms, 'parent');

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
  origin: platforms.origin,
  recognizedAt: platforms.recognizedAt,
  carrier: platforms.carrier,
  address: platforms.address,
  contactName: platforms.contactName,
  contactPhone: platforms.contactPhone,
  parentPlatformId: platforms.parentPlatformId,
  parentPlatformName: parent.name,
};

const detailColumns = {
  ...columns,
  servedField: platforms.servedField,
  orientation: platforms.orientation,
  managementOrgName: platforms.managementOrgName,
  operationMode: platforms.operationMode,
  services: platforms.services,
  recognitionDocNo: platforms.recognitionDocNo,
  recognitionBasis: platforms.recognitionBasis, recognitionTerms: platforms.recognitionTerms,
  createdAt: platforms.createdAt,
  updatedAt: platforms.updatedAt,
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
      // Experts see the platforms they are assigned to review (an assignment they declined gives nothing).
      return sql`${platforms.id} in (select ${evaluationEntries.platformId} from ${evaluationEntries}
        join ${expertAssignments} on ${expertAssignments.entryId} = ${evaluationEntries.id}
        where ${expertAssignments.expertUserId} = ${scope.expertUserId} and ${expertAssignments.status} <> 'declined')`;
    case 'none':
      return sql`false`;
  }
}

const categoryTypes = { park: ['comprehensive_park', 'specialized_park'], market: ['specialized_market'] } as const;

function filters(q: Omit<PlatformListQuery, 'page' | 'pageSize'>): (SQL | undefined)[] {
  return [
    q.districtCode ? eq(platforms.districtCode, q.districtCode) : undefined,
    q.level ? eq(platforms.level, q.level) : undefined,
    q.type ? eq(platforms.type, q.type) : undefined,
    q.category ? inArray(platforms.type, [...categoryTypes[q.category]]) : undefined,
    q.status ? eq(platforms.status, q.status) : undefined,
    q.carrier ? eq(platforms.carrier, q.carrier) : undefined,
    q.q ? or(ilike(platforms.name, likePattern(q.q)), ilike(organizations.name, likePattern(q.q))) : undefined,
  ];
}

const sortColumns = {
  name: platforms.name,
  districtCode: platforms.districtCode,
  level: platforms.level,
  recognizedAt: platforms.recognizedAt,
} as const;

function orderOf(q: Pick<PlatformListQuery, 'sort' | 'order'>): SQL[] {
  const direction = q.order === 'desc' ? desc : asc;
  const first = q.sort ? [direction(sortColumns[q.sort])] : [asc(platforms.districtCode)];
  return [...first, asc(platforms.name), asc(platforms.id)];
}

// ——— The list and the detail: built once per shape, prepared, run with values ———
//
// A request picks its query by shape (scope kind, which filters, which sort) and only fills in
// values; the SQL is built, named and planned once per shape (and per connection by PostgreSQL).
// The page is chosen from `platforms` alone (a page of ids, by the indexes of the filters and the
// sort: migration `list_indexes`); district, operator and parent names are joined to that page only.

type FilterKey = 'districtCode' | 'level' | 'type' | 'status' | 'carrier';
const filterColumns = {
  districtCode: platforms.districtCode, level: platforms.level, type: platforms.type, status: platforms.status, carrier: platforms.carrier,
} as const satisfies Record<FilterKey, unknown>;
const filterKeys: readonly FilterKey[] = ['districtCode', 'level', 'type', 'status', 'carrier'];
type ListFilters = Omit<PlatformListQuery, 'page' | 'pageSize' | 'sort' | 'order'>;

/** The columns a scope reads, of `platforms` or an alias of it. */
interface ScopedTable {
  id: AnyPgColumn;
  districtCode: AnyPgColumn;
  operatorOrgId: AnyPgColumn;
}

/** The scope with its value as a placeholder (`scope`), for queries built once per scope kind. */
function scopeTemplate(kind: PlatformScope['kind'], table: ScopedTable = platforms): SQL | undefined {
  const value = sql.placeholder('scope');
  switch (kind) {
    case 'all':
      return undefined;
    case 'district':
      return eq(table.districtCode, value);
    case 'operator':
      return eq(table.operatorOrgId, value);
    case 'assigned':
      return sql`${table.id} in (select ${evaluationEntries.platformId} from ${evaluationEntries}
        join ${expertAssignments} on ${expertAssignments.entryId} = ${evaluationEntries.id}
        where ${expertAssignments.expertUserId} = ${value} and ${expertAssignments.status} <> 'declined')`;
    case 'none':
      return sql`false`;
  }
}

function scopeValue(scope: PlatformScope): string | null {
  switch (scope.kind) {
    case 'district':
      return scope.districtCode;
    case 'operator':
      return scope.organizationId;
    case 'assigned':
      return scope.expertUserId;
    case 'all':
    case 'none':
      return null;
  }
}

/** Which filters a query has: the part of the shape the WHERE clause depends on. */
function whereShape(scope: PlatformScope, q: ListFilters, onlyPublic: boolean): string {
  return [scope.kind, ...filterKeys.map((k) => (q[k] ? k : '')), q.category ?? '', q.q ? 'q' : '', onlyPublic ? 'public' : ''].join('|');
}

/** The WHERE clause of a shape, its values as placeholders (filled by `whereValues`). */
function whereTemplate(scope: PlatformScope, q: ListFilters, onlyPublic: boolean): SQL | undefined {
  const keyword = sql.placeholder('q');
  return and(
    scopeTemplate(scope.kind),
    ...filterKeys.map((k) => (q[k] ? eq(filterColumns[k], sql.placeholder(k)) : undefined)),
    q.category ? inArray(platforms.type, [...categoryTypes[q.category]]) : undefined,
    // The operator's name by subquery: the page needs no join to filter by it.
    q.q ? or(ilike(platforms.name, keyword), sql`${platforms.operatorOrgId} in (select ${organizations.id} from ${organizations} where ${organizations.name} ilike ${keyword})`) : undefined,
    onlyPublic ? inArray(platforms.status, [...publicStatuses]) : undefined,
  );
}

function whereValues(scope: PlatformScope, q: ListFilters): Record<string, unknown> {
  const values: Record<string, unknown> = { scope: scopeValue(scope) };
  for (const k of filterKeys) if (q[k]) values[k] = q[k];
  if (q.q) values.q = likePattern(q.q);
  return values;
}

function pageQueryOf(db: Executor, scope: PlatformScope, q: PlatformListQuery, onlyPublic: boolean) {
  const page = db
    .select({ id: platforms.id })
    .from(platforms)
    .where(whereTemplate(scope, q, onlyPublic))
    .orderBy(...orderOf(q))
    .limit(sql.placeholder('limit'))
    .offset(sql.placeholder('offset'))
    .as('page');
  const query = db
    .select(columns)
    .from(page)
    .innerJoin(platforms, eq(platforms.id, page.id))
    .innerJoin(districts, eq(platforms.districtCode, districts.code))
    .leftJoin(organizations, eq(platforms.operatorOrgId, organizations.id))
    .leftJoin(parent, eq(platforms.parentPlatformId, parent.id))
    .orderBy(...orderOf(q));
  return fastPrepared(query.prepare(statementName('platform_page', query.toSQL().sql)));
}

function countQueryOf(db: Executor, scope: PlatformScope, q: ListFilters, onlyPublic: boolean) {
  const query = db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(platforms).where(whereTemplate(scope, q, onlyPublic));
  return fastPrepared(query.prepare(statementName('platform_count', query.toSQL().sql)));
}

const pageQueries = new PreparedShapes<ReturnType<typeof pageQueryOf>>();
const countQueries = new PreparedShapes<ReturnType<typeof countQueryOf>>();

/**
 * List totals between writes (src/server/list-counts.ts): exact, dropped when platforms or
 * organizations change (the `directory` topic of the public cache's triggers, migration
 * `public_cache_notify`) in any process, and by this file's own writes at once (the notification
 * comes after the commit). An expert's scope follows assignments, which no
 * trigger announces: those totals are always counted.
 */
export const platformCounts = new CountCache();
onChange('public', (topic) => {
  if (topic === 'directory') platformCounts.clear();
});
onReset(() => platformCounts.clear());

export async function listPlatforms(db: Executor, scope: PlatformScope, q: PlatformListQuery, onlyPublic = false) {
  const where = whereShape(scope, q, onlyPublic);
  const values = whereValues(scope, q);
  const pageQuery = pageQueries.get(db, `${where}|${q.sort ?? ''}|${q.order}`, (e) => pageQueryOf(e, scope, q, onlyPublic));
  const count = () => countQueries.get(db, where, (e) => countQueryOf(e, scope, q, onlyPublic)).execute(values).then((r) => r[0]?.n ?? 0);
  const [rows, total] = await Promise.all([
    pageQuery.execute(Object.assign({ limit: q.pageSize, offset: offsetOf(q) }, values)),
    scope.kind === 'assigned' ? count() : platformCounts.through(`${where}|${JSON.stringify(values)}`, count),
  ]);
  return { rows, total };
}
export type PlatformListRecord = Awaited<ReturnType<typeof listPlatforms>>['rows'][number];

/** Everything matching the list's filters, for the export (capped by the caller). */
export async function exportPlatforms(db: Executor, scope: PlatformScope, q: Omit<PlatformListQuery, 'page' | 'pageSize'>, limit: number) {
  return db
    .select(detailColumns)
    .from(platforms)
    .innerJoin(districts, eq(platforms.districtCode, districts.code))
    .leftJoin(organizations, eq(platforms.operatorOrgId, organizations.id))
    .leftJoin(parent, eq(platforms.parentPlatformId, parent.id))
    .where(and(platformScopeCondition(scope), ...filters(q)))
    .orderBy(...orderOf(q))
    .limit(limit);
}

function detailQueryOf(db: Executor, kind: PlatformScope['kind']) {
  const query = db
    .select(detailColumns)
    .from(platforms)
    .innerJoin(districts, eq(platforms.districtCode, districts.code))
    .leftJoin(organizations, eq(platforms.operatorOrgId, organizations.id))
    .leftJoin(parent, eq(platforms.parentPlatformId, parent.id))
    .where(and(eq(platforms.id, sql.placeholder('id')), scopeTemplate(kind)));
  return fastPrepared(query.prepare(statementName('platform_detail', query.toSQL().sql)));
}
const detailQueries = new PreparedShapes<ReturnType<typeof detailQueryOf>>();

export async function findPlatform(db: Executor, scope: PlatformScope, id: string) {
  const rows = await detailQueries.get(db, scope.kind, (e) => detailQueryOf(e, scope.kind)).execute({ id, scope: scopeValue(scope) });
  return rows[0] ?? null;
}
export type PlatformRecord = NonNullable<Awaited<ReturnType<typeof findPlatform>>>;

const branch = alias(platforms, 'branch');
const branchDistrict = alias(districts, 'branch_district');

/**
 * The detail page's figures (sites, staff, the latest year with data) and its branches in the
 * scope, as columns of the detail row: the page is one statement, not three.
 */
function detailFiguresOf(kind: PlatformScope['kind']) {
  const id = platforms.id;
  return {
    ...figureColumns(id),
    branches: sql<{ id: string; name: string; districtName: string }[]>`coalesce((
      select json_agg(json_build_object('id', ${branch.id}, 'name', ${branch.name}, 'districtName', ${branchDistrict.name}) order by ${branch.name}, ${branch.id})
      from ${platforms} "branch" join ${districts} "branch_district" on ${branchDistrict.code} = ${branch.districtCode}
      where ${branch.parentPlatformId} = ${id}${scopeTemplate(kind, branch) ? sql` and ${scopeTemplate(kind, branch)}` : sql``}), '[]'::json)`,
  };
}

/** Sites, staff and the latest year with data of the platform `id` (a column or a placeholder), as subqueries. */
function figureColumns(id: AnyPgColumn | Placeholder) {
  const operating = sql`${platformStaff.platformId} = ${id} and ${platformStaff.fullTime} and ${platformStaff.team} = 'operating'`;
  return {
    siteCount: sql<number>`(select count(*) from ${platformSites} where ${platformSites.platformId} = ${id})`.mapWith(Number),
    totalAreaM2: sql<number>`(select coalesce(sum(${platformSites.buildingArea}), 0) from ${platformSites} where ${platformSites.platformId} = ${id})`.mapWith(Number),
    managementFullTime: sql<number>`(select count(*) from ${platformStaff} where ${platformStaff.platformId} = ${id} and ${platformStaff.fullTime} and ${platformStaff.team} = 'management')`.mapWith(Number),
    operatingFullTime: sql<number>`(select count(*) from ${platformStaff} where ${operating})`.mapWith(Number),
    operatingTitled: sql<number>`(select count(*) from ${platformStaff} where ${operating} and coalesce(${platformStaff.professionalTitle}, '') <> '')`.mapWith(Number),
    latestDataYear: sql<number | null>`greatest((select max(${residences.year}) from ${residences} where ${residences.platformId} = ${id}),
      (select max(${platformYearData.year}) from ${platformYearData} where ${platformYearData.platformId} = ${id}))`,
  };
}

function detailPageQueryOf(db: Executor, kind: PlatformScope['kind']) {
  const query = db
    .select({ ...detailColumns, ...detailFiguresOf(kind) })
    .from(platforms)
    .innerJoin(districts, eq(platforms.districtCode, districts.code))
    .leftJoin(organizations, eq(platforms.operatorOrgId, organizations.id))
    .leftJoin(parent, eq(platforms.parentPlatformId, parent.id))
    .where(and(eq(platforms.id, sql.placeholder('id')), scopeTemplate(kind)));
  return fastPrepared(query.prepare(statementName('platform_detail_page', query.toSQL().sql)));
}
const detailPageQueries = new PreparedShapes<ReturnType<typeof detailPageQueryOf>>();

/** The platform with its detail page's figures and its branches in the scope; null outside the scope. */
export async function findPlatformDetail(db: Executor, scope: PlatformScope, id: string) {
  const rows = await detailPageQueries.get(db, scope.kind, (e) => detailPageQueryOf(e, scope.kind)).execute({ id, scope: scopeValue(scope) });
  return rows[0] ?? null;
}
export type PlatformDetailRecord = NonNullable<Awaited<ReturnType<typeof findPlatformDetail>>>;

function statsQueryOf(db: Executor) {
  // The id as a value, not a correlation: drizzle writes a one-table select list's columns unqualified.
  const query = db.select(figureColumns(sql.placeholder('id'))).from(platforms).where(eq(platforms.id, sql.placeholder('id'))).prepare('platform_stats');
  return fastPrepared(query);
}
const statsQueries = new PreparedShapes<ReturnType<typeof statsQueryOf>>();

/** Sites, staff and the latest year with data: the figures on the detail page. */
export async function platformStats(db: Executor, id: string) {
  const [row] = await statsQueries.get(db, '', statsQueryOf).execute({ id });
  return {
    siteCount: row?.siteCount ?? 0,
    totalAreaM2: row?.totalAreaM2 ?? 0,
    managementFullTime: row?.managementFullTime ?? 0,
    operatingFullTime: row?.operatingFullTime ?? 0,
    operatingTitled: row?.operatingTitled ?? 0,
    latestDataYear: row?.latestDataYear ?? null,
  };
}

/**
 * Art 16: other active district-level platforms of the type in the district, plain and branches:
 * filed ones, and those 待备案 the district has already decided to recognize.
 */
export async function districtQuotaCounts(db: Executor, p: { id: string; type: PlatformRecord['type']; districtCode: string }) {
  const base = and(
    ne(platforms.id, p.id), eq(platforms.level, 'district'), eq(platforms.type, p.type), eq(platforms.districtCode, p.districtCode),
    or(
      inArray(platforms.status, ['filed', 'rectifying']),
      and(eq(platforms.status, 'pending_filing'), sql`exists (select 1 from ${districtFilings} where ${districtFilings.platformId} = ${platforms.id})`),
    ),
  );
  const [row] = await db
    .select({
      plain: sql<number>`count(*) filter (where ${isNull(platforms.parentPlatformId)})`.mapWith(Number),
      branches: sql<number>`count(*) filter (where ${isNotNull(platforms.parentPlatformId)})`.mapWith(Number),
    })
    .from(platforms)
    .where(base);
  return { existingDistrictPlatforms: row?.plain ?? 0, existingBranches: row?.branches ?? 0 };
}

export async function insertPlatform(db: Executor, row: typeof platforms.$inferInsert): Promise<string> {
  const [created] = await db.insert(platforms).values(row).returning({ id: platforms.id });
  platformCounts.clear();
  if (!created) throw new Error('platform insert returned nothing');
  return created.id;
}

export async function updatePlatform(db: Executor, id: string, patch: Partial<typeof platforms.$inferInsert>): Promise<void> {
  await db.update(platforms).set({ ...patch, updatedAt: new Date() }).where(eq(platforms.id, id));
  platformCounts.clear();
}

export async function insertStatusHistory(db: Executor, row: typeof platformStatusHistory.$inferInsert): Promise<void> {
  await db.insert(platformStatusHistory).values(row);
}

export async function listHistory(db: Executor, platformId: string) {
  return db
    .select({
      id: platformStatusHistory.id, fromStatus: platformStatusHistory.fromStatus, toStatus: platformStatusHistory.toStatus,
      reason: platformStatusHistory.reason, effectiveDate: platformStatusHistory.effectiveDate, at: platformStatusHistory.at,
      username: users.username, displayName: users.displayName,
    })
    .from(platformStatusHistory)
    .leftJoin(users, eq(platformStatusHistory.userId, users.id))
    .where(eq(platformStatusHistory.platformId, platformId))
    .orderBy(desc(platformStatusHistory.at), desc(platformStatusHistory.effectiveDate));
}

export async function countPlatforms(db: Executor, scope: PlatformScope) {
  const rows = await db
    .select({ status: platforms.status, n: sql<number>`count(*)`.mapWith(Number) })
    .from(platforms)
    .where(platformScopeCondition(scope))
    .groupBy(platforms.status);
  return rows;
}

/** Changes the status only if it is still `from`: two concurrent decisions cannot both apply. */
export async function updateStatus(db: Executor, id: string, from: PlatformRecord['status'], patch: Partial<typeof platforms.$inferInsert>): Promise<boolean> {
  const rows = await db
    .update(platforms)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(platforms.id, id), eq(platforms.status, from)))
    .returning({ id: platforms.id });
  platformCounts.clear();
  return rows.length === 1;
}
