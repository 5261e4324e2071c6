/** The only SQL of the recognition procedure. Every read takes the caller's scope, so an application outside it is never loaded. */
import { and, asc, count, desc, eq, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  districts, files, organizations, platforms, recognitionApplications as apps, recognitionChecklist, recognitionExpertAssignments as assignments,
  recognitionHistory, recognitionOpinions, users,
} from '../../db/schema/index.js';
import type { PlatformScope } from '../../domain/auth/scope.js';
import { openApplicationStates, type ApplicationState } from '../../domain/recognition/workflow.js';

/** Materials and seals are files owned by the application; their platform is left empty so that the registry's file routes never show them. */
export const APPLICATION_FILE_OWNER = 'recognition_application';
/** Site visit photos are files owned by the expert's assignment, likewise without a platform. */
export const SITE_PHOTO_OWNER = 'recognition_expert_assignment';

/**
 * District units and district governments: their district's applications; an operator: those of its
 * own platform (a district-level platform moving up); an expert: those it is assigned to, as long as
 * it has not declined (a withdrawn assignment is deleted, so access ends with it).
 */
export function applicationScopeCondition(scope: PlatformScope): SQL | undefined {
  switch (scope.kind) {
    case 'all':
      return undefined;
    case 'district':
      return eq(apps.districtCode, scope.districtCode);
    case 'operator':
      return sql`${apps.platformId} in (select ${platforms.id} from ${platforms} where ${platforms.operatorOrgId} = ${scope.organizationId})`;
    case 'assigned':
      return sql`${apps.id} in (select ${assignments.applicationId} from ${assignments} where ${assignments.expertUserId} = ${scope.expertUserId} and ${assignments.status} <> 'declined')`;
    case 'none':
      return sql`false`;
  }
}

const rowColumns = {
  id: apps.id, districtCode: apps.districtCode, districtName: districts.name, region: districts.region, platformId: apps.platformId,
  name: apps.name, type: apps.type, state: apps.state, createdAt: apps.createdAt, updatedAt: apps.updatedAt, submittedAt: apps.submittedAt,
};

export async function listApplications(db: Executor, scope: PlatformScope, q: { state?: ApplicationState | undefined; limit: number; offset: number }) {
  const where = and(applicationScopeCondition(scope), q.state === undefined ? undefined : eq(apps.state, q.state));
  const [rows, totals] = await Promise.all([
    db.select(rowColumns).from(apps).innerJoin(districts, eq(apps.districtCode, districts.code)).where(where)
      .orderBy(desc(apps.updatedAt), asc(apps.id)).limit(q.limit).offset(q.offset),
    db.select({ n: count() }).from(apps).where(where),
  ]);
  return { rows, total: totals[0]?.n ?? 0 };
}

export async function findApplication(db: Executor, scope: PlatformScope, id: string) {
  const [row] = await db.select({ ...rowColumns, form: apps.form, terms: apps.terms, contactName: apps.contactName, contactPhone: apps.contactPhone, decisionDate: apps.decisionDate, decisionDocNo: apps.decisionDocNo })
    .from(apps).innerJoin(districts, eq(apps.districtCode, districts.code))
    .where(and(eq(apps.id, id), applicationScopeCondition(scope)));
  return row ?? null;
}
export type ApplicationRecord = NonNullable<Awaited<ReturnType<typeof findApplication>>>;

/** An application still open for the platform (the unique index refuses a second one; this names it first). */
export async function findOpenForPlatform(db: Executor, platformId: string): Promise<{ id: string; state: ApplicationState } | null> {
  const [row] = await db.select({ id: apps.id, state: apps.state }).from(apps)
    .where(and(eq(apps.platformId, platformId), inArray(apps.state, openApplicationStates)));
  return row ?? null;
}

export async function insertApplication(tx: Executor, row: typeof apps.$inferInsert): Promise<string> {
  const [created] = await tx.insert(apps).values(row).returning({ id: apps.id });
  if (!created) throw new Error('application insert returned nothing');
  return created.id;
}

