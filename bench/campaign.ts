/**
 * A whole annual campaign on generated data, printed as figures (no pass/fail): N platforms
 * (national / municipal / district, all three types, with sites, staff, residents and the year's
 * data so that every sheet scores) go through the real use cases, called in the service layer with
 * the actor of each step, so the figures measure HRSP rather than HTTP:
 * create + open, district applications, self-evaluation (save + submit), district review (rows
 * accepted + forward), municipal review (assign, score, submit, finish), conditions re-check, panel,
 * grading, publication with proposals. Per stage: wall time, entries, ms per entry, peak RSS.
 * Run: npx tsx bench/campaign.ts [platforms, default 2000]. Uses DATABASE_URL (an admin URL; a scratch
 * database is made and dropped) or an embedded PostgreSQL in a temp folder.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openDatabase, type Db } from '../src/db/client.js';
import { applyMigrations } from '../src/db/migrate.js';
import {
  enterprises, enterpriseYears, evaluationEntries, evaluations, organizations, platforms, platformSites, platformStaff, platformYearData, residences, users,
} from '../src/db/schema/index.js';
import type { Actor } from '../src/domain/auth/actor.js';
import type { Role } from '../src/domain/auth/roles.js';
import type { YearData } from '../src/domain/platforms/year-data.js';
import type { PlatformLevel, PlatformType } from '../src/domain/rules/scheme-types.js';
import { benchDatabase } from './database.js';
import { seedReference } from '../src/server/bootstrap/reference.js';
import { todayIso } from '../src/server/clock.js';
import type { RequestContext } from '../src/server/context.js';
import { forwardEntry, reviewRows } from '../src/server/evaluations/2-district-review/service.js';
import { assignExpert, finishReview, saveOwnAssignment, submitOwnAssignment } from '../src/server/evaluations/3-expert-review/service.js';
import { decide, gradeAll, panelView, recheckConditions } from '../src/server/evaluations/4-panel/service.js';
import { listProposals } from '../src/server/evaluations/5-publication/proposals.js';
import { publish } from '../src/server/evaluations/5-publication/service.js';
import { judgedRows } from '../src/server/evaluations/3-expert-review/review-sheet.js';
import { getEntry, saveEntry, submitEntry } from '../src/server/evaluations/1-self-evaluation/service.js';
import { applyForDistrictPlatform, createEvaluation, listEntries, openEvaluation } from '../src/server/evaluations/campaign/service.js';
import { loadScheme } from '../src/server/schemes/service.js';
import { makeUscc } from '../test/factories.js';

const PLATFORMS = Number(process.argv[2] ?? 2000);
const YEAR = 2025;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

// ——— Database ———


// ——— Generated registry ———

// A small seeded PRNG (mulberry32), so that runs are comparable.
let seed = 20251231;
const rand = (): number => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)] as T;
const chunks = <T>(xs: readonly T[], n: number): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));

interface GenPlatform { id: string; level: PlatformLevel; type: PlatformType; districtCode: string; operatorOrgId: string; operatorUserId: string; operatorName: string }

/** The year's operating data of one platform, of a realistic size scaled by `s` (0.3 … 2.5). */
function yearData(type: PlatformType, s: number): YearData {
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

async function user(db: Db, role: Role, organizationId: string, username: string, displayName: string): Promise<string> {
  const [row] = await db.insert(users).values({ username, displayName, role, organizationId, passwordHash: 'bench-no-login', mustChangePassword: false }).returning({ id: users.id });
  if (!row) throw new Error('user');
  return row.id;
}

async function org(db: Db, kind: 'bureau' | 'district' | 'operator' | 'expert_pool', name: string, code: string, districtCode: string | null): Promise<string> {
  const [row] = await db.insert(organizations).values({ kind, name, code, districtCode }).returning({ id: organizations.id });
  if (!row) throw new Error('org');
  return row.id;
}

interface World {
  bureau: RequestContext;
  experts: RequestContext[];
  district: Map<string, RequestContext>;
  operator: Map<string, RequestContext>;
  platforms: GenPlatform[];
  residents: number;
}

const context = (actor: Actor): RequestContext => ({ actor, ip: null, userAgent: 'bench/campaign.ts' });

/** Bulk inserts: the registry is input to the benchmark, not what it measures. */
async function generate(db: Db): Promise<World> {
  const districtCodes = (await db.execute<{ code: string }>(`select code from districts order by code`)).rows.map((r) => r.code);
  const bureauOrg = await org(db, 'bureau', '重庆市人力资源和社会保障局（基准）', 'BENCH-BUREAU', null);
  const bureau = context({ userId: await user(db, 'bureau', bureauOrg, 'bench.bureau', '市局（基准）'), username: 'bench.bureau', role: 'bureau', organizationId: bureauOrg, organizationName: '市局', districtCode: null });
  const poolOrg = await org(db, 'expert_pool', '评审专家库（基准）', 'BENCH-EXPERTS', null);
  const experts: RequestContext[] = [];
  for (const k of [1, 2]) {
    const username = `bench.expert${k}`;
    experts.push(context({ userId: await user(db, 'expert', poolOrg, username, `专家${k}`), username, role: 'expert', organizationId: poolOrg, organizationName: '专家库', districtCode: null }));
  }
  const district = new Map<string, RequestContext>();
  for (const code of districtCodes) {
    const o = await org(db, 'district', `${code} 人力社保局（基准）`, `BENCH-HRSS-${code}`, code);
    const username = `bench.hrss.${code}`;
    district.set(code, context({ userId: await user(db, 'district', o, username, `${code} 经办人`), username, role: 'district', organizationId: o, organizationName: `${code} 人力社保局`, districtCode: code }));
  }

  // Platforms: 2 % national, 60 % municipal, the rest district-level; the three types in turn.
  const types: PlatformType[] = ['comprehensive_park', 'specialized_park', 'specialized_market'];
  const specs = Array.from({ length: PLATFORMS }, (_, i) => {
    const level: PlatformLevel = i % 50 === 0 ? 'national' : i % 5 < 3 ? 'municipal' : 'district';
    const type = types[i % 3] ?? 'comprehensive_park';
    const districtCode = pick(districtCodes);
    return { i, level, type, districtCode, scale: level === 'national' ? 2.5 + rand() * 1.5 : level === 'municipal' ? 1 + rand() * 1.4 : 0.6 + rand() * 1.2 };
  });
  const orgRows = await db.insert(organizations).values(specs.map((s) => ({ kind: 'operator' as const, name: `基准运营机构${s.i + 1}`, code: `BENCH-OP-${s.i + 1}`, districtCode: s.districtCode })))
    .returning({ id: organizations.id, code: organizations.code });
  const orgOf = new Map(orgRows.map((r) => [r.code, r.id]));
  const gen: (GenPlatform & { scale: number })[] = [];
  for (const part of chunks(specs, 1000)) {
    const rows = await db.insert(platforms).values(part.map((s) => ({
      name: `基准${s.type === 'specialized_market' ? '人才市场' : '人力资源服务产业园'}${String(s.i + 1).padStart(4, '0')}`, level: s.level, type: s.type, districtCode: s.districtCode,
      operatorOrgId: orgOf.get(`BENCH-OP-${s.i + 1}`) ?? '', status: s.level === 'district' ? 'filed' as const : s.i % 23 === 0 ? 'rectifying' as const : 'recognized' as const,
      recognizedAt: `${int(2019, 2024)}-${String(int(1, 12)).padStart(2, '0')}-15`, orientation: s.type === 'specialized_park' ? pick(['industry', 'service_line'] as const) : null,
    }))).returning({ id: platforms.id });
    rows.forEach((r, k) => {
      const s = part[k];
      if (s) gen.push({ id: r.id, level: s.level, type: s.type, districtCode: s.districtCode, operatorOrgId: orgOf.get(`BENCH-OP-${s.i + 1}`) ?? '', operatorUserId: '', operatorName: `基准运营机构${s.i + 1}`, scale: s.scale });
    });
  }
  const userRows = await db.insert(users).values(gen.map((p, k) => ({
    username: `bench.op.${k + 1}`, displayName: `运营专员${k + 1}`, role: 'operator' as const, organizationId: p.operatorOrgId, passwordHash: 'bench-no-login', mustChangePassword: false,
  }))).returning({ id: users.id, organizationId: users.organizationId });
  const userOf = new Map(userRows.map((u) => [u.organizationId, u.id]));
  const operator = new Map<string, RequestContext>();
  for (const p of gen) {
    p.operatorUserId = userOf.get(p.operatorOrgId) ?? '';
    operator.set(p.id, context({ userId: p.operatorUserId, username: `op-${p.id}`, role: 'operator', organizationId: p.operatorOrgId, organizationName: p.operatorName, districtCode: p.districtCode }));
  }

  // Sites, staff, year data.
  for (const part of chunks(gen, 1000)) {
    await db.insert(platformSites).values(part.map((p) => ({ platformId: p.id, name: '主场地', address: '重庆市某区某路 1 号', buildingArea: String(Math.round((p.type === 'specialized_market' ? 1_000 : 6_000) * p.scale * (0.8 + rand() * 0.6))) })));
    await db.insert(platformStaff).values(part.flatMap((p) => [
      ...Array.from({ length: 2 }, (_, k) => ({ platformId: p.id, name: `管理${k}`, team: 'management' as const, fullTime: true })),
      ...Array.from({ length: Math.max(2, Math.round(5 * p.scale)) }, (_, k) => ({ platformId: p.id, name: `运营${k}`, team: 'operating' as const, fullTime: true, professionalTitle: k < 2 ? '经济师' : null })),
    ]));
    await db.insert(platformYearData).values(part.map((p) => ({ platformId: p.id, year: YEAR, data: yearData(p.type, p.scale) })));
  }

  // Residents: 6–40 per platform by scale; HR enterprises mostly, a few above scale, some online.
  let residents = 0;
  for (const part of chunks(gen, 100)) {
    const firms: { uscc: string; name: string; industry: string; isHrService: boolean; above: boolean; platformId: string; mode: 'offline' | 'online' | 'agreement'; revenue: bigint }[] = [];
    for (const p of part) {
      const count = Math.max(6, Math.round(16 * p.scale * (0.7 + rand() * 0.6)));
      for (let k = 0; k < count; k++) {
        const hr = rand() < 0.75;
        const above = rand() < 0.2;
        firms.push({
          uscc: makeUscc(), name: `重庆基准企业${residents + firms.length + 1}有限公司`, industry: hr ? 'L' : pick(['I', 'M', 'C']), isHrService: hr, above, platformId: p.id,
          mode: rand() < 0.85 ? 'offline' : pick(['online', 'agreement'] as const), revenue: BigInt(above ? int(5_000, 30_000) : int(100, 2_500)) * 10_000n,
        });
      }
    }
    const ids = await db.insert(enterprises).values(firms.map((f) => ({ uscc: f.uscc, name: f.name, industry: f.industry, isHrService: f.isHrService }))).returning({ id: enterprises.id, uscc: enterprises.uscc });
    const idOf = new Map(ids.map((r) => [r.uscc, r.id]));
    await db.insert(enterpriseYears).values(firms.map((f) => ({ enterpriseId: idOf.get(f.uscc) ?? '', year: YEAR, aboveScale: f.above })));
    await db.insert(residences).values(firms.map((f) => ({
      platformId: f.platformId, enterpriseId: idOf.get(f.uscc) ?? '', year: YEAR, mode: f.mode, entryDate: `${int(2018, 2025)}-0${int(1, 6)}-10`, exitDate: null,
      revenueYuan: f.revenue, passThroughYuan: f.isHrService ? (f.revenue * BigInt(int(5, 35))) / 100n : 0n, taxYuan: (f.revenue * BigInt(int(15, 40))) / 1000n,
    })));
    residents += firms.length;
  }
  return { bureau, experts, district, operator, platforms: gen, residents };
}

/**
 * Last year's campaign, published, as a fixture (inserted directly, as in the panel tests): 5 % of the
 * municipal platforms were 不合格, so that two years running gives removal proposals (Art 32 (二)).
 */
async function previousYear(db: Db, w: World): Promise<void> {
  const [prev] = await db.insert(evaluations).values({
    year: YEAR - 1, schemeId: 'cq-2025', selfEvaluationEnd: `${YEAR - 1}-03-01`, districtReviewEnd: `${YEAR - 1}-04-01`, municipalReviewEnd: `${YEAR - 1}-05-01`,
    status: 'published', publishedAt: new Date(), results: { note: 'bench fixture' },
  }).returning({ id: evaluations.id });
  if (!prev) throw new Error('previous campaign');
  const municipal = w.platforms.filter((p) => p.level === 'municipal');
  await db.insert(evaluationEntries).values(municipal.map((p, k) => ({
    evaluationId: prev.id, platformId: p.id, level: p.level, type: p.type, factor: '1', status: 'published' as const, reviewedTotal: '70', grade: k % 20 === 0 ? 'fail' as const : 'pass' as const, gradeSource: 'computed' as const,
  })));
}

// ——— Stages ———

interface Stage { name: string; ms: number; entries: number; peak: number; queries: number }
const stages: Stage[] = [];

// Round trips to PostgreSQL, counted per stage: on a busy machine each one costs more than the work around it.
let queries = 0;
const clientQuery: unknown = Reflect.get(pg.Client.prototype, 'query');
if (typeof clientQuery !== 'function') throw new Error('pg.Client.prototype.query');
Reflect.set(pg.Client.prototype, 'query', function counted(this: pg.Client, ...args: unknown[]): unknown {
  queries++;
  const result: unknown = Reflect.apply(clientQuery, this, args);
  return result;
});

async function stage<T>(name: string, entries: number | ((r: T) => number), run: () => Promise<T>): Promise<T> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
  const q0 = queries;
  const t0 = performance.now();
  const r = await run();
  const ms = performance.now() - t0;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const n = typeof entries === 'number' ? entries : entries(r);
  const q = queries - q0;
  stages.push({ name, ms, entries: n, peak, queries: q });
  const per = (x: number, digits: number) => (n > 0 ? (x / n).toFixed(digits) : '–');
  console.log(`  ${name.padEnd(50)} ${(ms / 1000).toFixed(2).padStart(7)} s ${String(n).padStart(5)} entries ${per(ms, 2).padStart(7)} ms/entry ${per(q, 1).padStart(6)} queries/entry  peak RSS ${mb(peak)}`);
  return r;
}

