import type { FastifyInstance } from 'fastify';
import { scheduleDeadlineReminders } from './evaluations/campaign/reminders.js';
import { scheduleRecognitionDeadlineCheck } from './yeardata/recognition-deadlines.js';
import { schedulePreparationTerms } from './preparation/job.js';
import { scheduleReportingReminders } from './reporting/job.js';
import type { Config } from '../config.js';
import { ensureInitialAdmin } from './bootstrap/admin.js';
import { roleLabels, type Role } from '../domain/auth/roles.js';
import { isDemoDatabase } from './settings/service.js';
import { seedReference } from './bootstrap/reference.js';
import { buildApp } from './app.js';
import { startChangeListener } from './cluster/changes.js';
import { withStartupLock } from './cluster/repository.js';
import { startDatabase } from './database.js';
import { checkFieldKeys, sealPlaintextFields } from './crypto/service.js';
import { signPublishedResults } from './evaluations/5-publication/service.js';

/** The demo dataset's code is loaded only for a demo database (the module and what it seeds are not needed otherwise). */
const demoModule = () => import('./bootstrap/demo.js');

function printBanner(url: string, initial: { username: string; role: Role; password: string }[], demo: Pick<Awaited<ReturnType<typeof demoModule>>, 'demoAccounts' | 'demoPassword'> | null): void {
  const lines = [``, `HRSP 重庆市人力资源服务发展平台管理系统 已启动：${url}`, `API 文档：${url}/api/docs`];
  if (initial.length > 0) {
    lines.push('', '已创建系统管理员、安全管理员、安全审计员（三员分立，请分别交给不同的人；密码仅显示这一次，首次登录须修改）：');
    for (const a of initial) lines.push(`  ${roleLabels[a.role]}  用户名 ${a.username.padEnd(9)} 初始密码 ${a.password}`);
  }
  if (demo) {
    lines.push('', '【演示数据】本库载有演示数据。演示账号（密码均为 ' + demo.demoPassword + '）：');
    for (const a of demo.demoAccounts) lines.push(`  ${a.username.padEnd(14)} ${roleLabels[a.role].padEnd(8, '　')} ${a.organization}`);
    lines.push('  停用演示数据：新数据目录下以 HRSP_DEMO=off 启动。');
  }
  lines.push('', '按 Ctrl-C 停止。', '');
  console.log(lines.join('\n'));
}

/** `npm start`: database up, migrated and seeded, then the web server; stops cleanly on Ctrl-C. */
export async function serve(config: Config): Promise<void> {
  const started = Date.now();
  // The server connects as the runtime role, which cannot rewrite the audit or login log.
  const database = await startDatabase(config, { as: 'runtime' });
  const { db } = database;
  // With several processes on one database, one at a time prepares the data (else two would create the first administrators).
  const initialAdmins = await withStartupLock(database.pool, async () => {
    await checkFieldKeys(db);
    await sealPlaintextFields(db);
    await seedReference(db);
    if (config.demo) await (await demoModule()).seedDemo(db);
    // Results published before codes existed get one (with the current key); see README Security.
    await signPublishedResults(db, false);
    return config.demo ? [] : ensureInitialAdmin(db);
  });
  // Before serving: caches are dropped when another process revokes a session or changes a setting.
  const changes = await startChangeListener(database.url, (m) => console.error(m));
  const app = await buildApp({ db, secureCookies: config.secureCookies, trustProxy: config.trustProxy, logLevel: config.logLevel, webDir: config.webDir, loginRateLimit: config.loginRateLimit, objectionRateLimit: config.objectionRateLimit,
    requestsPerMinute: { perSession: config.sessionRateLimit, perAddress: config.addressRateLimit }, rateLimitSyncMs: config.rateLimitSyncMs, responseCheck: config.responseCheck });
  await app.listen({ port: config.port, host: config.host });
  const stopReminders = scheduleDeadlineReminders(db, (m) => app.log.info(m));
  const stopDeadlineCheck = scheduleRecognitionDeadlineCheck(db, (m) => app.log.info(m));
  const stopPreparation = schedulePreparationTerms(db, (m) => app.log.info(m));
  const stopReporting = scheduleReportingReminders(db, (m) => app.log.info(m));
  const url = `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${config.port}`;
  printBanner(url, initialAdmins, (await isDemoDatabase(db)) ? await demoModule() : null);
  console.log(`启动用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒${database.embedded ? '（内嵌 PostgreSQL）' : ''}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n收到 ${signal}，正在停止…`);
    stopReminders();
    stopDeadlineCheck();
    stopPreparation();
    stopReporting();
    void shutdown(app, { shutdown: async () => { await changes.stop(); await database.shutdown(); } }).then(
      () => {
        console.log('已停止。');
        process.exit(0);
      },
      (e: unknown) => {
        console.error(`停止时出错：${e instanceof Error ? e.message : String(e)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

/** Calls `fire` after ms unless cancelled first. */
export type Timeout = (ms: number, fire: () => void) => () => void;

/** A real timer that never keeps the process alive. */
const unrefTimeout: Timeout = (ms, fire) => {
  const timer = setTimeout(fire, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

/** Resolves with the work, or rejects with what did not finish when its deadline passes. */
function within<T>(ms: number, what: string, work: Promise<T>, timeout: Timeout): Promise<T> {
  let cancel = (): void => undefined;
  const late = new Promise<never>((_resolve, reject) => {
    cancel = timeout(ms, () => reject(new Error(`${what}：${ms / 1000} 秒内未完成`)));
  });
  return Promise.race([work, late]).finally(() => cancel());
}

/** How long closing may still take once every connection is cut. */
export const CUT_MS = 1000;

export interface ShutdownTimes {
  /** How long open requests may take to finish before their connections are cut. */
  graceMs: number;
  /** How long the database may take to stop (pool end, then the embedded cluster's fast shutdown). */
  databaseMs: number;
  /** The deadlines' timer; tests pass their own to fire each deadline themselves. */
  timeout?: Timeout;
}

/**
 * Stops HTTP, then the database, in bounded time: a hung request or a client holding its
 * connection open gets `graceMs`, then every connection is destroyed, so Ctrl-C always ends
 * the process within a few seconds (at most graceMs + 1 s + databaseMs, 9 s by default; the
 * caller exits afterwards, which also ends timers).
 */
export async function shutdown(app: FastifyInstance, database: { shutdown(): Promise<void> }, times: ShutdownTimes = { graceMs: 3000, databaseMs: 5000 }): Promise<void> {
  const timeout = times.timeout ?? unrefTimeout;
  const closing = app.close();
  try {
    await within(times.graceMs, '关闭 HTTP 连接', closing, timeout);
  } catch {
    app.server.closeAllConnections();
    await within(CUT_MS, '关闭 HTTP 连接', closing, timeout).catch(() => undefined);
  }
  await within(times.databaseMs, '停止数据库', database.shutdown(), timeout);
}
