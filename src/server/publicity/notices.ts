/**
 * Notices as the bureau manages them (Art 14 (三), Art 30 (四)): one notice lists several proposed
 * applications, or a campaign's draft results; posting moves each application to 公示中 in the same
 * transaction; a correction (period recomputed) or a withdrawal needs a reason and becomes a
 * revision that stays in the notice's history; a withdrawn notice's applications go back to 拟认定.
 * The public reads posted notices without anything about objections.
 */
import { Readable } from 'node:stream';
import type { Db, Executor } from '../../db/client.js';
import { GRADE_LABELS } from '../../domain/grading/types.js';
import { dayCountingLabels, type PublicitySubjectType } from '../../domain/publicity/notice.js';
import {
  checkNoticeAction, daysLeft, isCurrent, noticeActionsFor, noticeRevisionKindLabels, noticeStatusLabels, type NoticeAction,
} from '../../domain/publicity/notice-states.js';
import { ENUM_LABELS } from '../../domain/labels/enums.js';
import { audit } from '../audit/audit.js';
import { todayIso } from '../clock.js';
import type { RequestContext } from '../context.js';
import { AppError, errors } from '../errors.js';
import { offsetOf, toPage, type Page } from '../pagination.js';
import { assertAction, districtAudience, loadApplication, stepIn } from '../recognition/access.js';
import type { ApplicationRecord } from '../recognition/repository.js';
import { receiveUpload, storeUpload, type FilePart } from '../recognition/materials.js';
import * as panelRepo from '../evaluations/4-panel/repository.js';
import { assertNotPublished, loadCampaign } from '../evaluations/4-panel/service.js';
import * as repo from './repository.js';
import type {
  AttachmentOut, BureauNoticeOut, CorrectNoticeInput, CreateNoticeInput, DecideItemInput, NoticeListQuery, PeriodInput, PeriodOut, PublicNoticeOut,
} from './schema.js';
import { computePeriod, periodColumns, postNotice, snapshotOf } from './service.js';
import type { bureauNoticeRow, publicNoticeRow } from './schema.js';
import type { z } from 'zod';

const kindLabel = (k: PublicitySubjectType): string => ENUM_LABELS.publicitySubject[k];

/** The computed end and its explanation, before anything is stored (the create form shows it live). */
export async function previewPeriod(db: Executor, input: PeriodInput): Promise<PeriodOut> {
  const p = await computePeriod(db, input);
  return {
    postedOn: p.postedOn, days: p.days, counting: p.counting, countingLabel: dayCountingLabels[p.counting], firstDay: p.firstDay, lastDay: p.lastDay,
    extendedFrom: p.extendedFrom, decisionFrom: p.recognitionFrom, explanation: p.explanation,
  };
}

const periodOf = (n: repo.FullNotice): PeriodOut => ({
  postedOn: n.postedOn, days: n.days, counting: n.counting, countingLabel: dayCountingLabels[n.counting], firstDay: n.firstDay, lastDay: n.lastDay,
  extendedFrom: n.extendedFrom, decisionFrom: n.decisionFrom, explanation: n.explanation,
});

// ---- posting ----

async function proposedApplications(db: Db, ctx: RequestContext, ids: readonly string[]): Promise<ApplicationRecord[]> {
  if (ids.length === 0) throw errors.invalid('applicationIds', '公示名单：请至少选择一个拟认定平台');
  if (new Set(ids).size !== ids.length) throw errors.invalid('applicationIds', '公示名单：同一申请不能重复列入');
  const list: ApplicationRecord[] = [];
  for (const id of ids) {
    const a = await loadApplication(db, ctx, id);
    if (a.state !== 'proposed') throw errors.invalid('applicationIds', `公示名单：「${a.name}」不是拟认定、待公示的申请`);
    assertAction(ctx, a, 'post_publicity');
    list.push(a);
  }
  return list;
}

/** A campaign's draft results after the panel, before publication (Art 30 (四)): the graded entries and their grades. */
async function draftResults(db: Db, evaluationId: string | undefined) {
  if (evaluationId === undefined) throw errors.invalid('evaluationId', '年度评估：请选择要公示拟定结果的年度评估');
  const e = await loadCampaign(db, evaluationId);
  assertNotPublished(e);
  const graded = (await panelRepo.panelEntries(db, e.id)).filter((x) => x.status === 'graded' && x.grade !== null);
  if (graded.length === 0) throw errors.invalid('evaluationId', `年度评估：${e.year} 年度尚无已确定等次的参评平台，不能公示拟定结果`);
  const running = await repo.postedItemsOf(db, 'evaluation_result', graded.map((x) => x.id));
  if (running.length > 0) throw errors.conflict(`${e.year} 年度评估的拟定结果已在公示中，如需修改请更正或撤回原公示`);
  return graded.map((x) => ({ id: x.id, title: x.platformName, detail: `拟评定等次：${GRADE_LABELS[x.grade ?? 'held']}` }));
}

