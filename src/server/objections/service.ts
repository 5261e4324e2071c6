/**
 * The bureau's handling of objections (Art 14 (三)): per notice or assigned to me, the detail with the
 * objector's contact (to reply), assigning to a colleague (who is notified), investigation notes
 * (append-only), the decision (upheld or not, with reasons) and the reply sent; each step with its
 * audit row in one transaction, through the workflow table of src/domain/publicity/objection.ts.
 * Objections are the bureau's only: every route is for admin and bureau staff.
 */
import type { Db } from '../../db/client.js';
import type { Role } from '../../domain/auth/roles.js';
import {
  checkContact, checkObjectionAction, isOpenObjection, mayAddNote, objectionOutcomeLabels, objectionSourceLabels, objectionStatusLabels, openObjectionStatuses,
  replyMethodLabels, type ObjectionAction, type ObjectionStatus,
} from '../../domain/publicity/objection.js';
import { audit } from '../audit/audit.js';
import { todayIso } from '../clock.js';
import type { RequestContext } from '../context.js';
import { AppError, errors } from '../errors.js';
import * as filesRepo from '../files/repository.js';
import { notify } from '../notifications/service.js';
import { maskName, maskPhone } from '../pagination.js';
import * as repo from './repository.js';
import type { DecideBody, NoticeObjectionsOut, ObjectionDetailOut, ObjectionRowOut, RecordBody, ReplyBody } from './schema.js';

/** Who may be assigned an objection: the bureau's business staff. */
const ASSIGNEE_ROLES: readonly Role[] = ['bureau'];

function rowOut(o: repo.ObjectionRow): ObjectionRowOut {
  return {
    id: o.id, noticeId: o.noticeId, itemId: o.itemId, itemTitle: o.itemTitle, source: o.source, sourceLabel: objectionSourceLabels[o.source],
    receiptNo: o.receiptNo, objectorName: o.objectorName, receivedOn: o.receivedOn, summary: o.summary, status: o.status, statusLabel: objectionStatusLabels[o.status],
    open: isOpenObjection(o.status), assignedTo: o.assignedTo, assignedToName: o.assignedToName, outcome: o.outcome,
    outcomeLabel: o.outcome === null ? null : objectionOutcomeLabels[o.outcome], resolution: o.resolution, resolvedOn: o.resolvedOn,
    replyText: o.replyText, repliedOn: o.repliedOn, replyMethod: o.replyMethod, replyMethodLabel: o.replyMethod === null ? null : replyMethodLabels[o.replyMethod],
  };
}

async function loadNotice(db: Db, id: string): Promise<repo.NoticeRow> {
  const n = await repo.findNotice(db, id);
  if (!n) throw errors.notFound('公示');
  return n;
}

async function loadObjection(db: Db, id: string): Promise<repo.ObjectionRow> {
  const o = await repo.findObjection(db, id);
  if (!o) throw errors.notFound('异议');
  return o;
}

export async function noticeObjections(db: Db, noticeId: string, status: ObjectionStatus | undefined): Promise<NoticeObjectionsOut> {
  const n = await loadNotice(db, noticeId);
  const [items, rows] = await Promise.all([repo.noticeItems(db, n.id), repo.listObjections(db, { noticeId: n.id, ...(status === undefined ? {} : { status: [status] }) })]);
  return { notice: { id: n.id, title: n.title, postedOn: n.postedOn, lastDay: n.lastDay }, items: items.map((i) => ({ id: i.id, title: i.title })), objections: rows.map(rowOut) };
}

export async function myObjections(db: Db, ctx: RequestContext, open: boolean): Promise<(ObjectionRowOut & { noticeTitle: string })[]> {
  const rows = await repo.listObjections(db, { assignedTo: ctx.actor.userId, ...(open ? { status: openObjectionStatuses } : {}) });
  const titles = new Map<string, string>();
  for (const o of rows) if (!titles.has(o.noticeId)) titles.set(o.noticeId, (await repo.findNotice(db, o.noticeId))?.title ?? '');
  return rows.map((o) => ({ ...rowOut(o), noticeTitle: titles.get(o.noticeId) ?? '' }));
}

