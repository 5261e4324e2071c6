/** The only SQL of publicity notices and their objections (general: the subject is a type and an id). */
import { and, asc, count, desc, eq, inArray, notInArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { publicityNoticeItems as items, publicityNotices as notices, publicityObjections as objections, users } from '../../db/schema/index.js';
import type { PublicitySubjectType } from '../../domain/publicity/notice.js';
import { openObjectionStatuses, type ObjectionOutcome } from '../../domain/publicity/objection.js';

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

/** Assigns a received objection to the user (the bureau deciding an objection it recorded itself takes it first). */
export async function takeObjection(tx: Executor, id: string, userId: string): Promise<void> {
  await tx.update(objections).set({ status: 'assigned', assignedTo: userId, assignedAt: new Date() })
    .where(and(eq(objections.id, id), eq(objections.status, 'received')));
}
