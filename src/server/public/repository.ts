import { and, asc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { districts, organizations, platforms } from '../../db/schema/index.js';
import type { Executor } from '../../db/client.js';
import { publicStatuses } from '../../domain/platforms/lifecycle.js';

const parent = alias(platforms, 'parent');

/**
 * What the public may see of a platform: no contact person, no phone, no staff. Selecting the
 * columns here (never `select()`) keeps sealed personal columns out of every public answer.
 */
const publicColumns = {
  id: platforms.id,
  name: platforms.name,
  type: platforms.type,
  level: platforms.level,
  districtCode: platforms.districtCode,
  districtName: districts.name,
  status: platforms.status,
  operatorName: organizations.name,
  address: platforms.address,
  recognizedAt: platforms.recognizedAt,
  recognitionDocNo: platforms.recognitionDocNo,
  services: platforms.services,
  carrier: platforms.carrier,
  parentPlatformName: parent.name,
};

function publicPlatforms(db: Executor) {
  return db.select(publicColumns).from(platforms)
    .innerJoin(districts, eq(platforms.districtCode, districts.code))
    .leftJoin(organizations, eq(platforms.operatorOrgId, organizations.id))
    .leftJoin(parent, eq(platforms.parentPlatformId, parent.id));
}

const isPublic = inArray(platforms.status, [...publicStatuses]);

export async function listDistricts(db: Executor) {
  return db.select().from(districts).orderBy(asc(districts.code));
}

/** A platform the directory lists, or null (not found, or not recognized or filed). */
export async function findPublicPlatform(db: Executor, id: string) {
  const rows = await publicPlatforms(db).where(and(eq(platforms.id, id), isPublic));
  return rows[0] ?? null;
}
export type PublicPlatformRecord = NonNullable<Awaited<ReturnType<typeof findPublicPlatform>>>;

/** The whole directory in the list's default order (district, name), for open data. */
export async function listDirectory(db: Executor) {
  return publicPlatforms(db).where(isPublic).orderBy(asc(platforms.districtCode), asc(platforms.name), asc(platforms.id));
}
