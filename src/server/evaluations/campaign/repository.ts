import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import { evaluationEntries, evaluations, platforms } from '../../../db/schema/index.js';
import type { PlatformScope } from '../../../domain/auth/scope.js';
import { pinnedNow } from '../../clock.js';
import { entryScopeCondition } from '../entries/repository.js';

const columns = {
  id: evaluations.id,
  year: evaluations.year,
  schemeId: evaluations.schemeId,
  excellentCutoff: evaluations.excellentCutoff,
  passCutoff: evaluations.passCutoff,
  poolPerType: evaluations.poolPerType,
  selfEvaluationEnd: evaluations.selfEvaluationEnd,
  districtReviewEnd: evaluations.districtReviewEnd,
  municipalReviewEnd: evaluations.municipalReviewEnd,
  status: evaluations.status,
  createdAt: evaluations.createdAt,
  // Qualified by hand: in a one-table select Drizzle writes columns unqualified, and "id" would bind inside the subquery.
  entries: sql<number>`(select count(*) from evaluation_entries e where e.evaluation_id = "evaluations"."id")`.mapWith(Number),
};

export async function listEvaluations(db: Executor) {
  return db.select(columns).from(evaluations).orderBy(desc(evaluations.year));
}

export async function findEvaluation(db: Executor, id: string) {
  const rows = await db.select(columns).from(evaluations).where(eq(evaluations.id, id));
  return rows[0] ?? null;
}
export type EvaluationRecord = NonNullable<Awaited<ReturnType<typeof findEvaluation>>>;

export async function yearTaken(db: Executor, year: number): Promise<boolean> {
  const rows = await db.select({ id: evaluations.id }).from(evaluations).where(eq(evaluations.year, year));
  return rows.length > 0;
}

export async function insertEvaluation(db: Executor, row: typeof evaluations.$inferInsert): Promise<string> {
  const [created] = await db.insert(evaluations).values({ createdAt: pinnedNow(), ...row }).returning({ id: evaluations.id });
  if (!created) throw new Error('evaluation insert returned nothing');
  return created.id;
}

/** Moves a campaign from `from` only, so that two clicks cannot open it twice. */
export async function setEvaluationStatus(db: Executor, id: string, from: EvaluationRecord['status'], to: EvaluationRecord['status']): Promise<boolean> {
  const rows = await db.update(evaluations).set({ status: to }).where(and(eq(evaluations.id, id), eq(evaluations.status, from))).returning({ id: evaluations.id });
  return rows.length > 0;
}

/** Art 28: every national and municipal platform under management takes part; 筹建 and exited ones do not. */
export async function campaignPlatforms(db: Executor) {
  return db
    .select({ id: platforms.id, level: platforms.level, type: platforms.type })
    .from(platforms)
    .where(and(inArray(platforms.level, ['national', 'municipal']), inArray(platforms.status, ['recognized', 'rectifying'])))
    .orderBy(platforms.name);
}

export async function insertEntries(db: Executor, rows: (typeof evaluationEntries.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(evaluationEntries).values(rows.map((r) => ({ updatedAt: pinnedNow(), ...r })));
}

export async function entryExists(db: Executor, evaluationId: string, platformId: string): Promise<boolean> {
  const rows = await db.select({ id: evaluationEntries.id }).from(evaluationEntries)
    .where(and(eq(evaluationEntries.evaluationId, evaluationId), eq(evaluationEntries.platformId, platformId)));
  return rows.length > 0;
}

/** A campaign's entries within the actor's platform scope: outside it an entry is never loaded. */
export async function listEntries(db: Executor, evaluationId: string, scope: PlatformScope, platformId?: string) {
  return db
    .select({
      id: evaluationEntries.id, platformId: evaluationEntries.platformId, platformName: platforms.name, districtCode: platforms.districtCode,
      level: evaluationEntries.level, type: evaluationEntries.type, factor: evaluationEntries.factor, voluntary: evaluationEntries.voluntary,
      status: evaluationEntries.status, facts: evaluationEntries.facts, storedSelfTotal: evaluationEntries.selfTotal,
      reviewedTotal: evaluationEntries.reviewedTotal, grade: evaluationEntries.grade, rank: evaluationEntries.rank, recommendation: evaluationEntries.recommendation,
    })
    .from(evaluationEntries)
    .innerJoin(platforms, eq(evaluationEntries.platformId, platforms.id))
    .where(and(eq(evaluationEntries.evaluationId, evaluationId), entryScopeCondition(scope), platformId === undefined ? undefined : eq(evaluationEntries.platformId, platformId)))
    .orderBy(evaluationEntries.level, platforms.name);
}
export type EntryRecord = Awaited<ReturnType<typeof listEntries>>[number];
