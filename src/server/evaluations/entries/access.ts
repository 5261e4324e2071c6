/** What self-evaluation and district review share: loading an entry in scope, windows, transitions with their audit row. */
import type { Db, Executor } from '../../../db/client.js';
import { platformScope } from '../../../domain/auth/scope.js';
import type { Role } from '../../../domain/auth/roles.js';
import { checkEntryAction, isOverdue, pendingWindow, resultsVisible, type EntryAction, type EntryStatus, type Windows } from '../../../domain/evaluation/workflow.js';
import type { Grade } from '../../../domain/grading/types.js';
import { scoreSheet, type ScoreScheme, type ScoreSheet } from '../../../domain/index.js';
import { audit } from '../../audit/audit.js';
import { todayIso } from '../../clock.js';
import type { RequestContext } from '../../context.js';
import { AppError, errors } from '../../errors.js';
import { notify, type Audience, type NotificationInput } from '../../notifications/service.js';
import { loadScheme } from '../../schemes/service.js';
import * as entriesRepo from './repository.js';
import type { EntryDetail, RowReview } from './schema.js';
import * as repo from '../campaign/repository.js';
import { factsRecord, readFacts, schemeWithCutoffs } from './scoring.js';

export function windowsOf(e: repo.EvaluationRecord): Windows {
  return { self_evaluation: e.selfEvaluationEnd, district_review: e.districtReviewEnd, municipal_review: e.municipalReviewEnd };
}

/** The date an entry must move by and whether it is late, as every list and detail shows it. */
export function deadlineOf(status: EntryStatus, w: Windows, today = todayIso()): { deadline: string | null; overdue: boolean } {
  const pending = pendingWindow(status);
  return { deadline: pending === null ? null : w[pending], overdue: isOverdue(status, today, w) };
}

export interface LoadedEntry {
  e: repo.EvaluationRecord;
  scheme: ScoreScheme;
  entry: entriesRepo.EntryDetailRecord;
}

/** The campaign and one of its entries in the actor's scope; another platform's or district's entry is "not found". */
export async function loadEntry(db: Db, ctx: RequestContext, evaluationId: string, entryId: string): Promise<LoadedEntry> {
  const e = await repo.findEvaluation(db, evaluationId);
  if (!e) throw errors.notFound('年度评估');
  const entry = await entriesRepo.findEntry(db, evaluationId, entryId, platformScope(ctx.actor));
  if (!entry) throw errors.notFound('参评记录');
  return { e, scheme: schemeWithCutoffs((await loadScheme(db, e.schemeId)).scheme, e.excellentCutoff, e.passCutoff), entry };
}

/** A refused workflow step, with the table's Chinese message: wrong status or closed window 409, wrong role 403. */
export function refusal(code: 'NOT_ALLOWED' | 'ROLE' | 'WINDOW_CLOSED', message: string): AppError {
  switch (code) {
    case 'NOT_ALLOWED':
      return new AppError('ENTRY_TRANSITION_REFUSED', 409, message);
    case 'ROLE':
      return new AppError('FORBIDDEN', 403, message);
    case 'WINDOW_CLOSED':
      return new AppError('WINDOW_CLOSED', 409, message);
  }
}

/** Throws unless the actor may take `action` now; the transition table is the only place these rules live. */
export function assertAction(ctx: RequestContext, l: LoadedEntry, action: EntryAction): EntryStatus {
  const check = checkEntryAction(action, l.entry.status, ctx.actor.role, todayIso(), windowsOf(l.e));
  if (!check.ok) throw refusal(check.code, check.message);
  return check.to;
}

/** Who is told of a step, and what; the link to the entry is added. */
export interface Notice { audience: Audience; notification: Omit<NotificationInput, 'target' | 'data'> }



/**
 * Takes a transition and writes its audit row in one transaction. The status moves only from the
 * status that was checked, so a refused or raced step changes nothing and writes no audit row.
 */
export async function transition(
  db: Db, ctx: RequestContext, l: LoadedEntry, action: EntryAction,
  opts: TransitionOptions = {},
): Promise<void> {
  const to = assertAction(ctx, l, action);
  await db.transaction(async (tx) => applyTransition(tx, ctx, l, action, to, opts));
}

export interface TransitionOptions {
  set?: Parameters<typeof entriesRepo.moveEntry>[4];
  summary?: Record<string, unknown>;
  notice?: Notice;
}

