/**
 * The generated registry both benchmarks run on (bench/campaign.ts, bench/dashboard.ts): N platforms
 * (2 % national, 60 % municipal, the rest district-level; the three types in turn; spread over the
 * districts), each with its operator organization and user, a site, staff, the year data of every
 * year asked and residents that mostly stay from year to year (so year-on-year rules have something
 * to read). Bulk inserts: the data is a benchmark's input, not what it measures. Seeded, so that runs
 * are comparable.
 */
import type { Db } from '../src/db/client.js';
import { enterprises, enterpriseYears, organizations, platforms, platformSites, platformStaff, platformYearData, residences, users } from '../src/db/schema/index.js';
import type { YearData } from '../src/domain/platforms/year-data.js';
import type { PlatformLevel, PlatformType } from '../src/domain/rules/scheme-types.js';
import { makeUscc } from '../test/factories.js';

export interface Random { rand: () => number; int: (lo: number, hi: number) => number; pick: <T>(xs: readonly T[]) => T }

/** A seeded PRNG (mulberry32). */
export function seeded(seed: number): Random {
  let s = seed;
  const rand = (): number => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)] as T;
  return { rand, int, pick };
}

export const chunks = <T>(xs: readonly T[], n: number): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));

export interface GenPlatform { id: string; level: PlatformLevel; type: PlatformType; districtCode: string; operatorOrgId: string; operatorUserId: string; operatorName: string; scale: number }
export interface Registry { platforms: GenPlatform[]; residences: number; districtCodes: string[] }

/** The year's operating data of one platform, of a realistic size scaled by `s` (0.3 … 4). */
export function yearData({ rand, int, pick }: Random, type: PlatformType, s: number): YearData {
  const n = (x: number) => Math.max(0, Math.round(x * s * (0.7 + rand() * 0.6)));
  const park = {
    platformTaxYuan: n(380_000), researchResults: n(3), bureauEventsAttended: int(1, 8), safety: pick(['full', 'full', 'basic', 'weak'] as const),
    valueOrientation: rand() < 0.97 ? 'sound' as const : 'failed' as const, honours: { local: n(2), municipal: n(1), ministerial: rand() < 0.1 ? 1 : 0 }, violations: rand() < 0.05 ? 1 : 0,
  };
  switch (type) {
    case 'comprehensive_park':
      return { ...park, employersServed: n(1_300), jobsPromoted: n(8_600), events: Array.from({ length: int(1, 5) }, (_, i) => ({ name: `招聘会${i + 1}`, attendance: n(150) })), mediaReports: { county: n(4), municipal: n(2), central: rand() < 0.2 ? 1 : 0 } };
    case 'specialized_park':
      return {
        ...park, industryEnterprisesServed: n(15), serviceLineEnterprisesServed: n(120), industryTalentSupplied: { bachelorOrBelow: n(2_000), postgraduate: n(300), talentCard: n(6) },
        serviceLineTalentServed: { bachelorOrBelow: n(1_500), postgraduate: n(150) },
        events: Array.from({ length: int(1, 4) }, (_, i) => ({ name: `对接会${i + 1}`, attendance: n(120), leaderLevel: pick(['ministerial', 'bureau', 'none'] as const) })), informationAdopted: { municipal: n(2), ministerial: rand() < 0.2 ? 1 : 0 },
      };
    case 'specialized_market':
      return {
        ownRevenueYuan: n(12_000_000), humanCapitalYuan: n(900_000_000), serviceFunctions: ['招聘', '培训', '档案', '测评', '咨询', '派遣'].slice(0, int(2, 6)), databaseRecords: n(30_000),
        personTimesServed: { bachelorOrBelow: n(7_000), postgraduate: n(1_500), talentCard: n(80) }, placedInChongqing: { bachelorOrBelow: n(2_000), postgraduate: n(400) },
        researchResults: n(2), events: [{ name: '双选会', attendance: n(400), leaderLevel: pick(['bureau', 'none'] as const) }], enterprisesIncubated: n(1),
        safety: pick(['full', 'basic'] as const), valueOrientation: 'sound', informationAdopted: { municipal: n(2) }, honours: { municipal: n(1) }, violations: 0,
      };
  }
}

const TYPES: PlatformType[] = ['comprehensive_park', 'specialized_park', 'specialized_market'];

