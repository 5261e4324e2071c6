import type { CliCommand } from '../command.js';
import { loadConfig } from '../../config.js';
import { roleLabels } from '../../domain/auth/roles.js';
import { adminRoles, createAdmin } from '../../server/bootstrap/admin.js';
import { seedReference } from '../../server/bootstrap/reference.js';
import { serve } from '../../server/start.js';
import { cliDatabase } from './database.js';
import { checkFieldKeys, sealPlaintextFields } from '../../server/crypto/service.js';
import { signPublishedResults } from '../../server/evaluations/5-publication/service.js';

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'serve — 启动服务（默认内嵌 PostgreSQL；设置 DATABASE_URL 则用外部库）',
  async run() {
    await serve(loadConfig());
    return new Promise<number>(() => undefined); // runs until a signal stops the process
  },
};

export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'migrate — 执行数据库迁移并载入基础数据',
  async run() {
    const db = await cliDatabase(loadConfig());
    try {
      await checkFieldKeys(db.db);
      await sealPlaintextFields(db.db);
      await seedReference(db.db);
      await signPublishedResults(db.db, false);
      console.log('数据库迁移完成，基础数据已更新。');
      return 0;
    } finally {
      await db.shutdown();
    }
  },
};

export const createAdminCommand: CliCommand = {
  name: 'create-admin',
  summary: 'create-admin USERNAME [--role admin|security_admin|auditor] — 新建系统管理员（或安全管理员、安全审计员），打印一次性初始密码',
  async run(argv) {
    const username = argv[0];
    const roleAt = argv.indexOf('--role');
    const role = adminRoles.find((r) => r === (roleAt < 0 ? 'admin' : argv[roleAt + 1]));
    if (!username || !/^[A-Za-z0-9_.-]{3,32}$/.test(username) || role === undefined) {
      console.error('用法：hrsp create-admin 用户名 [--role admin|security_admin|auditor]（用户名 3–32 位字母、数字或 _ . -）');
      return 2;
    }
    const db = await cliDatabase(loadConfig());
    try {
      await seedReference(db.db);
      const password = await createAdmin(db.db, username, role).catch((e: unknown) => {
        if (e instanceof Error && /unique|duplicate/i.test(`${e.message} ${String(e.cause)}`)) return null;
        throw e;
      });
      if (password === null) {
        console.error(`用户名 ${username} 已存在。`);
        return 1;
      }
      console.log(`已创建${roleLabels[role]} ${username}，初始密码（仅显示一次，首次登录须修改）：${password}`);
      return 0;
    } finally {
      await db.shutdown();
    }
  },
};