/** Changes the application only in the state it was read in: a concurrent step makes this return false. */
export async function updateApplication(tx: Executor, id: string, state: ApplicationState, patch: Partial<typeof apps.$inferInsert>): Promise<boolean> {
  const rows = await tx.update(apps).set({ ...patch, updatedAt: new Date() }).where(and(eq(apps.id, id), eq(apps.state, state))).returning({ id: apps.id });
  return rows.length === 1;
}

export async function insertHistory(tx: Executor, row: typeof recognitionHistory.$inferInsert): Promise<void> {
  await tx.insert(recognitionHistory).values(row);
}

export async function listHistory(db: Executor, applicationId: string) {
  return db.select({ action: recognitionHistory.action, fromState: recognitionHistory.fromState, toState: recognitionHistory.toState, reason: recognitionHistory.reason, userName: users.displayName, at: recognitionHistory.at })
    .from(recognitionHistory).leftJoin(users, eq(recognitionHistory.userId, users.id))
    .where(eq(recognitionHistory.applicationId, applicationId)).orderBy(asc(recognitionHistory.at), asc(recognitionHistory.id));
}

// ---- files (materials and seals) ----
const fileColumns = {
  id: files.id, purpose: files.purpose, originalName: files.originalName, mimeType: files.mimeType, sizeBytes: files.sizeBytes,
  sha256: files.sha256, sm3: files.sm3, uploadedAt: files.uploadedAt, uploadedBy: files.uploadedBy, uploadedByName: users.displayName, uploadedByRole: users.role,
};

export async function listApplicationFiles(db: Executor, applicationId: string) {
  return db.select(fileColumns).from(files).leftJoin(users, eq(files.uploadedBy, users.id))
    .where(and(eq(files.ownerType, APPLICATION_FILE_OWNER), eq(files.ownerId, applicationId), isNull(files.platformId)))
    .orderBy(asc(files.uploadedAt), asc(files.id));
}
export type ApplicationFileRecord = Awaited<ReturnType<typeof listApplicationFiles>>[number];

export async function findApplicationFile(db: Executor, applicationId: string, fileId: string): Promise<ApplicationFileRecord | null> {
  const [row] = await db.select(fileColumns).from(files).leftJoin(users, eq(files.uploadedBy, users.id))
    .where(and(eq(files.id, fileId), eq(files.ownerType, APPLICATION_FILE_OWNER), eq(files.ownerId, applicationId), isNull(files.platformId)));
  return row ?? null;
}

// ---- opinions ----
export async function insertOpinion(tx: Executor, row: typeof recognitionOpinions.$inferInsert): Promise<void> {
  await tx.insert(recognitionOpinions).values(row);
}

/** Every opinion, newest first: the first of each kind is the one in force. */
export async function listOpinions(db: Executor, applicationId: string) {
  return db.select({
    id: recognitionOpinions.id, kind: recognitionOpinions.kind, opinion: recognitionOpinions.text, opinionDate: recognitionOpinions.opinionDate,
    signer: recognitionOpinions.signer, sealFileId: recognitionOpinions.sealFileId, createdAt: recognitionOpinions.createdAt, createdByName: users.displayName,
  }).from(recognitionOpinions).leftJoin(users, eq(recognitionOpinions.createdBy, users.id))
    .where(eq(recognitionOpinions.applicationId, applicationId)).orderBy(desc(recognitionOpinions.createdAt), desc(recognitionOpinions.id));
}

// ---- checklist ----
export async function listConfirmations(db: Executor, applicationId: string) {
  return db.select({ item: recognitionChecklist.item, note: recognitionChecklist.note, confirmedByName: users.displayName, confirmedAt: recognitionChecklist.confirmedAt })
    .from(recognitionChecklist).leftJoin(users, eq(recognitionChecklist.confirmedBy, users.id))
    .where(eq(recognitionChecklist.applicationId, applicationId)).orderBy(asc(recognitionChecklist.item));
}

