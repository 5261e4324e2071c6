/**
 * The statistics' SQL: the per-platform-year summary summed over districts, types and levels in one
 * pass (GROUPING SETS), the published grades, and the rows the anomaly rules look at. Money is
 * summed as numeric and returned as text; nothing here goes through a float.
 */
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { districts, evaluationEntries, evaluations, platforms, platformYearFigures } from '../../db/schema/index.js';
import type { PlatformScope } from '../../domain/auth/scope.js';
import { platformLevels, platformTypes, type PlatformLevel, type PlatformType } from '../../domain/platforms/codes.js';
import { platformScopeCondition } from '../platforms/repository.js';

export interface PlatformFilter { type?: PlatformType | undefined; level?: PlatformLevel | undefined }

/** One grouping's sums; null keys are the levels summed over. */
export interface FigureRow {
  year: number; districtCode: string | null; type: PlatformType | null; level: PlatformLevel | null;
  platforms: number; enterprises: number; aboveScale: number; revenueYuan: string; taxYuan: string; served: number; placed: number;
}

function platformWhere(f: PlatformFilter): SQL {
  return and(sql`true`, f.type ? eq(platforms.type, f.type) : undefined, f.level ? eq(platforms.level, f.level) : undefined) ?? sql`true`;
}

/**
 * The figures of the years `from`..`to`, for every platform with data in a year (a counted resident
 * or the year's data), grouped by year × (all | district | type | level | district×type | district×level).
 * Read from the per-platform-year summary (platform_year_figures, kept by triggers with the counting
 * rules: residents at year end, codes no reviewer accepted left out, served/placed by type); the
 * platform's district, type and level are today's.
 */
export async function figureRows(db: Executor, from: number, to: number, f: PlatformFilter, districtSets: boolean): Promise<FigureRow[]> {
  const sets = districtSets
    ? sql`grouping sets ((f.year), (f.year, p.district_code), (f.year, p.type), (f.year, p.level), (f.year, p.district_code, p.type), (f.year, p.district_code, p.level))`
    : sql`grouping sets ((f.year), (f.year, p.type), (f.year, p.level))`;
  const res = await db.execute<Record<string, string | number | null>>(sql`
    select f.year, ${districtSets ? sql`p.district_code` : sql`null::text`} as district_code, p.type, p.level, count(*)::int as platforms,
      sum(f.enterprises)::int as enterprises, sum(f.above_scale)::int as above_scale,
      sum(f.revenue_yuan)::text as revenue, sum(f.tax_yuan)::text as tax, sum(f.served)::text as served, sum(f.placed)::text as placed
    from ${platformYearFigures} f
    join (select ${platforms.id} as id, ${platforms.districtCode} as district_code, ${platforms.type} as type, ${platforms.level} as level
          from ${platforms} where ${platformWhere(f)}) p on p.id = f.platform_id
    where f.year between ${from} and ${to}
    group by ${sets}`);
  return res.rows.map((row) => ({
    year: Number(row.year), districtCode: row.district_code === null ? null : String(row.district_code),
    type: platformTypes.find((t) => t === row.type) ?? null, level: platformLevels.find((l) => l === row.level) ?? null,
    platforms: Number(row.platforms), enterprises: Number(row.enterprises), aboveScale: Number(row.above_scale),
    revenueYuan: String(row.revenue ?? '0'), taxYuan: String(row.tax ?? '0'), served: Number(row.served ?? 0), placed: Number(row.placed ?? 0),
  }));
}

export async function districtNames(db: Executor): Promise<Map<string, string>> {
  const rows = await db.select({ code: districts.code, name: districts.name }).from(districts);
  return new Map(rows.map((r) => [r.code, r.name]));
}

export interface GradeRow { districtCode: string | null; grade: string; count: number }

/**
 * Published grades of the year's evaluation by grade, over all and per district, with the entry's
 * type and level as they were at the evaluation. Nothing before publication.
 */
