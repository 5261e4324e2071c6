/**
 * The reporting reminders (Art 18, 20): tried every hour; runExclusively lets one process run
 * them at a time. Each reminder is recorded with its notification, so a second run sends nothing.
 */
import type { Db } from '../../db/client.js';
import { runExclusively } from '../cluster/repository.js';
import { runReportingReminders } from './service.js';

export { runReportingReminders };
export const REPORTING_JOB = 'reporting-reminders';

export function scheduleReportingReminders(db: Db, log: (msg: string) => void): () => void {
  const run = () => {
    runExclusively(db, REPORTING_JOB, 50, () => runReportingReminders(db)).then(
      (r) => { if (r.ran && r.value.dueSoon + r.value.overdue > 0) log(`运营数据报送提醒：截止前 ${r.value.dueSoon} 条，逾期 ${r.value.overdue} 条`); },
      (e: unknown) => log(`运营数据报送提醒失败：${e instanceof Error ? e.message : String(e)}`),
    );
  };
  run();
  const timer = setInterval(run, 60 * 60 * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