export async function confirmItem(tx: Executor, applicationId: string, item: string, note: string | null, userId: string): Promise<void> {
  await tx.insert(recognitionChecklist).values({ applicationId, item, note, confirmedBy: userId })
    .onConflictDoUpdate({ target: [recognitionChecklist.applicationId, recognitionChecklist.item], set: { note, confirmedBy: userId, confirmedAt: new Date() } });
}

export async function unconfirmItem(tx: Executor, applicationId: string, item: string): Promise<boolean> {
  const rows = await tx.delete(recognitionChecklist).where(and(eq(recognitionChecklist.applicationId, applicationId), eq(recognitionChecklist.item, item))).returning({ item: recognitionChecklist.item });
  return rows.length > 0;
}

/** The platform is linked at recognition (a new platform's record is created then). */
export async function linkPlatform(tx: Executor, id: string, platformId: string): Promise<void> {
  await tx.update(apps).set({ platformId, updatedAt: new Date() }).where(eq(apps.id, id));
}

/** The applicant's own organizations (the district government and the district HRSS bureau), for the conflict-of-interest check. */
export async function applicantOrgIds(db: Executor, districtCode: string): Promise<string[]> {
  const rows = await db.select({ id: organizations.id }).from(organizations)
    .where(and(eq(organizations.districtCode, districtCode), inArray(organizations.kind, ['district_gov', 'district'])));
  return rows.map((r) => r.id);
}

// ---- expert assignments ----
/** The assignments of the application's round in force (the assessment, or the 筹建 acceptance); earlier rounds stay as they were. */
const currentRound = sql`${assignments.round} = (select ${apps.expertRound} from ${apps} where ${apps.id} = ${assignments.applicationId})`;

/** Starts the 筹建 acceptance's expert round: the assessment's assignments stay, out of the round in force. */
export async function nextExpertRound(tx: Executor, applicationId: string): Promise<void> {
  await tx.update(apps).set({ expertRound: sql`${apps.expertRound} + 1`, updatedAt: new Date() }).where(eq(apps.id, applicationId));
}

/** The applications under expert review on which the expert still works (assigned, not submitted, not declined). */
export async function listExpertWork(db: Executor, expertUserId: string) {
  return db.select({ id: apps.id, name: apps.name, districtName: districts.name, assignedAt: assignments.assignedAt }).from(assignments)
    .innerJoin(apps, eq(apps.id, assignments.applicationId)).innerJoin(districts, eq(apps.districtCode, districts.code))
    .where(and(eq(assignments.expertUserId, expertUserId), eq(assignments.status, 'assigned'), inArray(apps.state, ['under_expert_review', 'acceptance_review']), currentRound))
    .orderBy(asc(assignments.assignedAt), asc(apps.id)).limit(50);
}

const assignmentColumns = {
  id: assignments.id, applicationId: assignments.applicationId, expertUserId: assignments.expertUserId, expertName: users.displayName,
  status: assignments.status, declineReason: assignments.declineReason, verifications: assignments.verifications, siteVisit: assignments.siteVisit,
  privateNotes: assignments.privateNotes, necessity: assignments.necessity, feasibility: assignments.feasibility, recommendation: assignments.recommendation,
  assignedAt: assignments.assignedAt, updatedAt: assignments.updatedAt, submittedAt: assignments.submittedAt,
};

export async function listAssignments(db: Executor, applicationId: string) {
  return db.select(assignmentColumns).from(assignments).innerJoin(users, eq(assignments.expertUserId, users.id))
    .where(and(eq(assignments.applicationId, applicationId), currentRound)).orderBy(asc(assignments.assignedAt), asc(assignments.id));
}
export type AssignmentRecord = Awaited<ReturnType<typeof listAssignments>>[number];

export async function findAssignment(db: Executor, applicationId: string, id: string): Promise<AssignmentRecord | null> {
  const [row] = await db.select(assignmentColumns).from(assignments).innerJoin(users, eq(assignments.expertUserId, users.id))
    .where(and(eq(assignments.applicationId, applicationId), eq(assignments.id, id), currentRound));
  return row ?? null;
}