const refusalOf = (status: ObjectionStatus, action: ObjectionAction): string | null => {
  const c = checkObjectionAction(status, action);
  return c.ok ? null : c.message;
};

export async function objectionDetail(db: Db, id: string): Promise<ObjectionDetailOut> {
  const o = await loadObjection(db, id);
  const [n, notes, files] = await Promise.all([loadNotice(db, o.noticeId), repo.listNotes(db, o.id), repo.listFiles(db, o.id)]);
  return {
    ...rowOut(o), objectorPhone: o.objectorPhone, objectorEmail: o.objectorEmail, noticeTitle: n.title,
    notes: notes.map((x) => ({ ...x, createdAt: x.createdAt.toISOString() })), files,
    refusals: {
      assign: refusalOf(o.status, 'assign'), decide: refusalOf(o.status, 'decide'), reply: refusalOf(o.status, 'reply'),
      note: mayAddNote(o.status) ? null : '答复已记录，调查记录不再增加',
    },
  };
}

export async function assignees(db: Db): Promise<{ id: string; displayName: string }[]> {
  return (await repo.colleagues(db, ASSIGNEE_ROLES)).map((u) => ({ id: u.id, displayName: u.displayName }));
}

/** A step refused by the workflow table: 409 with the table's reason. */
function step(o: repo.ObjectionRow, action: ObjectionAction): ObjectionStatus {
  const c = checkObjectionAction(o.status, action);
  if (!c.ok) throw new AppError('OBJECTION_STEP_REFUSED', 409, c.message);
  return c.to;
}

const raced = (): AppError => errors.conflict('该异议刚被他人处理，请刷新后重试');

/** The bureau records an objection received by letter, phone or visit (source 'bureau'), during or after the period. */
export async function recordObjection(db: Db, ctx: RequestContext, noticeId: string, input: RecordBody): Promise<ObjectionDetailOut> {
  const n = await loadNotice(db, noticeId);
  const item = (await repo.noticeItems(db, n.id)).find((i) => i.id === input.itemId);
  if (!item) throw errors.invalid('itemId', '异议对象：不是该公示名单中的一项');
  if (input.receivedOn < n.postedOn) throw errors.invalid('receivedOn', `收到日期：不能早于公示发布日期 ${n.postedOn}`);
  if (input.receivedOn > todayIso()) throw errors.invalid('receivedOn', '收到日期：不能晚于今天');
  const hasContact = (input.phone ?? '') !== '' || (input.email ?? '') !== '';
  const contact = hasContact ? checkContact(input.phone, input.email) : null;
  if (contact !== null && !contact.ok) throw new AppError('VALIDATION_FAILED', 400, contact.errors.map((e) => e.message).join('；'), contact.errors.map((e) => ({ field: e.path ?? 'phone', message: e.message })));
  const c = contact?.ok === true ? contact.value : { phone: null, email: null };
  const id = await db.transaction(async (tx) => {
    const newId = await repo.insertObjection(tx, {
      noticeId: n.id, itemId: item.id, source: 'bureau', objectorName: input.objectorName ?? null, objectorPhone: c.phone, objectorEmail: c.email,
      receivedOn: input.receivedOn, summary: input.summary, status: 'received', recordedBy: ctx.actor.userId,
    });
    await audit(tx, ctx, {
      action: 'publicity.objection.record', entityType: 'publicity_objection', entityId: newId,
      summary: { noticeId: n.id, itemId: item.id, subjectType: item.subjectType, subjectId: item.subjectId, receivedOn: input.receivedOn, objectorName: maskName(input.objectorName ?? null), objectorPhone: maskPhone(c.phone) },
    });
    return newId;
  });
  return objectionDetail(db, id);
}

