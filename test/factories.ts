import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../src/db/client.js';
import { enterprises, enterpriseYears, organizations, platforms, platformSites, platformStaff, platformYearData, residences, users } from '../src/db/schema/index.js';
import { usccCheckChar, USCC_CHARSET } from '../src/domain/ids/uscc.js';
import type { OrgKind, Role } from '../src/domain/auth/roles.js';
import { orgKindOfRole } from '../src/domain/auth/roles.js';
import { hashPassword } from '../src/server/auth/passwords.js';

export const testPassword = 'Test@Pass1';
let cachedHash: Promise<string> | null = null;
const uniq = () => crypto.randomBytes(4).toString('hex');

/** Factories create what they need and the parents that are missing (organizations for users, …). */
export async function makeOrg(db: Db, kind: OrgKind, districtCode: string | null = null, name?: string): Promise<string> {
  if (kind === 'district' && districtCode) {
    const [existing] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, `HRSS-${districtCode}`));
    if (existing) return existing.id;
  }
  const [row] = await db
    .insert(organizations)
    .values({ kind, name: name ?? `测试机构${uniq()}`, code: `T-${uniq()}`, districtCode })
    .returning({ id: organizations.id });
  if (!row) throw new Error('org');
  return row.id;
}

export interface MadeUser {
  id: string;
  username: string;
  organizationId: string;
}

export async function makeUser(
  db: Db,
  role: Role,
  opts: { districtCode?: string; organizationId?: string; mustChangePassword?: boolean; username?: string } = {},
): Promise<MadeUser> {
  cachedHash ??= hashPassword(testPassword);
  const kind = orgKindOfRole[role];
  const needsDistrict = kind === 'district' || kind === 'district_gov' || kind === 'operator';
  const organizationId = opts.organizationId ?? (await makeOrg(db, kind, needsDistrict ? (opts.districtCode ?? '500107') : null));
  const username = opts.username ?? `${role}_${uniq()}`;
  const [row] = await db
    .insert(users)
    .values({ username, displayName: `测试${role}`, role, organizationId, passwordHash: await cachedHash, mustChangePassword: opts.mustChangePassword ?? false })
    .returning({ id: users.id });
  if (!row) throw new Error('user');
  return { id: row.id, username, organizationId };
}

type PlatformRow = typeof platforms.$inferInsert;

export async function makePlatform(
  db: Db,
  opts: Partial<Pick<PlatformRow, 'level' | 'type' | 'orientation' | 'contactName' | 'contactPhone' | 'parentPlatformId'>> & {
    districtCode?: string; operatorOrgId?: string; name?: string; status?: PlatformRow['status'];
  } = {},
): Promise<string> {
  const districtCode = opts.districtCode ?? '500107';
  const operatorOrgId = opts.operatorOrgId ?? (await makeOrg(db, 'operator', districtCode));
  const level = opts.level ?? 'municipal';
  const [row] = await db
    .insert(platforms)
    .values({
      name: opts.name ?? `测试平台${uniq()}`, level, type: opts.type ?? 'comprehensive_park', districtCode, operatorOrgId,
      status: opts.status ?? (level === 'district' ? 'filed' : 'recognized'), orientation: opts.orientation ?? null,
      contactName: opts.contactName ?? null, contactPhone: opts.contactPhone ?? null, parentPlatformId: opts.parentPlatformId ?? null,
    })
    .returning({ id: platforms.id });
  if (!row) throw new Error('platform');
  return row.id;
}

/** A valid 统一社会信用代码 (GB 32100 check character), different on every call. */
export function makeUscc(): string {
  const body = `915001${Array.from(crypto.randomBytes(11), (b) => USCC_CHARSET.charAt(b % USCC_CHARSET.length)).join('')}`;
  return `${body}${usccCheckChar(body) ?? ''}`;
}

export async function makeEnterprise(
  db: Db,
  opts: { uscc?: string; name?: string; industry?: string; isHrService?: boolean; aboveScale?: { year: number; value: boolean } } = {},
): Promise<{ id: string; uscc: string }> {
  const uscc = opts.uscc ?? makeUscc();
  const [row] = await db
    .insert(enterprises)
    .values({ uscc, name: opts.name ?? `测试企业${uniq()}`, industry: opts.industry ?? 'L', isHrService: opts.isHrService ?? true })
    .returning({ id: enterprises.id });
  if (!row) throw new Error('enterprise');
  if (opts.aboveScale) await db.insert(enterpriseYears).values({ enterpriseId: row.id, year: opts.aboveScale.year, aboveScale: opts.aboveScale.value });
  return { id: row.id, uscc };
}

/** A residence, with its enterprise made when none is given. Money in whole yuan. */
export async function makeResidence(
  db: Db,
  opts: {
    platformId: string; year?: number; enterpriseId?: string; mode?: 'offline' | 'online' | 'agreement'; aboveScale?: boolean;
    isHrService?: boolean; industry?: string; entryDate?: string | null; exitDate?: string | null; revenueYuan?: number; passThroughYuan?: number; taxYuan?: number;
  },
): Promise<{ id: string; enterpriseId: string }> {
  const year = opts.year ?? 2025;
  const enterpriseId = opts.enterpriseId ?? (await makeEnterprise(db, { isHrService: opts.isHrService ?? true, industry: opts.industry ?? 'L', aboveScale: { year, value: opts.aboveScale ?? false } })).id;
  const [row] = await db
    .insert(residences)
    .values({
      platformId: opts.platformId, enterpriseId, year, mode: opts.mode ?? 'offline', entryDate: opts.entryDate ?? null, exitDate: opts.exitDate ?? null,
      revenueYuan: BigInt(opts.revenueYuan ?? 0), passThroughYuan: BigInt(opts.passThroughYuan ?? 0), taxYuan: BigInt(opts.taxYuan ?? 0),
    })
    .returning({ id: residences.id });
  if (!row) throw new Error('residence');
  return { id: row.id, enterpriseId };
}

export async function makeSite(db: Db, platformId: string, areaM2: number): Promise<string> {
  const [row] = await db.insert(platformSites).values({ platformId, name: `场地${uniq()}`, address: '测试路 1 号', buildingArea: areaM2.toFixed(2) }).returning({ id: platformSites.id });
  if (!row) throw new Error('site');
  return row.id;
}

export async function makeStaff(db: Db, platformId: string, opts: { team: 'management' | 'operating'; fullTime?: boolean; professionalTitle?: string | null }): Promise<string> {
  const [row] = await db
    .insert(platformStaff)
    .values({ platformId, name: `人员${uniq()}`, team: opts.team, fullTime: opts.fullTime ?? true, professionalTitle: opts.professionalTitle ?? null })
    .returning({ id: platformStaff.id });
  if (!row) throw new Error('staff');
  return row.id;
}

export async function makeYearData(db: Db, platformId: string, year: number, data: Record<string, unknown>): Promise<void> {
  await db.insert(platformYearData).values({ platformId, year, data });
}
