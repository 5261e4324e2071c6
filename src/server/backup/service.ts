import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { emptyDatabase } from './repository.js';

export class ToolMissingError extends Error {}

/** pg_dump / pg_restore of PostgreSQL 15 or later (Debian's postgresql-client). */
export function findPgTool(tool: 'pg_dump' | 'pg_restore'): string {
  const candidates = [process.env.HRSP_PG_BIN ? path.join(process.env.HRSP_PG_BIN, tool) : '', `/usr/lib/postgresql/15/bin/${tool}`];
  for (const c of candidates) if (c && fs.existsSync(c)) return c;
  const which = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim() !== '') return which.stdout.trim();
  throw new ToolMissingError(
    `未找到 ${tool}。备份与恢复使用 PostgreSQL 15 客户端工具，请先安装：sudo apt-get install postgresql-client（Debian/Ubuntu），或用 HRSP_PG_BIN 指定其所在目录。`,
  );
}

/** Connection arguments without the password, which goes through the environment rather than `ps`. */
function connection(url: string): { args: string[]; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const args = ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username), '-d', decodeURIComponent(u.pathname.slice(1))];
  return { args, env: { ...process.env, PGPASSWORD: decodeURIComponent(u.password) } };
}

function run(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(tool)} 失败（退出码 ${String(code)}）：${stderr.trim()}`))));
  });
}

// --no-acl: grants name roles of one cluster (hrsp_app) that another may lack; the runtime
// role's grants are re-applied at every start (prepareDatabase in src/server/database.ts).
export async function dumpDatabase(url: string, file: string): Promise<void> {
  const { args, env } = connection(url);
  await run(findPgTool('pg_dump'), ['--format=custom', '--no-owner', '--no-acl', '--file', path.resolve(file), ...args], env);
}

/** Replaces everything in the database with the backup's content. */
export async function restoreDatabase(url: string, file: string): Promise<void> {
  if (!fs.existsSync(file)) throw new Error(`备份文件不存在：${file}`);
  const tool = findPgTool('pg_restore');
  await emptyDatabase(url);
  const { args, env } = connection(url);
  await run(tool, ['--no-owner', '--no-acl', '--exit-on-error', ...args, path.resolve(file)], env);
}
