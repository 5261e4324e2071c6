/** The only SQL of objections: filing, the bureau's list and detail, the workflow's guarded updates, notes, files and used challenges. */
import { aliasedTable, and, asc, eq, inArray, lt, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  files, publicityChallengeUses as challengeUses, publicityNoticeItems as items, publicityNotices as notices, publicityObjectionNotes as notes,
  publicityObjections as objections, organizations, users,
} from '../../db/schema/index.js';
import type { Role } from '../../domain/auth/roles.js';
import type { ObjectionStatus } from '../../domain/publicity/objection.js';

/** Files attached to an objection by its objector: `files` rows of this owner type, owned by no platform. */
export const OBJECTION_FILE_OWNER = 'publicity_objection';

export async function findNotice(db: Executor, id: string) {
  const [row] = await db.select({
    id: notices.id, title: notices.title, body: notices.body, subjectType: notices.subjectType, postedOn: notices.postedOn, days: notices.days,
    counting: notices.counting, firstDay: notices.firstDay, lastDay: notices.lastDay, decisionFrom: notices.decisionFrom, status: notices.status,
  }).from(notices).where(eq(notices.id, id));
  return row === undefined ? null : { ...row, withdrawn: row.status === 'withdrawn' };
}
export type NoticeRow = NonNullable<Awaited<ReturnType<typeof findNotice>>>;

export async function noticeItems(db: Executor, noticeId: string) {
  return db.select({ id: items.id, title: items.title, detail: items.detail, position: items.position, subjectType: items.subjectType, subjectId: items.subjectId })
    .from(items).where(eq(items.noticeId, noticeId)).orderBy(asc(items.position));
}

export async function insertObjection(tx: Executor, row: typeof objections.$inferInsert): Promise<string> {
  const [created] = await tx.insert(objections).values(row).returning({ id: objections.id });
  if (!created) throw new Error('objection insert returned nothing');
  return created.id;
}

/** Marks a challenge used; false when it was used already (a second filing with the same token). */
export async function useChallenge(db: Executor, id: string, expiresAt: Date): Promise<boolean> {
  const rows = await db.insert(challengeUses).values({ id, expiresAt }).onConflictDoNothing().returning({ id: challengeUses.id });
  return rows.length > 0;
}

/** Used challenges past their expiry can no longer be replayed anyway. */
export async function deleteExpiredChallenges(db: Executor, before: Date): Promise<void> {
  await db.delete(challengeUses).where(lt(challengeUses.expiresAt, before));
}

/** What the objector may see again (status, dates, reply) and the contact to match, by receipt. */
export async function findByReceipt(db: Executor, receiptNo: string) {
  const [row] = await db.select({
    id: objections.id, receiptNo: objections.receiptNo, phone: objections.objectorPhone, email: objections.objectorEmail, status: objections.status,
    receivedOn: objections.receivedOn, resolvedOn: objections.resolvedOn, replyText: objections.replyText, repliedOn: objections.repliedOn,
    replyMethod: objections.replyMethod, noticeTitle: notices.title, itemTitle: items.title,
  }).from(objections).innerJoin(notices, eq(objections.noticeId, notices.id)).innerJoin(items, eq(objections.itemId, items.id))
    .where(eq(objections.receiptNo, receiptNo));
  return row ?? null;
}

const assignee = aliasedTable(users, 'assignee');

const objectionColumns = {
  id: objections.id, noticeId: objections.noticeId, itemId: objections.itemId, itemTitle: items.title, subjectType: items.subjectType, subjectId: items.subjectId,
  source: objections.source, receiptNo: objections.receiptNo, objectorName: objections.objectorName, objectorPhone: objections.objectorPhone,
  objectorEmail: objections.objectorEmail, receivedOn: objections.receivedOn, summary: objections.summary, status: objections.status,
  assignedTo: objections.assignedTo, assignedToName: assignee.displayName, assignedAt: objections.assignedAt, outcome: objections.outcome,
  resolution: objections.resolution, resolvedOn: objections.resolvedOn, replyText: objections.replyText, repliedOn: objections.repliedOn,
  replyMethod: objections.replyMethod, createdAt: objections.createdAt,
};

