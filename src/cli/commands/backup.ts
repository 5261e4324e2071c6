import fs from 'node:fs';
import path from 'node:path';
import type { CliCommand } from '../command.js';
import { loadConfig } from '../../config.js';
import { dumpDatabase, findPgTool, restoreDatabase } from '../../server/backup/service.js';
import { cliDatabase } from './database.js';

export const backupCommand: CliCommand = {
  name: 'backup',
  summary: 'backup FILE — 备份数据库（pg_dump 自定义格式）',
  async run(argv) {
    const file = argv[0];
    if (!file) {
      console.error('用法：hrsp backup 备份文件.dump');
      return 2;
    }
    findPgTool('pg_dump'); // fail before starting a database
    const db = await cliDatabase(loadConfig());
    try {
      await dumpDatabase(db.url, file);
      console.log(`已备份到 ${path.resolve(file)}`);
      return 0;
    } finally {
      await db.shutdown();
    }
  },
};

export const restoreCommand: CliCommand = {
  name: 'restore',
  summary: 'restore FILE — 从备份恢复（覆盖当前全部数据；内嵌库须先停止服务）',
  async run(argv) {
    const file = argv[0];
    if (!file || !fs.existsSync(file)) {
      console.error('用法：hrsp restore 备份文件.dump（文件须存在）');
      return 2;
    }
    findPgTool('pg_restore');
    const db = await cliDatabase(loadConfig(), { requireStopped: true });
    try {
      await db.close();
      await restoreDatabase(db.url, file);
      console.log(`已从 ${path.resolve(file)} 恢复`);
      return 0;
    } finally {
      await db.shutdown().catch(() => undefined);
    }
  },
};
