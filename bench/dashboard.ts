/**
 * The statistics screen's aggregate endpoints on generated data, printed as figures (goal: each
 * under 100 ms): 2,000 platforms (national / municipal / district, all three types, spread over the
 * districts), five years (2021–2025) of residents and year data, one published evaluation (2024)
 * and one under review (2025, some entries submitted with self and reviewed totals). Every endpoint
 * is called through the app (app.inject: routing, zod, serialization included) as the bureau and as
 * a district unit, a few warm-up calls then N timed ones: median and max.
 * Run: npm run bench:dashboard -- [platforms, default 2000] [timed calls, default 15]. Uses DATABASE_URL
 * (an admin URL; a scratch database is made and dropped) or an embedded PostgreSQL in a temp folder.
 */
import { performance } from 'node:perf_hooks';
import { openDatabase, type Db } from '../src/db/client.js';
import { applyMigrations } from '../src/db/migrate.js';
import { enterprises, enterpriseYears, evaluationEntries, evaluations, organizations, platforms, platformYearData, residences } from '../src/db/schema/index.js';
import type { PlatformLevel, PlatformType } from '../src/domain/rules/scheme-types.js';
import { seedReference } from '../src/server/bootstrap/reference.js';
import { loginAs, testApp } from '../test/app.js';
import { makeUscc, makeUser } from '../test/factories.js';
import { benchDatabase } from './database.js';

const PLATFORMS = Number(process.argv[2] ?? 2000);
const RUNS = Number(process.argv[3] ?? 15);
const YEARS = [2021, 2022, 2023, 2024, 2025];
const LAST = 2025;

// A seeded PRNG (mulberry32) so runs are comparable.
let seed = 20261206;
const rand = (): number => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)] as T;
const chunks = <T>(xs: readonly T[], n: number): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));

const levelOf = (i: number): PlatformLevel => (i % 50 === 0 ? 'national' : i % 5 < 3 ? 'municipal' : 'district');

interface Gen { id: string; level: PlatformLevel; type: PlatformType; districtCode: string; firms: string[] }

function yearData(type: PlatformType, s: number): Record<string, unknown> {
  const n = (x: number) => Math.max(0, Math.round(x * s * (0.7 + rand() * 0.6)));
  switch (type) {
    case 'comprehensive_park':
      return { platformTaxYuan: n(380_000), employersServed: n(1_300), jobsPromoted: n(8_600) };
    case 'specialized_park':
      return { industryTalentSupplied: { bachelorOrBelow: n(2_000), postgraduate: n(300) }, serviceLineTalentServed: { bachelorOrBelow: n(1_500), postgraduate: n(150) } };
    case 'specialized_market':
      return { ownRevenueYuan: n(12_000_000), personTimesServed: { bachelorOrBelow: n(7_000), postgraduate: n(1_500) }, placedInChongqing: { bachelorOrBelow: n(2_000) } };
  }
}