export interface ObjectionFilter { noticeId?: string; status?: readonly ObjectionStatus[]; assignedTo?: string }

export async function listObjections(db: Executor, f: ObjectionFilter) {
  const where: (SQL | undefined)[] = [
    f.noticeId === undefined ? undefined : eq(objections.noticeId, f.noticeId),
    f.status === undefined ? undefined : inArray(objections.status, [...f.status]),
    f.assignedTo === undefined ? undefined : eq(objections.assignedTo, f.assignedTo),
  ];
  return db.select(objectionColumns).from(objections).innerJoin(items, eq(objections.itemId, items.id)).leftJoin(assignee, eq(objections.assignedTo, assignee.id))
    .where(and(...where)).orderBy(asc(items.position), asc(objections.receivedOn), asc(objections.createdAt), asc(objections.id));
}
export type ObjectionRow = Awaited<ReturnType<typeof listObjections>>[number];

export async function findObjection(db: Executor, id: string): Promise<ObjectionRow | null> {
  const [row] = await db.select(objectionColumns).from(objections).innerJoin(items, eq(objections.itemId, items.id)).leftJoin(assignee, eq(objections.assignedTo, assignee.id))
    .where(eq(objections.id, id));
  return row ?? null;
}

/** The open objections assigned to a user, with their notice's title (the assignee's to-do list). */
export async function openAssignedTo(db: Executor, userId: string, open: readonly ObjectionStatus[]) {
  return db.select({ id: objections.id, noticeId: objections.noticeId, noticeTitle: notices.title, itemTitle: items.title, receivedOn: objections.receivedOn })
    .from(objections).innerJoin(notices, eq(objections.noticeId, notices.id)).innerJoin(items, eq(objections.itemId, items.id))
    .where(and(eq(objections.assignedTo, userId), inArray(objections.status, [...open]))).orderBy(asc(objections.receivedOn), asc(objections.id));
}

/** Applies a workflow step only from the statuses it may follow; false when a concurrent step changed the status first. */
export async function updateFrom(tx: Executor, id: string, from: readonly ObjectionStatus[], set: Partial<typeof objections.$inferInsert>): Promise<boolean> {
  const rows = await tx.update(objections).set(set).where(and(eq(objections.id, id), inArray(objections.status, [...from]))).returning({ id: objections.id });
  return rows.length > 0;
}

export async function insertNote(tx: Executor, row: typeof notes.$inferInsert): Promise<string> {
  const [created] = await tx.insert(notes).values(row).returning({ id: notes.id });
  if (!created) throw new Error('note insert returned nothing');
  return created.id;
}

export async function listNotes(db: Executor, objectionId: string) {
  return db.select({ id: notes.id, body: notes.body, createdByName: users.displayName, createdAt: notes.createdAt })
    .from(notes).leftJoin(users, eq(notes.createdBy, users.id)).where(eq(notes.objectionId, objectionId)).orderBy(asc(notes.createdAt), asc(notes.id));
}

export async function listFiles(db: Executor, objectionId: string) {
  return db.select({ id: files.id, originalName: files.originalName, mimeType: files.mimeType, sizeBytes: files.sizeBytes, sha256: files.sha256 })
    .from(files).where(and(eq(files.ownerType, OBJECTION_FILE_OWNER), eq(files.ownerId, objectionId))).orderBy(asc(files.uploadedAt), asc(files.purpose), asc(files.id));
}

/** An active user of one of the roles (the colleague an objection is assigned to). */
export async function activeUserWithRole(db: Executor, id: string, roles: readonly Role[]) {
  const [row] = await db.select({ id: users.id, displayName: users.displayName }).from(users).innerJoin(organizations, eq(users.organizationId, organizations.id))
    .where(and(eq(users.id, id), inArray(users.role, [...roles]), eq(users.disabled, false), eq(organizations.disabled, false)));
  return row ?? null;
}

export async function colleagues(db: Executor, roles: readonly Role[]) {
  return db.select({ id: users.id, displayName: users.displayName, username: users.username }).from(users).innerJoin(organizations, eq(users.organizationId, organizations.id))
    .where(and(inArray(users.role, [...roles]), eq(users.disabled, false), eq(organizations.disabled, false))).orderBy(asc(users.displayName));
}
