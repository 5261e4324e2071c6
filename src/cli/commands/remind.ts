import type { CliCommand } from '../command.js';
import { loadConfig } from '../../config.js';
import { runDeadlineReminders } from '../../server/evaluations/reminders.js';
import { cliDatabase } from './database.js';

/** For a server run without the web process (or from cron): the same check the server runs hourly. */
export const remindCommand: CliCommand = {
  name: 'remind',
  summary: 'remind — 检查年度评估各阶段截止日，发送到期与逾期提醒',
  async run() {
    const db = await cliDatabase(loadConfig());
    try {
      const r = await runDeadlineReminders(db.db);
      console.log(`到期或逾期事项 ${r.reminders} 项，新发送提醒 ${r.delivered} 条。`);
      return 0;
    } finally {
      await db.shutdown();
    }
  },
};