export async function assignObjection(db: Db, ctx: RequestContext, id: string, userId: string): Promise<ObjectionDetailOut> {
  const o = await loadObjection(db, id);
  const to = step(o, 'assign');
  const user = await repo.activeUserWithRole(db, userId, ASSIGNEE_ROLES);
  if (!user) throw errors.invalid('userId', '承办人：须为启用的市局业务人员');
  await db.transaction(async (tx) => {
    if (!(await repo.updateFrom(tx, o.id, [o.status], { status: to, assignedTo: user.id, assignedAt: new Date() }))) throw raced();
    await audit(tx, ctx, { action: 'publicity.objection.assign', entityType: 'publicity_objection', entityId: o.id, summary: { noticeId: o.noticeId, from: o.assignedToName, to: user.displayName } });
    if (user.id !== ctx.actor.userId) {
      await notify(tx, { kind: 'users', userIds: [user.id] }, {
        kind: 'publicity.objection.assigned', title: `公示异议分派给您办理：${o.itemTitle}`, body: `收到日期：${o.receivedOn}；分派人：${ctx.actor.username}`,
        target: { noticeId: o.noticeId, objectionId: o.id }, data: { objectionId: o.id },
      });
    }
  });
  return objectionDetail(db, id);
}

export async function addNote(db: Db, ctx: RequestContext, id: string, body: string): Promise<ObjectionDetailOut> {
  const o = await loadObjection(db, id);
  if (!mayAddNote(o.status)) throw new AppError('OBJECTION_STEP_REFUSED', 409, '答复已记录，调查记录不再增加');
  await db.transaction(async (tx) => {
    const noteId = await repo.insertNote(tx, { objectionId: o.id, body, createdBy: ctx.actor.userId });
    await audit(tx, ctx, { action: 'publicity.objection.note', entityType: 'publicity_objection', entityId: o.id, summary: { noteId, body } });
  });
  return objectionDetail(db, id);
}

export async function decideObjection(db: Db, ctx: RequestContext, id: string, input: DecideBody): Promise<ObjectionDetailOut> {
  const o = await loadObjection(db, id);
  const to = step(o, 'decide');
  const today = todayIso();
  await db.transaction(async (tx) => {
    if (!(await repo.updateFrom(tx, o.id, [o.status], { status: to, outcome: input.outcome, resolution: input.reasons, resolvedOn: today, resolvedBy: ctx.actor.userId }))) throw raced();
    await audit(tx, ctx, {
      action: 'publicity.objection.decide', entityType: 'publicity_objection', entityId: o.id,
      summary: { noticeId: o.noticeId, itemId: o.itemId, subjectType: o.subjectType, subjectId: o.subjectId, outcome: input.outcome, reasons: input.reasons, resolvedOn: today },
    });
  });
  return objectionDetail(db, id);
}

export async function recordReply(db: Db, ctx: RequestContext, id: string, input: ReplyBody): Promise<ObjectionDetailOut> {
  const o = await loadObjection(db, id);
  const to = step(o, 'reply');
  if (o.resolvedOn !== null && input.repliedOn < o.resolvedOn) throw errors.invalid('repliedOn', `答复日期：不能早于处理决定日期 ${o.resolvedOn}`);
  if (input.repliedOn > todayIso()) throw errors.invalid('repliedOn', '答复日期：不能晚于今天');
  await db.transaction(async (tx) => {
    if (!(await repo.updateFrom(tx, o.id, [o.status], { status: to, replyText: input.text, repliedOn: input.repliedOn, replyMethod: input.method, repliedBy: ctx.actor.userId }))) throw raced();
    await audit(tx, ctx, { action: 'publicity.objection.reply', entityType: 'publicity_objection', entityId: o.id, summary: { noticeId: o.noticeId, ...input } });
  });
  return objectionDetail(db, id);
}

/** An attachment of the objection (the bureau only). */
export async function openObjectionFile(db: Db, id: string, fileId: string) {
  const o = await loadObjection(db, id);
  const f = (await repo.listFiles(db, o.id)).find((x) => x.id === fileId);
  if (!f) throw errors.notFound('附件');
  return { file: f, chunks: filesRepo.readContent(db, f.id) };
}
