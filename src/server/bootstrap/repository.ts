import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../domain/auth/actor.js';
import { districts, files, organizations, platforms, recognitionApplications, recognitionHistory, recognitionOpinions, scoreSchemes, users } from '../../db/schema/index.js';
import type { Executor } from '../../db/client.js';

export type DistrictRow = typeof districts.$inferInsert;

export async function upsertDistricts(db: Executor, rows: DistrictRow[]): Promise<void> {
  await db
    .insert(districts)
    .values(rows)
    .onConflictDoUpdate({ target: districts.code, set: { name: sql`excluded.name`, kind: sql`excluded.kind`, region: sql`excluded.region` } });
}

/** Creates the organization with this code unless it exists; returns its id either way. */
export async function ensureOrganization(db: Executor, row: typeof organizations.$inferInsert): Promise<string> {
  await db.insert(organizations).values(row).onConflictDoNothing({ target: organizations.code });
  const [found] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, row.code));
  if (!found) throw new Error(`organization ${row.code} missing after insert`);
  return found.id;
}

/** Inserts a scheme unless one with its id exists: a stored scheme, once there, is never overwritten by a start. */
export async function ensureScheme(db: Executor, row: typeof scoreSchemes.$inferInsert): Promise<void> {
  await db.insert(scoreSchemes).values(row).onConflictDoNothing({ target: scoreSchemes.id });
}

export async function countUsers(db: Executor): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(users);
  return row?.n ?? 0;
}

export async function insertUser(db: Executor, row: typeof users.$inferInsert): Promise<string> {
  const [created] = await db.insert(users).values(row).returning({ id: users.id });
  if (!created) throw new Error('user insert returned nothing');
  return created.id;
}

export async function insertPlatform(db: Executor, row: typeof platforms.$inferInsert): Promise<string> {
  const [created] = await db.insert(platforms).values(row).returning({ id: platforms.id });
  if (!created) throw new Error('platform insert returned nothing');
  return created.id;
}

/** The demo accounts by username, as the actors of the demo's evaluation steps. */
export async function demoUsers(db: Executor, usernames: string[]): Promise<Map<string, Actor>> {
  const rows = await db
    .select({ userId: users.id, username: users.username, role: users.role, organizationId: users.organizationId, organizationName: organizations.name, districtCode: organizations.districtCode })
    .from(users)
    .innerJoin(organizations, eq(users.organizationId, organizations.id))
    .where(inArray(users.username, usernames));
  return new Map(rows.map((r) => [r.username, r]));
}

/**
 * The demo's applications are seeded today through the use cases; spread their steps over the past
 * weeks as a real procedure would take: each history row, opinion and material at the day of its step
 * (`dayOf` gives a step's date), and the application's own times after them.
 */
export async function backdateDemoApplication(db: Executor, applicationId: string, dayOf: (action: string) => Date): Promise<void> {
  const history = await db.select({ id: recognitionHistory.id, action: recognitionHistory.action }).from(recognitionHistory)
    .where(eq(recognitionHistory.applicationId, applicationId));
  for (const h of history) await db.update(recognitionHistory).set({ at: dayOf(h.action) }).where(eq(recognitionHistory.id, h.id));
  await db.update(recognitionOpinions).set({ createdAt: dayOf('hrss_opinion') })
    .where(and(eq(recognitionOpinions.applicationId, applicationId), eq(recognitionOpinions.kind, 'district_hrss')));
  await db.update(recognitionOpinions).set({ createdAt: dayOf('gov_submit') })
    .where(and(eq(recognitionOpinions.applicationId, applicationId), eq(recognitionOpinions.kind, 'district_gov')));
  await db.update(files).set({ uploadedAt: dayOf('upload') }).where(and(eq(files.ownerType, 'recognition_application'), eq(files.ownerId, applicationId)));
  const last = history.map((h) => dayOf(h.action)).reduce((a, b) => (a > b ? a : b), dayOf('create'));
  const submitted = history.some((h) => h.action === 'gov_submit') ? dayOf('gov_submit') : null;
  await db.update(recognitionApplications).set({ createdAt: dayOf('create'), updatedAt: last, submittedAt: submitted }).where(eq(recognitionApplications.id, applicationId));
}
