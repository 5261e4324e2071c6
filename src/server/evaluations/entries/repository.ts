import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import { entryRowReviews, evaluationEntries, evaluations, expertAssignments, platforms, users } from '../../../db/schema/index.js';
import type { PlatformScope } from '../../../domain/auth/scope.js';
import type { EntryStatus } from '../../../domain/evaluation/workflow.js';
import { pinnedNow } from '../../clock.js';
import { platformScopeCondition } from '../../platforms/repository.js';

/** The time a change is stamped with: the database's now(), or the pinned clock's (the demo's past campaign). */
export const stamp = (): SQL | Date => pinnedNow() ?? sql`now()`;

/**
 * The entries an actor may read: those of the platforms in its scope; for an expert, only the
 * entries they are assigned to (not declined), not the platform's entries of other years.
 */
export function entryScopeCondition(scope: PlatformScope): SQL | undefined {
  const platformCond = platformScopeCondition(scope);
  if (scope.kind !== 'assigned') return platformCond;
  return and(platformCond, sql`exists (select 1 from ${expertAssignments} where ${expertAssignments.entryId} = ${evaluationEntries.id}
    and ${expertAssignments.expertUserId} = ${scope.expertUserId} and ${expertAssignments.status} <> 'declined')`);
}

/** One entry of a campaign within the actor's platform scope; outside it the entry is never loaded (404). */
export async function findEntry(db: Executor, evaluationId: string, entryId: string, scope: PlatformScope) {
  const rows = await db
    .select({
      id: evaluationEntries.id, platformId: evaluationEntries.platformId, platformName: platforms.name, districtCode: platforms.districtCode,
      level: evaluationEntries.level, type: evaluationEntries.type, factor: evaluationEntries.factor, voluntary: evaluationEntries.voluntary,
      status: evaluationEntries.status, facts: evaluationEntries.facts, rowTexts: evaluationEntries.rowTexts, storedSelfTotal: evaluationEntries.selfTotal,
      submittedAt: evaluationEntries.submittedAt, forwardedAt: evaluationEntries.forwardedAt,
      reviewedTotal: evaluationEntries.reviewedTotal, grade: evaluationEntries.grade, rank: evaluationEntries.rank, recommendation: evaluationEntries.recommendation, reviewedSheet: evaluationEntries.reviewedSheet,
    })
    .from(evaluationEntries)
    .innerJoin(platforms, eq(evaluationEntries.platformId, platforms.id))
    .where(and(eq(evaluationEntries.evaluationId, evaluationId), eq(evaluationEntries.id, entryId), entryScopeCondition(scope)));
  return rows[0] ?? null;
}
export type EntryDetailRecord = NonNullable<Awaited<ReturnType<typeof findEntry>>>;

/** Saves the operator's draft only while the entry is still in `status`, so a concurrent submit wins cleanly. */
export async function saveDraft(db: Executor, entryId: string, status: EntryStatus, facts: unknown, rowTexts: Record<string, string>): Promise<boolean> {
  const rows = await db.update(evaluationEntries).set({ facts, rowTexts, updatedAt: stamp() })
    .where(and(eq(evaluationEntries.id, entryId), eq(evaluationEntries.status, status))).returning({ id: evaluationEntries.id });
  return rows.length > 0;
}

/** Moves an entry from `from` only: two clicks or two reviewers cannot both move it. */
export async function moveEntry(
  db: Executor, entryId: string, from: EntryStatus, to: EntryStatus,
  set: { selfTotal?: string; facts?: unknown; submitted?: boolean; forwarded?: boolean; reviewed?: { total: string; facts: unknown; sheet: unknown } } = {},
): Promise<boolean> {
  const rows = await db.update(evaluationEntries)
    .set({
      status: to, updatedAt: stamp(),
      ...(set.selfTotal === undefined ? {} : { selfTotal: set.selfTotal }),
      ...(set.facts === undefined ? {} : { facts: set.facts }),
      ...(set.submitted === true ? { submittedAt: stamp() } : {}),
      ...(set.forwarded === true ? { forwardedAt: stamp() } : {}),
      ...(set.reviewed === undefined ? {} : { reviewedTotal: set.reviewed.total, reviewedFacts: set.reviewed.facts, reviewedSheet: set.reviewed.sheet, reviewedAt: stamp() }),
    })
    .where(and(eq(evaluationEntries.id, entryId), eq(evaluationEntries.status, from))).returning({ id: evaluationEntries.id });
  return rows.length > 0;
}

export async function insertRowReviews(db: Executor, rows: readonly (typeof entryRowReviews.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(entryRowReviews).values(rows.map((r) => ({ at: pinnedNow(), ...r })));
}

/** Every row decision of an entry, newest first; the newest per row is the one in force. */
export async function listRowReviews(db: Executor, entryId: string) {
  return db
    .select({ rowCode: entryRowReviews.rowCode, decision: entryRowReviews.decision, comment: entryRowReviews.comment, reviewerName: users.displayName, at: entryRowReviews.at })
    .from(entryRowReviews)
    .leftJoin(users, eq(entryRowReviews.reviewerId, users.id))
    .where(eq(entryRowReviews.entryId, entryId))
    .orderBy(desc(entryRowReviews.at), desc(entryRowReviews.id));
}
export type RowReviewRecord = Awaited<ReturnType<typeof listRowReviews>>[number];

export async function setWindows(db: Executor, id: string, w: { selfEvaluationEnd: string; districtReviewEnd: string; municipalReviewEnd: string }): Promise<void> {
  await db.update(evaluations).set(w).where(eq(evaluations.id, id));
}

/** An entry as a file owner: its platform, status and the campaign's scheme, whatever the actor (the files feature scopes by platform). */
export async function findEntryOwner(db: Executor, entryId: string) {
  const rows = await db
    .select({ id: evaluationEntries.id, platformId: evaluationEntries.platformId, type: evaluationEntries.type, status: evaluationEntries.status, schemeId: evaluations.schemeId })
    .from(evaluationEntries)
    .innerJoin(evaluations, eq(evaluationEntries.evaluationId, evaluations.id))
    .where(eq(evaluationEntries.id, entryId));
  return rows[0] ?? null;
}
