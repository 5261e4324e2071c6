/**
 * Registry benchmarks, printed as figures (no pass/fail):
 * (1) a 10,000-row enterprise directory imported through the real HTTP route: time, peak RSS,
 *     the longest event-loop stall while it is read, and a second (idempotent) import;
 * (2) GET /api/v1/platforms (logged in, 500 platforms) against a bare pg query on a plain
 *     Fastify route, both over loopback HTTP with 20 concurrent clients: requests/second and ratio.
 * Run: npx tsx bench/registry.ts [seconds per load run, default 5] [import|list, default both]. Uses DATABASE_URL (an admin
 * URL; a scratch database is made and dropped) or an embedded PostgreSQL in a temp folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import Fastify from 'fastify';
import pg from 'pg';
import { openDatabase, type Db } from '../src/db/client.js';
import { applyMigrations } from '../src/db/migrate.js';
import { buildApp } from '../src/server/app.js';
import { benchDatabase } from './database.js';
import { seedReference } from '../src/server/bootstrap/reference.js';
import { COL, COLUMN_ORDER } from '../src/server/imports/columns.js';
import { makeOrg, makePlatform, makeUscc, makeUser, testPassword } from '../test/factories.js';

const SECONDS = Number(process.argv[2] ?? 5);
const ONLY = process.argv[3];
const ROWS = 10_000;
const CONCURRENCY = 20;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;


/** A realistic directory: valid codes, a mix of modes, above-scale flags and revenues. */
async function directoryFile(file: string): Promise<Buffer> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
  const ws = wb.addWorksheet('入驻企业名录');
  ws.addRow(COLUMN_ORDER.map((k) => COL[k])).commit();
  for (let i = 0; i < ROWS; i++) {
    const revenue = 1_000_000 + ((i * 7919) % 300) * 1_000_000;
    ws.addRow([makeUscc(), `重庆测试${i}号人力资源有限公司`, 'L 租赁和商务服务业', i % 7 === 0 ? '否' : '是', i % 11 === 0 ? '是' : '否',
      ['线下', '线下', '线下', '协议', '线上'][i % 5], '2024-03-01', null, revenue, Math.floor(revenue / 10), Math.floor(revenue / 40), null]).commit();
  }
  ws.commit();
  await wb.commit();
  return fs.readFileSync(file);
}

async function login(base: string, username: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: testPassword }) });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

async function importOnce(base: string, session: { cookie: string; csrf: string }, platformId: string, content: Buffer) {
  const form = new FormData();
  form.append('platformId', platformId);
  form.append('year', '2025');
  form.append('file', new Blob([new Uint8Array(content)]), '名录.xlsx');
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 5);
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const t0 = performance.now();
  const res = await fetch(`${base}/api/v1/imports/enterprises`, { method: 'POST', headers: { cookie: session.cookie, 'x-csrf-token': session.csrf }, body: form });
  const ms = performance.now() - t0;
  loop.disable();
  clearInterval(sampler);
  const body = await res.text();
  if (res.status !== 200) throw new Error(`import failed ${res.status}: ${body.slice(0, 300)}`);
  return { ms, peak, maxStallMs: loop.max / 1e6, p99StallMs: loop.percentile(99) / 1e6, body };
}

