import { scheduleDeadlineReminders } from './evaluations/reminders.js';
import type { Config } from '../config.js';
import { ensureInitialAdmin } from './bootstrap/admin.js';
import { roleLabels } from '../domain/auth/roles.js';
import { demoAccounts, demoPassword, seedDemo } from './bootstrap/demo.js';
import { isDemoDatabase } from './settings/service.js';
import { seedReference } from './bootstrap/reference.js';
import { buildApp } from './app.js';
import { startDatabase } from './database.js';
import { checkFieldKeys, sealPlaintextFields } from './crypto/service.js';
import { signPublishedResults } from './evaluations/publication.js';

function printBanner(url: string, adminPassword: string | null, demo: boolean): void {
  const lines = [``, `HRSP 重庆市人力资源服务发展平台管理系统 已启动：${url}`, `API 文档：${url}/api/docs`];
  if (adminPassword) {
    lines.push('', '已创建初始管理员（仅显示这一次，首次登录须修改密码）：', `  用户名 admin   初始密码 ${adminPassword}`);
  }
  if (demo) {
    lines.push('', '【演示数据】本库载有演示数据。演示账号（密码均为 ' + demoPassword + '）：');
    for (const a of demoAccounts) lines.push(`  ${a.username.padEnd(14)} ${roleLabels[a.role].padEnd(8, '　')} ${a.organization}`);
    lines.push('  停用演示数据：新数据目录下以 HRSP_DEMO=off 启动。');
  }
  lines.push('', '按 Ctrl-C 停止。', '');
  console.log(lines.join('\n'));
}

/** `npm start`: database up, migrated and seeded, then the web server; stops cleanly on Ctrl-C. */
export async function serve(config: Config): Promise<void> {
  const started = Date.now();
  const database = await startDatabase(config);
  const { db } = database;
  await checkFieldKeys(db);
  await sealPlaintextFields(db);
  await seedReference(db);
  if (config.demo) await seedDemo(db);
  // Results published before codes existed get one (with the current key); see README Security.
  await signPublishedResults(db, false);
  const adminPassword = config.demo ? null : await ensureInitialAdmin(db);
  const app = await buildApp({ db, secureCookies: config.secureCookies, trustProxy: config.trustProxy, logLevel: config.logLevel, webDir: config.webDir, filesDir: config.filesDir, loginRateLimit: config.loginRateLimit });
  await app.listen({ port: config.port, host: config.host });
  const stopReminders = scheduleDeadlineReminders(db, (m) => app.log.info(m));
  const url = `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${config.port}`;
  printBanner(url, adminPassword, await isDemoDatabase(db));
  console.log(`启动用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒${database.embedded ? '（内嵌 PostgreSQL）' : ''}`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n收到 ${signal}，正在停止…`);
    stopReminders();
    await app.close();
    await database.shutdown();
    console.log('已停止。');
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
