/** The only SQL of publicity notices and their objections (general: the subject is a type and an id). */
import { and, asc, count, desc, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  evaluationEntries, files, publicityNoticeItems as items, publicityNoticeRevisions as revisions, publicityNotices as notices, publicityObjections as objections, users,
} from '../../db/schema/index.js';
import type { PublicitySubjectType } from '../../domain/publicity/notice.js';
import type { NoticeStatus } from '../../domain/publicity/notice-states.js';
import { openObjectionStatuses, type ObjectionOutcome } from '../../domain/publicity/objection.js';
import * as filesRepo from '../files/repository.js';

export interface NoticeItemInput { subjectId: string; title: string; detail: string | null }

/** Stores the notice and its listed items (in the given order). */
export async function insertNotice(tx: Executor, row: typeof notices.$inferInsert, list: readonly NoticeItemInput[]): Promise<string> {
  const [created] = await tx.insert(notices).values(row).returning({ id: notices.id });
  if (!created) throw new Error('notice insert returned nothing');
  if (list.length > 0) {
    await tx.insert(items).values(list.map((it, i) => ({ noticeId: created.id, subjectType: row.subjectType, subjectId: it.subjectId, position: i + 1, title: it.title, detail: it.detail })));
  }
  return created.id;
}

const noticeColumns = {
  id: notices.id, itemId: items.id, subjectType: items.subjectType, subjectId: items.subjectId, title: notices.title, body: notices.body, postedOn: notices.postedOn,
  days: notices.days, counting: notices.counting, firstDay: notices.firstDay, lastDay: notices.lastDay, decisionFrom: notices.decisionFrom,
  postedByName: users.displayName, createdAt: notices.createdAt,
};

/** The subject's latest notice with the subject's item in it (a subject posted again after a change has its newest one in force). */
export async function latestNotice(db: Executor, subjectType: PublicitySubjectType, subjectId: string) {
  const [row] = await db.select(noticeColumns).from(items).innerJoin(notices, eq(items.noticeId, notices.id)).leftJoin(users, eq(notices.postedBy, users.id))
    .where(and(eq(items.subjectType, subjectType), eq(items.subjectId, subjectId)))
    .orderBy(desc(notices.createdAt), desc(notices.id)).limit(1);
  return row ?? null;
}
export type NoticeRecord = NonNullable<Awaited<ReturnType<typeof latestNotice>>>;

/** The objections about one listed item. */
export async function listObjections(db: Executor, itemId: string) {
  return db.select({
    id: objections.id, receivedOn: objections.receivedOn, summary: objections.summary, status: objections.status, outcome: objections.outcome,
    resolution: objections.resolution, resolvedOn: objections.resolvedOn, createdAt: objections.createdAt,
  }).from(objections).where(eq(objections.itemId, itemId)).orderBy(asc(objections.receivedOn), asc(objections.createdAt), asc(objections.id));
}
export type ObjectionRecord = Awaited<ReturnType<typeof listObjections>>[number];

/**
 * The objections still open on these items: the one definition of "open" the gates use (the
 * recognition of an application, the publication of results).
 */
export async function countOpenObjections(db: Executor, itemIds: readonly string[]): Promise<number> {
  if (itemIds.length === 0) return 0;
  const [row] = await db.select({ n: count() }).from(objections).where(and(inArray(objections.itemId, [...itemIds]), inArray(objections.status, [...openObjectionStatuses])));
  return row?.n ?? 0;
}

/** Open objections per notice (a number only, for the bureau's list). */
export async function openObjectionsByNotice(db: Executor, noticeIds: readonly string[]): Promise<Map<string, number>> {
  if (noticeIds.length === 0) return new Map();
  const rows = await db.select({ noticeId: objections.noticeId, n: count() }).from(objections)
    .where(and(inArray(objections.noticeId, [...noticeIds]), inArray(objections.status, [...openObjectionStatuses]))).groupBy(objections.noticeId);
  return new Map(rows.map((r) => [r.noticeId, r.n]));
}

/** Upheld objections per item of these items. */
export async function upheldByItem(db: Executor, itemIds: readonly string[]): Promise<Map<string, number>> {
  if (itemIds.length === 0) return new Map();
  const rows = await db.select({ itemId: objections.itemId, n: count() }).from(objections)
    .where(and(inArray(objections.itemId, [...itemIds]), eq(objections.outcome, 'upheld'))).groupBy(objections.itemId);
  return new Map(rows.map((r) => [r.itemId, r.n]));
}

