/**
 * Publicity notices (公示, Art 14 (三)) of any subject: posting one with its period computed by the
 * Civil Code rule and the holiday calendar, recording objections and their resolution, and the gate
 * the subject's decision passes (the period over, no objection open). The subject's own procedure
 * (a recognition application, later the annual results or 筹建) calls these inside its transactions.
 */
import type { Db, Executor } from '../../db/client.js';
import type { DayCounting } from '../../domain/dates/periods.js';
import { decisionGate, noticePeriod, type PublicitySubjectType } from '../../domain/publicity/notice.js';
import type { PublicityPeriod, RecognitionGate } from '../../domain/dates/periods.js';
import { checkObjectionAction, isOpenObjection } from '../../domain/publicity/objection.js';
import { audit } from '../audit/audit.js';
import { loadWorkCalendar } from '../calendar/service.js';
import type { RequestContext } from '../context.js';
import { AppError, errors } from '../errors.js';
import * as repo from './repository.js';

export interface Subject { type: PublicitySubjectType; id: string }
/** A subject listed by a notice, with the public wording of its row. */
export interface ListedSubject { id: string; title: string; detail: string | null }
export interface NoticeInput { postedOn: string; days: number; counting?: DayCounting | undefined; title: string; body?: string | null | undefined }

/**
 * The period of a notice, refused with the field named (fewer than five days, a year the holiday
 * calendar lacks). The one place that computes it: posting, the preview and a correction call this.
 */
export async function computePeriod(db: Executor, input: { postedOn: string; days: number; counting?: DayCounting | undefined }): Promise<PublicityPeriod> {
  const period = noticePeriod(input.postedOn, input.days, input.counting ?? 'calendar_days', await loadWorkCalendar(db));
  if (!period.ok) {
    const details = period.errors.map((e) => ({ field: e.path === 'date' ? 'postedOn' : (e.path ?? 'days'), message: e.message }));
    throw new AppError('VALIDATION_FAILED', 400, details.map((d) => d.message).join('；'), details);
  }
  return period.value;
}

/** The stored columns of a computed period. */
export const periodColumns = (p: PublicityPeriod) => ({
  postedOn: p.postedOn, days: p.days, counting: p.counting, firstDay: p.firstDay, lastDay: p.lastDay, decisionFrom: p.recognitionFrom,
  extendedFrom: p.extendedFrom, explanation: p.explanation,
});

/** What a revision keeps: the notice as it reads after the change. */
export function snapshotOf(n: { title: string; body: string | null }, p: ReturnType<typeof periodColumns>, list: readonly { title: string; detail: string | null }[]) {
  return { title: n.title, body: n.body, ...p, items: list.map((it, i) => ({ position: i + 1, title: it.title, detail: it.detail })) };
}

/** Computes the period and stores the notice, its items, its first revision and its audit row. */
export async function postNotice(tx: Executor, ctx: RequestContext, type: PublicitySubjectType, list: readonly ListedSubject[], input: NoticeInput): Promise<string> {
  const p = await computePeriod(tx, input);
  const cols = periodColumns(p);
  const body = input.body ?? null;
  const id = await repo.insertNotice(tx, { subjectType: type, title: input.title, body, ...cols, postedBy: ctx.actor.userId },
    list.map((s) => ({ subjectId: s.id, title: s.title, detail: s.detail })));
  await repo.insertRevision(tx, { noticeId: id, revision: 1, kind: 'post', reason: null, snapshot: snapshotOf({ title: input.title, body }, cols, list), userId: ctx.actor.userId });
  await audit(tx, ctx, {
    action: 'publicity.notice.post', entityType: 'publicity_notice', entityId: id,
    summary: { subjectType: type, subjectIds: list.map((s) => s.id), postedOn: p.postedOn, days: p.days, counting: p.counting, lastDay: p.lastDay, decisionFrom: p.recognitionFrom, explanation: p.explanation },
  });
  return id;
}

export async function currentNotice(db: Executor, subject: Subject): Promise<repo.NoticeRecord> {
  const n = await repo.latestNotice(db, subject.type, subject.id);
  if (!n) throw errors.notFound('公示');
  return n;
}

export async function addObjection(db: Db, ctx: RequestContext, notice: repo.NoticeRecord, input: { receivedOn: string; summary: string }, today: string): Promise<string> {
  if (input.receivedOn < notice.postedOn) throw errors.invalid('receivedOn', `收到日期：不能早于公示发布日期 ${notice.postedOn}`);
  if (input.receivedOn > today) throw errors.invalid('receivedOn', '收到日期：不能晚于今天');
  return db.transaction(async (tx) => {
    const id = await repo.insertObjection(tx, { noticeId: notice.id, itemId: notice.itemId, receivedOn: input.receivedOn, summary: input.summary, recordedBy: ctx.actor.userId });
    await audit(tx, ctx, {
      action: 'publicity.objection.record', entityType: 'publicity_notice', entityId: notice.id,
      summary: { objectionId: id, subjectType: notice.subjectType, subjectId: notice.subjectId, receivedOn: input.receivedOn, summary: input.summary },
    });
    return id;
  });
}

export async function resolveObjection(
  db: Db, ctx: RequestContext, notice: repo.NoticeRecord, objectionId: string, input: { outcome: 'upheld' | 'dismissed'; resolution: string; resolvedOn: string }, today: string,
): Promise<void> {
  const o = await repo.findObjection(db, notice.itemId, objectionId);
  if (!o) throw errors.notFound('异议');
  if (!isOpenObjection(o.status)) throw errors.conflict('该异议已处理');
  if (input.resolvedOn < o.receivedOn) throw errors.invalid('resolvedOn', `处理日期：不能早于收到日期 ${o.receivedOn}`);
  if (input.resolvedOn > today) throw errors.invalid('resolvedOn', '处理日期：不能晚于今天');
  await db.transaction(async (tx) => {
    // Recorded and decided by the same desk: the one who decides a received objection takes it first (the table's assign step).
    if (o.status === 'received') await repo.takeObjection(tx, o.id, ctx.actor.userId);
    const step = checkObjectionAction('assigned', 'decide');
    if (!step.ok || !(await repo.resolveObjection(tx, o.id, { ...input, resolvedBy: ctx.actor.userId }))) throw errors.conflict('该异议已处理');
    await audit(tx, ctx, {
      action: 'publicity.objection.resolve', entityType: 'publicity_notice', entityId: notice.id,
      summary: { objectionId: o.id, subjectType: notice.subjectType, subjectId: notice.subjectId, outcome: input.outcome, resolution: input.resolution, resolvedOn: input.resolvedOn },
    });
  });
}

/** Whether the subject's decision may be taken on `on`: after the period, with no objection open. */
export async function gateOf(db: Executor, notice: repo.NoticeRecord, on: string): Promise<RecognitionGate> {
  const open = await repo.countOpenObjections(db, [notice.itemId]);
  return decisionGate({ ...notice, recognitionFrom: notice.decisionFrom }, on, open);
}
