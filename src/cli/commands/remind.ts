import type { CliCommand } from '../command.js';
import { loadConfig } from '../../config.js';
import { runDeadlineReminders } from '../../server/evaluations/campaign/reminders.js';
import { runRecognitionDeadlineCheck } from '../../server/yeardata/recognition-deadlines.js';
import { runPreparationTerms } from '../../server/preparation/job.js';
import { runReportingReminders } from '../../server/reporting/job.js';
import { cliDatabase } from './database.js';

/** For a server run without the web process (or from cron): the same checks the server runs (reminders hourly, 筹建 terms hourly, Art 17 deadlines daily). */
export const remindCommand: CliCommand = {
  name: 'remind',
  summary: 'remind — 检查年度评估各阶段截止日，发送到期与逾期提醒；检查筹建期，届满前提醒，期满未验收的取消筹建资格；检查第十七条达成时限，逾期未达到的报市人力社保局；运营数据报送截止前与逾期提醒',
  async run() {
    const db = await cliDatabase(loadConfig());
    try {
      const r = await runDeadlineReminders(db.db);
      console.log(`到期或逾期事项 ${r.reminders} 项，新发送提醒 ${r.delivered} 条。`);
      const p = await runPreparationTerms(db.db);
      console.log(`筹建期：新发送届满提醒 ${p.reminded} 项，期满未验收取消筹建资格 ${p.expired} 个${p.expiredNames.length > 0 ? `（${p.expiredNames.join('、')}）` : ''}。`);
      const d = await runRecognitionDeadlineCheck(db.db);
      console.log(`第十七条达成时限：核查平台 ${d.checked} 个，新报告逾期未达到 ${d.raised} 项，已达到或已调整 ${d.resolved} 项。`);
      if (d.unchecked.length > 0) console.log(`认定条款无法核验（请检查）：${d.unchecked.join('、')}`);
      const rr = await runReportingReminders(db.db);
      console.log(`运营数据报送：新发送截止前提醒 ${rr.dueSoon} 条，逾期提醒 ${rr.overdue} 条。`);
      return 0;
    } finally {
      await db.shutdown();
    }
  },
};
