/**
 * The statistics screen's aggregate endpoints and the home workbench on generated data, printed as
 * figures (goal: each under 100 ms): 2,000 platforms (the registry of bench/generate.ts), five years
 * (2021–2025) of residents and year data, one published evaluation (2024) and one under review (2025,
 * some entries submitted with self and reviewed totals). Every endpoint is called through the app
 * (app.inject: routing, zod, serialization included) as the bureau and as a district unit (the home
 * page also as an operator), a few warm-up calls then N timed ones: median and max.
 * Run: npm run bench:dashboard -- [platforms, default 2000] [timed calls, default 15]. Uses DATABASE_URL
 * (an admin URL; a scratch database is made and dropped) or an embedded PostgreSQL in a temp folder.
 */
import { performance } from 'node:perf_hooks';
import { openDatabase, type Db } from '../src/db/client.js';
import { applyMigrations } from '../src/db/migrate.js';
import { evaluationEntries, evaluations } from '../src/db/schema/index.js';
import { seedReference } from '../src/server/bootstrap/reference.js';
import { loginAs, testApp, type Client } from '../test/app.js';
import { makeUser } from '../test/factories.js';
import { benchDatabase } from './database.js';
import { chunks, generateRegistry, seeded, type Registry } from './generate.js';

const PLATFORMS = Number(process.argv[2] ?? 2000);
const RUNS = Number(process.argv[3] ?? 15);
const YEARS = [2021, 2022, 2023, 2024, 2025];
const LAST = 2025;

const random = seeded(20261206);
const { rand, int, pick } = random;

/**
 * The shared generated registry over five years, then one published evaluation (2024) and one under
 * review (2025), inserted directly: every entry pre-filled with a figure, some changed by the operator.
 */
async function generate(db: Db): Promise<Registry & { districtCode: string }> {
  const registry = await generateRegistry(db, random, PLATFORMS, YEARS);
  for (const [year, status] of [[2024, 'published'], [2025, 'open']] as const) {
    const [e] = await db.insert(evaluations).values({ year, schemeId: 'cq-2025', selfEvaluationEnd: `${year}-03-01`, districtReviewEnd: `${year}-04-01`, municipalReviewEnd: `${year}-05-01`, status })
      .returning({ id: evaluations.id });
    if (!e) throw new Error('evaluation');
    const entered = registry.platforms.filter((p) => p.level !== 'district');
    for (const part of chunks(entered, 1000)) {
      await db.insert(evaluationEntries).values(part.map((p) => {
        const self = 60 + rand() * 35;
        const reviewed = self - rand() * 15;
        const prefilled = { residentRevenueYuan: String(int(1, 9) * 1_000_000) };
        return {
          evaluationId: e.id, platformId: p.id, level: p.level, type: p.type, factor: '1',
          status: status === 'published' ? 'published' as const : pick(['draft', 'submitted', 'reviewed'] as const),
          selfTotal: self.toFixed(2), reviewedTotal: reviewed.toFixed(2),
          grade: status === 'published' ? pick(['excellent', 'pass', 'pass', 'pass', 'fail'] as const) : null,
          facts: rand() < 0.1 ? { residentRevenueYuan: String(int(1, 9) * 1_000_000 + 1) } : prefilled, prefilledFacts: prefilled,
        };
      }));
    }
  }
  const busiest = [...registry.platforms.reduce((m, p) => m.set(p.districtCode, (m.get(p.districtCode) ?? 0) + 1), new Map<string, number>())].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '500107';
  return { ...registry, districtCode: busiest };
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
    // The operator of the first (national) platform: it has entries in both campaigns.
    const operator = await loginAs(app, (await makeUser(db, 'operator', { organizationId: w.platforms[0]?.operatorOrgId ?? '' })).username);
    const staff = [['bureau', bureau], ['district', district]] as const;
    const targets: [string, string, readonly (readonly [string, Client])[]][] = [
      ['figures（年度主要指标）', `/statistics/figures?year=${LAST}`, staff],
      ['figures，筛选性质+级别', `/statistics/figures?year=${LAST}&type=specialized_market&level=municipal`, staff],
      ['trends（5 个年度）', `/statistics/trends?from=${LAST - 4}&to=${LAST}`, staff],
      ['grades（等次分布）', `/statistics/grades?year=${LAST - 1}`, staff],
      ['anomalies（异常提示）', `/statistics/anomalies?year=${LAST}`, staff],
      ['export districts（.xlsx）', `/statistics/export?chart=districts&year=${LAST}`, staff],
      ['home（首页工作台）', '/home', [...staff, ['operator', operator]]],
    ];
    console.log(`\n${'endpoint'.padEnd(34)} ${'role'.padEnd(9)} ${'median'.padStart(9)} ${'max'.padStart(9)}  status`);
    for (const [name, url, clients] of targets) {
      for (const [role, client] of clients) {
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