/** The expert's own assignment; a declined one is gone for them. */
export async function findOwnAssignment(db: Executor, applicationId: string, expertUserId: string): Promise<AssignmentRecord | null> {
  const [row] = await db.select(assignmentColumns).from(assignments).innerJoin(users, eq(assignments.expertUserId, users.id))
    .where(and(eq(assignments.applicationId, applicationId), eq(assignments.expertUserId, expertUserId), ne(assignments.status, 'declined'), currentRound));
  return row ?? null;
}

export async function insertAssignment(tx: Executor, applicationId: string, expertUserId: string, assignedBy: string): Promise<string> {
  const round = sql`(select ${apps.expertRound} from ${apps} where ${apps.id} = ${applicationId})`;
  const [row] = await tx.insert(assignments).values({ applicationId, expertUserId, assignedBy, round }).returning({ id: assignments.id });
  if (!row) throw new Error('assignment insert returned nothing');
  return row.id;
}

/** Removes an assignment only while it is not submitted. */
export async function deleteAssignment(tx: Executor, id: string): Promise<boolean> {
  const rows = await tx.delete(assignments).where(and(eq(assignments.id, id), ne(assignments.status, 'submitted'))).returning({ id: assignments.id });
  return rows.length > 0;
}

/** Saves the expert's draft only while the assignment is still `assigned`. */
export async function saveAssignment(tx: Executor, id: string, set: Partial<Pick<typeof assignments.$inferInsert, 'verifications' | 'siteVisit' | 'privateNotes' | 'necessity' | 'feasibility' | 'recommendation'>>): Promise<boolean> {
  const rows = await tx.update(assignments).set({ ...set, updatedAt: new Date() })
    .where(and(eq(assignments.id, id), eq(assignments.status, 'assigned'))).returning({ id: assignments.id });
  return rows.length > 0;
}

/** Moves an assignment out of `assigned` (decline or submit); a raced second click changes nothing. */
export async function closeAssignment(tx: Executor, id: string, to: 'declined' | 'submitted', declineReason: string | null = null): Promise<boolean> {
  const rows = await tx.update(assignments)
    .set({ status: to, updatedAt: new Date(), ...(to === 'declined' ? { declineReason } : { submittedAt: sql`now()` }) })
    .where(and(eq(assignments.id, id), eq(assignments.status, 'assigned'))).returning({ id: assignments.id });
  return rows.length > 0;
}

// ---- site visit photos ----
export async function listPhotos(db: Executor, assignmentIds: readonly string[]) {
  if (assignmentIds.length === 0) return [];
  return db.select({ ...fileColumns, ownerId: files.ownerId }).from(files).leftJoin(users, eq(files.uploadedBy, users.id))
    .where(and(eq(files.ownerType, SITE_PHOTO_OWNER), inArray(files.ownerId, [...assignmentIds]), isNull(files.platformId)))
    .orderBy(asc(files.uploadedAt), asc(files.id));
}

export async function findPhoto(db: Executor, assignmentIds: readonly string[], fileId: string) {
  if (assignmentIds.length === 0) return null;
  const [row] = await db.select({ ...fileColumns, ownerId: files.ownerId }).from(files).leftJoin(users, eq(files.uploadedBy, users.id))
    .where(and(eq(files.id, fileId), eq(files.ownerType, SITE_PHOTO_OWNER), inArray(files.ownerId, [...assignmentIds]), isNull(files.platformId)));
  return row ?? null;
}

/** The applications in scope waiting in some states, oldest change first (home page to-dos). */
export async function listApplicationsInStates(db: Executor, scope: PlatformScope, states: readonly ApplicationState[]) {
  if (states.length === 0) return [];
  return db.select({ id: apps.id, name: apps.name, state: apps.state, districtName: districts.name }).from(apps)
    .innerJoin(districts, eq(apps.districtCode, districts.code))
    .where(and(applicationScopeCondition(scope), inArray(apps.state, [...states])))
    .orderBy(asc(apps.updatedAt), asc(apps.id)).limit(50);
}
