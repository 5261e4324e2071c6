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
import { evaluationEntries, evaluations, organizations, users } from '../src/db/schema/index.js';
import type { Actor } from '../src/domain/auth/actor.js';
import type { Role } from '../src/domain/auth/roles.js';
import type { PlatformLevel } from '../src/domain/rules/scheme-types.js';
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
import { generateRegistry, seeded, type GenPlatform } from './generate.js';

const PLATFORMS = Number(process.argv[2] ?? 2000);
const YEAR = 2025;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

// One seeded sequence for the registry and the experts' scores, so that runs are comparable.
const random = seeded(20251231);
const { rand } = random;

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

  const registry = await generateRegistry(db, random, PLATFORMS, [YEAR]);
  const operator = new Map<string, RequestContext>();
  for (const p of registry.platforms) {
    operator.set(p.id, context({ userId: p.operatorUserId, username: `op-${p.id}`, role: 'operator', organizationId: p.operatorOrgId, organizationName: p.operatorName, districtCode: p.districtCode }));
  }
  return { bureau, experts, district, operator, platforms: registry.platforms, residents: registry.residences };
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
