import { and, asc, eq, isNotNull, isNull, type SQL } from 'drizzle-orm';
import { FILE_CHUNK_BYTES, fileBlobs, files, platforms, residences, users } from '../../db/schema/index.js';
import type { Executor } from '../../db/client.js';
import type { PlatformScope } from '../../domain/auth/scope.js';
import { platformScopeCondition } from '../platforms/repository.js';

const columns = {
  id: files.id,
  platformId: files.platformId,
  ownerType: files.ownerType,
  ownerId: files.ownerId,
  purpose: files.purpose,
  year: files.year,
  originalName: files.originalName,
  mimeType: files.mimeType,
  sizeBytes: files.sizeBytes,
  storedName: files.storedName,
  sha256: files.sha256,
  sm3: files.sm3,
  uploadedAt: files.uploadedAt,
  uploadedByName: users.displayName,
};

/** A file is visible with its platform; a file without one (its platform deleted) is visible to nobody. */
export async function findFile(db: Executor, scope: PlatformScope, id: string) {
  const [row] = await db
    .select(columns)
    .from(files)
    .innerJoin(platforms, eq(files.platformId, platforms.id))
    .leftJoin(users, eq(files.uploadedBy, users.id))
    .where(and(eq(files.id, id), platformScopeCondition(scope)));
  return row ?? null;
}
export type FileRecord = NonNullable<Awaited<ReturnType<typeof findFile>>>;

export interface FileFilters {
  platformId: string;
  ownerType?: string | undefined;
  ownerId?: string | undefined;
  year?: number | undefined;
  purpose?: string | undefined;
}

export async function listFiles(db: Executor, f: FileFilters): Promise<FileRecord[]> {
  const conds: (SQL | undefined)[] = [
    eq(files.platformId, f.platformId),
    f.ownerType ? eq(files.ownerType, f.ownerType) : undefined,
    f.ownerId ? eq(files.ownerId, f.ownerId) : undefined,
    f.year === undefined ? undefined : eq(files.year, f.year),
    f.purpose ? eq(files.purpose, f.purpose) : undefined,
  ];
  return db.select(columns).from(files).leftJoin(users, eq(files.uploadedBy, users.id)).where(and(...conds)).orderBy(asc(files.uploadedAt), asc(files.id));
}

/** Whether a file belongs to the platform (agreement files of residences). */
export async function fileOfPlatform(db: Executor, platformId: string, id: string): Promise<boolean> {
  const rows = await db.select({ id: files.id }).from(files).where(and(eq(files.id, id), eq(files.platformId, platformId)));
  return rows.length > 0;
}

export async function insertFile(db: Executor, row: typeof files.$inferInsert): Promise<string> {
  const [created] = await db.insert(files).values(row).returning({ id: files.id });
  if (!created) throw new Error('file insert returned nothing');
  return created.id;
}

export async function deleteFile(db: Executor, id: string): Promise<void> {
  // A residence's agreement pointing at the file loses the pointer, not the residence.
  await db.update(residences).set({ agreementFileId: null }).where(eq(residences.agreementFileId, id));
  await db.delete(files).where(eq(files.id, id));
}

export async function setAgreementFile(db: Executor, residenceId: string, fileId: string): Promise<void> {
  await db.update(residences).set({ agreementFileId: fileId, updatedAt: new Date() }).where(eq(residences.id, residenceId));
}

/** Stores a file's content in pieces and marks the file as held by the database (its SM3 set). */
export async function storeContent(tx: Executor, fileId: string, content: Buffer, sm3: string): Promise<void> {
  const rows: (typeof fileBlobs.$inferInsert)[] = [];
  for (let seq = 0; seq * FILE_CHUNK_BYTES < content.length; seq++) {
    rows.push({ fileId, seq, data: content.subarray(seq * FILE_CHUNK_BYTES, (seq + 1) * FILE_CHUNK_BYTES) });
  }
  // One piece per statement: a 20-piece file in one INSERT would hold all of it in one query buffer again.
  for (const row of rows) await tx.insert(fileBlobs).values(row);
  await tx.update(files).set({ sm3 }).where(eq(files.id, fileId));
}

/** A file's content piece by piece, one query per piece, so a download holds at most one piece in memory. */
export async function* readContent(db: Executor, fileId: string): AsyncGenerator<Buffer> {
  for (let seq = 0; ; seq++) {
    const [piece] = await db.select({ data: fileBlobs.data }).from(fileBlobs).where(and(eq(fileBlobs.fileId, fileId), eq(fileBlobs.seq, seq)));
    if (!piece) return;
    yield piece.data;
  }
}

/** Files of an older version still on disk only (their SM3 not yet computed). */
export async function filesOnDiskOnly(db: Executor): Promise<{ id: string; storedName: string; sha256: string; sizeBytes: number }[]> {
  const rows = await db.select({ id: files.id, storedName: files.storedName, sha256: files.sha256, sizeBytes: files.sizeBytes })
    .from(files).where(and(isNull(files.sm3), isNotNull(files.storedName))).orderBy(asc(files.uploadedAt));
  return rows.flatMap((r) => (r.storedName === null ? [] : [{ ...r, storedName: r.storedName }]));
}

/** Locks a file row still waiting to be moved; null when another server moved it meanwhile. */
export async function lockFileOnDisk(tx: Executor, id: string): Promise<{ id: string } | null> {
  const [row] = await tx.select({ id: files.id }).from(files).where(and(eq(files.id, id), isNull(files.sm3))).for('update');
  return row ?? null;
}
