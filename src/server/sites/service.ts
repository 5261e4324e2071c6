/** Sites (建筑面积, 场地个数) and staff (专职管理/运营人员, 职称): what the conditions and 4.1/3.1 count. */
import type { Db } from '../../db/client.js';
import { audit, diff } from '../audit/audit.js';
import type { RequestContext } from '../context.js';
import { errors } from '../errors.js';
import { editablePlatform, visiblePlatform } from '../platforms/access.js';
import * as repo from './repository.js';
import type { SiteInput, SiteRow, StaffInput, StaffRow } from './schema.js';

const siteRow = (s: repo.SiteRecord): SiteRow => ({
  id: s.id, platformId: s.platformId, name: s.name, address: s.address, buildingAreaM2: Number(s.buildingArea), createdAt: s.createdAt.toISOString(),
});
const staffRow = (s: repo.StaffRecord): StaffRow => ({
  id: s.id, platformId: s.platformId, name: s.name, team: s.team, position: s.position, fullTime: s.fullTime,
  professionalTitle: s.professionalTitle, createdAt: s.createdAt.toISOString(),
});
/** numeric(12,2) is written as an exact decimal string. */
const area = (m2: number | undefined) => (m2 === undefined ? {} : { buildingArea: m2.toFixed(2) });

export async function listSites(db: Db, ctx: RequestContext, platformId: string): Promise<SiteRow[]> {
  await visiblePlatform(db, ctx, platformId);
  return (await repo.listSites(db, platformId)).map(siteRow);
}

export async function createSite(db: Db, ctx: RequestContext, platformId: string, input: SiteInput): Promise<SiteRow> {
  await editablePlatform(db, ctx, platformId);
  return db.transaction(async (tx) => {
    const row = await repo.insertSite(tx, { platformId, name: input.name, address: input.address, buildingArea: input.buildingAreaM2.toFixed(2) });
    await audit(tx, ctx, { action: 'site.create', entityType: 'platform_site', entityId: row.id, summary: { platformId, after: input } });
    return siteRow(row);
  });
}

async function loadSite(db: Db, ctx: RequestContext, platformId: string, siteId: string) {
  await editablePlatform(db, ctx, platformId);
  const site = await repo.findSite(db, platformId, siteId);
  if (!site) throw errors.notFound('场地');
  return site;
}

export async function updateSite(db: Db, ctx: RequestContext, platformId: string, siteId: string, input: Partial<SiteInput>): Promise<SiteRow> {
  const before = await loadSite(db, ctx, platformId, siteId);
  const changes = diff(siteRow(before), input);
  if (Object.keys(changes).length === 0) return siteRow(before);
  return db.transaction(async (tx) => {
    const row = await repo.updateSite(tx, siteId, { name: input.name, address: input.address, ...area(input.buildingAreaM2) });
    await audit(tx, ctx, { action: 'site.update', entityType: 'platform_site', entityId: siteId, summary: { platformId, ...changes } });
    return siteRow(row);
  });
}

export async function deleteSite(db: Db, ctx: RequestContext, platformId: string, siteId: string): Promise<void> {
  const before = await loadSite(db, ctx, platformId, siteId);
  await db.transaction(async (tx) => {
    await repo.deleteSite(tx, siteId);
    await audit(tx, ctx, { action: 'site.delete', entityType: 'platform_site', entityId: siteId, summary: { platformId, before: siteRow(before) } });
  });
}

export async function listStaff(db: Db, ctx: RequestContext, platformId: string): Promise<StaffRow[]> {
  await visiblePlatform(db, ctx, platformId);
  return (await repo.listStaff(db, platformId)).map(staffRow);
}

export async function createStaff(db: Db, ctx: RequestContext, platformId: string, input: StaffInput): Promise<StaffRow> {
  await editablePlatform(db, ctx, platformId);
  return db.transaction(async (tx) => {
    const row = await repo.insertStaff(tx, { platformId, ...input, fullTime: input.fullTime ?? true });
    await audit(tx, ctx, { action: 'staff.create', entityType: 'platform_staff', entityId: row.id, summary: { platformId, after: input } });
    return staffRow(row);
  });
}

async function loadStaff(db: Db, ctx: RequestContext, platformId: string, staffId: string) {
  await editablePlatform(db, ctx, platformId);
  const staff = await repo.findStaff(db, platformId, staffId);
  if (!staff) throw errors.notFound('人员');
  return staff;
}

export async function updateStaff(db: Db, ctx: RequestContext, platformId: string, staffId: string, input: Partial<StaffInput>): Promise<StaffRow> {
  const before = await loadStaff(db, ctx, platformId, staffId);
  const changes = diff(staffRow(before), input);
  if (Object.keys(changes).length === 0) return staffRow(before);
  return db.transaction(async (tx) => {
    const row = await repo.updateStaff(tx, staffId, input);
    await audit(tx, ctx, { action: 'staff.update', entityType: 'platform_staff', entityId: staffId, summary: { platformId, ...changes } });
    return staffRow(row);
  });
}

export async function deleteStaff(db: Db, ctx: RequestContext, platformId: string, staffId: string): Promise<void> {
  const before = await loadStaff(db, ctx, platformId, staffId);
  await db.transaction(async (tx) => {
    await repo.deleteStaff(tx, staffId);
    await audit(tx, ctx, { action: 'staff.delete', entityType: 'platform_staff', entityId: staffId, summary: { platformId, before: staffRow(before) } });
  });
}