/** The body of a checked transition inside the caller's transaction, for steps that change more than the entry (an expert's first assignment). */
export async function applyTransition(tx: Executor, ctx: RequestContext, l: LoadedEntry, action: EntryAction, to: EntryStatus, opts: TransitionOptions = {}): Promise<void> {
  if (!(await entriesRepo.moveEntry(tx, l.entry.id, l.entry.status, to, opts.set))) throw errors.conflict('该参评记录已被他人处理，请刷新后重试');
  await audit(tx, ctx, {
    action: `evaluation.entry.${action}`, entityType: 'evaluation_entry', entityId: l.entry.id,
    summary: { evaluationId: l.e.id, platformId: l.entry.platformId, status: [l.entry.status, to], ...opts.summary },
  });
  if (opts.notice) await notify(tx, opts.notice.audience, { ...opts.notice.notification, target: { evaluationId: l.e.id, entryId: l.entry.id }, data: { evaluationId: l.e.id, entryId: l.entry.id } });
}

/** What the review and the panel set on an entry. */
export interface EntryResults { reviewedTotal: string | null; grade: Grade | null; rank: number | null; recommendation: string | null }
const noResults: EntryResults = { reviewedTotal: null, grade: null, rank: null, recommendation: null };

/** The review's results as the actor may see them (resultsVisible in the workflow): all, or nothing. */
export function shownResults(role: Role, status: EntryStatus, r: EntryResults): EntryResults {
  return resultsVisible(role, status) ? { reviewedTotal: r.reviewedTotal, grade: r.grade, rank: r.rank, recommendation: r.recommendation } : noResults;
}

/** The live sheet of the entry's facts under the campaign's scheme with the entry's factor. */
export function liveSheet(scheme: ScoreScheme, entry: entriesRepo.EntryDetailRecord): { sheet: ScoreSheet | null; problems: string[] } {
  const facts = readFacts(entry.type, entry.facts);
  if (facts === null) return { sheet: null, problems: ['事实数据格式不正确'] };
  const r = scoreSheet(scheme, entry.type, entry.factor, facts);
  return r.ok ? { sheet: r.value, problems: [] } : { sheet: null, problems: r.errors.map((x) => x.message) };
}

/** The newest decision per row is the one in force; older ones stay in the table as history. */
export function reviewsInForce(rows: readonly entriesRepo.RowReviewRecord[]): RowReview[] {
  const seen = new Map<string, RowReview>();
  for (const r of rows) {
    if (!seen.has(r.rowCode)) seen.set(r.rowCode, { rowCode: r.rowCode, decision: r.decision, comment: r.comment, reviewerName: r.reviewerName, at: r.at.toISOString() });
  }
  return [...seen.values()].sort((a, b) => a.rowCode.localeCompare(b.rowCode, 'en', { numeric: true }));
}

export const textRecord = (v: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(factsRecord(v)).flatMap(([k, t]) => (typeof t === 'string' ? [[k, t]] : [])));

export async function entryDetail(db: Db, ctx: RequestContext, l: LoadedEntry): Promise<EntryDetail> {
  const { sheet, problems } = liveSheet(l.scheme, l.entry);
  const reviews = reviewsInForce(await entriesRepo.listRowReviews(db, l.entry.id));
  const { storedSelfTotal, rowTexts, submittedAt, forwardedAt, reviewedTotal, grade, rank, recommendation, reviewedSheet, ...rest } = l.entry;
  const visible = resultsVisible(ctx.actor.role, l.entry.status);
  return {
    ...rest,
    ...shownResults(ctx.actor.role, l.entry.status, { reviewedTotal, grade, rank, recommendation }),
    reviewedSheet: visible ? (reviewedSheet as ScoreSheet | null) : null,
    facts: factsRecord(l.entry.facts),
    // Once submitted the stored total is the one reviewed; a draft shows the live one.
    selfTotal: storedSelfTotal ?? sheet?.total ?? null,
    rowTexts: textRecord(rowTexts),
    sheet, problems, reviews,
    submittedAt: submittedAt?.toISOString() ?? null,
    forwardedAt: forwardedAt?.toISOString() ?? null,
    ...deadlineOf(l.entry.status, windowsOf(l.e)),
  };
}

/** The row codes of the sheet for the entry's type: texts and reviews name one of these. */
export function rowCodes(scheme: ScoreScheme, l: LoadedEntry): Set<string> {
  return new Set(scheme.tables[l.entry.type].rows.map((r) => r.code));
}

/** What the files feature needs to attach evidence to an entry's row: whose entry, its status, the sheet's row codes. */
export async function evidenceTarget(db: Db, entryId: string): Promise<{ id: string; platformId: string; status: EntryStatus; rowCodes: Set<string> } | null> {
  const o = await entriesRepo.findEntryOwner(db, entryId);
  if (!o) return null;
  const scheme = (await loadScheme(db, o.schemeId)).scheme;
  return { id: o.id, platformId: o.platformId, status: o.status, rowCodes: new Set(scheme.tables[o.type].rows.map((r) => r.code)) };
}
