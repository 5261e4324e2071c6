/**
 * The signed-in app under load, as the issue measures it (printed figures; the soak run asserts):
 * the real `hrsp serve` runs as its own process on a generated database (5,000 platforms), a bare
 * Fastify + pg process runs the very SQL HRSP runs for each target as prepared statements (the
 * reference: captured by running HRSP's own service functions on a recording pool, in the steady
 * state: the second run, when a list's total is kept from the first), and a third process drives
 * both with autocannon, target after target in short rounds (HRSP, then the reference), so that
 * both meet the same machine load. Targets: the district user's scoped
 * platform list and a platform detail, the bureau's unfiltered list. Per target: req/s, p50, p99,
 * errors (429s counted, and shown apart), the ratio to the reference, the server's RSS.
 *
 * Then the soak run: a fresh server with the default request budgets, 50 connections for 60 s on
 * ONE district session from one address (an office of 50 behind one NAT address, everyone's
 * traffic on one session as the worst case), each connection a request a second by default;
 * it prints and asserts no 429 and no error (exit code 1 otherwise).
 *
 * Run: npm run bench:load -- [seconds per run, 3] [rounds, 3] [connections, 20] [soak seconds, 60] [soak req/s per connection, 1; 0 = flat out].
 * Uses DATABASE_URL (an admin URL; a scratch database is made and dropped) or an embedded
 * PostgreSQL in a temp folder; HRSP_BENCH_CPU_PROF=<folder> profiles the server and the reference,
 * HRSP_BENCH_TARGETS=1,3 runs only those targets, HRSP_BENCH_SERVER_FLAGS adds node flags to the server,
 * HRSP_BENCH_DUMP=<prefix> writes each target's answer and the reference's (<prefix>-<n>-hrsp.json, -ref.json). For the rounds the request budgets are lifted (a 429 still counts as an error).
 */
import type { ChildProcess } from 'node:child_process';
import { cpuMillisOf, hrspServe, loadResults, postgresCpuMillis, rssOf, stop, tsx, untilLine } from './processes.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Fastify from 'fastify';
import pg from 'pg';
import { openDatabase, type Db } from '../src/db/client.js';
import { applyMigrations } from '../src/db/migrate.js';
import { districts, organizations, platforms } from '../src/db/schema/index.js';
import { platformLevels, platformTypes } from '../src/domain/platforms/codes.js';
import { seedReference } from '../src/server/bootstrap/reference.js';
import { resolveSession } from '../src/server/auth/service.js';
import { startChangeListener } from '../src/server/cluster/changes.js';
import { getPlatform, listPlatforms } from '../src/server/platforms/service.js';
import { platformListQuery } from '../src/server/platforms/schema.js';
import { freePort, untilStarted } from '../test/e2e-server.js';
import { makeUser, testPassword } from '../test/factories.js';
import { testKeyFileText } from '../test/keys.js';
import { benchDatabase } from './database.js';

const PLATFORMS = 5_000;
const DISTRICT = '500107';
const API = '/api/v1';

interface LoadRun {
  url: string;
  seconds: number;
  connections: number;
  cookie?: string;
  /** Requests a second per connection; absent: as fast as answers come. */
  rate?: number;
}
interface LoadResult {
  ok: number;
  errors: number;
  limited: number;
  rps: number;
  p50: number;
  p99: number;
}
/** One statement HRSP ran for a target, replayed by the reference as a prepared statement. */
interface Statement {
  text: string;
  values: unknown[];
}

// ——— The load process: autocannon, one run after another, results as JSON lines on stdout ———

