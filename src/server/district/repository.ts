import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { districtFilingEvents, districtFilings, districtPolicies, districts, platforms, users } from '../../db/schema/index.js';
import type { FilingAction, FilingState } from '../../domain/district/filing.js';

export type PolicyRow = typeof districtPolicies.$inferSelect & { districtName: string; createdByName: string | null };

export async function listPolicies(db: Executor, districtCode: string | null): Promise<PolicyRow[]> {
  return db
    .select({
      id: districtPolicies.id, districtCode: districtPolicies.districtCode, version: districtPolicies.version, docNo: districtPolicies.docNo,
      effectiveFrom: districtPolicies.effectiveFrom, thresholds: districtPolicies.thresholds, note: districtPolicies.note,
      createdBy: districtPolicies.createdBy, createdAt: districtPolicies.createdAt, districtName: districts.name, createdByName: users.displayName,
    })
    .from(districtPolicies)
    .innerJoin(districts, eq(districts.code, districtPolicies.districtCode))
    .leftJoin(users, eq(users.id, districtPolicies.createdBy))
    .where(districtCode === null ? undefined : eq(districtPolicies.districtCode, districtCode))
    .orderBy(asc(districtPolicies.districtCode), desc(districtPolicies.version));
}

export async function findPolicy(db: Executor, id: string) {
  const [row] = await db.select().from(districtPolicies).where(eq(districtPolicies.id, id));
  return row ?? null;
}

/** The next version number of a district's policy, taken under a lock on the district's rows. */
export async function insertPolicy(db: Executor, row: Omit<typeof districtPolicies.$inferInsert, 'version'>): Promise<{ id: string; version: number }> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`district_policy:${row.districtCode}`}))`);
  const [last] = await db.select({ v: sql<number>`coalesce(max(${districtPolicies.version}), 0)`.mapWith(Number) })
    .from(districtPolicies).where(eq(districtPolicies.districtCode, row.districtCode));
  const version = (last?.v ?? 0) + 1;
  const [created] = await db.insert(districtPolicies).values({ ...row, version }).returning({ id: districtPolicies.id });
  if (!created) throw new Error('district policy insert returned nothing');
  return { id: created.id, version };
}

export type FilingRow = typeof districtFilings.$inferSelect;

export async function findFiling(db: Executor, platformId: string, forUpdate = false): Promise<FilingRow | null> {
  const q = db.select().from(districtFilings).where(eq(districtFilings.platformId, platformId));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function upsertFiling(db: Executor, row: typeof districtFilings.$inferInsert): Promise<void> {
  const { platformId: _p, ...rest } = row;
  await db.insert(districtFilings).values(row).onConflictDoUpdate({ target: districtFilings.platformId, set: { ...rest, updatedAt: new Date() } });
}

export async function setFilingState(db: Executor, platformId: string, state: FilingState, stamp: Partial<Pick<FilingRow, 'filedAt' | 'acknowledgedAt'>>): Promise<void> {
  await db.update(districtFilings).set({ state, ...stamp, updatedAt: new Date() }).where(eq(districtFilings.platformId, platformId));
}

export async function insertEvent(db: Executor, row: { platformId: string; action: FilingAction; text: string | null; userId: string | null; at?: Date }): Promise<void> {
  await db.insert(districtFilingEvents).values(row);
}

export async function listEvents(db: Executor, platformId: string) {
  return db
    .select({ action: districtFilingEvents.action, text: districtFilingEvents.text, at: districtFilingEvents.at, userName: users.displayName })
    .from(districtFilingEvents)
    .leftJoin(users, eq(users.id, districtFilingEvents.userId))
    .where(eq(districtFilingEvents.platformId, platformId))
    .orderBy(asc(districtFilingEvents.at));
}

export interface FilingListFilter { districtCode: string | null; states?: readonly FilingState[]; exceptionsOnly?: boolean }

export async function listFilings(db: Executor, f: FilingListFilter) {
  const conds: SQL[] = [];
  if (f.districtCode !== null) conds.push(eq(districtFilings.districtCode, f.districtCode));
  if (f.states !== undefined && f.states.length > 0) conds.push(inArray(districtFilings.state, [...f.states]));
  if (f.exceptionsOnly === true) conds.push(sql`${districtFilings.quotaReason} is not null`);
  return db
    .select({
      platformId: districtFilings.platformId, platformName: platforms.name, type: platforms.type, platformStatus: platforms.status,
      districtCode: districtFilings.districtCode, districtName: districts.name, state: districtFilings.state, decisionDocNo: districtFilings.decisionDocNo,
      decidedOn: districtFilings.decidedOn, quotaReason: districtFilings.quotaReason, filedAt: districtFilings.filedAt,
      acknowledgedAt: districtFilings.acknowledgedAt, checkResult: districtFilings.checkResult,
    })
    .from(districtFilings)
    .innerJoin(platforms, eq(platforms.id, districtFilings.platformId))
    .innerJoin(districts, eq(districts.code, districtFilings.districtCode))
    .where(conds.length === 0 ? undefined : and(...conds))
    .orderBy(desc(districtFilings.updatedAt));
}
