/** The only SQL of 筹建 terms (Art 15): terms, their extensions, the reminders sent. */
import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { districts, platforms, preparationExtensions as extensions, preparationTerms as terms, users } from '../../db/schema/index.js';
import type { PreparationTermStatus } from '../../domain/recognition/preparation.js';

const termColumns = {
  id: terms.id, platformId: terms.platformId, platformName: platforms.name, platformStatus: platforms.status, districtCode: platforms.districtCode, districtName: districts.name,
  applicationId: terms.applicationId, needKind: terms.needKind, need: terms.need, consent: terms.consent, approvedOn: terms.approvedOn, endOn: terms.endOn,
  status: terms.status, remindersSent: terms.remindersSent, closedOn: terms.closedOn, closedReason: terms.closedReason, createdAt: terms.createdAt,
};

const termQuery = (db: Executor) => db.select(termColumns).from(terms)
  .innerJoin(platforms, eq(platforms.id, terms.platformId)).innerJoin(districts, eq(districts.code, platforms.districtCode));

export async function insertTerm(tx: Executor, row: typeof terms.$inferInsert): Promise<string> {
  const [created] = await tx.insert(terms).values(row).returning({ id: terms.id });
  if (!created) throw new Error('preparation term insert returned nothing');
  return created.id;
}

/** The platform's latest term (a platform has at most one running; closed ones stay for the record). */
export async function latestTermOfPlatform(db: Executor, platformId: string) {
  const [row] = await termQuery(db).where(eq(terms.platformId, platformId)).orderBy(desc(terms.createdAt), desc(terms.id)).limit(1);
  return row ?? null;
}
export type TermRecord = NonNullable<Awaited<ReturnType<typeof latestTermOfPlatform>>>;

export async function termOfApplication(db: Executor, applicationId: string): Promise<TermRecord | null> {
  const [row] = await termQuery(db).where(eq(terms.applicationId, applicationId)).orderBy(desc(terms.createdAt), desc(terms.id)).limit(1);
  return row ?? null;
}

export async function activeTerms(db: Executor): Promise<TermRecord[]> {
  return termQuery(db).where(eq(terms.status, 'running')).orderBy(asc(terms.endOn), asc(terms.id));
}

/** Running terms whose end is on or before `until` (the bureau's to-do list). */
export async function activeTermsEndingBy(db: Executor, until: string): Promise<TermRecord[]> {
  return termQuery(db).where(and(eq(terms.status, 'running'), lte(terms.endOn, until))).orderBy(asc(terms.endOn), asc(terms.id));
}

export async function listExtensions(db: Executor, termIds: readonly string[]) {
  if (termIds.length === 0) return [];
  return db.select({
    id: extensions.id, termId: extensions.termId, previousEnd: extensions.previousEnd, newEnd: extensions.newEnd, reason: extensions.reason,
    decidedByName: users.displayName, decidedAt: extensions.decidedAt,
  }).from(extensions).leftJoin(users, eq(users.id, extensions.decidedBy))
    .where(inArray(extensions.termId, [...termIds])).orderBy(asc(extensions.decidedAt), asc(extensions.id));
}
export type ExtensionRecord = Awaited<ReturnType<typeof listExtensions>>[number];

/** Moves the end only of a running term still ending where it was read (a raced second extension changes nothing). */
export async function extendTerm(tx: Executor, id: string, fromEnd: string, row: { newEnd: string; reason: string; decidedBy: string | null; decidedAt?: Date | undefined }): Promise<boolean> {
  const moved = await tx.update(terms).set({ endOn: row.newEnd, updatedAt: new Date() })
    .where(and(eq(terms.id, id), eq(terms.status, 'running'), eq(terms.endOn, fromEnd))).returning({ id: terms.id });
  if (moved.length !== 1) return false;
  await tx.insert(extensions).values({ termId: id, previousEnd: fromEnd, newEnd: row.newEnd, reason: row.reason, decidedBy: row.decidedBy, ...(row.decidedAt === undefined ? {} : { decidedAt: row.decidedAt }) });
  return true;
}

/** Closes a running term; false when it was no longer running (the expiry run twice closes it once). */
export async function closeTerm(tx: Executor, id: string, status: Exclude<PreparationTermStatus, 'running'>, closedOn: string, reason: string): Promise<boolean> {
  const rows = await tx.update(terms).set({ status, closedOn, closedReason: reason, updatedAt: new Date() })
    .where(and(eq(terms.id, id), eq(terms.status, 'running'))).returning({ id: terms.id });
  return rows.length === 1;
}

/** Records reminders as sent; false when another run recorded the first of them already (each is sent once). */
export async function markReminders(tx: Executor, id: string, keys: readonly string[]): Promise<boolean> {
  const first = keys[0];
  if (first === undefined) return false;
  const rows = await tx.update(terms)
    .set({ remindersSent: sql`array(select distinct unnest(${terms.remindersSent} || ${sql.param([...keys])}::text[]) order by 1)` })
    .where(and(eq(terms.id, id), eq(terms.status, 'running'), sql`not (${first} = any(${terms.remindersSent}))`)).returning({ id: terms.id });
  return rows.length === 1;
}

/** The platform of this name (the demo seed's 筹建 platform). */
export async function platformIdByName(db: Executor, name: string): Promise<string | null> {
  const [row] = await db.select({ id: platforms.id }).from(platforms).where(eq(platforms.name, name));
  return row?.id ?? null;
}
