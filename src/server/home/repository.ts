import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import { districts, evaluationEntries, evaluations, loginLog, organizations, platforms, sessions, users } from '../../db/schema/index.js';
import type { Executor } from '../../db/client.js';
import type { PlatformScope } from '../../domain/auth/scope.js';
import type { EntryStatus } from '../../domain/evaluation/workflow.js';
import { platformScopeCondition } from '../platforms/repository.js';

export async function adminCounts(db: Executor, since: Date) {
  const [row] = await db
    .select({
      users: sql<number>`(select count(*) from ${users} where ${users.disabled} = false)`.mapWith(Number),
      organizations: sql<number>`(select count(*) from ${organizations} where ${organizations.disabled} = false)`.mapWith(Number),
      sessions: sql<number>`(select count(*) from ${sessions} where ${sessions.lastSeenAt} > now() - interval '30 minutes')`.mapWith(Number),
      failedLogins: sql<number>`count(*)`.mapWith(Number),
    })
    .from(loginLog)
    .where(and(eq(loginLog.success, false), gte(loginLog.at, since)));
  return row ?? { users: 0, organizations: 0, sessions: 0, failedLogins: 0 };
}

/** Entries of open campaigns in the given statuses, within a platform scope, with the campaign's windows. */
export async function openEntriesInStatuses(db: Executor, scope: PlatformScope, statuses: readonly EntryStatus[]) {
  if (statuses.length === 0) return [];
  return db.select({
    evaluationId: evaluations.id, year: evaluations.year, entryId: evaluationEntries.id, status: evaluationEntries.status,
    platformId: platforms.id, platformName: platforms.name, districtName: districts.name,
    selfEvaluationEnd: evaluations.selfEvaluationEnd, districtReviewEnd: evaluations.districtReviewEnd, municipalReviewEnd: evaluations.municipalReviewEnd,
  })
    .from(evaluationEntries)
    .innerJoin(evaluations, eq(evaluations.id, evaluationEntries.evaluationId))
    .innerJoin(platforms, eq(platforms.id, evaluationEntries.platformId))
    .innerJoin(districts, eq(districts.code, platforms.districtCode))
    .where(and(eq(evaluations.status, 'open'), inArray(evaluationEntries.status, [...statuses]), platformScopeCondition(scope)))
    .orderBy(asc(evaluations.year), asc(platforms.name));
}

/** Per open campaign, how many entries wait in each status (the bureau's view is counts, not 2,000 lines). */
export async function openEntryCounts(db: Executor, statuses: readonly EntryStatus[]) {
  if (statuses.length === 0) return [];
  return db.select({
    evaluationId: evaluations.id, year: evaluations.year, status: evaluationEntries.status, n: sql<number>`count(*)`.mapWith(Number),
    municipalReviewEnd: evaluations.municipalReviewEnd,
  })
    .from(evaluationEntries)
    .innerJoin(evaluations, eq(evaluations.id, evaluationEntries.evaluationId))
    .where(and(eq(evaluations.status, 'open'), inArray(evaluationEntries.status, [...statuses])))
    .groupBy(evaluations.id, evaluations.year, evaluationEntries.status, evaluations.municipalReviewEnd)
    .orderBy(asc(evaluations.year));
}

/** Platforms in scope counted by district and level (the bureau's chart) or by status and level (a district's). */
export async function platformsBy(db: Executor, scope: PlatformScope, by: 'district' | 'status') {
  const key = by === 'district' ? districts.name : platforms.status;
  return db.select({ key: sql<string>`${key}`.mapWith(String), level: platforms.level, n: sql<number>`count(*)`.mapWith(Number) })
    .from(platforms)
    .innerJoin(districts, eq(districts.code, platforms.districtCode))
    .where(platformScopeCondition(scope))
    .groupBy(key, platforms.level, ...(by === 'district' ? [districts.code] : []))
    .orderBy(by === 'district' ? asc(districts.code) : asc(platforms.status));
}

/** The operator's platforms' evaluation totals by year (reviewed where there is one, else the self-evaluation). */
export async function operatorScores(db: Executor, organizationId: string) {
  return db.select({
    year: evaluations.year, platformName: platforms.name,
    total: sql<number | null>`coalesce(${evaluationEntries.reviewedTotal}, ${evaluationEntries.selfTotal})`.mapWith((v: string | null) => (v === null ? null : Number(v))),
  })
    .from(evaluationEntries)
    .innerJoin(evaluations, eq(evaluations.id, evaluationEntries.evaluationId))
    .innerJoin(platforms, eq(platforms.id, evaluationEntries.platformId))
    .where(eq(platforms.operatorOrgId, organizationId))
    .orderBy(asc(evaluations.year), asc(platforms.name));
}
