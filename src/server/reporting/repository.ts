import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { districts, evaluationEntries, evaluations, organizations, platforms, users, platformYearData, reportingCycles, reportingDelegations, reportingPeriods, reportingReminders, reportingReports } from '../../db/schema/index.js';
import type { PlatformType } from '../../domain/platforms/codes.js';
import type { ReminderKind } from '../../domain/reporting/due.js';
import type { ReportState } from '../../domain/reporting/workflow.js';

/** Who reports for which platforms: an operator its own and those entrusted to it; a district its district. */
export type ReportingScope =
  | { kind: 'all' }
  | { kind: 'district'; districtCode: string }
  | { kind: 'reporter'; organizationId: string }
  | { kind: 'none' };

/** Platforms that report: in operation (recognized, filed or rectifying). */
const operating = inArray(platforms.status, ['recognized', 'filed', 'rectifying']);

function scopeCondition(scope: ReportingScope): SQL | undefined {
  switch (scope.kind) {
    case 'all':
      return undefined;
    case 'district':
      return eq(platforms.districtCode, scope.districtCode);
    case 'reporter':
      return or(eq(platforms.operatorOrgId, scope.organizationId), eq(reportingDelegations.reportingOrgId, scope.organizationId));
    case 'none':
      return sql`false`;
  }
}

export interface PlatformFilter { districtCode?: string | undefined; type?: PlatformType | undefined; platformId?: string | undefined }

export async function reportingPlatforms(db: Executor, scope: ReportingScope, f: PlatformFilter = {}) {
  return db.select({
    id: platforms.id, name: platforms.name, type: platforms.type, level: platforms.level, districtCode: platforms.districtCode,
    districtName: districts.name, operatorOrgId: platforms.operatorOrgId, reportingOrgId: reportingDelegations.reportingOrgId,
    reportingOrgName: organizations.name,
  }).from(platforms)
    .innerJoin(districts, eq(platforms.districtCode, districts.code))
    .leftJoin(reportingDelegations, eq(reportingDelegations.platformId, platforms.id))
    .leftJoin(organizations, eq(organizations.id, reportingDelegations.reportingOrgId))
    .where(and(operating, scopeCondition(scope),
      f.districtCode === undefined ? undefined : eq(platforms.districtCode, f.districtCode),
      f.type === undefined ? undefined : eq(platforms.type, f.type),
      f.platformId === undefined ? undefined : eq(platforms.id, f.platformId)))
    .orderBy(asc(platforms.districtCode), asc(platforms.name));
}
export type ReportingPlatform = Awaited<ReturnType<typeof reportingPlatforms>>[number];

/** A platform in the caller's reporting scope, whatever its status (for a report already made). */
export async function findScopedPlatform(db: Executor, scope: ReportingScope, id: string) {
  const [row] = await db.select({ id: platforms.id, name: platforms.name, type: platforms.type, districtCode: platforms.districtCode, status: platforms.status })
    .from(platforms).leftJoin(reportingDelegations, eq(reportingDelegations.platformId, platforms.id))
    .where(and(eq(platforms.id, id), scopeCondition(scope)));
  return row ?? null;
}

export async function listCycles(db: Executor) {
  return db.select().from(reportingCycles).orderBy(sql`${reportingCycles.year} desc`, asc(reportingCycles.kind), asc(reportingCycles.createdAt));
}
export type CycleRow = Awaited<ReturnType<typeof listCycles>>[number];

export async function findCycle(db: Executor, id: string): Promise<CycleRow | null> {
  const [row] = await db.select().from(reportingCycles).where(eq(reportingCycles.id, id));
  return row ?? null;
}

export async function insertCycle(db: Executor, v: { name: string; kind: 'quarterly' | 'yearly'; year: number; figures: Record<string, string[]>; createdBy: string }): Promise<string> {
  const [row] = await db.insert(reportingCycles).values(v).returning({ id: reportingCycles.id });
  if (!row) throw new Error('reporting cycle not inserted');
  return row.id;
}

export async function updateCycle(db: Executor, id: string, v: { name: string; figures: Record<string, string[]> }): Promise<void> {
  await db.update(reportingCycles).set({ ...v, updatedAt: new Date() }).where(eq(reportingCycles.id, id));
}

export async function insertPeriods(db: Executor, cycleId: string, periods: readonly { label: string; quarter: number | null; dueOn: string }[]): Promise<void> {
  if (periods.length > 0) await db.insert(reportingPeriods).values(periods.map((p) => ({ ...p, cycleId })));
}

export async function updatePeriodDue(db: Executor, cycleId: string, periodId: string, dueOn: string): Promise<boolean> {
  const rows = await db.update(reportingPeriods).set({ dueOn }).where(and(eq(reportingPeriods.id, periodId), eq(reportingPeriods.cycleId, cycleId))).returning({ id: reportingPeriods.id });
  return rows.length > 0;
}

const periodColumns = {
  id: reportingPeriods.id, cycleId: reportingPeriods.cycleId, label: reportingPeriods.label, quarter: reportingPeriods.quarter, dueOn: reportingPeriods.dueOn,
  cycleName: reportingCycles.name, kind: reportingCycles.kind, year: reportingCycles.year, figures: reportingCycles.figures,
};

export async function listPeriods(db: Executor, cycleId?: string) {
  return db.select(periodColumns).from(reportingPeriods).innerJoin(reportingCycles, eq(reportingCycles.id, reportingPeriods.cycleId))
    .where(cycleId === undefined ? undefined : eq(reportingPeriods.cycleId, cycleId))
    .orderBy(sql`${reportingCycles.year} desc`, asc(reportingPeriods.dueOn), asc(reportingPeriods.label));
}
export type PeriodRow = Awaited<ReturnType<typeof listPeriods>>[number];

