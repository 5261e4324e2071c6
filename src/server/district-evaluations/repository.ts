/** SQL of the Art 28 filings. */
import { aliasedTable, and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { districtEvaluationFilings, districts, files, platforms, users } from '../../db/schema/index.js';
import type { FilingStatus } from '../../domain/district-evaluations/filing.js';

const submitter = aliasedTable(users, 'submitter');
const decider = aliasedTable(users, 'decider');

const columns = {
  id: districtEvaluationFilings.id, districtCode: districtEvaluationFilings.districtCode, districtName: districts.name, year: districtEvaluationFilings.year,
  status: districtEvaluationFilings.status, items: districtEvaluationFilings.items, note: districtEvaluationFilings.note,
  documentFileId: districtEvaluationFilings.documentFileId, documentName: files.originalName, documentSize: files.sizeBytes, documentUploadedAt: files.uploadedAt,
  submittedAt: districtEvaluationFilings.submittedAt, submittedByName: submitter.displayName,
  decidedAt: districtEvaluationFilings.decidedAt, decidedByName: decider.displayName, decisionNote: districtEvaluationFilings.decisionNote,
  updatedAt: districtEvaluationFilings.updatedAt,
};

function selectFilings(db: Executor) {
  return db.select(columns).from(districtEvaluationFilings)
    .innerJoin(districts, eq(districtEvaluationFilings.districtCode, districts.code))
    .leftJoin(files, eq(districtEvaluationFilings.documentFileId, files.id))
    .leftJoin(submitter, eq(districtEvaluationFilings.submittedBy, submitter.id))
    .leftJoin(decider, eq(districtEvaluationFilings.decidedBy, decider.id));
}

export async function findFiling(db: Executor, id: string) {
  const [row] = await selectFilings(db).where(eq(districtEvaluationFilings.id, id));
  return row ?? null;
}
export type FilingRecord = NonNullable<Awaited<ReturnType<typeof findFiling>>>;

export async function findFilingOf(db: Executor, districtCode: string, year: number): Promise<FilingRecord | null> {
  const [row] = await selectFilings(db).where(and(eq(districtEvaluationFilings.districtCode, districtCode), eq(districtEvaluationFilings.year, year)));
  return row ?? null;
}

export async function findDistrict(db: Executor, code: string) {
  const [row] = await db.select({ code: districts.code, name: districts.name }).from(districts).where(eq(districts.code, code));
  return row ?? null;
}

/** The district's district-level platforms under its management now (已备案, 整改中). */
export async function districtPlatforms(db: Executor, districtCode: string) {
  return db.select({ id: platforms.id, name: platforms.name, type: platforms.type, status: platforms.status }).from(platforms)
    .where(and(eq(platforms.districtCode, districtCode), eq(platforms.level, 'district'), inArray(platforms.status, ['filed', 'rectifying'])))
    .orderBy(asc(platforms.name));
}

/** Inserts the year's filing, or updates it while still in `from`; null when someone else changed it first. */
export async function upsertDraft(
  db: Executor, districtCode: string, year: number, from: 'none' | FilingStatus, data: { items: unknown; note: string | null },
): Promise<string | null> {
  if (from === 'none') {
    const rows = await db.insert(districtEvaluationFilings).values({ districtCode, year, status: 'draft', items: data.items, note: data.note })
      .onConflictDoNothing().returning({ id: districtEvaluationFilings.id });
    return rows[0]?.id ?? null;
  }
  const rows = await db.update(districtEvaluationFilings).set({ status: 'draft', items: data.items, note: data.note, updatedAt: new Date() })
    .where(and(eq(districtEvaluationFilings.districtCode, districtCode), eq(districtEvaluationFilings.year, year), eq(districtEvaluationFilings.status, from)))
    .returning({ id: districtEvaluationFilings.id });
  return rows[0]?.id ?? null;
}

export async function setStatus(
  db: Executor, id: string, from: FilingStatus, to: FilingStatus, by: { userId: string; kind: 'submitted' | 'decided'; note?: string | null },
): Promise<boolean> {
  const now = new Date();
  const who = by.kind === 'submitted'
    ? { submittedAt: now, submittedBy: by.userId }
    : { decidedAt: now, decidedBy: by.userId, decisionNote: by.note ?? null };
  const rows = await db.update(districtEvaluationFilings).set({ status: to, ...who, updatedAt: now })
    .where(and(eq(districtEvaluationFilings.id, id), eq(districtEvaluationFilings.status, from))).returning({ id: districtEvaluationFilings.id });
  return rows.length === 1;
}

/** Replaces the attached document; the old file row goes (its content with it). */
export async function setDocument(db: Executor, id: string, fileId: string): Promise<string | null> {
  const [old] = await db.select({ fileId: districtEvaluationFilings.documentFileId }).from(districtEvaluationFilings).where(eq(districtEvaluationFilings.id, id));
  await db.update(districtEvaluationFilings).set({ documentFileId: fileId, updatedAt: new Date() }).where(eq(districtEvaluationFilings.id, id));
  if (old?.fileId) await db.delete(files).where(eq(files.id, old.fileId));
  return old?.fileId ?? null;
}

export async function overviewRows(db: Executor, year: number) {
  const all = await db.select({ code: districts.code, name: districts.name, region: districts.region }).from(districts).orderBy(asc(districts.code));
  const filings = await db.select({ id: districtEvaluationFilings.id, districtCode: districtEvaluationFilings.districtCode, status: districtEvaluationFilings.status, items: districtEvaluationFilings.items, submittedAt: districtEvaluationFilings.submittedAt })
    .from(districtEvaluationFilings).where(eq(districtEvaluationFilings.year, year));
  const counts = await db.select({ districtCode: platforms.districtCode, id: platforms.id }).from(platforms)
    .where(and(eq(platforms.level, 'district'), inArray(platforms.status, ['filed', 'rectifying'])));
  return { all, filings, platforms: counts };
}

export async function documentOf(db: Executor, fileId: string) {
  const [row] = await db.select({ id: files.id, originalName: files.originalName, mimeType: files.mimeType, sizeBytes: files.sizeBytes, sm3: files.sm3 }).from(files)
    .where(and(eq(files.id, fileId), eq(files.ownerType, 'district_evaluation_filing')));
  return row ?? null;
}
