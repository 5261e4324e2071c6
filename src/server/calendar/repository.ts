/** The only SQL of the holiday calendar: versions per year and their entries. */
import { and, asc, count, desc, eq, max, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { holidayCalendarEntries as entries, holidayCalendarVersions as versions, users } from '../../db/schema/index.js';
import type { HolidayEntry } from '../../domain/dates/holiday-entries.js';

const versionColumns = {
  id: versions.id, year: versions.year, version: versions.version, reason: versions.reason, savedByName: users.displayName, savedAt: versions.savedAt,
};

/** Every version of every year (or of one year), newest first, with its number of entries. */
export async function listVersions(db: Executor, year?: number) {
  return db.select({ ...versionColumns, entryCount: sql<number>`(select count(*)::int from ${entries} where ${entries.versionId} = ${versions.id})` })
    .from(versions).leftJoin(users, eq(versions.savedBy, users.id))
    .where(year === undefined ? undefined : eq(versions.year, year))
    .orderBy(asc(versions.year), desc(versions.version));
}
export type VersionRecord = Awaited<ReturnType<typeof listVersions>>[number];

export async function findVersion(db: Executor, year: number, version: number) {
  const [row] = await db.select(versionColumns).from(versions).leftJoin(users, eq(versions.savedBy, users.id))
    .where(and(eq(versions.year, year), eq(versions.version, version))).limit(1);
  return row ?? null;
}

export async function entriesOf(db: Executor, versionId: string): Promise<HolidayEntry[]> {
  return db.select({ date: entries.date, kind: entries.kind, name: entries.name }).from(entries)
    .where(eq(entries.versionId, versionId)).orderBy(asc(entries.date));
}

/** The entries of the newest version of each year, and the years that have one. */
export async function newestEntries(db: Executor): Promise<{ years: number[]; entries: HolidayEntry[] }> {
  const newest = db.select({ year: versions.year, version: max(versions.version).as('newest') }).from(versions).groupBy(versions.year).as('newest');
  const yearRows = await db.select({ year: newest.year }).from(newest);
  const rows = await db.select({ date: entries.date, kind: entries.kind, name: entries.name }).from(entries)
    .innerJoin(versions, eq(entries.versionId, versions.id))
    .innerJoin(newest, and(eq(newest.year, versions.year), eq(newest.version, versions.version)))
    .orderBy(asc(entries.date));
  return { years: yearRows.map((r) => r.year), entries: rows };
}

/** How many versions are stored: versions are only ever added, so this changes exactly when the calendar does. */
export async function versionCount(db: Executor): Promise<number> {
  const [row] = await db.select({ n: count() }).from(versions);
  return row?.n ?? 0;
}

/**
 * Adds version n+1 of `year` with its entries. The year's versions are locked first (an advisory
 * lock per year) so that two saves at once get consecutive numbers rather than a unique violation.
 */
export async function insertVersion(tx: Executor, year: number, reason: string, savedBy: string, rows: readonly HolidayEntry[]): Promise<{ id: string; version: number }> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('holiday_calendar'), ${year})`);
  const [last] = await tx.select({ v: max(versions.version) }).from(versions).where(eq(versions.year, year));
  const version = (last?.v ?? 0) + 1;
  const [created] = await tx.insert(versions).values({ year, version, reason, savedBy }).returning({ id: versions.id });
  if (!created) throw new Error('version insert returned nothing');
  if (rows.length > 0) await tx.insert(entries).values(rows.map((r) => ({ versionId: created.id, year, date: r.date, kind: r.kind, name: r.name })));
  return { id: created.id, version };
}
