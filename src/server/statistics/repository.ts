/**
 * The statistics' SQL: per-platform year figures summed over districts, types and levels in one
 * pass (GROUPING SETS), the published grades, and the rows the anomaly rules look at. Money is
 * summed as numeric and returned as text; nothing here goes through a float.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { districts, enterprises, enterpriseYears, evaluationEntries, evaluations, platforms, platformYearData, residences } from '../../db/schema/index.js';
import type { PlatformScope } from '../../domain/auth/scope.js';
import { platformLevels, platformTypes, type PlatformLevel, type PlatformType } from '../../domain/platforms/codes.js';
import { atYearEndSql } from '../enterprises/residence-repository.js';
import { usccWaitingSql } from '../enterprises/repository.js';
import { platformScopeCondition } from '../platforms/repository.js';

/**
 * Residents whose code waits for a reviewer are left out, as on the sheets (RULES.md §7). Such
 * enterprises are few (a partial index holds them), so this is a small hashed list rather than a
 * join of every resident to its enterprise.
 */
const notWaiting = sql`${residences.enterpriseId} not in (select ${enterprises.id} from ${enterprises} where ${usccWaitingSql})`;

export interface PlatformFilter { type?: PlatformType | undefined; level?: PlatformLevel | undefined }

/** One grouping's sums; null keys are the levels summed over. */
export interface FigureRow {
  year: number; districtCode: string | null; type: PlatformType | null; level: PlatformLevel | null;
  platforms: number; enterprises: number; aboveScale: number; revenueYuan: string; taxYuan: string; served: number; placed: number;
}

const sumOf = (path: string) => sql.raw(`coalesce((d.data->'${path}'->>'bachelorOrBelow')::bigint, 0) + coalesce((d.data->'${path}'->>'postgraduate')::bigint, 0)
  + coalesce((d.data->'${path}'->>'talentCard')::bigint, 0) + coalesce((d.data->'${path}'->>'academician')::bigint, 0)`);

/**
 * People served and placed from a year's data, by the platform's type (the same fields its score
 * sheet reads): a market's 服务人次 and 来渝/留渝就业; a specialized park's talent served on its
 * service line and talent supplied to its industry; a comprehensive park's 促进就业 (it records no people served).
 */
const servedSql = sql`case p.type when 'specialized_market' then ${sumOf('personTimesServed')} when 'specialized_park' then ${sumOf('serviceLineTalentServed')} else 0 end`;
const placedSql = sql`case p.type when 'specialized_market' then ${sumOf('placedInChongqing')} when 'specialized_park' then ${sumOf('industryTalentSupplied')}
  else coalesce((d.data->>'jobsPromoted')::bigint, 0) end`;

function platformWhere(f: PlatformFilter): SQL {
  return and(sql`true`, f.type ? eq(platforms.type, f.type) : undefined, f.level ? eq(platforms.level, f.level) : undefined) ?? sql`true`;
}

/**
 * The figures of the years `from`..`to`, for every platform with data in a year (a residence or
 * the year's data), grouped by year × (all | district | type | level | district×type | district×level).
 * Residents are counted as at year end, leaving out codes no reviewer accepted (as the sheets do).
 */