async function generatePlatforms(db: Db, r: Random, count: number, districtCodes: string[]): Promise<GenPlatform[]> {
  const specs = Array.from({ length: count }, (_, i) => {
    const level: PlatformLevel = i % 50 === 0 ? 'national' : i % 5 < 3 ? 'municipal' : 'district';
    return { i, level, type: TYPES[i % 3] ?? 'comprehensive_park', districtCode: r.pick(districtCodes),
      scale: level === 'national' ? 2.5 + r.rand() * 1.5 : level === 'municipal' ? 1 + r.rand() * 1.4 : 0.6 + r.rand() * 1.2 };
  });
  const orgRows = await db.insert(organizations).values(specs.map((s) => ({ kind: 'operator' as const, name: `基准运营机构${s.i + 1}`, code: `BENCH-OP-${s.i + 1}`, districtCode: s.districtCode })))
    .returning({ id: organizations.id, code: organizations.code });
  const orgOf = new Map(orgRows.map((o) => [o.code, o.id]));
  const gen: GenPlatform[] = [];
  for (const part of chunks(specs, 1000)) {
    const rows = await db.insert(platforms).values(part.map((s) => ({
      name: `基准${s.type === 'specialized_market' ? '人才市场' : '人力资源服务产业园'}${String(s.i + 1).padStart(4, '0')}`, level: s.level, type: s.type, districtCode: s.districtCode,
      operatorOrgId: orgOf.get(`BENCH-OP-${s.i + 1}`) ?? '', status: s.level === 'district' ? 'filed' as const : s.i % 23 === 0 ? 'rectifying' as const : 'recognized' as const,
      recognizedAt: `${r.int(2019, 2024)}-${String(r.int(1, 12)).padStart(2, '0')}-15`, orientation: s.type === 'specialized_park' ? r.pick(['industry', 'service_line'] as const) : null,
    }))).returning({ id: platforms.id });
    rows.forEach((row, k) => {
      const s = part[k];
      if (s) gen.push({ id: row.id, level: s.level, type: s.type, districtCode: s.districtCode, operatorOrgId: orgOf.get(`BENCH-OP-${s.i + 1}`) ?? '', operatorUserId: '', operatorName: `基准运营机构${s.i + 1}`, scale: s.scale });
    });
  }
  const userRows = await db.insert(users).values(gen.map((p, k) => ({
    username: `bench.op.${k + 1}`, displayName: `运营专员${k + 1}`, role: 'operator' as const, organizationId: p.operatorOrgId, passwordHash: 'bench-no-login', mustChangePassword: false,
  }))).returning({ id: users.id, organizationId: users.organizationId });
  const userOf = new Map(userRows.map((u) => [u.organizationId, u.id]));
  for (const p of gen) p.operatorUserId = userOf.get(p.operatorOrgId) ?? '';
  return gen;
}

/**
 * Residents: 6–40 enterprises per platform by scale (HR enterprises mostly, a fifth above scale, some
 * online); over several years each stays with 90 % chance a year and 5 % leave mid-year, revenue moving.
 */
async function generateResidents(db: Db, r: Random, gen: GenPlatform[], years: number[]): Promise<number> {
  const several = years.length > 1;
  let count = 0;
  for (const part of chunks(gen, 100)) {
    const firms: { uscc: string; name: string; industry: string; isHrService: boolean; platformId: string; mode: 'offline' | 'online' | 'agreement' }[] = [];
    for (const p of part) {
      const n = Math.max(6, Math.round(16 * p.scale * (0.7 + r.rand() * 0.6)));
      for (let k = 0; k < n; k++) {
        const hr = r.rand() < 0.75;
        firms.push({ uscc: makeUscc(), name: `重庆基准企业${count + firms.length + 1}有限公司`, industry: hr ? 'L' : r.pick(['I', 'M', 'C']), isHrService: hr, platformId: p.id, mode: r.rand() < 0.85 ? 'offline' : r.pick(['online', 'agreement'] as const) });
      }
    }
    const ids = await db.insert(enterprises).values(firms.map((f) => ({ uscc: f.uscc, name: f.name, industry: f.industry, isHrService: f.isHrService }))).returning({ id: enterprises.id, uscc: enterprises.uscc });
    const idOf = new Map(ids.map((row) => [row.uscc, row.id]));
    const rows: (typeof residences.$inferInsert)[] = [];
    const flags: (typeof enterpriseYears.$inferInsert)[] = [];
    for (const year of years) {
      for (const f of firms) {
        if (several && r.rand() < 0.1) continue;
        const enterpriseId = idOf.get(f.uscc) ?? '';
        const above = r.rand() < 0.2;
        const revenue = BigInt(above ? r.int(5_000, 30_000) : r.int(100, 2_500)) * 10_000n;
        rows.push({
          platformId: f.platformId, enterpriseId, year, mode: f.mode, entryDate: `${r.int(2018, year)}-0${r.int(1, 6)}-10`, exitDate: several && r.rand() < 0.05 ? `${year}-06-30` : null,
          revenueYuan: revenue, passThroughYuan: f.isHrService ? (revenue * BigInt(r.int(5, 35))) / 100n : 0n, taxYuan: (revenue * BigInt(r.int(15, 40))) / 1000n,
        });
        flags.push({ enterpriseId, year, aboveScale: above });
      }
    }
    for (const c of chunks(flags, 5000)) await db.insert(enterpriseYears).values(c);
    for (const c of chunks(rows, 5000)) await db.insert(residences).values(c);
    count += rows.length;
  }
  return count;
}

/** The registry of `count` platforms with the data of `years`. */
export async function generateRegistry(db: Db, r: Random, count: number, years: number[]): Promise<Registry> {
  const districtCodes = (await db.execute<{ code: string }>('select code from districts order by code')).rows.map((row) => row.code);
  const gen = await generatePlatforms(db, r, count, districtCodes);
  for (const part of chunks(gen, 1000)) {
    await db.insert(platformSites).values(part.map((p) => ({ platformId: p.id, name: '主场地', address: '重庆市某区某路 1 号', buildingArea: String(Math.round((p.type === 'specialized_market' ? 1_000 : 6_000) * p.scale * (0.8 + r.rand() * 0.6))) })));
    await db.insert(platformStaff).values(part.flatMap((p) => [
      ...Array.from({ length: 2 }, (_, k) => ({ platformId: p.id, name: `管理${k}`, team: 'management' as const, fullTime: true })),
      ...Array.from({ length: Math.max(2, Math.round(5 * p.scale)) }, (_, k) => ({ platformId: p.id, name: `运营${k}`, team: 'operating' as const, fullTime: true, professionalTitle: k < 2 ? '经济师' : null })),
    ]));
    await db.insert(platformYearData).values(part.flatMap((p) => years.map((year) => ({ platformId: p.id, year, data: yearData(r, p.type, p.scale) }))));
  }
  return { platforms: gen, residences: await generateResidents(db, r, gen, years), districtCodes };
}