/**
 * The item's objections: `open` counts those not decided yet (the gate's question, the domain's
 * `openObjectionStatuses`), `decided` those with a decision; `outcome` narrows to upheld or dismissed.
 * The one place that says in SQL what an open objection is.
 */
export async function countObjections(db: Executor, itemId: string, where: { status?: 'open' | 'decided'; outcome?: ObjectionOutcome }): Promise<number> {
  const open = [...openObjectionStatuses];
  const [row] = await db.select({ n: count() }).from(objections).where(and(
    eq(objections.itemId, itemId),
    where.status === undefined ? undefined : where.status === 'open' ? inArray(objections.status, open) : notInArray(objections.status, open),
    where.outcome === undefined ? undefined : eq(objections.outcome, where.outcome),
  ));
  return row?.n ?? 0;
}

export async function insertObjection(tx: Executor, row: typeof objections.$inferInsert): Promise<string> {
  const [created] = await tx.insert(objections).values(row).returning({ id: objections.id });
  if (!created) throw new Error('objection insert returned nothing');
  return created.id;
}

export async function findObjection(db: Executor, itemId: string, id: string): Promise<ObjectionRecord | null> {
  const all = await db.select({
    id: objections.id, receivedOn: objections.receivedOn, summary: objections.summary, status: objections.status, outcome: objections.outcome,
    resolution: objections.resolution, resolvedOn: objections.resolvedOn, createdAt: objections.createdAt,
  }).from(objections).where(and(eq(objections.itemId, itemId), eq(objections.id, id)));
  return all[0] ?? null;
}

/**
 * Decides an objection only while it is open (received or assigned); one not assigned yet is taken by
 * the one who decides it. A raced second decision changes nothing.
 */
export async function resolveObjection(tx: Executor, id: string, set: { outcome: ObjectionOutcome; resolution: string; resolvedOn: string; resolvedBy: string }): Promise<boolean> {
  const rows = await tx.update(objections).set({ ...set, status: 'decided' })
    .where(and(eq(objections.id, id), eq(objections.status, 'assigned'))).returning({ id: objections.id });
  return rows.length > 0;
}

// ---- notices as the bureau manages them ----

const fullColumns = {
  id: notices.id, subjectType: notices.subjectType, title: notices.title, body: notices.body, postedOn: notices.postedOn, days: notices.days,
  counting: notices.counting, firstDay: notices.firstDay, lastDay: notices.lastDay, decisionFrom: notices.decisionFrom, extendedFrom: notices.extendedFrom,
  explanation: notices.explanation, status: notices.status, revision: notices.revision, postedByName: users.displayName, createdAt: notices.createdAt,
};

export async function findNotice(db: Executor, id: string) {
  const [row] = await db.select(fullColumns).from(notices).leftJoin(users, eq(notices.postedBy, users.id)).where(eq(notices.id, id));
  return row ?? null;
}
export type FullNotice = NonNullable<Awaited<ReturnType<typeof findNotice>>>;

/** Current notices (posted, period not over on `today`) first, soonest end first; then the rest, newest first. */
export async function listNotices(db: Executor, q: { today: string; subjectType?: PublicitySubjectType | undefined; status?: NoticeStatus | undefined; limit: number; offset: number }) {
  const where = and(
    q.subjectType === undefined ? undefined : eq(notices.subjectType, q.subjectType),
    q.status === undefined ? undefined : eq(notices.status, q.status),
  );
  const current = sql<boolean>`(${notices.status} = 'posted' and ${notices.lastDay} >= ${q.today})`;
  const [rows, totals] = await Promise.all([
    db.select(fullColumns).from(notices).leftJoin(users, eq(notices.postedBy, users.id)).where(where)
      .orderBy(desc(current), sql`case when ${current} then ${notices.lastDay} end asc`, desc(notices.postedOn), desc(notices.createdAt), asc(notices.id))
      .limit(q.limit).offset(q.offset),
    db.select({ n: count() }).from(notices).where(where),
  ]);
  return { rows, total: totals[0]?.n ?? 0 };
}

export async function itemCounts(db: Executor, noticeIds: readonly string[]): Promise<Map<string, number>> {
  if (noticeIds.length === 0) return new Map();
  const rows = await db.select({ noticeId: items.noticeId, n: count() }).from(items).where(inArray(items.noticeId, [...noticeIds])).groupBy(items.noticeId);
  return new Map(rows.map((r) => [r.noticeId, r.n]));
}

