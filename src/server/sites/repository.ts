import { and, asc, eq } from 'drizzle-orm';
import { platformSites, platformStaff } from '../../db/schema/index.js';
import type { Executor } from '../../db/client.js';

// Every query names the platform as well as the row: a site id from another platform is not found.

export async function listSites(db: Executor, platformId: string) {
  return db.select().from(platformSites).where(eq(platformSites.platformId, platformId)).orderBy(asc(platformSites.createdAt), asc(platformSites.id));
}

export async function findSite(db: Executor, platformId: string, id: string) {
  const [row] = await db.select().from(platformSites).where(and(eq(platformSites.platformId, platformId), eq(platformSites.id, id)));
  return row ?? null;
}
export type SiteRecord = NonNullable<Awaited<ReturnType<typeof findSite>>>;

export async function insertSite(db: Executor, row: typeof platformSites.$inferInsert) {
  const [created] = await db.insert(platformSites).values(row).returning();
  if (!created) throw new Error('site insert returned nothing');
  return created;
}

export async function updateSite(db: Executor, id: string, patch: Partial<typeof platformSites.$inferInsert>) {
  const [row] = await db.update(platformSites).set(patch).where(eq(platformSites.id, id)).returning();
  if (!row) throw new Error('site update returned nothing');
  return row;
}

export async function deleteSite(db: Executor, id: string): Promise<void> {
  await db.delete(platformSites).where(eq(platformSites.id, id));
}

export async function listStaff(db: Executor, platformId: string) {
  return db.select().from(platformStaff).where(eq(platformStaff.platformId, platformId)).orderBy(asc(platformStaff.team), asc(platformStaff.createdAt), asc(platformStaff.id));
}

export async function findStaff(db: Executor, platformId: string, id: string) {
  const [row] = await db.select().from(platformStaff).where(and(eq(platformStaff.platformId, platformId), eq(platformStaff.id, id)));
  return row ?? null;
}
export type StaffRecord = NonNullable<Awaited<ReturnType<typeof findStaff>>>;

export async function insertStaff(db: Executor, row: typeof platformStaff.$inferInsert) {
  const [created] = await db.insert(platformStaff).values(row).returning();
  if (!created) throw new Error('staff insert returned nothing');
  return created;
}

export async function updateStaff(db: Executor, id: string, patch: Partial<typeof platformStaff.$inferInsert>) {
  const [row] = await db.update(platformStaff).set(patch).where(eq(platformStaff.id, id)).returning();
  if (!row) throw new Error('staff update returned nothing');
  return row;
}

export async function deleteStaff(db: Executor, id: string): Promise<void> {
  await db.delete(platformStaff).where(eq(platformStaff.id, id));
}
