import { and, asc, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { districts, evaluationEntries, evaluations, platforms, supportItems } from '../../db/schema/index.js';
import type { Executor } from '../../db/client.js';
import type { PlatformScope } from '../../domain/auth/scope.js';
import { platformScopeCondition } from '../platforms/repository.js';

const columns = {
  id: supportItems.id,
  platformId: supportItems.platformId,
  platformName: platforms.name,
  platformLevel: platforms.level,
  platformType: platforms.type,
  districtCode: supportItems.districtCode,
  districtName: districts.name,
  year: supportItems.year,
  kind: supportItems.kind,
  title: supportItems.title,
  amountYuan: supportItems.amountYuan,
  outcome: supportItems.outcome,
  grade: supportItems.grade,
  standing: supportItems.standing,
  basis: supportItems.basis,
  reason: supportItems.reason,
  note: supportItems.note,
  recordedAt: supportItems.recordedAt,
};

/** The platform a support item is recorded for, within the scope, with its level and district. */
export async function findPlatformForSupport(db: Executor, scope: PlatformScope, id: string) {
  const [row] = await db.select({ id: platforms.id, name: platforms.name, level: platforms.level, districtCode: platforms.districtCode })
    .from(platforms).where(and(eq(platforms.id, id), platformScopeCondition(scope)));
  return row ?? null;
}

/** The platform's grade in the year's published evaluation (Art 32), and whether it took part voluntarily (Art 33). */
export async function publishedGrade(db: Executor, platformId: string, year: number) {
  const [row] = await db.select({ grade: evaluationEntries.grade, voluntary: evaluationEntries.voluntary })
    .from(evaluationEntries).innerJoin(evaluations, eq(evaluations.id, evaluationEntries.evaluationId))
    .where(and(eq(evaluationEntries.platformId, platformId), eq(evaluations.year, year), eq(evaluations.status, 'published')));
  return row ?? null;
}

type Item = typeof supportItems.$inferSelect;
type Platform = typeof platforms.$inferSelect;
export interface SupportFilter {
  platformId?: string | undefined;
  year?: number | undefined;
  kind?: Item['kind'] | undefined;
  districtCode?: string | undefined;
  platformType?: Platform['type'] | undefined;
  platformLevel?: Platform['level'] | undefined;
  outcome?: Item['outcome'] | undefined;
}

/** The register within the scope, filtered; voided items are out of it (their rows stay for the audit trail). */
function where(scope: PlatformScope, f: SupportFilter): SQL | undefined {
  return and(
    platformScopeCondition(scope),
    isNull(supportItems.voidedAt),
    f.platformType ? eq(platforms.type, f.platformType) : undefined,
    f.platformLevel ? eq(platforms.level, f.platformLevel) : undefined,
    f.outcome ? eq(supportItems.outcome, f.outcome) : undefined,
    f.platformId ? eq(supportItems.platformId, f.platformId) : undefined,
    f.year ? eq(supportItems.year, f.year) : undefined,
    f.kind ? eq(supportItems.kind, f.kind) : undefined,
    f.districtCode ? eq(supportItems.districtCode, f.districtCode) : undefined,
  );
}

export async function listSupportItems(db: Executor, scope: PlatformScope, f: SupportFilter) {
  return db.select(columns).from(supportItems)
    .innerJoin(platforms, eq(platforms.id, supportItems.platformId))
    .innerJoin(districts, eq(districts.code, supportItems.districtCode))
    .where(where(scope, f))
    .orderBy(desc(supportItems.year), asc(districts.code), asc(platforms.name), asc(supportItems.recordedAt));
}

export async function findSupportItem(db: Executor, scope: PlatformScope, id: string) {
  const [row] = await db.select(columns).from(supportItems)
    .innerJoin(platforms, eq(platforms.id, supportItems.platformId))
    .innerJoin(districts, eq(districts.code, supportItems.districtCode))
    .where(and(eq(supportItems.id, id), platformScopeCondition(scope), isNull(supportItems.voidedAt)));
  return row ?? null;
}
export type SupportItemRecord = NonNullable<Awaited<ReturnType<typeof findSupportItem>>>;

export async function insertSupportItem(db: Executor, row: typeof supportItems.$inferInsert): Promise<string> {
  const [r] = await db.insert(supportItems).values(row).returning({ id: supportItems.id });
  if (!r) throw new Error('support item not inserted');
  return r.id;
}

export async function updateSupportItem(db: Executor, id: string, patch: Partial<typeof supportItems.$inferInsert>): Promise<void> {
  await db.update(supportItems).set({ ...patch, updatedAt: new Date() }).where(eq(supportItems.id, id));
}

/** Takes the item out of the register; false when it was voided already (a concurrent void). */
export async function voidSupportItem(db: Executor, id: string, by: string, reason: string, at: Date): Promise<boolean> {
  const rows = await db.update(supportItems).set({ voidedAt: at, voidedBy: by, voidReason: reason, updatedAt: at })
    .where(and(eq(supportItems.id, id), isNull(supportItems.voidedAt))).returning({ id: supportItems.id });
  return rows.length === 1;
}

export type SupportGroup = 'platform' | 'district' | 'year';

/** Item counts and granted amounts (integer yuan) grouped by platform, district or year, within the scope. */
export async function supportTotals(db: Executor, scope: PlatformScope, by: SupportGroup, f: SupportFilter) {
  const key = by === 'platform' ? supportItems.platformId : by === 'district' ? supportItems.districtCode : sql<string>`${supportItems.year}::text`;
  const name = by === 'platform' ? sql<string>`min(${platforms.name})` : by === 'district' ? sql<string>`min(${districts.name})` : sql<string>`${supportItems.year}::text`;
  return db.select({
    key: sql<string>`${key}`.mapWith(String),
    name: name.mapWith(String),
    items: sql<number>`count(*)`.mapWith(Number),
    granted: sql<number>`count(*) filter (where ${supportItems.outcome} = 'granted')`.mapWith(Number),
    grantedYuan: sql<number>`coalesce(sum(${supportItems.amountYuan}) filter (where ${supportItems.outcome} = 'granted'), 0)`.mapWith(Number),
    recordedYuan: sql<number>`coalesce(sum(${supportItems.amountYuan}), 0)`.mapWith(Number),
  }).from(supportItems)
    .innerJoin(platforms, eq(platforms.id, supportItems.platformId))
    .innerJoin(districts, eq(districts.code, supportItems.districtCode))
    .where(where(scope, f))
    .groupBy(key)
    .orderBy(key);
}