export async function figureRows(db: Executor, from: number, to: number, f: PlatformFilter, districtSets: boolean): Promise<FigureRow[]> {
  const sets = districtSets
    ? sql`grouping sets ((y), (y, p.district_code), (y, p.type), (y, p.level), (y, p.district_code, p.type), (y, p.district_code, p.level))`
    : sql`grouping sets ((y), (y, p.type), (y, p.level))`;
  const res = await db.execute<Record<string, string | number | null>>(sql`
    with p as (select ${platforms.id} as id, ${platforms.districtCode} as district_code, ${platforms.type} as type, ${platforms.level} as level
               from ${platforms} where ${platformWhere(f)}),
    r as (
      select ${residences.platformId} as platform_id, ${residences.year} as y, count(*) as ent,
        count(*) filter (where coalesce(${enterpriseYears.aboveScale}, false)) as above,
        sum(${residences.revenueYuan}) as rev, sum(${residences.taxYuan}) as tax
      from ${residences}
      left join ${enterpriseYears} on ${enterpriseYears.enterpriseId} = ${residences.enterpriseId} and ${enterpriseYears.year} = ${residences.year}
      where ${residences.year} between ${from} and ${to} and ${atYearEndSql} and ${notWaiting}
      group by 1, 2),
    d as (select ${platformYearData.platformId} as platform_id, ${platformYearData.year} as y, ${platformYearData.data} as data
          from ${platformYearData} where ${platformYearData.year} between ${from} and ${to}),
    k as (select platform_id, y from r union select platform_id, y from d),
    py as (
      select p.*, k.y, coalesce(r.ent, 0) as ent, coalesce(r.above, 0) as above, coalesce(r.rev, 0) as rev, coalesce(r.tax, 0) as tax,
        case when d.data is null then 0 else ${servedSql} end as served, case when d.data is null then 0 else ${placedSql} end as placed
      from k join p on p.id = k.platform_id
      left join r on r.platform_id = k.platform_id and r.y = k.y
      left join d on d.platform_id = k.platform_id and d.y = k.y)
    select y as year, ${districtSets ? sql`p.district_code` : sql`null::text`} as district_code, p.type, p.level, count(*)::int as platforms, sum(ent)::int as enterprises, sum(above)::int as above_scale,
      sum(rev)::text as revenue, sum(tax)::text as tax, sum(served)::bigint::text as served, sum(placed)::bigint::text as placed
    from py p
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

export interface PlatformPair { platformId: string; platformName: string; districtName: string; prevEnt: number; curEnt: number; prevRev: string; curRev: string }

/** Each platform in scope with residents in both years: its at-year-end enterprise count and revenue in each. */
export async function yearPairs(db: Executor, scope: PlatformScope, year: number): Promise<PlatformPair[]> {
  const res = await db.execute<{ id: string; name: string; district_name: string; prev_ent: number; cur_ent: number; prev_rev: string; cur_rev: string }>(sql`
    with r as (
      select ${residences.platformId} as platform_id,
        count(*) filter (where ${residences.year} = ${year - 1})::int as prev_ent, count(*) filter (where ${residences.year} = ${year})::int as cur_ent,
        coalesce(sum(${residences.revenueYuan}) filter (where ${residences.year} = ${year - 1}), 0)::text as prev_rev,
        coalesce(sum(${residences.revenueYuan}) filter (where ${residences.year} = ${year}), 0)::text as cur_rev
      from ${residences}
      where ${residences.year} in (${year - 1}, ${year}) and ${atYearEndSql} and ${notWaiting}
      group by 1)
    select ${platforms.id} as id, ${platforms.name} as name, ${districts.name} as district_name, r.prev_ent, r.cur_ent, r.prev_rev, r.cur_rev
    from r join ${platforms} on ${platforms.id} = r.platform_id join ${districts} on ${districts.code} = ${platforms.districtCode}
    where ${platformScopeCondition(scope) ?? sql`true`}
    order by ${districts.name}, ${platforms.name}`);
  return res.rows.map((r) => ({ platformId: r.id, platformName: r.name, districtName: r.district_name, prevEnt: r.prev_ent, curEnt: r.cur_ent, prevRev: r.prev_rev, curRev: r.cur_rev }));
}

export interface EntryFigures {
  evaluationId: string; entryId: string; platformId: string; platformName: string; districtName: string; status: string;
  facts: unknown; selfTotal: string | null; reviewedTotal: string | null; schemeId: string;
}

/** The year's evaluation entries in scope that left the operator's hands (a draft is still being typed). */
export async function submittedEntries(db: Executor, scope: PlatformScope, year: number): Promise<EntryFigures[]> {
  return db
    .select({
      evaluationId: evaluations.id, entryId: evaluationEntries.id, platformId: platforms.id, platformName: platforms.name, districtName: districts.name,
      status: evaluationEntries.status, facts: evaluationEntries.facts, selfTotal: evaluationEntries.selfTotal, reviewedTotal: evaluationEntries.reviewedTotal,
      schemeId: evaluations.schemeId,
    })
    .from(evaluationEntries)
    .innerJoin(evaluations, eq(evaluations.id, evaluationEntries.evaluationId))
    .innerJoin(platforms, eq(platforms.id, evaluationEntries.platformId))
    .innerJoin(districts, eq(districts.code, platforms.districtCode))
    .where(and(eq(evaluations.year, year), sql`${evaluationEntries.status} not in ('draft', 'returned')`, platformScopeCondition(scope)))
    .orderBy(districts.name, platforms.name);
}