async function loadProcess(configFile: string): Promise<void> {
  const { default: autocannon } = await import('autocannon');
  const runs = JSON.parse(fs.readFileSync(configFile, 'utf8')) as LoadRun[];
  for (const run of runs) {
    const r = await autocannon({
      url: run.url, connections: run.connections, duration: run.seconds,
      ...(run.cookie ? { headers: { cookie: run.cookie } } : {}), ...(run.rate ? { connectionRate: run.rate } : {}),
    });
    const seconds = r.duration > 0 ? r.duration : run.seconds;
    const result: LoadResult = {
      ok: r['2xx'], errors: r.errors + r.timeouts + r.non2xx, limited: r.statusCodeStats?.['429']?.count ?? 0,
      rps: r['2xx'] / seconds, p50: r.latency.p50, p99: r.latency.p99,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
}

// ——— The reference process: bare Fastify + pg, each target's statements prepared ———

/**
 * Rows as objects with every column the SQL returned. pg's own object rows keep one column per
 * name, and HRSP's statements name several columns alike (the platform's, its district's, its
 * operator's and its parent's `name`; several `count`s): the reference would answer a page
 * without them, a third smaller than HRSP's, so it takes the array rows (as Drizzle does) and
 * numbers repeated names.
 */
function rowObjects(names: string[], rows: unknown[][]): Record<string, unknown>[] {
  const keys = names.map((name, i) => (names.indexOf(name) === i ? name : `${name}_${i}`));
  // As pg builds its object rows: a copy of a prebuilt object with every key, then the values.
  const template: Record<string, unknown> = Object.fromEntries(keys.map((k) => [k, null]));
  return rows.map((row) => {
    const out = { ...template };
    for (let i = 0; i < keys.length; i++) out[keys[i] ?? ''] = row[i];
    return out;
  });
}

async function referenceProcess(port: number, databaseUrl: string, statementsFile: string): Promise<void> {
  const targets = JSON.parse(fs.readFileSync(statementsFile, 'utf8')) as Statement[][];
  // The pool size HRSP's server uses (openDatabase's default).
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const app = Fastify({ logger: false });
  targets.forEach((statements, i) => {
    app.get(`/ref/${i}`, async () => {
      const answers: unknown[] = [];
      for (const [k, s] of statements.entries()) {
        const result = await pool.query<unknown[]>({ name: `ref_${i}_${k}`, text: s.text, values: s.values, rowMode: 'array' });
        answers.push(rowObjects(result.fields.map((f) => f.name), result.rows));
      }
      return answers;
    });
  });
  await app.listen({ port, host: '127.0.0.1' });
  // Exits (rather than dies) on the orchestrator's SIGINT, so that a CPU profile gets written.
  process.once('SIGINT', () => process.exit(0));
  process.stdout.write('ready\n');
}

// ——— The orchestrator ———

/** A response body's size as sent (UTF-8 bytes). */
function kb(body: string): string {
  return `${(Buffer.byteLength(body) / 1024).toFixed(1)} KB`;
}

/** 5,000 platforms across the districts, levels and types (as bench/portal.ts makes them). */
async function generate(db: Db): Promise<string> {
  const ds = await db.select({ code: districts.code, name: districts.name }).from(districts);
  const operators = await db.insert(organizations).values(Array.from({ length: 100 }, (_, i) => ({
    kind: 'operator' as const, name: `重庆第${i}号人力资源运营有限公司`, code: `BENCH-OP-${i}`, districtCode: ds[i % ds.length]?.code ?? DISTRICT,
  }))).returning({ id: organizations.id });
  let inDistrict = '';
  for (let start = 0; start < PLATFORMS; start += 500) {
    const rows = Array.from({ length: Math.min(500, PLATFORMS - start) }, (_, k) => {
      const i = start + k;
      const level = i % 20 === 0 ? 'national' as const : i % 4 === 1 ? 'municipal' as const : 'district' as const;
      const d = ds[i % ds.length] ?? { code: DISTRICT, name: '九龙坡区' };
      return {
        name: `${d.name}第${i}号人力资源服务产业园`, level: platformLevels.includes(level) ? level : 'district' as const, type: platformTypes[i % platformTypes.length] ?? 'comprehensive_park', districtCode: d.code,
        operatorOrgId: operators[i % operators.length]?.id ?? null, status: level === 'district' ? 'filed' as const : 'recognized' as const,
      };
    });
    const ids = await db.insert(platforms).values(rows).returning({ id: platforms.id, districtCode: platforms.districtCode });
    inDistrict ||= ids.find((x) => x.districtCode === DISTRICT)?.id ?? '';
  }
  return inDistrict;
}

/** Runs `work` on a pool that records every statement sent: the SQL HRSP runs for one request (the second one). */
async function recordStatements(databaseUrl: string, work: (db: Db) => Promise<unknown>): Promise<Statement[]> {
  const database = openDatabase(databaseUrl, 1);
  const recorded: Statement[] = [];
  const original = database.pool.query.bind(database.pool);
  const recording = (config: unknown, values?: unknown): unknown => {
    if (typeof config === 'string') recorded.push({ text: config, values: Array.isArray(values) ? values : [] });
    else if (typeof config === 'object' && config !== null) {
      const text: unknown = Reflect.get(config, 'text');
      const vs: unknown = Reflect.get(config, 'values') ?? values;
      if (typeof text === 'string') recorded.push({ text, values: Array.isArray(vs) ? vs : [] });
    }
    return Reflect.apply(original, database.pool, [config, values]);
  };
  try {
    // Recorded in the steady state: once run to prepare, what each later request runs (a list's
    // total kept between writes is not counted again; src/server/list-counts.ts).
    await work(database.db);
    Reflect.set(database.pool, 'query', recording);
    await work(database.db);
  } finally {
    await database.close();
  }
  return recorded;
}

async function loginCookie(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}${API}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: testPassword }) });
  const cookie = /hrsp_sid=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
  if (res.status !== 200 || !cookie) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return cookie;
}

