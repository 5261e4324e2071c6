import { usccWaitingSql } from '../enterprises/repository.js';
import { and, eq, sql } from 'drizzle-orm';
import { enterprises, enterpriseYears, platformSites, platformStaff, platformYearData, residences, users } from '../../db/schema/index.js';
import type { Executor } from '../../db/client.js';
import { SERVICE_SECTION_CODES } from '../../domain/enterprises/industry.js';
import type { PopulationTotals, RegistryAggregates } from '../../domain/platforms/facts.js';
import { atYearEndSql } from '../enterprises/residence-repository.js';

export async function findYearData(db: Executor, platformId: string, year: number) {
  const [row] = await db
    .select({ data: platformYearData.data, updatedAt: platformYearData.updatedAt, updatedByName: users.displayName })
    .from(platformYearData)
    .leftJoin(users, eq(platformYearData.updatedBy, users.id))
    .where(and(eq(platformYearData.platformId, platformId), eq(platformYearData.year, year)));
  return row ?? null;
}

export async function upsertYearData(db: Executor, platformId: string, year: number, data: unknown, userId: string | null): Promise<void> {
  await db
    .insert(platformYearData)
    .values({ platformId, year, data, updatedBy: userId })
    .onConflictDoUpdate({ target: [platformYearData.platformId, platformYearData.year], set: { data, updatedBy: userId, updatedAt: new Date() } });
}

/** Years with residences or year data, newest first. */
export async function yearSummaries(db: Executor, platformId: string) {
  const res = await db.execute<{ year: number; data: unknown; updated_at: Date | null; updated_by_name: string | null; residences: string }>(sql`
    select y.year, d.data, d.updated_at, u.display_name as updated_by_name,
      (select count(*) from ${residences} r where r.platform_id = ${platformId} and r.year = y.year) as residences
    from (select year from ${residences} where platform_id = ${platformId}
          union select year from ${platformYearData} where platform_id = ${platformId}) y
    left join ${platformYearData} d on d.platform_id = ${platformId} and d.year = y.year
    left join ${users} u on u.id = d.updated_by
    order by y.year desc`);
  return res.rows.map((r) => ({ year: r.year, data: r.data, updatedAt: r.updated_at === null ? null : new Date(r.updated_at), updatedByName: r.updated_by_name, residences: Number(r.residences) }));
}

type Totals = Record<'above' | 'other' | 'rev' | 'pt', string>;
const population = (r: Record<string, string | null>, prefix: string): PopulationTotals => {
  const get = (k: keyof Totals) => r[`${prefix}_${k}`] ?? '0';
  return { aboveScale: Number(get('above')), other: Number(get('other')), revenueYuan: get('rev'), passThroughYuan: get('pt') };
};

/**
 * Residences entered during the year (RULES.md §8 "arrivals"); an unknown entry date is not
 * known to fall in the year, so it does not count.
 */
const arrivedSql = sql<boolean>`(${residences.entryDate} is not null and ${residences.entryDate} >= make_date(${residences.year}, 1, 1)
  and ${residences.entryDate} <= make_date(${residences.year}, 12, 31))`;

/**
 * One pass over the platform's residences, its sites and its staff (RULES.md §2 populations).
 * Figures (revenue, tax) are of the residents at year end; the enterprise counts are of the
 * residents at year end or, under the scheme's "arrivals" reading, of the year's arrivals.
 */
export async function registryAggregates(db: Executor, platformId: string, year: number, counted: 'year_end' | 'arrivals' = 'year_end'): Promise<RegistryAggregates> {
  const flag = counted === 'arrivals' ? 'arrived' : 'at_end';
  const totals = (cond: string, prefix: string) => sql.raw(`
      count(*) filter (where ${cond} and ${flag} and above) as ${prefix}_above,
      count(*) filter (where ${cond} and ${flag} and not above) as ${prefix}_other,
      coalesce(sum(revenue) filter (where ${cond} and at_end), 0)::text as ${prefix}_rev,
      coalesce(sum(pass_through) filter (where ${cond} and at_end), 0)::text as ${prefix}_pt`);
  const res = await db.execute<Record<string, string | null>>(sql`
    with r as (
      select ${residences.mode} as mode, ${residences.revenueYuan} as revenue, ${residences.passThroughYuan} as pass_through, ${residences.taxYuan} as tax,
        ${enterprises.isHrService} as hr,
        (${enterprises.isHrService} or coalesce(${enterprises.industry} in ${[...SERVICE_SECTION_CODES]}, false)) as svc,
        coalesce(${enterpriseYears.aboveScale}, false) as above,
        ${atYearEndSql} as at_end, ${arrivedSql} as arrived
      from ${residences}
      join ${enterprises} on ${enterprises.id} = ${residences.enterpriseId}
      left join ${enterpriseYears} on ${enterpriseYears.enterpriseId} = ${residences.enterpriseId} and ${enterpriseYears.year} = ${residences.year}
      where ${residences.platformId} = ${platformId} and ${residences.year} = ${year} and (${atYearEndSql} or ${arrivedSql})
        -- A code whose reason no reviewer accepted yet is not counted (RULES.md §7).
        and not ${usccWaitingSql}
    )
    select ${totals("mode = 'offline' and hr", 'oh')}, ${totals("mode = 'offline' and svc", 'os')}, ${totals('hr', 'ha')}, ${totals('svc', 'sa')},
      coalesce(sum(revenue) filter (where mode <> 'offline' and svc and at_end), 0)::text as online_rev,
      coalesce(sum(tax) filter (where at_end), 0)::text as tax,
      (select count(*) from ${platformSites} where ${platformSites.platformId} = ${platformId}) as site_count,
      (select coalesce(sum(${platformSites.buildingArea}), 0)::text from ${platformSites} where ${platformSites.platformId} = ${platformId}) as area,
      (select count(*) from ${platformStaff} where ${platformStaff.platformId} = ${platformId} and ${platformStaff.fullTime} and ${platformStaff.team} = 'management') as mgmt,
      (select count(*) filter (where coalesce(${platformStaff.professionalTitle}, '') <> '') from ${platformStaff}
         where ${platformStaff.platformId} = ${platformId} and ${platformStaff.fullTime} and ${platformStaff.team} = 'operating') as ops_titled,
      (select count(*) filter (where coalesce(${platformStaff.professionalTitle}, '') = '') from ${platformStaff}
         where ${platformStaff.platformId} = ${platformId} and ${platformStaff.fullTime} and ${platformStaff.team} = 'operating') as ops_other
    from r`);
  const row = res.rows[0] ?? {};
  return {
    offlineHr: population(row, 'oh'),
    offlineService: population(row, 'os'),
    hrAnyMode: population(row, 'ha'),
    serviceAnyMode: population(row, 'sa'),
    onlineServiceRevenueYuan: row.online_rev ?? '0',
    residentTaxYuan: row.tax ?? '0',
    sites: { count: Number(row.site_count ?? 0), areaM2: row.area ?? '0' },
    staff: { managementFullTime: Number(row.mgmt ?? 0), operatingTitled: Number(row.ops_titled ?? 0), operatingOther: Number(row.ops_other ?? 0) },
  };
}

/** The latest year with residences or year data. */
export async function latestDataYear(db: Executor, platformId: string): Promise<number | null> {
  const res = await db.execute<{ y: number | null }>(sql`
    select greatest((select max(year) from ${residences} where platform_id = ${platformId}),
                    (select max(year) from ${platformYearData} where platform_id = ${platformId})) as y`);
  return res.rows[0]?.y ?? null;
}