/** CONCURRENCY clients looping on one URL for `seconds`: successful responses and the time taken. */
async function load(url: string, headers: Record<string, string>, seconds: number): Promise<{ ok: number; failed: number; ms: number }> {
  const until = performance.now() + seconds * 1000;
  let ok = 0;
  let failed = 0;
  const worker = async () => {
    while (performance.now() < until) {
      const res = await fetch(url, { headers });
      await res.arrayBuffer();
      if (res.status === 200) ok++;
      else failed++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { ok, failed, ms: performance.now() - t0 };
}

/**
 * The targets take turns, one second each, for `seconds` rounds: on a shared machine the load
 * of other processes then falls on all of them alike, and the ratio stays meaningful.
 */
async function interleaved(targets: { name: string; url: string; headers: Record<string, string> }[], seconds: number) {
  const totals = targets.map(() => ({ ok: 0, failed: 0, ms: 0 }));
  for (let round = 0; round < seconds; round++) {
    for (const [i, t] of targets.entries()) {
      const r = await load(t.url, t.headers, 1);
      const sum = totals[i]!;
      sum.ok += r.ok;
      sum.failed += r.failed;
      sum.ms += r.ms;
    }
  }
  return totals.map((t, i) => ({ name: targets[i]!.name, rps: t.ok / (t.ms / 1000), failed: t.failed }));
}

const LIST_SQL = `select p.id, p.name, p.level, p.type, p.district_code, d.name as district_name, p.operator_org_id, o.name as operator_name, p.status,
  p.recognized_at, p.carrier, p.address, p.contact_name, p.contact_phone, p.parent_platform_id, pp.name as parent_name, count(*) over() as total
  from platforms p join districts d on d.code = p.district_code left join organizations o on o.id = p.operator_org_id left join platforms pp on pp.id = p.parent_platform_id
  order by p.district_code, p.name, p.id limit 20 offset 0`;

async function benchImport(base: string, db: Db, filesDir: string): Promise<void> {
  const op = await makeOrg(db, 'operator', '500107');
  const platformId = await makePlatform(db, { operatorOrgId: op });
  const operator = await login(base, (await makeUser(db, 'operator', { organizationId: op })).username);
  const file = await directoryFile(path.join(filesDir, 'directory.xlsx'));
  const rssBefore = process.memoryUsage().rss;
  const first = await importOnce(base, operator, platformId, file);
  const second = await importOnce(base, operator, platformId, file);
  console.log(`(1) import of ${ROWS.toLocaleString('en-US')} rows (${mb(file.length)} file) through POST /api/v1/imports/enterprises`);
  console.log(`    first import:  ${(first.ms / 1000).toFixed(2)} s, peak RSS ${mb(first.peak)} (before: ${mb(rssBefore)}), longest event-loop stall ${first.maxStallMs.toFixed(0)} ms (p99 ${first.p99StallMs.toFixed(0)} ms)   goal ≤ 5 s, ≤ 300 MB`);
  console.log(`    ${first.body}`);
  console.log(`    second import: ${(second.ms / 1000).toFixed(2)} s, peak RSS ${mb(second.peak)}; ${second.body}`);
}

async function benchList(base: string, db: Db, pool: pg.Pool, url: string): Promise<void> {
  await pool.query(`insert into platforms (name, level, type, district_code, status)
    select '基准平台' || g, (array['municipal','district','national'])[1 + g % 3], (array['comprehensive_park','specialized_park','specialized_market'])[1 + g % 3],
      (select code from districts order by code offset (g % 41) limit 1), 'recognized' from generate_series(1, 499) g`);
  const bureau = await login(base, (await makeUser(db, 'bureau')).username);
  const bare = Fastify({ logger: false });
  const barePool = new pg.Pool({ connectionString: url, max: 10 });
  bare.get('/bare', async () => (await barePool.query<Record<string, unknown>>(LIST_SQL)).rows);
  // The same SQL as a named prepared statement, as HRSP sends its list query: the fair floor for planning cost.
  bare.get('/bare-prepared', async () => (await barePool.query<Record<string, unknown>>({ name: 'bench_list', text: LIST_SQL })).rows);
  const bareBase = await bare.listen({ port: 0, host: '127.0.0.1' });
  const targets: { name: string; url: string; headers: Record<string, string> }[] = [
    { name: 'HRSP GET /api/v1/platforms', url: `${base}/api/v1/platforms?page=1&pageSize=20`, headers: { cookie: bureau.cookie } },
    { name: 'bare pg + Fastify, same SQL', url: `${bareBase}/bare`, headers: {} },
    { name: 'bare pg + Fastify, same SQL prepared', url: `${bareBase}/bare-prepared`, headers: {} },
    { name: 'HRSP GET /api/v1/auth/session (session lookup only)', url: `${base}/api/v1/auth/session`, headers: { cookie: bureau.cookie } },
  ];
  await interleaved(targets, 1);
  const [appRun, bareRun, preparedRun, sessionRun] = await interleaved(targets, SECONDS);
  console.log(`(2) 500 platforms, page of 20, ${CONCURRENCY} concurrent clients over loopback HTTP, ${SECONDS} s each (interleaved 1 s turns)`);
  for (const r of [appRun, bareRun, preparedRun, sessionRun]) console.log(`    ${r!.name}: ${r!.rps.toFixed(0)} req/s (${r!.failed} failed)`);
  console.log(`    ratio HRSP / bare: ${((appRun!.rps / bareRun!.rps) * 100).toFixed(0)} %   goal ≥ 80 %`);
  console.log(`    ratio HRSP / bare prepared: ${((appRun!.rps / preparedRun!.rps) * 100).toFixed(0)} %   (both plan once per connection)`);
  await bare.close();
  await barePool.end();
}

async function main(): Promise<void> {
  const dbInfo = await benchDatabase('registry');
  const database_ = openDatabase(dbInfo.url, 10);
  const { db, pool } = database_;
  await applyMigrations(db);
  await seedReference(db);
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrsp-bench-files-'));
  const app = await buildApp({ db, logLevel: 'silent', webDir: null, loginRateLimit: 100_000, requestsPerMinute: { perSession: 100_000_000, perAddress: 100_000_000 } });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    if (ONLY !== 'list') await benchImport(base, db, filesDir);
    if (ONLY !== 'import') await benchList(base, db, pool, dbInfo.url);
  } finally {
    await app.close();
    await database_.close();
    await dbInfo.stop();
    fs.rmSync(filesDir, { recursive: true, force: true });
  }
}

await main();