/** Posts a notice: its period computed, its items listed; each application moves to 公示中 with its history, audit row and notification, all in one transaction. */
export async function createNotice(db: Db, ctx: RequestContext, input: CreateNoticeInput): Promise<BureauNoticeOut> {
  if (input.postedOn > todayIso()) throw errors.invalid('postedOn', '公示发布日期：不能晚于今天（请在发布当日或之后登记）');
  const p = await computePeriod(db, input);
  const noticeInput = { postedOn: input.postedOn, days: input.days, counting: input.counting, title: input.title, body: input.body ?? null };
  let id: string;
  switch (input.kind) {
    case 'recognition_application': {
      const apps = await proposedApplications(db, ctx, input.applicationIds ?? []);
      id = await db.transaction(async (tx) => {
        const noticeId = await postNotice(tx, ctx, 'recognition_application', apps.map((a) => ({ id: a.id, title: a.name, detail: '拟认定为市级人力资源服务发展平台' })), noticeInput);
        for (const a of apps) {
          await stepIn(tx, ctx, a, 'post_publicity', 'in_publicity', {
            summary: { noticeId, postedOn: p.postedOn, days: p.days, counting: p.counting, lastDay: p.lastDay },
            notice: {
              audience: districtAudience(a, ['district_gov', 'district']), kind: 'recognition.application.in_publicity',
              title: `${a.name}已列入拟认定市级平台名单并公示`, body: `公示期 ${p.postedOn} 发布，至 ${p.lastDay} 届满`,
            },
          });
        }
        return noticeId;
      });
      break;
    }
    case 'evaluation_result': {
      const list = await draftResults(db, input.evaluationId);
      id = await db.transaction(async (tx) => postNotice(tx, ctx, 'evaluation_result', list, noticeInput));
      break;
    }
  }
  return getNotice(db, id);
}

// ---- correcting and withdrawing ----

async function loadNotice(db: Executor, id: string): Promise<repo.FullNotice> {
  const n = await repo.findNotice(db, id);
  if (!n) throw errors.notFound('公示');
  return n;
}

function assertNoticeAction(n: repo.FullNotice, action: NoticeAction, reason: string | null | undefined): void {
  const check = checkNoticeAction(action, n.status, reason);
  if (check.ok) return;
  if (check.code === 'REASON_REQUIRED') throw errors.invalid('reason', check.message);
  throw new AppError('NOTICE_TRANSITION_REFUSED', 409, check.message);
}

/** What a correction changed, in words for the history. */
function changesOf(before: { title: string; body: string | null; lastDay: string; postedOn: string; days: number; counting: string }, after: typeof before): string[] {
  const out: string[] = [];
  if (before.title !== after.title) out.push(`标题由「${before.title}」改为「${after.title}」`);
  if (before.body !== after.body) out.push('正文已更正');
  if (before.postedOn !== after.postedOn || before.days !== after.days || before.counting !== after.counting || before.lastDay !== after.lastDay) {
    out.push(`公示期由 ${before.postedOn} 发布、${before.days} 天（至 ${before.lastDay}）改为 ${after.postedOn} 发布、${after.days} 天（至 ${after.lastDay}）`);
  }
  return out;
}

/** Corrects the title, body or period (the end recomputed), with the reason, as a new revision. */
export async function correctNotice(db: Db, ctx: RequestContext, id: string, input: CorrectNoticeInput): Promise<BureauNoticeOut> {
  const n = await loadNotice(db, id);
  assertNoticeAction(n, 'correct', input.reason);
  const postedOn = input.postedOn ?? n.postedOn;
  if (postedOn > todayIso()) throw errors.invalid('postedOn', '公示发布日期：不能晚于今天');
  const p = await computePeriod(db, { postedOn, days: input.days ?? n.days, counting: input.counting ?? n.counting });
  const cols = periodColumns(p);
  const title = input.title ?? n.title;
  const body = input.body === undefined ? n.body : input.body;
  const changes = changesOf(n, { title, body, ...cols });
  if (changes.length === 0) throw errors.invalid('reason', '更正内容：标题、正文和公示期均未改变，无需更正');
  const list = await repo.listItems(db, id);
  await db.transaction(async (tx) => {
    if (!(await repo.updateNotice(tx, id, n.revision, { title, body, ...cols }))) throw errors.conflict('该公示已被他人更改，请刷新后重试');
    await repo.insertRevision(tx, { noticeId: id, revision: n.revision + 1, kind: 'correct', reason: input.reason, snapshot: { ...snapshotOf({ title, body }, cols, list), changes }, userId: ctx.actor.userId });
    await audit(tx, ctx, { action: 'publicity.notice.correct', entityType: 'publicity_notice', entityId: id, summary: { reason: input.reason, changes, revision: n.revision + 1, lastDay: p.lastDay } });
  });
  return getNotice(db, id);
}

