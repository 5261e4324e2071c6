/**
 * The 筹建 clock (Art 15): every hour, the running terms are read on today's calendar. A term past
 * its end without a passed acceptance is cancelled by the system — the term, the application (when
 * there is one) and the platform 筹建中 → 已撤销 by the lifecycle table — with one audit row and
 * the notifications, in one transaction that changes a term only while it is still running, so a
 * second run (or a second process) changes nothing. Before the end, the district and the operator
 * are reminded at 90, 30 and 7 days, each threshold once per end.
 */
import type { Db } from '../../db/client.js';
import { checkTransition } from '../../domain/platforms/lifecycle.js';
import { dueReminder, termOn } from '../../domain/recognition/preparation.js';
import { applicationStateLabels, preparationMayExpire } from '../../domain/recognition/workflow.js';
import { art } from '../../domain/measures.js';
import { auditSystem } from '../audit/audit.js';
import { todayIso } from '../clock.js';
import { runExclusively } from '../cluster/repository.js';
import * as platformsRepo from '../platforms/repository.js';
import * as recognitionRepo from '../recognition/repository.js';
import * as repo from './repository.js';
import { notifyConcerned, termInput } from './service.js';

export interface PreparationRunReport { reminded: number; expired: number; expiredNames: string[] }

/** Cancels one expired term; false when it was no longer running (another run took it). */
async function expire(db: Db, t: repo.TermRecord, today: string): Promise<boolean> {
  const reason = `筹建期已于 ${t.endOn} 届满，未通过验收，依${art(15)}取消筹建资格`;
  return db.transaction(async (tx) => {
    if (!(await repo.closeTerm(tx, t.id, 'expired', today, reason))) return false;
    const summary: Record<string, unknown> = { platformId: t.platformId, applicationId: t.applicationId, endOn: t.endOn, reason };
    if (t.applicationId !== null) {
      const a = await recognitionRepo.findApplication(tx, { kind: 'all' }, t.applicationId);
      if (a !== null && preparationMayExpire(a.state) && (await recognitionRepo.updateApplication(tx, a.id, a.state, { state: 'preparation_cancelled' }))) {
        await recognitionRepo.insertHistory(tx, { applicationId: a.id, action: 'expire_preparation', fromState: a.state, toState: 'preparation_cancelled', reason, userId: null });
        summary.applicationState = [applicationStateLabels[a.state], applicationStateLabels.preparation_cancelled];
      }
    }
    const p = await platformsRepo.findPlatform(tx, { kind: 'all' }, t.platformId);
    const check = p === null ? null : checkTransition(p.level, p.status, 'revoked', 'bureau');
    if (p !== null && check?.ok === true && (await platformsRepo.updateStatus(tx, p.id, p.status, { status: 'revoked' }))) {
      await platformsRepo.insertStatusHistory(tx, { platformId: p.id, fromStatus: p.status, toStatus: 'revoked', reason, effectiveDate: today, userId: null });
      summary.status = [p.status, 'revoked'];
      summary.meaning = check.meaning;
    }
    await auditSystem(tx, { action: 'preparation.expire', entityType: 'preparation_term', entityId: t.id, summary });
    await notifyConcerned(tx, t, 'preparation.expired', {
      title: `${t.platformName}筹建期已于 ${t.endOn} 届满且未通过验收，筹建资格已取消`, body: reason, dedupeKey: `preparation.expired:${t.id}`,
    }, { bureau: true });
    return true;
  });
}

/** Sends the reminder due today, once: the keys are recorded in the same transaction as the notifications. */
async function remind(db: Db, t: repo.TermRecord, today: string): Promise<boolean> {
  const due = dueReminder(t.endOn, today, t.remindersSent);
  if (due === null) return false;
  return db.transaction(async (tx) => {
    if (!(await repo.markReminders(tx, t.id, due.marks))) return false;
    await notifyConcerned(tx, t, 'preparation.reminder', {
      title: `${t.platformName}筹建期将于 ${t.endOn} 届满（还有 ${due.left} 天）`,
      body: `期满未通过验收的，取消筹建资格（${art(15)}）。筹建完成后请上传筹建验收材料并申请验收。`,
      dedupeKey: `preparation.reminder:${t.id}:${t.endOn}:${due.days}`,
    });
    return true;
  });
}

export async function runPreparationTerms(db: Db, today = todayIso()): Promise<PreparationRunReport> {
  const report: PreparationRunReport = { reminded: 0, expired: 0, expiredNames: [] };
  const terms = await repo.activeTerms(db);
  const ext = await repo.listExtensions(db, terms.map((t) => t.id));
  for (const t of terms) {
    if (termOn(termInput(t, ext), today).status === 'expired') {
      if (await expire(db, t, today)) {
        report.expired += 1;
        report.expiredNames.push(t.platformName);
      }
    } else if (await remind(db, t, today)) {
      report.reminded += 1;
    }
  }
  return report;
}

export const PREPARATION_JOB = 'preparation-terms';

/** Tries every hour; runExclusively lets one process run it at a time, at most once in 50 minutes. */
export function schedulePreparationTerms(db: Db, log: (msg: string) => void): () => void {
  const run = () => {
    runExclusively(db, PREPARATION_JOB, 50, () => runPreparationTerms(db)).then(
      (r) => {
        if (r.ran && r.value.expired > 0) log(`筹建期检查：${r.value.expired} 个平台筹建期满未验收，已取消筹建资格（${r.value.expiredNames.join('、')}）`);
      },
      (e: unknown) => log(`筹建期检查失败：${e instanceof Error ? e.message : String(e)}`),
    );
  };
  run();
  const timer = setInterval(run, 60 * 60 * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
