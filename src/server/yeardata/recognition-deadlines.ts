/**
 * Art 17: a platform of 渝东北 / 渝东南 may be recognized with a deadline by which a lowered
 * quantitative condition must be reached (its recognition terms). Once a day every recognized
 * municipal platform with a passed deadline is checked on its latest year data, with the check
 * the platform detail shows; a condition still unmet is raised to the bureau, once per platform
 * and deadline (a notification, and a to-do item on the bureau's home page until it is met or
 * the terms change).
 */
import type { Db } from '../../db/client.js';
import { art } from '../../domain/measures.js';
import { todayIso } from '../clock.js';
import { runExclusively } from '../cluster/repository.js';
import { notify } from '../notifications/service.js';
import { termsOf } from '../platforms/recognition-terms.js';
import * as deadlineRepo from './deadline-repository.js';
import { conditionCheckOf } from './service.js';

export interface DeadlineCheckReport { checked: number; raised: number; resolved: number; unchecked: string[] }

export async function runRecognitionDeadlineCheck(db: Db, today = todayIso()): Promise<DeadlineCheckReport> {
  const report: DeadlineCheckReport = { checked: 0, raised: 0, resolved: 0, unchecked: [] };
  for (const p of await deadlineRepo.platformsWithDeadlines(db)) {
    const passed = (termsOf(p.recognitionTerms).deadlines ?? []).filter((d) => d.dueDate < today);
    if (passed.length === 0) {
      report.resolved += await deadlineRepo.resolveDeadlineAlerts(db, p.id, []);
      continue;
    }
    const check = await conditionCheckOf(db, p, undefined, today);
    if (check.result === null) {
      // Terms the engine refuses cannot be judged; an alert already raised stays open.
      report.unchecked.push(p.name);
      continue;
    }
    report.checked += 1;
    const overdue = new Set(check.result.overdue);
    const stillOverdue = passed.filter((d) => overdue.has(d.condition)).map((d) => ({ condition: d.condition, dueDate: d.dueDate }));
    const conditions = check.result.conditions;
    await db.transaction(async (tx) => {
      for (const d of stillOverdue) {
        if (!(await deadlineRepo.raiseDeadlineAlert(tx, p.id, d, check.year))) continue;
        report.raised += 1;
        const c = conditions.find((x) => x.id === d.condition);
        const label = c?.label ?? d.condition;
        await notify(tx, { kind: 'roles', roles: ['bureau'] }, {
          kind: 'platform.deadline.overdue',
          title: `${p.name}：「${label}」已过${art(17)}达成时限（${d.dueDate}）仍未达到`,
          body: `${check.year} 年度数据：${c?.value ?? '未填报'}，要求 ${c?.threshold ?? '—'}。请核实并决定后续处理。`,
          target: { platformId: p.id },
          data: { platformId: p.id, condition: d.condition, dueDate: d.dueDate, year: check.year },
          dedupeKey: `platform.deadline:${p.id}:${d.condition}:${d.dueDate}`,
        });
      }
      report.resolved += await deadlineRepo.resolveDeadlineAlerts(tx, p.id, stillOverdue);
    });
  }
  return report;
}

export const RECOGNITION_DEADLINE_JOB = 'recognition-deadlines';

/**
 * Tries every hour; runExclusively lets one process run it, and not again within 23 hours of the
 * last run by any process, so the check runs about once a day. A failure is logged and retried
 * at the next try.
 */
export function scheduleRecognitionDeadlineCheck(db: Db, log: (msg: string) => void): () => void {
  const run = () => {
    runExclusively(db, RECOGNITION_DEADLINE_JOB, 23 * 60, () => runRecognitionDeadlineCheck(db)).then(
      (r) => { if (r.ran && r.value.raised > 0) log(`认定达成时限检查：新报告 ${r.value.raised} 项逾期未达到`); },
      (e: unknown) => log(`认定达成时限检查失败：${e instanceof Error ? e.message : String(e)}`),
    );
  };
  run();
  const timer = setInterval(run, 60 * 60 * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
