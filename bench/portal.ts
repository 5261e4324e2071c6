/**
 * The public portal under load, as a citizen's browser meets it, printed as figures (no pass/fail):
 * the real `hrsp serve` runs as its own process on a generated database (5,000 platforms, one year's
 * published results), a bare Fastify process serves the very same bytes as constants (the
 * reference: what a route costs that does nothing), and a third process drives both with
 * autocannon, target after target in short rounds (HRSP, then the reference, then the next target),
 * so that both meet the same machine load. Per target: requests/second, p50, p99, errors (429s
 * included), the ratio to the reference (goal ≥ 50 %), and the server's RSS (idle, peak).
 *
 * Run: npm run bench:portal -- [seconds per run, default 3] [rounds, default 3] [connections, default 20].
 * Uses DATABASE_URL (an admin URL; a scratch database is made and dropped) or an embedded
 * PostgreSQL in a temp folder. The server's anonymous budget is lifted (HRSP_ADDRESS_RATE_LIMIT).
 */
import type { ChildProcess } from 'node:child_process';
import { hrspServe, loadResults, rssOf, stop, tsx, untilLine } from './processes.js';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Fastify from 'fastify';
import { openDatabase, type Db } from '../src/db/client.js';
import { applyMigrations } from '../src/db/migrate.js';
import { districts, evaluations, organizations, platforms } from '../src/db/schema/index.js';
import { platformLevels, platformTypes } from '../src/domain/platforms/codes.js';
import { seedReference } from '../src/server/bootstrap/reference.js';
import { freePort, untilStarted } from '../test/e2e-server.js';
import { testKeyFileText } from '../test/keys.js';
import { benchDatabase } from './database.js';

const PLATFORMS = 5_000;
const YEAR = 2025;
const API = '/api/v1';

/** What the portal's pages call. The home page is the directory's first page until a home route of its own exists. */
const TARGETS: { name: string; path: string }[] = [
  { name: '门户首页（名录第 1 页）', path: `${API}/public/platforms` },
  { name: '名录筛选（区县+级别，第 2 页）', path: `${API}/public/platforms?districtCode=500107&level=district&page=2` },
  { name: `${YEAR} 年度评估结果`, path: `${API}/public/evaluations/${YEAR}/results` },
  { name: '区县列表', path: `${API}/public/districts` },
];

interface LoadRun {
  url: string;
  seconds: number;
  connections: number;
}
interface LoadResult {
  ok: number;
  errors: number;
  rps: number;
  p50: number;
  p99: number;
}

// ——— The load process: autocannon, one run after another, results as JSON lines on stdout ———