/** HRSP_BENCH_CPU_PROF=<folder>: node flags writing CPU profiles (one per thread) into <folder>/<label> when the process stops. */
function cpuProfileFlags(label: string): string[] {
  const dir = process.env.HRSP_BENCH_CPU_PROF;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(dir, label)}`] : [];
}

async function startServer(databaseUrl: string, dataDir: string, webDir: string, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; base: string; pid: number }> {
  const port = await freePort();
  fs.mkdirSync(dataDir, { recursive: true });
  // HRSP_BENCH_SERVER_FLAGS: more node flags for the server (e.g. --heap-prof, or V8 heap sizes to compare).
  const profile = [...cpuProfileFlags('hrsp'), ...(process.env.HRSP_BENCH_SERVER_FLAGS?.split(/\s+/).filter(Boolean) ?? [])];
  const child = await hrspServe({
    ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', HRSP_DATA_DIR: dataDir, HRSP_DEMO: 'off',
    HRSP_WEB_DIR: webDir, LOG_LEVEL: 'warn', HRSP_SECRET_KEY: testKeyFileText, ...env,
  }, profile);
  await untilStarted(child, 120_000);
  return { child, base: `http://127.0.0.1:${port}`, pid: child.pid ?? 0 };
}

/** CPU meters read at each run's end: milliseconds used so far by a process (or a group of them). */
type Meters = Record<string, () => number>;

/**
 * Runs the load process on `runs`, sampling the server's RSS; returns the results, the peak and,
 * per run, the CPU milliseconds each meter counted during it (from the previous run's end).
 */
async function drive(runs: LoadRun[], runsFile: string, serverPid: number, meters: Meters = {}): Promise<{ results: LoadResult[]; peakRss: number; cpu: Record<string, number>[] }> {
  fs.writeFileSync(runsFile, JSON.stringify(runs));
  let peakRss = rssOf(serverPid).now;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rssOf(serverPid).now);
  }, 100);
  const read = () => Object.fromEntries(Object.entries(meters).map(([k, f]) => [k, f()]));
  let last = read();
  const cpu: Record<string, number>[] = [];
  const load = tsx(['bench/load.ts', 'load', runsFile]);
  try {
    const results = await loadResults<LoadResult>(load, runs.length, () => {
      const now = read();
      cpu.push(Object.fromEntries(Object.keys(meters).map((k) => [k, (now[k] ?? 0) - (last[k] ?? 0)])));
      last = now;
    });
    return { results, peakRss: Math.max(peakRss, rssOf(serverPid).now), cpu };
  } finally {
    clearInterval(sampler);
    await stop(load);
  }
}

const fmt = (n: number, digits = 0) => n.toFixed(digits).padStart(8);
/** Pads to a display width, counting a CJK character as two columns. */
const padWide = (s: string, width: number) => s + ' '.repeat(Math.max(0, width - s.length - (s.match(/[\u2e80-\uffff]/g)?.length ?? 0)));