/** Withdraws the notice with the reason; its applications go back to 拟认定 (results are simply no longer in publicity). */
export async function withdrawNotice(db: Db, ctx: RequestContext, id: string, reason: string): Promise<BureauNoticeOut> {
  const n = await loadNotice(db, id);
  assertNoticeAction(n, 'withdraw', reason);
  const list = await repo.listItems(db, id);
  const apps: ApplicationRecord[] = [];
  if (n.subjectType === 'recognition_application') {
    for (const it of list) {
      const a = await loadApplication(db, ctx, it.subjectId);
      // Only an application this notice still holds in publicity goes back (one recognized or posted again since stays).
      const latest = await repo.latestNotice(db, 'recognition_application', a.id);
      if (a.state === 'in_publicity' && latest?.id === id) {
        assertAction(ctx, a, 'withdraw_publicity', reason);
        apps.push(a);
      }
    }
  }
  await db.transaction(async (tx) => {
    if (!(await repo.updateNotice(tx, id, n.revision, { status: 'withdrawn' }))) throw errors.conflict('该公示已被他人更改，请刷新后重试');
    await repo.insertRevision(tx, { noticeId: id, revision: n.revision + 1, kind: 'withdraw', reason, snapshot: snapshotOf(n, periodColumns({ ...n, recognitionFrom: n.decisionFrom }), list), userId: ctx.actor.userId });
    await audit(tx, ctx, { action: 'publicity.notice.withdraw', entityType: 'publicity_notice', entityId: id, summary: { reason, revision: n.revision + 1, items: list.map((i) => i.subjectId) } });
    for (const a of apps) {
      await stepIn(tx, ctx, a, 'withdraw_publicity', 'proposed', {
        reason, summary: { noticeId: id },
        notice: { audience: districtAudience(a, ['district_gov', 'district']), kind: 'recognition.application.publicity_withdrawn', title: `${a.name}的拟认定公示已撤回`, body: reason },
      });
    }
  });
  return getNotice(db, id);
}

// ---- the decision on a result after an upheld objection ----

/** Records the bureau's decision on a result with an upheld objection: the grade confirmed or changed, with the reason. */
export async function decideItem(db: Db, ctx: RequestContext, id: string, itemId: string, input: DecideItemInput): Promise<BureauNoticeOut> {
  const n = await loadNotice(db, id);
  if (n.status !== 'posted') throw new AppError('NOTICE_TRANSITION_REFUSED', 409, '已撤回的公示不能再作决定');
  const it = (await repo.listItems(db, id)).find((x) => x.id === itemId);
  if (!it) throw errors.notFound('公示名单中的条目');
  if (it.subjectType !== 'evaluation_result') throw new AppError('NOT_ALLOWED', 409, '只有年度评估拟定结果需要在异议成立后决定等次');
  if ((await repo.countOpenObjections(db, [it.id])) > 0) throw new AppError('NOT_ALLOWED', 409, '该条目尚有未处理完毕的异议，请先处理异议');
  if (((await repo.upheldByItem(db, [it.id])).get(it.id) ?? 0) === 0) throw new AppError('NOT_ALLOWED', 409, '该条目没有成立的异议，无需另行决定等次');
  const entry = (await panelRepo.panelEntries(db, (await repo.evaluationOfEntries(db, [it.subjectId])) ?? '')).find((x) => x.id === it.subjectId);
  if (!entry) throw errors.notFound('参评平台');
  await db.transaction(async (tx) => {
    await repo.decideItem(tx, it.id, { decidedGrade: input.grade, decisionReason: input.reason, decidedBy: ctx.actor.userId });
    if (entry.grade !== input.grade) await panelRepo.setGradeAfterObjection(tx, entry.id, input.grade, `公示异议成立后改定：${input.reason}`);
    await audit(tx, ctx, {
      action: 'publicity.item.decide', entityType: 'publicity_notice', entityId: id,
      summary: { itemId: it.id, entryId: entry.id, platformName: entry.platformName, grade: [entry.grade, input.grade], reason: input.reason },
    });
  });
  return getNotice(db, id);
}