export async function listItems(db: Executor, noticeId: string) {
  return db.select({
    id: items.id, subjectType: items.subjectType, subjectId: items.subjectId, position: items.position, title: items.title, detail: items.detail,
    decidedGrade: items.decidedGrade, decisionReason: items.decisionReason, decidedAt: items.decidedAt,
  }).from(items).where(eq(items.noticeId, noticeId)).orderBy(asc(items.position));
}
export type ItemRecord = Awaited<ReturnType<typeof listItems>>[number];

/** Moves the notice to its next revision only from the one read (a raced second change changes nothing). */
export async function updateNotice(tx: Executor, id: string, fromRevision: number, set: Partial<typeof notices.$inferInsert>): Promise<boolean> {
  const rows = await tx.update(notices).set({ ...set, revision: fromRevision + 1 })
    .where(and(eq(notices.id, id), eq(notices.revision, fromRevision))).returning({ id: notices.id });
  return rows.length > 0;
}

export async function insertRevision(tx: Executor, row: typeof revisions.$inferInsert): Promise<void> {
  await tx.insert(revisions).values(row);
}

export async function listRevisions(db: Executor, noticeId: string) {
  return db.select({
    revision: revisions.revision, kind: revisions.kind, reason: revisions.reason, snapshot: revisions.snapshot, userName: users.displayName, createdAt: revisions.createdAt,
  }).from(revisions).leftJoin(users, eq(revisions.userId, users.id)).where(eq(revisions.noticeId, noticeId)).orderBy(asc(revisions.revision));
}

/** The items of posted (not withdrawn) notices naming these subjects, with their notice's period. */
export async function postedItemsOf(db: Executor, subjectType: PublicitySubjectType, subjectIds: readonly string[]) {
  if (subjectIds.length === 0) return [];
  return db.select({
    itemId: items.id, subjectId: items.subjectId, title: items.title, decidedGrade: items.decidedGrade, noticeId: notices.id, lastDay: notices.lastDay, decisionFrom: notices.decisionFrom,
  }).from(items).innerJoin(notices, eq(items.noticeId, notices.id))
    .where(and(eq(items.subjectType, subjectType), inArray(items.subjectId, [...subjectIds]), eq(notices.status, 'posted')));
}

export async function decideItem(tx: Executor, itemId: string, set: { decidedGrade: 'excellent' | 'pass' | 'fail'; decisionReason: string; decidedBy: string }): Promise<void> {
  await tx.update(items).set({ ...set, decidedAt: new Date() }).where(eq(items.id, itemId));
}

// ---- attachments: files owned by the notice, by no platform ----
export const NOTICE_FILE_OWNER = 'publicity_notice';
const fileColumns = { id: files.id, originalName: files.originalName, mimeType: files.mimeType, sizeBytes: files.sizeBytes, sm3: files.sm3, uploadedAt: files.uploadedAt };

export async function listNoticeFiles(db: Executor, noticeId: string) {
  return db.select(fileColumns).from(files)
    .where(and(eq(files.ownerType, NOTICE_FILE_OWNER), eq(files.ownerId, noticeId), isNull(files.platformId))).orderBy(asc(files.uploadedAt), asc(files.id));
}
export type NoticeFileRecord = Awaited<ReturnType<typeof listNoticeFiles>>[number];

export async function findNoticeFile(db: Executor, noticeId: string, fileId: string): Promise<NoticeFileRecord | null> {
  const [row] = await db.select(fileColumns).from(files)
    .where(and(eq(files.id, fileId), eq(files.ownerType, NOTICE_FILE_OWNER), eq(files.ownerId, noticeId), isNull(files.platformId)));
  return row ?? null;
}

/** The campaign of an evaluation entry (a result item's link). */
export async function evaluationOfEntries(db: Executor, entryIds: readonly string[]): Promise<string | null> {
  if (entryIds.length === 0) return null;
  const [row] = await db.select({ evaluationId: evaluationEntries.evaluationId }).from(evaluationEntries).where(inArray(evaluationEntries.id, [...entryIds])).limit(1);
  return row?.evaluationId ?? null;
}

export async function deleteNoticeFile(tx: Executor, fileId: string): Promise<void> {
  await filesRepo.deleteFile(tx, fileId);
}

export function readNoticeFile(db: Executor, fileId: string): AsyncGenerator<Buffer> {
  return filesRepo.readContent(db, fileId);
}

/** Assigns a received objection to the user (the bureau deciding an objection it recorded itself takes it first). */
export async function takeObjection(tx: Executor, id: string, userId: string): Promise<void> {
  await tx.update(objections).set({ status: 'assigned', assignedTo: userId, assignedAt: new Date() })
    .where(and(eq(objections.id, id), eq(objections.status, 'received')));
}