async function main(): Promise<void> {
  const [seconds = 3, rounds = 3, connections = 20, soakSeconds = 60, soakRate = 1] = process.argv.slice(2).map(Number);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hrsp-load-bench-'));
  const database = await benchDatabase('load');
  let server: ChildProcess | null = null;
  let reference: ChildProcess | null = null;
  let soakOk = true;
  try {
    let t0 = performance.now();
    const data = openDatabase(database.url, 4);
    await applyMigrations(data.db);
    await seedReference(data.db);
    const platformId = await generate(data.db);
    const district = await makeUser(data.db, 'district', { districtCode: DISTRICT });
    const bureau = await makeUser(data.db, 'bureau');
    await data.close();
    console.log(`数据：${PLATFORMS} 个平台，生成用时 ${((performance.now() - t0) / 1000).toFixed(1)} 秒`);

    t0 = performance.now();
    const lifted = { HRSP_SESSION_RATE_LIMIT: '100000000', HRSP_ADDRESS_RATE_LIMIT: '100000000', HRSP_LOGIN_RATE_LIMIT: '100000' };
    const started = await startServer(database.url, path.join(tmp, 'data'), path.join(tmp, 'no-web'), lifted);
    server = started.child;
    const { base, pid } = started;
    console.log(`hrsp serve 启动用时 ${((performance.now() - t0) / 1000).toFixed(1)} 秒（进程 ${pid}，请求预算放开）`);
    const districtCookie = await loginCookie(base, district.username);
    const bureauCookie = await loginCookie(base, bureau.username);

    // What HRSP runs for each target, recorded from its own service functions with the users' sessions.
    const actorOf = async (cookie: string) => {
      const probe = openDatabase(database.url, 1);
      try {
        const session = await resolveSession(probe.db, cookie.slice('hrsp_sid='.length));
        if (!session) throw new Error('session not found');
        return { actor: session.actor, ip: '127.0.0.1', userAgent: null };
      } finally {
        await probe.close();
      }
    };
    const districtCtx = await actorOf(districtCookie);
    const bureauCtx = await actorOf(bureauCookie);
    const firstPage = platformListQuery.parse({});
    const allTargets = [
      { name: '区县用户：平台列表（本区县）', path: `${API}/platforms`, cookie: districtCookie, work: (db: Db) => listPlatforms(db, districtCtx, firstPage) },
      { name: '区县用户：平台详情', path: `${API}/platforms/${platformId}`, cookie: districtCookie, work: (db: Db) => getPlatform(db, districtCtx, platformId) },
      { name: '市局：平台列表（不筛选）', path: `${API}/platforms`, cookie: bureauCookie, work: (db: Db) => listPlatforms(db, bureauCtx, firstPage) },
    ];
    // HRSP_BENCH_TARGETS=1,2 (numbers from 1): only those targets, e.g. to profile one of them.
    const only = process.env.HRSP_BENCH_TARGETS?.split(',').map(Number);
    const targets = only ? allTargets.filter((_, i) => only.includes(i + 1)) : allTargets;
    const statements: Statement[][] = [];
    const bodies: string[] = [];
    // As the server does: hears writes, so keeps list totals between them.
    const changes = await startChangeListener(database.url, () => undefined);
    for (const t of targets) {
      statements.push(await recordStatements(database.url, t.work));
      const res = await fetch(base + t.path, { headers: { cookie: t.cookie } });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${t.path}: ${res.status} ${body.slice(0, 200)}`);
      bodies.push(body);
    }
    await changes.stop();
    const statementsFile = path.join(tmp, 'statements.json');
    fs.writeFileSync(statementsFile, JSON.stringify(statements));
    const refPort = await freePort();
    reference = tsx([...cpuProfileFlags('reference'), 'bench/load.ts', 'reference', String(refPort), database.url, statementsFile]);
    await untilLine(reference, 'ready');
    for (const [i, t] of targets.entries()) {
      const refBody = await (await fetch(`http://127.0.0.1:${refPort}/ref/${i}`)).text();
      if (process.env.HRSP_BENCH_DUMP) { fs.writeFileSync(`${process.env.HRSP_BENCH_DUMP}-${i}-hrsp.json`, bodies[i] ?? ''); fs.writeFileSync(`${process.env.HRSP_BENCH_DUMP}-${i}-ref.json`, refBody); }
      console.log(`  ${t.name}：${kb(bodies[i] ?? '')}（参照 ${kb(refBody)}），${statements[i]?.length ?? 0} 条 SQL（参照照此预编译执行）`);
    }
    const idle = rssOf(pid);

    const runs: LoadRun[] = [];
    for (let r = 0; r < rounds; r++) {
      targets.forEach((t, i) => {
        runs.push({ url: base + t.path, seconds, connections, cookie: t.cookie });
        runs.push({ url: `http://127.0.0.1:${refPort}/ref/${i}`, seconds, connections });
      });
    }
    console.log(`负载：autocannon 独立进程，${connections} 个连接，每次 ${seconds} 秒，${rounds} 轮（HRSP 与参照交替）`);
    const refPid = reference.pid ?? 0;
    const { results, peakRss, cpu } = await drive(runs, path.join(tmp, 'runs.json'), pid, {
      hrsp: () => cpuMillisOf(pid), reference: () => cpuMillisOf(refPid), postgres: postgresCpuMillis,
    });

    const loadAvg = os.loadavg().map((x) => x.toFixed(2)).join(' ');
    console.log(`\n${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC，${os.cpus().length} 核 ${os.cpus()[0]?.model ?? ''}，负载均值 ${loadAvg}`);
    console.log(`${padWide('目标', 30)}HRSP req/s  p50 ms  p99 ms  错误(429) | 参照 req/s  p50 ms  p99 ms |  吞吐比  p99 比`);
    const sum = (xs: LoadResult[], f: (x: LoadResult) => number) => xs.reduce((s, x) => s + f(x), 0);
    const avg = (xs: LoadResult[], f: (x: LoadResult) => number) => sum(xs, f) / Math.max(1, xs.length);
    targets.forEach((t, i) => {
      const mine = results.filter((_, k) => k % (targets.length * 2) === i * 2);
      const ref = results.filter((_, k) => k % (targets.length * 2) === i * 2 + 1);
      const rps = avg(mine, (x) => x.rps);
      const refRps = avg(ref, (x) => x.rps);
      const p99 = Math.max(...mine.map((x) => x.p99));
      const refP99 = Math.max(...ref.map((x) => x.p99));
      console.log(`${padWide(t.name, 30)}  ${fmt(rps)}${fmt(avg(mine, (x) => x.p50), 1)}${fmt(p99, 1)}${fmt(sum(mine, (x) => x.errors))}(${sum(mine, (x) => x.limited)}) |   ${fmt(refRps)}${fmt(avg(ref, (x) => x.p50), 1)}${fmt(refP99, 1)} | ${fmt((100 * rps) / Math.max(1, refRps), 0)} %${fmt(p99 / Math.max(0.001, refP99), 2)}×`);
    });
    // CPU per answered request: where the time goes (the server, the reference, PostgreSQL).
    console.log(`\n每个成功请求的 CPU 微秒（HRSP 进程 / 其间 PostgreSQL | 参照进程 / 其间 PostgreSQL）`);
    targets.forEach((t, i) => {
      const per = (k: number, meter: string) => {
        const picked = results.map((r, n) => ({ r, c: cpu[n] ?? {} })).filter((_, n) => n % (targets.length * 2) === k);
        return (1000 * picked.reduce((s, x) => s + (x.c[meter] ?? 0), 0)) / Math.max(1, picked.reduce((s, x) => s + x.r.ok, 0));
      };
      console.log(`${padWide(t.name, 30)}  ${fmt(per(i * 2, 'hrsp'))}${fmt(per(i * 2, 'postgres'))} | ${fmt(per(i * 2 + 1, 'reference'))}${fmt(per(i * 2 + 1, 'postgres'))}`);
    });
    console.log(`服务器 RSS：空闲 ${idle.now.toFixed(0)} MB，负载中峰值 ${peakRss.toFixed(0)} MB（进程峰值 VmHWM ${rssOf(pid).peak.toFixed(0)} MB，含启动）`);
    await stop(reference);
    reference = null;
    await stop(server);
    server = null;

    // The soak: default budgets, one session, 50 connections from one address.
    const soak = await startServer(database.url, path.join(tmp, 'data-soak'), path.join(tmp, 'no-web'), {});
    server = soak.child;
    const soakCookie = await loginCookie(soak.base, district.username);
    const pace = soakRate > 0 ? `每连接每秒 ${soakRate} 个请求` : '不限速';
    console.log(`\n持续负载：默认请求预算，同一地址、同一会话，50 个连接 ${soakSeconds} 秒，${pace}（区县平台列表）`);
    const soakRun: LoadRun = { url: `${soak.base}${API}/platforms`, seconds: soakSeconds, connections: 50, cookie: soakCookie, ...(soakRate > 0 ? { rate: soakRate } : {}) };
    const soaked = await drive([soakRun], path.join(tmp, 'soak.json'), soak.pid);
    const s = soaked.results[0];
    if (!s) throw new Error('soak run gave no result');
    soakOk = s.errors === 0 && s.limited === 0;
    console.log(`  ${fmt(s.rps)} req/s，p50 ${s.p50.toFixed(1)} ms，p99 ${s.p99.toFixed(1)} ms，成功 ${s.ok}，错误 ${s.errors}（其中 429：${s.limited}）`);
    console.log(`  服务器 RSS：结束时 ${rssOf(soak.pid).now.toFixed(0)} MB，峰值 ${soaked.peakRss.toFixed(0)} MB`);
    console.log(soakOk ? '  通过：无 429、无错误' : '  未通过：出现 429 或错误');
  } finally {
    await stop(reference);
    await stop(server);
    await database.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  if (!soakOk) process.exitCode = 1;
}

const [mode, a1, a2, a3] = process.argv.slice(2);
if (mode === 'load' && a1) await loadProcess(a1);
else if (mode === 'reference' && a1 && a2 && a3) await referenceProcess(Number(a1), a2, a3);
else await main();