/**
 * The gate of a campaign's publication (Art 30 (四)): refused while the draft results' publicity runs,
 * while an objection on an entry is open, and for an entry whose objection was upheld until the bureau
 * has decided its grade. Returns the reasons (empty: may publish).
 */
export async function resultsPublicationRefusals(db: Executor, entryIds: readonly string[], today: string): Promise<string[]> {
  const posted = await repo.postedItemsOf(db, 'evaluation_result', entryIds);
  if (posted.length === 0) return [];
  const reasons: string[] = [];
  const running = posted.find((x) => today < x.decisionFrom);
  if (running) reasons.push(`拟定结果公示期至 ${running.lastDay} 届满，${running.decisionFrom} 前不得公布`);
  const open = await repo.countOpenObjections(db, posted.map((x) => x.itemId));
  if (open > 0) reasons.push(`尚有 ${open} 项异议未处理完毕`);
  const upheld = await repo.upheldByItem(db, posted.map((x) => x.itemId));
  for (const x of posted) {
    if ((upheld.get(x.itemId) ?? 0) > 0 && x.decidedGrade === null) reasons.push(`「${x.title}」的异议经核实成立，须先决定其等次`);
  }
  return reasons;
}

// ---- attachments ----

const attachmentOf = (f: repo.NoticeFileRecord): AttachmentOut => ({ id: f.id, originalName: f.originalName, mimeType: f.mimeType, sizeBytes: f.sizeBytes });

/** `read` parses the multipart request only after the notice is found and may still change. */
export async function uploadAttachment(db: Db, ctx: RequestContext, id: string, maxBytes: number, read: () => Promise<{ part: FilePart }>): Promise<AttachmentOut> {
  const n = await loadNotice(db, id);
  const { part } = await read();
  if (n.status !== 'posted') {
    part.file.resume();
    throw new AppError('NOTICE_TRANSITION_REFUSED', 409, '已撤回的公示不能添加附件');
  }
  const u = await receiveUpload(part, maxBytes);
  const fileId = await db.transaction(async (tx) => {
    const newId = await storeUpload(tx, u, { ownerType: repo.NOTICE_FILE_OWNER, ownerId: id, purpose: 'notice' }, ctx.actor.userId);
    await audit(tx, ctx, { action: 'publicity.notice.attach', entityType: 'publicity_notice', entityId: id, summary: { fileId: newId, filename: u.originalName, sizeBytes: u.size, sm3: u.sm3 } });
    return newId;
  });
  const f = await repo.findNoticeFile(db, id, fileId);
  if (!f) throw new Error('uploaded file not found');
  return attachmentOf(f);
}

export async function deleteAttachment(db: Db, ctx: RequestContext, id: string, fileId: string): Promise<void> {
  const n = await loadNotice(db, id);
  const f = await repo.findNoticeFile(db, id, fileId);
  if (!f) throw errors.notFound('公示附件');
  if (n.status !== 'posted') throw new AppError('NOTICE_TRANSITION_REFUSED', 409, '已撤回的公示不能删除附件');
  await db.transaction(async (tx) => {
    await repo.deleteNoticeFile(tx, f.id);
    await audit(tx, ctx, { action: 'publicity.notice.detach', entityType: 'publicity_notice', entityId: id, summary: { fileId: f.id, filename: f.originalName } });
  });
}

/** Every notice's attachments are public (the notice is). */
export async function openAttachment(db: Db, id: string, fileId: string): Promise<{ file: AttachmentOut; stream: Readable }> {
  await loadNotice(db, id);
  const f = await repo.findNoticeFile(db, id, fileId);
  if (!f) throw errors.notFound('公示附件');
  if (f.sm3 === null) throw new AppError('FILE_CONTENT_MISSING', 404, '附件内容缺失');
  return { file: attachmentOf(f), stream: Readable.from(repo.readNoticeFile(db, f.id)) };
}

// ---- reading ----

type RevisionRow = Awaited<ReturnType<typeof repo.listRevisions>>[number];
function historyOf(rows: readonly RevisionRow[]): PublicNoticeOut['history'] {
  return rows.map((r) => {
    const snap = r.snapshot;
    const changes = typeof snap === 'object' && snap !== null && 'changes' in snap && Array.isArray(snap.changes) ? snap.changes.filter((c): c is string => typeof c === 'string') : [];
    return { revision: r.revision, kind: r.kind, kindLabel: noticeRevisionKindLabels[r.kind], reason: r.reason, at: r.createdAt.toISOString(), changes };
  });
}