export async function findPeriod(db: Executor, id: string): Promise<PeriodRow | null> {
  const [row] = await db.select(periodColumns).from(reportingPeriods).innerJoin(reportingCycles, eq(reportingCycles.id, reportingPeriods.cycleId)).where(eq(reportingPeriods.id, id));
  return row ?? null;
}

export async function reportsOf(db: Executor, periodIds: readonly string[], platformIds: readonly string[]) {
  if (periodIds.length === 0 || platformIds.length === 0) return [];
  return db.select().from(reportingReports).where(and(inArray(reportingReports.periodId, [...periodIds]), inArray(reportingReports.platformId, [...platformIds])));
}
export type ReportRow = typeof reportingReports.$inferSelect;

export async function findReport(db: Executor, periodId: string, platformId: string): Promise<ReportRow | null> {
  const [row] = await db.select().from(reportingReports).where(and(eq(reportingReports.periodId, periodId), eq(reportingReports.platformId, platformId)));
  return row ?? null;
}

export async function findReportById(db: Executor, id: string): Promise<ReportRow | null> {
  const [row] = await db.select().from(reportingReports).where(eq(reportingReports.id, id));
  return row ?? null;
}

/** Saves the figures of a report the reporter may still change; false when it was no longer so. */
export async function saveDraft(db: Executor, periodId: string, platformId: string, figures: Record<string, number>): Promise<boolean> {
  const rows = await db.insert(reportingReports).values({ periodId, platformId, figures })
    .onConflictDoUpdate({
      target: [reportingReports.periodId, reportingReports.platformId],
      set: { figures, updatedAt: new Date() },
      setWhere: inArray(reportingReports.state, ['draft', 'returned']),
    }).returning({ id: reportingReports.id });
  return rows.length > 0;
}

/** Moves a report from the state it was read in; false when another request moved it first. */
export async function moveReport(db: Executor, id: string, from: ReportState, set: Partial<typeof reportingReports.$inferInsert>): Promise<boolean> {
  const rows = await db.update(reportingReports).set({ ...set, updatedAt: new Date() })
    .where(and(eq(reportingReports.id, id), eq(reportingReports.state, from))).returning({ id: reportingReports.id });
  return rows.length > 0;
}

export async function remindersSent(db: Executor, periodIds: readonly string[]) {
  if (periodIds.length === 0) return [];
  return db.select().from(reportingReminders).where(inArray(reportingReminders.periodId, [...periodIds]));
}

/** Records a reminder; false when it had been sent already (another run got there first). */
export async function markReminder(db: Executor, periodId: string, platformId: string, kind: ReminderKind): Promise<boolean> {
  const rows = await db.insert(reportingReminders).values({ periodId, platformId, kind }).onConflictDoNothing().returning({ kind: reportingReminders.kind });
  return rows.length > 0;
}

export async function setDelegation(db: Executor, platformId: string, reportingOrgId: string | null, userId: string): Promise<void> {
  if (reportingOrgId === null) {
    await db.delete(reportingDelegations).where(eq(reportingDelegations.platformId, platformId));
    return;
  }
  await db.insert(reportingDelegations).values({ platformId, reportingOrgId, setBy: userId })
    .onConflictDoUpdate({ target: reportingDelegations.platformId, set: { reportingOrgId, setBy: userId, setAt: new Date() } });
}

export async function findOrganization(db: Executor, id: string) {
  const [row] = await db.select({ id: organizations.id, name: organizations.name, kind: organizations.kind }).from(organizations).where(eq(organizations.id, id));
  return row ?? null;
}

/** The year's data row, locked for update in the transaction that writes it. */
export async function yearDataForUpdate(db: Executor, platformId: string, year: number) {
  const [row] = await db.select({ data: platformYearData.data }).from(platformYearData)
    .where(and(eq(platformYearData.platformId, platformId), eq(platformYearData.year, year))).for('update');
  return row ?? null;
}

export async function writeYearData(db: Executor, platformId: string, year: number, data: Record<string, unknown>, userId: string): Promise<void> {
  await db.insert(platformYearData).values({ platformId, year, data, updatedBy: userId })
    .onConflictDoUpdate({ target: [platformYearData.platformId, platformYearData.year], set: { data, updatedBy: userId, updatedAt: new Date() } });
}

/**
 * The year's data is locked once the platform's self-evaluation of that year has left the
 * operator (submitted and beyond): the evaluation then works on its own copy of the facts.
 */
export async function yearDataLocked(db: Executor, platformId: string, year: number): Promise<boolean> {
  const rows = await db.select({ status: evaluationEntries.status }).from(evaluationEntries)
    .innerJoin(evaluations, eq(evaluations.id, evaluationEntries.evaluationId))
    .where(and(eq(evaluationEntries.platformId, platformId), eq(evaluations.year, year), sql`${evaluationEntries.status} not in ('draft', 'returned')`));
  return rows.length > 0;
}

/** The operator users who report for a platform: its operator's and the entrusted body's (enabled ones). */
export async function reporterUserIds(db: Executor, platformId: string): Promise<string[]> {
  const rows = await db.select({ id: users.id }).from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(and(eq(users.role, 'operator'), eq(users.disabled, false), eq(organizations.disabled, false), sql`${users.organizationId} in (
      select ${platforms.operatorOrgId} from ${platforms} where ${platforms.id} = ${platformId}
      union select ${reportingDelegations.reportingOrgId} from ${reportingDelegations} where ${reportingDelegations.platformId} = ${platformId})`));
  return rows.map((r) => r.id);
}
