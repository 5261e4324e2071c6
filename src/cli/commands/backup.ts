import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { CliCommand } from '../command.js';
import { loadConfig } from '../../config.js';
import { cliDatabase } from './database.js';

const installHint = '未找到 {tool}。备份与恢复使用 PostgreSQL 15 客户端工具，请先安装：sudo apt-get install postgresql-client（Debian/Ubuntu）';

function findTool(tool: 'pg_dump' | 'pg_restore'): string | null {
  const candidates = [process.env.HRSP_PG_BIN ? path.join(process.env.HRSP_PG_BIN, tool) : '', `/usr/lib/postgresql/15/bin/${tool}`];
  for (const c of candidates) if (c && fs.existsSync(c)) return c;
  const which = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() : null;
}

/** Connection arguments without the password, which goes through the environment instead of `ps`. */
function connection(url: string): { args: string[]; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const args = ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username), '-d', u.pathname.slice(1)];
  return { args, env: { ...process.env, PGPASSWORD: decodeURIComponent(u.password) } };
}

function run(tool: string, args: string[], env: NodeJS.ProcessEnv): number {
  const result = spawnSync(tool, args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
  return result.status ?? 1;
}

export const backupCommand: CliCommand = {
  name: 'backup',
  summary: 'backup FILE — 备份数据库（pg_dump 自定义格式）',
  async run(argv) {
    const file = argv[0];
    if (!file) {
      console.error('用法：hrsp backup 备份文件.dump');
      return 2;
    }
    const tool = findTool('pg_dump');
    if (!tool) {
      console.error(installHint.replace('{tool}', 'pg_dump'));
      return 3;
    }
    const db = await cliDatabase(loadConfig());
    try {
      const { args, env } = connection(db.url);
      const code = run(tool, ['--format=custom', '--no-owner', '--file', path.resolve(file), ...args], env);
      if (code === 0) console.log(`已备份到 ${path.resolve(file)}`);
      return code;
    } finally {
      await db.shutdown();
    }
  },
};

export const restoreCommand: CliCommand = {
  name: 'restore',
  summary: 'restore FILE — 从备份恢复（覆盖当前数据，须先停止服务）',
  async run(argv) {
    const file = argv[0];
    if (!file || !fs.existsSync(file)) {
      console.error('用法：hrsp restore 备份文件.dump（文件须存在）');
      return 2;
    }
    const tool = findTool('pg_restore');
    if (!tool) {
      console.error(installHint.replace('{tool}', 'pg_restore'));
      return 3;
    }
    const db = await cliDatabase(loadConfig(), { requireStopped: true });
    try {
      // Empty the schemas first, so that the restore is exact and later migrations line up.
      await db.pool.query('DROP SCHEMA IF EXISTS drizzle CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
      const { args, env } = connection(db.url);
      const code = run(tool, ['--no-owner', '--exit-on-error', ...args, path.resolve(file)], env);
      if (code === 0) console.log(`已从 ${path.resolve(file)} 恢复`);
      return code;
    } finally {
      await db.shutdown();
    }
  },
};