/** Runs `work` over `items` with `concurrency` in flight (the pool has 10 connections). */
async function each<T>(items: readonly T[], concurrency: number, work: (x: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const x = items[next++];
      if (x !== undefined) await work(x);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

const shift = (n: number) => new Date(Date.parse(`${todayIso()}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function main(): Promise<void> {
  const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 1);
  const dbInfo = await benchDatabase('campaign');
  const handle = openDatabase(dbInfo.url, 10);
  const { db } = handle;
  try {
    await applyMigrations(db);
    await seedReference(db);
    const t0 = performance.now();
    const w = await generate(db);
    await previousYear(db, w);
    const byLevel = (l: PlatformLevel) => w.platforms.filter((p) => p.level === l).length;
    console.log(`campaign of ${PLATFORMS} generated platforms (${byLevel('national')} national, ${byLevel('municipal')} municipal, ${byLevel('district')} district-level; ${w.residents.toLocaleString('en-US')} residents), generated in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${CONCURRENCY} call(s) in flight`);
    const scheme = (await loadScheme(db, 'cq-2025')).scheme;
    const platformOf = new Map(w.platforms.map((p) => [p.id, p]));

    const evaluationId = await stage('1 create + open (participants, prefill)', (r: { entries: number }) => r.entries, async () => {
      const e = await createEvaluation(db, w.bureau, { year: YEAR, schemeId: 'cq-2025', selfEvaluationEnd: shift(14), districtReviewEnd: shift(28), municipalReviewEnd: shift(56) });
      return openEvaluation(db, w.bureau, e.id);
    }).then((r) => r.id);
    const districtPlatforms = w.platforms.filter((p) => p.level === 'district');
    await stage('1b district applications (Art 33)', districtPlatforms.length, () => each(districtPlatforms, CONCURRENCY, async (p) => {
      const ctx = w.district.get(p.districtCode);
      if (!ctx) throw new Error('district actor');
      await applyForDistrictPlatform(db, ctx, evaluationId, p.id);
    }));
    const entries = await listEntries(db, w.bureau, evaluationId);
    const unscorable = entries.filter((x) => x.selfTotal === null).length;
    if (unscorable > 0) throw new Error(`${unscorable} entries cannot be scored`);

    await stage('2 self-evaluation: save texts + submit', entries.length, () => each(entries, CONCURRENCY, async (x) => {
      const ctx = w.operator.get(x.platformId);
      if (!ctx) throw new Error('operator actor');
      const codes = scheme.tables[x.type].rows.slice(0, 3).map((r) => r.code);
      await saveEntry(db, ctx, evaluationId, x.id, { rowTexts: Object.fromEntries(codes.map((c) => [c, `${c} 情况说明：见佐证材料。`])) });
      await submitEntry(db, ctx, evaluationId, x.id);
    }));

    await stage('3 district review: accept rows + forward', entries.length, () => each(entries, CONCURRENCY, async (x) => {
      const ctx = w.district.get(platformOf.get(x.platformId)?.districtCode ?? '');
      if (!ctx) throw new Error('district actor');
      const detail = await getEntry(db, ctx, evaluationId, x.id);
      const counted = detail.sheet?.rows.filter((r) => r.counted).map((r) => r.code) ?? [];
      await reviewRows(db, ctx, evaluationId, x.id, counted.map((code) => ({ code, decision: 'accepted' as const })));
      await forwardEntry(db, ctx, evaluationId, x.id);
    }));

    const [expertA, expertB] = w.experts;
    if (!expertA || !expertB) throw new Error('experts');
    let secondOpinions = 0;
    await stage('4 municipal review: assign, score, submit, finish', entries.length, () => each(entries, CONCURRENCY, async (x) => {
      const panel = x.level === 'national' || x.platformName.endsWith('0') ? [expertA, expertB] : [expertA];
      if (panel.length > 1) secondOpinions++;
      for (const ex of panel) {
        await assignExpert(db, w.bureau, evaluationId, x.id, { expertUserId: ex.actor.userId });
        const judgedScores = Object.fromEntries(judgedRows(scheme, x.type).map((r) => {
          const cap = Number(r.cap);
          const step = Number(r.step);
          return [r.fact, String(Math.round((cap * (0.6 + rand() * 0.4)) / step) * step)];
        }));
        await saveOwnAssignment(db, ex, evaluationId, x.id, { judgedScores, siteVisit: { date: todayIso(), participants: [ex.actor.username], findings: '现场核查：场地、人员与材料相符。' } });
        await submitOwnAssignment(db, ex, evaluationId, x.id);
      }
      await finishReview(db, w.bureau, evaluationId, x.id);
    }));
    console.log(`    (${secondOpinions} entries with a second expert)`);

    await stage('5 conditions re-check (municipal, Art 31)', (r: unknown[]) => r.length, () => recheckConditions(db, w.bureau, evaluationId));

    const panel = await stage('6 panel: grade() on every reviewed entry', (r: { ranking: unknown[] }) => r.ranking.length, () => panelView(db, evaluationId));
    const held = panel.held.filter((h) => !h.decided);
    await stage(`6b panel decisions on held ties (${held.length})`, held.length, async () => {
      for (const [k, h] of held.entries()) {
        await decide(db, w.bureau, evaluationId, h.entryId, { grade: k % 2 === 0 ? 'excellent' : 'pass', reason: '评审会议综合现场核查情况决定' });
      }
    });
    const graded = await stage('7 grading (reviewed → graded)', (r: { ranking: unknown[] }) => r.ranking.length, () => gradeAll(db, w.bureau, evaluationId));
    const results = await stage('8 publication + proposals', (r: { items: unknown[] }) => r.items.length, async () => {
      const res = await publish(db, w.bureau, evaluationId);
      const proposals = await listProposals(db, evaluationId);
      console.log(`    (${proposals.filter((p) => p.kind === 'removal').length} removal and ${proposals.filter((p) => p.kind === 'promotion').length} promotion proposals)`);
      return res;
    });
    const count = (g: string) => graded.ranking.filter((r) => (r as { grade: string }).grade === g).length;
    console.log(`  grades: ${count('excellent')} 优秀, ${count('pass')} 合格, ${count('fail')} 不合格; ${results.items.length} published`);
    const total = stages.reduce((s, x) => s + x.ms, 0);
    console.log(`  total ${(total / 1000).toFixed(1)} s, peak RSS ${mb(Math.max(...stages.map((s) => s.peak)))}`);
  } finally {
    await handle.close();
    await dbInfo.stop();
  }
}

await main();
