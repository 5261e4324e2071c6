/**
 * District preliminary review (Art 30 (二), RULES.md §5): a gate. The district unit of the platform's
 * district decides row by row, then returns the sheet with its comments or forwards it to the bureau.
 */
import type { Db } from '../../../db/client.js';
import { entryStatusLabels } from '../../../domain/evaluation/workflow.js';
import { auditAll } from '../../audit/audit.js';
import { todayIso } from '../../clock.js';
import type { RequestContext } from '../../context.js';
import { errors } from '../../errors.js';
import * as entriesRepo from '../entries/repository.js';
import type { EntryDetail, RowReviewInput } from '../entries/schema.js';
import { assertAction, liveSheet, loadEntry, refusal, reviewsInForce, rowCodes, transition, windowsOf } from '../entries/access.js';
import { getEntry } from '../1-self-evaluation/service.js';

export async function reviewRow(db: Db, ctx: RequestContext, evaluationId: string, entryId: string, code: string, input: RowReviewInput): Promise<EntryDetail> {
  return reviewRows(db, ctx, evaluationId, entryId, [{ code, ...input }]);
}

/**
 * Several row decisions at once (the district accepting a whole sheet): each checked as one by one, all
 * written in one transaction with an audit row per row; one refused decision saves none of them.
 */
export async function reviewRows(db: Db, ctx: RequestContext, evaluationId: string, entryId: string, items: readonly (RowReviewInput & { code: string })[]): Promise<EntryDetail> {
  const l = await loadEntry(db, ctx, evaluationId, entryId);
  if (l.entry.status !== 'submitted') throw refusal('NOT_ALLOWED', `「${entryStatusLabels[l.entry.status]}」状态下不能初审，待平台提交自评后方可初审`);
  const end = windowsOf(l.e).district_review;
  if (todayIso() > end) throw refusal('WINDOW_CLOSED', `区县初审的期限（${end}）已过，请联系市人力社保局延期`);
  const codes = rowCodes(l.scheme, l);
  if (new Set(items.map((i) => i.code)).size < items.length) throw errors.invalid('code', '指标：同一指标在一次初审中只能有一个决定');
  const rows = items.map((input) => {
    if (!codes.has(input.code)) throw errors.invalid('code', `指标：评分表中没有指标“${input.code}”`);
    const comment = input.comment === undefined || input.comment === '' ? null : input.comment;
    // The operator must know what to correct: a returned row without a reason helps nobody.
    if (input.decision === 'returned' && comment === null) throw errors.invalid('comment', '意见：退回的指标须填写意见');
    return { code: input.code, decision: input.decision, comment };
  });
  await db.transaction(async (tx) => {
    await entriesRepo.insertRowReviews(tx, rows.map((r) => ({ entryId: l.entry.id, rowCode: r.code, decision: r.decision, comment: r.comment, reviewerId: ctx.actor.userId })));
    await auditAll(tx, ctx, rows.map((r) => ({
      action: 'evaluation.entry.row_review', entityType: 'evaluation_entry', entityId: l.entry.id,
      summary: { evaluationId, platformId: l.entry.platformId, rowCode: r.code, decision: r.decision },
    })));
  });
  return getEntry(db, ctx, evaluationId, entryId);
}

/** Returns the sheet to the operator; it needs at least one row returned with a comment in this round. */
export async function returnEntry(db: Db, ctx: RequestContext, evaluationId: string, entryId: string): Promise<EntryDetail> {
  const l = await loadEntry(db, ctx, evaluationId, entryId);
  assertAction(ctx, l, 'return');
  const submittedAt = l.entry.submittedAt?.getTime() ?? 0;
  const returned = reviewsInForce(await entriesRepo.listRowReviews(db, l.entry.id))
    .filter((r) => r.decision === 'returned' && r.comment !== null && Date.parse(r.at) >= submittedAt);
  if (returned.length === 0) throw refusal('NOT_ALLOWED', '退回前须至少将一项指标标为“退回”并填写意见');
  await transition(db, ctx, l, 'return', {
    summary: { rows: returned.map((r) => r.rowCode) },
    notice: {
      audience: { kind: 'platform_operator', platformId: l.entry.platformId },
      notification: { kind: 'evaluation.entry.returned', title: `${l.e.year}年度自评被区县退回修改`, body: `退回的指标：${returned.map((r) => r.rowCode).join('、')}` },
    },
  });
  return getEntry(db, ctx, evaluationId, entryId);
}

/** Forwards the sheet to the bureau: only when every scored row has been accepted (the unchosen half of a 选其一 pair aside). */
export async function forwardEntry(db: Db, ctx: RequestContext, evaluationId: string, entryId: string): Promise<EntryDetail> {
  const l = await loadEntry(db, ctx, evaluationId, entryId);
  assertAction(ctx, l, 'forward');
  const accepted = new Set(reviewsInForce(await entriesRepo.listRowReviews(db, l.entry.id)).filter((r) => r.decision === 'accepted').map((r) => r.rowCode));
  const sheet = liveSheet(l.scheme, l.entry).sheet;
  const rows = sheet === null ? [...rowCodes(l.scheme, l)] : sheet.rows.filter((r) => r.counted).map((r) => r.code);
  const pending = rows.filter((c) => !accepted.has(c));
  if (pending.length > 0) throw refusal('NOT_ALLOWED', `以下指标尚未初审通过，不能报送市局：${pending.join('、')}`);
  await transition(db, ctx, l, 'forward', {
    set: { forwarded: true }, summary: { selfTotal: l.entry.storedSelfTotal },
    notice: {
      audience: { kind: 'roles', roles: ['bureau'] },
      notification: { kind: 'evaluation.entry.forwarded', title: `${l.entry.platformName}的${l.e.year}年度自评已通过区县初审，报送市局` },
    },
  });
  return getEntry(db, ctx, evaluationId, entryId);
}
