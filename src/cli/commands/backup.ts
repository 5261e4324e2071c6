import path from 'node:path';
import type { CliCommand } from '../command.js';
import { loadConfig } from '../../config.js';
import { loadBackupKey } from '../../server/backup/key.js';
import { createBackup, findPgTool, restoreBackup } from '../../server/backup/service.js';
import { grantRuntimeRole } from '../../db/roles.js';
import { cliDatabase, runtimeRoleOf } from './database.js';

export const backupCommand: CliCommand = {
  name: 'backup',
  summary: 'backup FILE — 备份数据库与全部附件到一个归档（含 SM3 清单；配置 HRSP_BACKUP_KEY_FILE 时以 SM4 加密）',
  async run(argv) {
    const file = argv[0];
    if (!file) {
      console.error('用法：hrsp backup 备份文件.hrsp-backup');
      return 2;
    }
    const config = loadConfig();
    const key = loadBackupKey(config.backupKeyFile);
    findPgTool('pg_dump'); // fail before starting a database
    const db = await cliDatabase(config);
    try {
      const { file: written, manifest } = await createBackup(db.url, file, key);
      console.log(`已备份到 ${written}（权限 0600）：数据库转储 ${manifest.database.bytes} 字节，SM3 ${manifest.database.sm3}；附件 ${manifest.attachments.count} 个；${key === null ? '未加密（未配置 HRSP_BACKUP_KEY_FILE）' : '已用 SM4 加密，清单以 HMAC-SM3 签名'}`);
      return 0;
    } finally {
      await db.shutdown();
    }
  },
};

export const restoreCommand: CliCommand = {
  name: 'restore',
  summary: 'restore FILE — 校验备份后恢复（覆盖当前全部数据并结束所有会话；内嵌库须先停止服务）',
  async run(argv) {
    const file = argv[0];
    if (!file) {
      console.error('用法：hrsp restore 备份文件');
      return 2;
    }
    const config = loadConfig();
    const key = loadBackupKey(config.backupKeyFile);
    findPgTool('pg_restore');
    findPgTool('psql');
    const db = await cliDatabase(config, { requireStopped: true });
    try {
      // The pool stays open but idle (it holds no locks); shutdown ends it once, then stops the embedded server.
      const manifest = await restoreBackup(db.url, file, key);
      // The dump carries no grants (--no-acl): the runtime role gets its rights back at once.
      const role = runtimeRoleOf(config);
      if (role !== null) await grantRuntimeRole(db.db, role);
      console.log(`已从 ${path.resolve(file)} 恢复（备份时间 ${manifest.createdAt}，HRSP ${manifest.hrspVersion}）：清单与数据库转储的 SM3 校验通过，${manifest.attachments.count} 个附件恢复后逐一校验 SM3 一致；所有会话已结束，用户须重新登录。`);
      return 0;
    } finally {
      await db.shutdown();
    }
  },
};