/** Bulk inserts: the data is the benchmark's input, not what it measures. */
async function generate(db: Db): Promise<{ platforms: Gen[]; residences: number; districtCode: string }> {
  const districtCodes = (await db.execute<{ code: string }>('select code from districts order by code')).rows.map((r) => r.code);
  const types: PlatformType[] = ['comprehensive_park', 'specialized_park', 'specialized_market'];
  const specs = Array.from({ length: PLATFORMS }, (_, i) => ({
    i, level: levelOf(i), type: types[i % 3] ?? 'comprehensive_park', districtCode: pick(districtCodes), scale: 0.6 + rand() * 2,
  }));
  const orgRows = await db.insert(organizations).values(specs.map((s) => ({ kind: 'operator' as const, name: `基准运营机构${s.i + 1}`, code: `BENCH-OP-${s.i + 1}`, districtCode: s.districtCode })))
    .returning({ id: organizations.id });
  const gen: (Gen & { scale: number })[] = [];
  for (const part of chunks(specs, 1000)) {
    const rows = await db.insert(platforms).values(part.map((s) => ({
      name: `基准平台${String(s.i + 1).padStart(4, '0')}`, level: s.level, type: s.type, districtCode: s.districtCode, operatorOrgId: orgRows[s.i]?.id ?? null,
      status: s.level === 'district' ? 'filed' as const : 'recognized' as const,
    }))).returning({ id: platforms.id });
    rows.forEach((r, k) => {
      const s = part[k];
      if (s) gen.push({ id: r.id, level: s.level, type: s.type, districtCode: s.districtCode, firms: [], scale: s.scale });
    });
  }
  // Each platform keeps its enterprises over the years (a few leave, revenue moves), so year-on-year rules have something to read.
  let count = 0;
  for (const part of chunks(gen, 100)) {
    const firms = part.flatMap((p) => Array.from({ length: Math.max(6, Math.round(14 * p.scale)) }, () => ({ p, uscc: makeUscc() })));
    const ids = await db.insert(enterprises).values(firms.map((f, k) => ({ uscc: f.uscc, name: `重庆基准企业${count + k}有限公司`, industry: 'L', isHrService: true }))).returning({ id: enterprises.id });
    firms.forEach((f, k) => { const id = ids[k]?.id; if (id) f.p.firms.push(id); });
    const rows = [];
    const years = [];
    for (const p of part) {
      for (const year of YEARS) {
        for (const enterpriseId of p.firms) {
          if (rand() < 0.1) continue;
          const above = rand() < 0.2;
          const revenue = BigInt(above ? int(5_000, 30_000) : int(100, 2_500)) * 10_000n;
          rows.push({ platformId: p.id, enterpriseId, year, mode: rand() < 0.85 ? 'offline' as const : 'online' as const, revenueYuan: revenue, taxYuan: revenue / 40n, exitDate: rand() < 0.05 ? `${year}-06-30` : null });
          years.push({ enterpriseId, year, aboveScale: above });
        }
      }
    }
    for (const c of chunks(rows, 5000)) await db.insert(residences).values(c);
    for (const c of chunks(years, 5000)) await db.insert(enterpriseYears).values(c).onConflictDoNothing();
    count += rows.length;
  }
  for (const part of chunks(gen, 1000)) {
    await db.insert(platformYearData).values(part.flatMap((p) => YEARS.map((year) => ({ platformId: p.id, year, data: yearData(p.type, p.scale) }))));
  }
  for (const [year, status] of [[2024, 'published'], [2025, 'open']] as const) {
    const [e] = await db.insert(evaluations).values({ year, schemeId: 'cq-2025', selfEvaluationEnd: `${year}-03-01`, districtReviewEnd: `${year}-04-01`, municipalReviewEnd: `${year}-05-01`, status })
      .returning({ id: evaluations.id });
    if (!e) throw new Error('evaluation');
    const entered = gen.filter((p) => p.level !== 'district');
    for (const part of chunks(entered, 1000)) {
      await db.insert(evaluationEntries).values(part.map((p) => {
        const self = 60 + rand() * 35;
        const reviewed = self - rand() * 15;
        return {
          evaluationId: e.id, platformId: p.id, level: p.level, type: p.type, factor: '1',
          status: status === 'published' ? 'published' as const : pick(['draft', 'submitted', 'reviewed'] as const),
          selfTotal: self.toFixed(2), reviewedTotal: reviewed.toFixed(2),
          grade: status === 'published' ? pick(['excellent', 'pass', 'pass', 'pass', 'fail'] as const) : null,
          facts: { residentRevenueYuan: String(int(1, 9) * 1_000_000) },
        };
      }));
    }
  }
  const busiest = [...gen.reduce((m, p) => m.set(p.districtCode, (m.get(p.districtCode) ?? 0) + 1), new Map<string, number>())].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '500107';
  return { platforms: gen, residences: count, districtCode: busiest };
}

async function main(): Promise<void> {
  const info = await benchDatabase('dashboard');
  const handle = openDatabase(info.url, 10);
  const { db } = handle;
  try {
    await applyMigrations(db);
    await seedReference(db);
    const t0 = performance.now();
    const w = await generate(db);
    await db.execute('analyze');
    console.log(`statistics on ${PLATFORMS} generated platforms, ${YEARS.length} years (${w.residences.toLocaleString('en-US')} residences), generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const app = await testApp(db);
    const bureau = await loginAs(app, (await makeUser(db, 'bureau')).username);
    const district = await loginAs(app, (await makeUser(db, 'district', { districtCode: w.districtCode })).username);
    const targets = [
      ['figures（年度主要指标）', `/statistics/figures?year=${LAST}`],
      ['figures，筛选性质+级别', `/statistics/figures?year=${LAST}&type=specialized_market&level=municipal`],
      ['trends（5 个年度）', `/statistics/trends?from=${LAST - 4}&to=${LAST}`],
      ['grades（等次分布）', `/statistics/grades?year=${LAST - 1}`],
      ['anomalies（异常提示）', `/statistics/anomalies?year=${LAST}`],
      ['export districts（.xlsx）', `/statistics/export?chart=districts&year=${LAST}`],
    ] as const;
    console.log(`\n${'endpoint'.padEnd(34)} ${'role'.padEnd(9)} ${'median'.padStart(9)} ${'max'.padStart(9)}  status`);
    for (const [name, url] of targets) {
      for (const [role, client] of [['bureau', bureau], ['district', district]] as const) {
        for (let k = 0; k < 3; k++) await client.call('GET', url);
        const times: number[] = [];
        let status = 0;
        for (let k = 0; k < RUNS; k++) {
          const s = performance.now();
          const res = await client.call('GET', url);
          times.push(performance.now() - s);
          status = res.statusCode;
        }
        times.sort((a, b) => a - b);
        const median = times[Math.floor(times.length / 2)] ?? 0;
        const max = times[times.length - 1] ?? 0;
        console.log(`${name.padEnd(30)} ${role.padEnd(9)} ${median.toFixed(1).padStart(7)} ms ${max.toFixed(1).padStart(7)} ms  ${status}${median >= 100 ? '  ← over 100 ms' : ''}`);
      }
    }
    await app.close();
  } finally {
    await handle.close();
    await info.stop();
  }
}

await main();