/** A posted notice reads 公示中 while its period runs and 公示期已满 after; a withdrawn one 已撤回. */
function statusOf(n: repo.FullNotice, today: string) {
  const current = isCurrent(n.status, n.lastDay, today);
  const statusLabel = n.status === 'posted' ? (current ? '公示中' : '公示期已满') : noticeStatusLabels[n.status];
  return { status: n.status, statusLabel, current, daysLeft: n.status === 'posted' ? daysLeft(n.lastDay, today) : 0 };
}

/** The public notice: title, body, items, period and countdown, attachments, history. Nothing about objections. */
export async function getPublicNotice(db: Db, id: string): Promise<PublicNoticeOut> {
  const n = await loadNotice(db, id);
  const today = todayIso();
  const [list, files, revisions] = await Promise.all([repo.listItems(db, id), repo.listNoticeFiles(db, id), repo.listRevisions(db, id)]);
  return {
    id: n.id, title: n.title, body: n.body, kind: n.subjectType, kindLabel: kindLabel(n.subjectType), ...statusOf(n, today), period: periodOf(n),
    items: list.map((i) => ({ id: i.id, position: i.position, title: i.title, detail: i.detail })), attachments: files.map(attachmentOf), history: historyOf(revisions),
  };
}

function linkOf(it: repo.ItemRecord, evaluationId: string | null): string | null {
  switch (it.subjectType) {
    case 'recognition_application':
      return `/app/recognition/applications/${it.subjectId}`;
    case 'evaluation_result':
      return evaluationId === null ? null : `/app/evaluations/${evaluationId}/entries/${it.subjectId}`;
  }
}

export async function getNotice(db: Db, id: string): Promise<BureauNoticeOut> {
  const pub = await getPublicNotice(db, id);
  const n = await loadNotice(db, id);
  const list = await repo.listItems(db, id);
  const ids = list.map((i) => i.id);
  const [upheld, evaluationId] = await Promise.all([
    repo.upheldByItem(db, ids),
    n.subjectType === 'evaluation_result' ? repo.evaluationOfEntries(db, list.map((i) => i.subjectId)) : Promise.resolve(null),
  ]);
  const items = [];
  for (const it of list) {
    const open = await repo.countOpenObjections(db, [it.id]);
    const up = upheld.get(it.id) ?? 0;
    items.push({
      id: it.id, position: it.position, title: it.title, detail: it.detail, subjectType: it.subjectType, subjectId: it.subjectId, link: linkOf(it, evaluationId),
      openObjections: open, upheldObjections: up, decidedGrade: it.decidedGrade, decidedGradeLabel: it.decidedGrade === null ? null : GRADE_LABELS[it.decidedGrade],
      decisionReason: it.decisionReason, needsDecision: it.subjectType === 'evaluation_result' && up > 0 && it.decidedGrade === null,
    });
  }
  return {
    ...pub, items, openObjections: await repo.countOpenObjections(db, ids), postedByName: n.postedByName, revision: n.revision,
    allowedActions: noticeActionsFor(n.status), evaluationId,
  };
}

type PublicRow = z.infer<typeof publicNoticeRow>;
type BureauRow = z.infer<typeof bureauNoticeRow>;

async function rowsOf(db: Db, q: NoticeListQuery) {
  const today = todayIso();
  const r = await repo.listNotices(db, { today, subjectType: q.kind, status: q.status, limit: q.pageSize, offset: offsetOf(q) });
  const counts = await repo.itemCounts(db, r.rows.map((n) => n.id));
  const row = (n: repo.FullNotice): PublicRow => ({
    id: n.id, title: n.title, kind: n.subjectType, kindLabel: kindLabel(n.subjectType), ...statusOf(n, today), postedOn: n.postedOn, lastDay: n.lastDay, itemsCount: counts.get(n.id) ?? 0,
  });
  return { r, row };
}

/** Public archive: current notices first with their days left, then the rest; never anything about objections. */
export async function listPublicNotices(db: Db, q: Omit<NoticeListQuery, 'status'>): Promise<Page<PublicRow>> {
  const { r, row } = await rowsOf(db, { ...q, status: undefined });
  return toPage(r, q, row);
}

export async function listNotices(db: Db, q: NoticeListQuery): Promise<Page<BureauRow>> {
  const { r, row } = await rowsOf(db, q);
  const open = await repo.openObjectionsByNotice(db, r.rows.map((n) => n.id));
  return toPage(r, q, (n) => ({ ...row(n), days: n.days, countingLabel: dayCountingLabels[n.counting], openObjections: open.get(n.id) ?? 0, postedByName: n.postedByName }));
}
