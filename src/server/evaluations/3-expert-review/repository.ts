/** SQL of expert assignments (municipal review). */
import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import { districts, evaluationEntries, evaluations, expertAssignments, platforms, users } from '../../../db/schema/index.js';
import { pinnedNow } from '../../clock.js';
import { stamp } from '../entries/repository.js';

const columns = {
  id: expertAssignments.id,
  entryId: expertAssignments.entryId,
  expertUserId: expertAssignments.expertUserId,
  expertName: users.displayName,
  status: expertAssignments.status,
  declineReason: expertAssignments.declineReason,
  corrections: expertAssignments.corrections,
  judgedScores: expertAssignments.judgedScores,
  siteVisit: expertAssignments.siteVisit,
  privateNotes: expertAssignments.privateNotes,
  assignedAt: expertAssignments.assignedAt,
  submittedAt: expertAssignments.submittedAt,
};

/** Every assignment of an entry, oldest submission first (a later correction of the same fact wins). */
export async function listAssignments(db: Executor, entryId: string) {
  return db.select(columns).from(expertAssignments).innerJoin(users, eq(expertAssignments.expertUserId, users.id))
    .where(eq(expertAssignments.entryId, entryId))
    .orderBy(sql`${expertAssignments.submittedAt} asc nulls last`, asc(expertAssignments.assignedAt), asc(expertAssignments.id));
}
export type AssignmentRecord = Awaited<ReturnType<typeof listAssignments>>[number];

export async function findAssignment(db: Executor, entryId: string, id: string): Promise<AssignmentRecord | null> {
  const [row] = await db.select(columns).from(expertAssignments).innerJoin(users, eq(expertAssignments.expertUserId, users.id))
    .where(and(eq(expertAssignments.entryId, entryId), eq(expertAssignments.id, id)));
  return row ?? null;
}

/** The expert's own assignment to the entry; a declined one is gone for them. */
export async function findOwnAssignment(db: Executor, entryId: string, expertUserId: string): Promise<AssignmentRecord | null> {
  const [row] = await db.select(columns).from(expertAssignments).innerJoin(users, eq(expertAssignments.expertUserId, users.id))
    .where(and(eq(expertAssignments.entryId, entryId), eq(expertAssignments.expertUserId, expertUserId), ne(expertAssignments.status, 'declined')));
  return row ?? null;
}

export async function findAssignmentOfExpert(db: Executor, entryId: string, expertUserId: string) {
  const [row] = await db.select({ id: expertAssignments.id, status: expertAssignments.status }).from(expertAssignments)
    .where(and(eq(expertAssignments.entryId, entryId), eq(expertAssignments.expertUserId, expertUserId)));
  return row ?? null;
}

/** The user to assign, with what a conflict of interest is checked against. */
export async function findCandidate(db: Executor, userId: string) {
  const [row] = await db.select({
    id: users.id, role: users.role, disabled: users.disabled, displayName: users.displayName,
    organizationId: users.organizationId, affiliationOrgId: users.affiliationOrgId,
  }).from(users).where(eq(users.id, userId));
  return row ?? null;
}

export async function operatorOrgOf(db: Executor, platformId: string): Promise<string | null> {
  const [row] = await db.select({ id: platforms.operatorOrgId }).from(platforms).where(eq(platforms.id, platformId));
  return row?.id ?? null;
}

export async function insertAssignment(db: Executor, entryId: string, expertUserId: string): Promise<string> {
  const [row] = await db.insert(expertAssignments).values({ entryId, expertUserId, assignedAt: pinnedNow() }).returning({ id: expertAssignments.id });
  if (!row) throw new Error('assignment insert returned nothing');
  return row.id;
}

/** Removes an assignment only while it is not submitted. */
export async function deleteAssignment(db: Executor, id: string): Promise<boolean> {
  const rows = await db.delete(expertAssignments).where(and(eq(expertAssignments.id, id), ne(expertAssignments.status, 'submitted'))).returning({ id: expertAssignments.id });
  return rows.length > 0;
}

/** Saves the expert's work only while the assignment is still `assigned`. */
export async function saveWork(
  db: Executor, id: string,
  set: { corrections?: unknown; judgedScores?: unknown; siteVisit?: unknown; privateNotes?: string | null },
): Promise<boolean> {
  const rows = await db.update(expertAssignments).set(set)
    .where(and(eq(expertAssignments.id, id), eq(expertAssignments.status, 'assigned'))).returning({ id: expertAssignments.id });
  return rows.length > 0;
}

/** Moves an assignment out of `assigned` (decline or submit); a raced second click changes nothing. */
export async function closeAssignment(db: Executor, id: string, to: 'declined' | 'submitted', declineReason: string | null = null): Promise<boolean> {
  const rows = await db.update(expertAssignments)
    .set({ status: to, ...(to === 'declined' ? { declineReason } : { submittedAt: stamp() }) })
    .where(and(eq(expertAssignments.id, id), eq(expertAssignments.status, 'assigned'))).returning({ id: expertAssignments.id });
  return rows.length > 0;
}

/** What finish_review froze. */
export async function findReviewed(db: Executor, entryId: string) {
  const [row] = await db.select({
    reviewedTotal: evaluationEntries.reviewedTotal, reviewedFacts: evaluationEntries.reviewedFacts,
    reviewedSheet: evaluationEntries.reviewedSheet, reviewedAt: evaluationEntries.reviewedAt,
  }).from(evaluationEntries).where(eq(evaluationEntries.id, entryId));
  return row ?? null;
}

/** An expert's assignments across campaigns, newest campaign first. */
export async function listMine(db: Executor, expertUserId: string) {
  return db.select({
    id: expertAssignments.id, evaluationId: evaluations.id, year: evaluations.year, municipalReviewEnd: evaluations.municipalReviewEnd,
    selfEvaluationEnd: evaluations.selfEvaluationEnd, districtReviewEnd: evaluations.districtReviewEnd,
    entryId: evaluationEntries.id, platformId: platforms.id, platformName: platforms.name, type: evaluationEntries.type, level: evaluationEntries.level,
    districtCode: platforms.districtCode, districtName: districts.name, status: expertAssignments.status, entryStatus: evaluationEntries.status,
    assignedAt: expertAssignments.assignedAt, submittedAt: expertAssignments.submittedAt,
  })
    .from(expertAssignments)
    .innerJoin(evaluationEntries, eq(expertAssignments.entryId, evaluationEntries.id))
    .innerJoin(evaluations, eq(evaluationEntries.evaluationId, evaluations.id))
    .innerJoin(platforms, eq(evaluationEntries.platformId, platforms.id))
    .innerJoin(districts, eq(platforms.districtCode, districts.code))
    .where(eq(expertAssignments.expertUserId, expertUserId))
    .orderBy(desc(evaluations.year), asc(platforms.name));
}