async function loadProcess(configFile: string): Promise<void> {
  const { default: autocannon } = await import('autocannon');
  const runs = JSON.parse(fs.readFileSync(configFile, 'utf8')) as LoadRun[];
  for (const run of runs) {
    const r = await autocannon({ url: run.url, connections: run.connections, duration: run.seconds });
    const seconds = r.duration > 0 ? r.duration : run.seconds;
    const result: LoadResult = {
      ok: r['2xx'], errors: r.errors + r.timeouts + r.non2xx, rps: r['2xx'] / seconds, p50: r.latency.p50, p99: r.latency.p99,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
}

// ——— The reference process: bare Fastify, each target's bytes as a constant ———

async function referenceProcess(port: number, bodiesFile: string): Promise<void> {
  const bodies = (JSON.parse(fs.readFileSync(bodiesFile, 'utf8')) as string[]).map((b) => Buffer.from(b));
  const app = Fastify({ logger: false });
  bodies.forEach((body, i) => {
    app.get(`/ref/${i}`, (_req, reply) => reply.type('application/json; charset=utf-8').send(body));
  });
  await app.listen({ port, host: '127.0.0.1' });
  process.stdout.write('ready\n');
}

// ——— The orchestrator ———

/** 5,000 platforms across the districts, levels and types, and one year's results published for all of them. */
async function generate(db: Db): Promise<void> {
  const ds = await db.select({ code: districts.code, name: districts.name }).from(districts);
  const operators = await db.insert(organizations).values(Array.from({ length: 100 }, (_, i) => ({
    kind: 'operator' as const, name: `重庆第${i}号人力资源运营有限公司`, code: `BENCH-OP-${i}`, districtCode: ds[i % ds.length]?.code ?? '500107',
  }))).returning({ id: organizations.id });
  const made: { id: string; name: string; level: (typeof platformLevels)[number]; type: (typeof platformTypes)[number]; districtName: string }[] = [];
  for (let start = 0; start < PLATFORMS; start += 500) {
    const rows = Array.from({ length: Math.min(500, PLATFORMS - start) }, (_, k) => {
      const i = start + k;
      const level = i % 20 === 0 ? 'national' as const : i % 4 === 1 ? 'municipal' as const : 'district' as const;
      const d = ds[i % ds.length] ?? { code: '500107', name: '九龙坡区' };
      return {
        name: `${d.name}第${i}号人力资源服务产业园`, level, type: platformTypes[i % platformTypes.length] ?? 'comprehensive_park', districtCode: d.code,
        operatorOrgId: operators[i % operators.length]?.id ?? null, status: level === 'district' ? 'filed' as const : 'recognized' as const,
      };
    });
    const ids = await db.insert(platforms).values(rows).returning({ id: platforms.id });
    rows.forEach((r, k) => made.push({ id: ids[k]?.id ?? '', name: r.name, level: r.level, type: r.type, districtName: ds.find((d) => d.code === r.districtCode)?.name ?? '' }));
  }
  const grades = ['excellent', 'pass', 'pass', 'pass', 'fail'] as const;
  const labels = { excellent: '优秀', pass: '合格', fail: '不合格' } as const;
  const evaluationId = crypto.randomUUID();
  const items = made.map((p, i) => {
    const grade = grades[i % grades.length] ?? 'pass';
    return {
      entryId: crypto.randomUUID(), platformId: p.id, platformName: p.name, districtName: p.districtName, level: p.level, type: p.type,
      score: (60 + (i % 40)).toFixed(2), rank: i + 1, pool: 'all', grade, gradeLabel: labels[grade], gradeSource: 'computed' as const,
      reasons: [], recommendation: grade === 'fail' ? 'not_recommended' as const : 'supported' as const, recommendationText: '',
    };
  });
  // The frozen results as publication stores them; the server signs them (results code) when it starts.
  const results = {
    evaluationId, year: YEAR, schemeId: 'cq-2025', settings: { excellentMin: '85', passMin: '60', excellentShare: '0.3', pool: 'all' },
    pools: [{ pool: 'all', participants: items.length, cap: Math.floor(items.length * 0.3), excellent: items.filter((x) => x.grade === 'excellent').length, held: [], slotsForHeld: 0 }],
    warnings: [], items, proposals: [], excluded: [],
  };
  await db.insert(evaluations).values({
    id: evaluationId, year: YEAR, schemeId: 'cq-2025', selfEvaluationEnd: `${YEAR}-03-01`, districtReviewEnd: `${YEAR}-04-01`, municipalReviewEnd: `${YEAR}-05-01`,
    status: 'published', publishedAt: new Date(), results,
  });
}

const fmt = (n: number, digits = 0) => n.toFixed(digits).padStart(8);
/** Pads to a display width, counting a CJK character as two columns. */
const padWide = (s: string, width: number) => s + ' '.repeat(Math.max(0, width - s.length - (s.match(/[\u2e80-\uffff]/g)?.length ?? 0)));

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 3);
  const rounds = Number(process.argv[3] ?? 3);
  const connections = Number(process.argv[4] ?? 20);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hrsp-portal-bench-'));
  const database = await benchDatabase('portal');
  let server: ChildProcess | null = null;
  let reference: ChildProcess | null = null;
  let load: ChildProcess | null = null;
  try {
    let t0 = performance.now();
    const data = openDatabase(database.url, 4);
    await applyMigrations(data.db);
    await seedReference(data.db);
    await generate(data.db);
    await data.close();
    console.log(`数据：${PLATFORMS} 个平台、${YEAR} 年度已公布结果，生成用时 ${((performance.now() - t0) / 1000).toFixed(1)} 秒`);

    t0 = performance.now();
    const port = await freePort();
    const dataDir = path.join(tmp, 'data');
    fs.mkdirSync(dataDir);
    server = await hrspServe({
      ...process.env, DATABASE_URL: database.url, PORT: String(port), HOST: '127.0.0.1', HRSP_DATA_DIR: dataDir, HRSP_DEMO: 'off',
      HRSP_WEB_DIR: path.join(tmp, 'no-web'), LOG_LEVEL: 'warn', HRSP_SECRET_KEY: testKeyFileText,
      // One address sends everything: lift the anonymous budget (a 429 still counts as an error).
      HRSP_ADDRESS_RATE_LIMIT: '1000000',
    });
    await untilStarted(server, 120_000);
    const serverPid = server.pid ?? 0;
    const base = `http://127.0.0.1:${port}`;
    console.log(`hrsp serve 启动用时 ${((performance.now() - t0) / 1000).toFixed(1)} 秒（进程 ${serverPid}）`);

    // Each target once, cold (a cache miss) and warm; the reference serves the same bytes.
    const bodies: string[] = [];
    for (const t of TARGETS) {
      const c0 = performance.now();
      const cold = await fetch(base + t.path);
      const body = await cold.text();
      const coldMs = performance.now() - c0;
      if (cold.status !== 200) throw new Error(`${t.path}: ${cold.status} ${body.slice(0, 200)}`);
      const w0 = performance.now();
      const warm = await fetch(base + t.path);
      await warm.text();
      console.log(`  ${t.name}：${(body.length / 1024).toFixed(1)} KB，首次 ${coldMs.toFixed(1)} ms（${cold.headers.get('x-hrsp-cache') ?? '未缓存'}），再次 ${(performance.now() - w0).toFixed(1)} ms（${warm.headers.get('x-hrsp-cache') ?? '未缓存'}）`);
      bodies.push(body);
    }
    const bodiesFile = path.join(tmp, 'bodies.json');
    fs.writeFileSync(bodiesFile, JSON.stringify(bodies));
    const refPort = await freePort();
    reference = tsx(['bench/portal.ts', 'reference', String(refPort), bodiesFile]);
    await untilLine(reference, 'ready');
    const idle = rssOf(serverPid);

    const runs: LoadRun[] = [];
    for (let r = 0; r < rounds; r++) {
      TARGETS.forEach((t, i) => {
        runs.push({ url: base + t.path, seconds, connections });
        runs.push({ url: `http://127.0.0.1:${refPort}/ref/${i}`, seconds, connections });
      });
    }
    const runsFile = path.join(tmp, 'runs.json');
    fs.writeFileSync(runsFile, JSON.stringify(runs));
    console.log(`负载：autocannon 独立进程，${connections} 个连接，每次 ${seconds} 秒，${rounds} 轮（HRSP 与参照交替），共约 ${Math.ceil((runs.length * seconds) / 60)} 分钟`);
    let peakRss = idle.now;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, rssOf(serverPid).now);
    }, 100);
    load = tsx(['bench/portal.ts', 'load', runsFile]);
    const results = await loadResults<LoadResult>(load, runs.length).finally(() => clearInterval(sampler));

    const loadAvg = os.loadavg().map((x) => x.toFixed(2)).join(' ');
    console.log(`\n${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC，${os.cpus().length} 核 ${os.cpus()[0]?.model ?? ''}，负载均值 ${loadAvg}`);
    console.log(`${padWide('目标', 32)}HRSP req/s  p50 ms  p99 ms    错误 | 参照 req/s  p50 ms  p99 ms |     比例`);
    TARGETS.forEach((t, i) => {
      const mine = results.filter((_, k) => k % (TARGETS.length * 2) === i * 2);
      const ref = results.filter((_, k) => k % (TARGETS.length * 2) === i * 2 + 1);
      const sum = (xs: LoadResult[], f: (x: LoadResult) => number) => xs.reduce((s, x) => s + f(x), 0);
      const avg = (xs: LoadResult[], f: (x: LoadResult) => number) => sum(xs, f) / Math.max(1, xs.length);
      const rps = avg(mine, (x) => x.rps);
      const refRps = avg(ref, (x) => x.rps);
      console.log(`${padWide(t.name, 32)}  ${fmt(rps)}${fmt(avg(mine, (x) => x.p50), 1)}${fmt(Math.max(...mine.map((x) => x.p99)), 1)}${fmt(sum(mine, (x) => x.errors))} |   ${fmt(refRps)}${fmt(avg(ref, (x) => x.p50), 1)}${fmt(Math.max(...ref.map((x) => x.p99)), 1)} | ${fmt((100 * rps) / Math.max(1, refRps), 0)} %`);
    });
    const end = rssOf(serverPid);
    console.log(`服务器 RSS：空闲 ${idle.now.toFixed(0)} MB，负载中峰值 ${Math.max(peakRss, end.now).toFixed(0)} MB（进程峰值 VmHWM ${end.peak.toFixed(0)} MB，含启动）`);
  } finally {
    await stop(load);
    await stop(reference);
    await stop(server);
    await database.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const [mode, a1, a2] = process.argv.slice(2);
if (mode === 'load' && a1) await loadProcess(a1);
else if (mode === 'reference' && a1 && a2) await referenceProcess(Number(a1), a2);
else await main();