export async function gradeRows(db: Executor, year: number, f: PlatformFilter): Promise<GradeRow[]> {
  const res = await db.execute<{ district_code: string | null; grade: string; n: number }>(sql`
    select ${platforms.districtCode} as district_code, ${evaluationEntries.grade} as grade, count(*)::int as n
    from ${evaluationEntries}
    join ${evaluations} on ${evaluations.id} = ${evaluationEntries.evaluationId}
    join ${platforms} on ${platforms.id} = ${evaluationEntries.platformId}
    where ${evaluations.year} = ${year} and ${evaluations.status} = 'published' and ${evaluationEntries.grade} is not null
      ${f.type ? sql`and ${evaluationEntries.type} = ${f.type}` : sql``} ${f.level ? sql`and ${evaluationEntries.level} = ${f.level}` : sql``}
    group by grouping sets ((${evaluationEntries.grade}), (${platforms.districtCode}, ${evaluationEntries.grade}))`);
  return res.rows.map((r) => ({ districtCode: r.district_code, grade: r.grade, count: r.n }));
}

export async function evaluationPublished(db: Executor, year: number): Promise<boolean> {
  const [row] = await db.select({ status: evaluations.status }).from(evaluations).where(eq(evaluations.year, year));
  return row?.status === 'published';
}

export interface PlatformPair { platformId: string; prevEnt: number; curEnt: number; prevRev: string; curRev: string }

/**
 * Each platform in scope with counted residents in either year: its at-year-end enterprise count and
 * revenue in each (from the summary). Unsorted and without names: only the few that jump need them.
 */
export async function yearPairs(db: Executor, scope: PlatformScope, year: number): Promise<PlatformPair[]> {
  const res = await db.execute<{ id: string; prev_ent: number; cur_ent: number; prev_rev: string; cur_rev: string }>(sql`
    select f.platform_id as id,
      coalesce(sum(f.enterprises) filter (where f.year = ${year - 1}), 0)::int as prev_ent, coalesce(sum(f.enterprises) filter (where f.year = ${year}), 0)::int as cur_ent,
      coalesce(sum(f.revenue_yuan) filter (where f.year = ${year - 1}), 0)::text as prev_rev,
      coalesce(sum(f.revenue_yuan) filter (where f.year = ${year}), 0)::text as cur_rev
    from ${platformYearFigures} f join ${platforms} on ${platforms.id} = f.platform_id
    where f.year in (${year - 1}, ${year}) and f.enterprises > 0 and ${platformScopeCondition(scope) ?? sql`true`}
    group by 1`);
  return res.rows.map((r) => ({ platformId: r.id, prevEnt: r.prev_ent, curEnt: r.cur_ent, prevRev: r.prev_rev, curRev: r.cur_rev }));
}

export interface PlatformName { platformId: string; platformName: string; districtName: string }

/** The names of the given platforms and their districts, by district and platform name. */
export async function platformNames(db: Executor, ids: string[]): Promise<PlatformName[]> {
  if (ids.length === 0) return [];
  return db.select({ platformId: platforms.id, platformName: platforms.name, districtName: districts.name })
    .from(platforms).innerJoin(districts, eq(districts.code, platforms.districtCode))
    .where(inArray(platforms.id, ids))
    .orderBy(districts.name, platforms.name);
}

export interface EntryFigures {
  evaluationId: string; entryId: string; platformId: string; platformName: string; districtName: string; status: string;
  facts: unknown; prefilledFacts: unknown; selfTotal: string | null; reviewedTotal: string | null;
}

/** The year's evaluation entries in scope that left the operator's hands (a draft is still being typed). */
export async function submittedEntries(db: Executor, scope: PlatformScope, year: number): Promise<EntryFigures[]> {
  return db
    .select({
      evaluationId: evaluations.id, entryId: evaluationEntries.id, platformId: platforms.id, platformName: platforms.name, districtName: districts.name,
      status: evaluationEntries.status, facts: evaluationEntries.facts, prefilledFacts: evaluationEntries.prefilledFacts, selfTotal: evaluationEntries.selfTotal, reviewedTotal: evaluationEntries.reviewedTotal,
    })
    .from(evaluationEntries)
    .innerJoin(evaluations, eq(evaluations.id, evaluationEntries.evaluationId))
    .innerJoin(platforms, eq(platforms.id, evaluationEntries.platformId))
    .innerJoin(districts, eq(districts.code, platforms.districtCode))
    .where(and(eq(evaluations.year, year), sql`${evaluationEntries.status} not in ('draft', 'returned')`, platformScopeCondition(scope)))
    .orderBy(districts.name, platforms.name);
}
