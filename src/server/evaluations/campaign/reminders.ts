/**
 * Runs the deadline reminders of every open campaign (src/domain/evaluation/reminders.ts) and
 * delivers them as notifications. Safe to run any number of times a day: each reminder has a
 * dedupe key, so a user hears of the same deadline once.
 */
import type { Db } from '../../../db/client.js';
import { remindersDue, type Holder, type Reminder } from '../../../domain/evaluation/reminders.js';
import { todayIso } from '../../clock.js';
import { runExclusively } from '../../cluster/repository.js';
import { notify, type Audience } from '../../notifications/service.js';
import { windowsOf } from '../entries/access.js';
import * as repo from './repository.js';

function audienceOf(holder: Holder, e: { platformId: string; districtCode: string }): Audience {
  switch (holder) {
    case 'operator':
      return { kind: 'platform_operator', platformId: e.platformId };
    case 'district':
      return { kind: 'district', districtCode: e.districtCode, roles: ['district'] };
    case 'bureau':
      return { kind: 'roles', roles: ['bureau'] };
  }
}

/** Returns how many notifications were new (already delivered reminders count 0). */
export async function runDeadlineReminders(db: Db, today = todayIso()): Promise<{ reminders: number; delivered: number }> {
  let reminders = 0;
  let delivered = 0;
  for (const e of (await repo.listEvaluations(db)).filter((x) => x.status === 'open')) {
    const entries = await repo.listEntries(db, e.id, { kind: 'all' });
    const byId = new Map(entries.map((x) => [x.id, x]));
    const due: Reminder[] = remindersDue(entries, windowsOf(e), today, e.year);
    reminders += due.length;
    await db.transaction(async (tx) => {
      for (const r of due) {
        const entry = byId.get(r.entryId);
        if (!entry) continue;
        delivered += await notify(tx, audienceOf(r.holder, entry), {
          kind: `evaluation.deadline.${r.kind}`, title: r.title, target: { evaluationId: e.id, entryId: r.entryId },
          data: { evaluationId: e.id, entryId: r.entryId, window: r.window }, dedupeKey: r.dedupeKey,
        });
      }
    });
  }
  return { reminders, delivered };
}

export const REMINDER_JOB = 'deadline-reminders';

/**
 * Checks the deadlines at start and then every hour; a failure is logged and retried next hour.
 * With several processes on one database, one of them runs it (runExclusively: advisory lock, and
 * not again within 50 minutes of the last run by any process), so the job runs about once an hour.
 */
export function scheduleDeadlineReminders(db: Db, log: (msg: string) => void): () => void {
  const run = () => {
    runExclusively(db, REMINDER_JOB, 50, () => runDeadlineReminders(db)).then(
      (r) => { if (r.ran && r.value.delivered > 0) log(`截止提醒：新发送 ${r.value.delivered} 条`); },
      (e: unknown) => log(`截止提醒失败：${e instanceof Error ? e.message : String(e)}`),
    );
  };
  run();
  const timer = setInterval(run, 60 * 60 * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
