/**
 * Municipal review (Art 30 (三)): the bureau assigns experts to an entry; each expert checks the facts
 * against the evidence (correcting a fact with a reason), scores the judged rows, records the site
 * inspection and keeps private notes, then submits or declines for a conflict of interest. The bureau
 * sees the reviewed sheet beside the self-evaluated one and finishes the review, freezing it.
 */
import { z } from 'zod';
import type { Db } from '../../../db/client.js';
import { entryStatusLabels } from '../../../domain/evaluation/workflow.js';
import { factLabel, labelFor } from '../../../domain/labels/index.js';
import { formatHundredths, toHundredths } from '../../../domain/shared/decimal.js';
import { audit } from '../../audit/audit.js';
import { todayIso } from '../../clock.js';
import type { RequestContext } from '../../context.js';
import { AppError, errors, type FieldError } from '../../errors.js';
import { assertAssignable } from '../../experts/conflict.js';
import { notify } from '../../notifications/service.js';
import { applyTransition, assertAction, deadlineOf, loadEntry, refusal, windowsOf, type LoadedEntry } from '../entries/access.js';
import * as expertRepo from './repository.js';
import {
  type FinishReviewInput, siteVisit as siteVisitSchema, type AssignInput, type AssignmentRow, type Correction, type EntryReview, type MyAssignmentRow, type OwnAssignment, type PreviewAssignmentInput, type ReviewSheet, type SaveAssignmentInput,
} from './schema.js';
import { factKeys, judgedRows, panelRows, panelScoresIn, reviewSheetOf, type Contribution } from './review-sheet.js';
import { parseFacts } from '../entries/scoring.js';

const storedCorrections = z.array(z.object({ fact: z.string(), value: z.unknown(), reason: z.string() }));
const storedScores = z.record(z.string(), z.string());

function corrections(v: unknown): Correction[] {
  const r = storedCorrections.safeParse(v);
  return r.success ? r.data : [];
}
function scores(v: unknown): Record<string, string> {
  const r = storedScores.safeParse(v);
  return r.success ? r.data : {};
}

/** The bureau's view of an assignment: everything but the private notes. */
function assignmentRow(a: expertRepo.AssignmentRecord): AssignmentRow {
  const visit = siteVisitSchema.safeParse(a.siteVisit);
  return {
    id: a.id, entryId: a.entryId, expertUserId: a.expertUserId, expertName: a.expertName, status: a.status, declineReason: a.declineReason,
    corrections: corrections(a.corrections), judgedScores: scores(a.judgedScores), siteVisit: visit.success ? visit.data : null,
    assignedAt: a.assignedAt.toISOString(), submittedAt: a.submittedAt?.toISOString() ?? null,
  };
}

const contribution = (a: expertRepo.AssignmentRecord): Contribution => ({ expertName: a.expertName, corrections: corrections(a.corrections), judgedScores: scores(a.judgedScores) });

function invalid(details: FieldError[]): AppError {
  return new AppError('VALIDATION_FAILED', 400, details.map((d) => d.message).join('；'), details);
}

/** Work on the review happens only while the entry is under review and the municipal window is open. */
function assertReviewOpen(l: LoadedEntry, what: string): void {
  if (l.entry.status !== 'under_review') throw refusal('NOT_ALLOWED', `「${entryStatusLabels[l.entry.status]}」状态下不能${what}`);
  const end = windowsOf(l.e).municipal_review;
  if (todayIso() > end) throw refusal('WINDOW_CLOSED', `市级评审的期限（${end}）已过，请联系市人力社保局延期`);
}

// ——— The bureau ———

/**
 * Assigns an expert to the entry. The first assignment starts the municipal review (forwarded →
 * under_review) in the same transaction. An expert is never assigned to a platform of their own organization.
 */
export async function assignExpert(db: Db, ctx: RequestContext, evaluationId: string, entryId: string, input: AssignInput): Promise<AssignmentRow> {
  const l = await loadEntry(db, ctx, evaluationId, entryId);
  const starts = l.entry.status === 'forwarded';
  if (starts) assertAction(ctx, l, 'start_review');
  else assertReviewOpen(l, '分配评审专家');
  const operatorOrgId = await expertRepo.operatorOrgOf(db, l.entry.platformId);
  const u = assertAssignable(await expertRepo.findCandidate(db, input.expertUserId), operatorOrgId === null ? [] : [{ orgId: operatorOrgId, what: '该平台的运营机构' }]);
  const existing = await expertRepo.findAssignmentOfExpert(db, l.entry.id, u.id);
  if (existing) throw errors.conflict(existing.status === 'declined' ? `${u.displayName}已申请回避该平台，不能再次分配` : `${u.displayName}已分配评审该平台`);
  const id = await db.transaction(async (tx) => {
    const newId = await expertRepo.insertAssignment(tx, l.entry.id, u.id);
    if (starts) await applyTransition(tx, ctx, l, 'start_review', 'under_review', { summary: { firstExpert: u.id } });
    await audit(tx, ctx, {
      action: 'evaluation.expert.assign', entityType: 'expert_assignment', entityId: newId,
      summary: { evaluationId, entryId: l.entry.id, platformId: l.entry.platformId, expertUserId: u.id },
    });
    await notify(tx, { kind: 'users', userIds: [u.id] }, {
      kind: 'evaluation.expert.assigned', title: `请评审${l.entry.platformName}的${l.e.year}年度评估`,
      body: `市级评审截止日 ${windowsOf(l.e).municipal_review}`, target: { evaluationId, entryId: l.entry.id }, data: { evaluationId, entryId: l.entry.id },
    });
    return newId;
  });
  const a = await expertRepo.findAssignment(db, l.entry.id, id);
  if (!a) throw errors.notFound('专家分配');
  return assignmentRow(a);
}

/** Withdraws an assignment the expert has not submitted. */
export async function unassignExpert(db: Db, ctx: RequestContext, evaluationId: string, entryId: string, assignmentId: string): Promise<void> {
  const l = await loadEntry(db, ctx, evaluationId, entryId);
  const a = await expertRepo.findAssignment(db, l.entry.id, assignmentId);
  if (!a) throw errors.notFound('专家分配');
  if (a.status === 'submitted') throw errors.conflict('该专家已提交评审意见，不能撤销分配');
  assertReviewOpen(l, '撤销专家分配');
  await db.transaction(async (tx) => {
    if (!(await expertRepo.deleteAssignment(tx, a.id))) throw errors.conflict('该专家已提交评审意见，不能撤销分配');
    await audit(tx, ctx, {
      action: 'evaluation.expert.unassign', entityType: 'expert_assignment', entityId: a.id,
      summary: { evaluationId, entryId: l.entry.id, platformId: l.entry.platformId, expertUserId: a.expertUserId, status: a.status },
    });
  });
}

export async function listExperts(db: Db, ctx: RequestContext, evaluationId: string, entryId: string): Promise<AssignmentRow[]> {
  const l = await loadEntry(db, ctx, evaluationId, entryId);
  return (await expertRepo.listAssignments(db, l.entry.id)).map(assignmentRow);
}

/** The reviewed sheet from the submitted experts' work; once finished, the frozen one. */
export async function getReview(db: Db, ctx: RequestContext, evaluationId: string, entryId: string): Promise<EntryReview> {
  const l = await loadEntry(db, ctx, evaluationId, entryId);
  const all = await expertRepo.listAssignments(db, l.entry.id);
  const count = (s: expertRepo.AssignmentRecord['status']) => all.filter((a) => a.status === s).length;
  const stored = await expertRepo.findReviewed(db, l.entry.id);
  const frozen = stored?.reviewedAt !== null && stored?.reviewedAt !== undefined;
  const panel = frozen ? panelScoresIn(l.scheme, l.entry.type, stored.reviewedFacts) : {};
  const review = reviewSheetOf(l.scheme, { ...l.entry, selfTotal: l.entry.storedSelfTotal }, all.filter((a) => a.status === 'submitted').map(contribution), panel);
  const { reviewedFacts: _facts, ...sheet } = review;
  return {
    ...sheet, entryId: l.entry.id, status: l.entry.status, frozen, reviewedAt: stored?.reviewedAt?.toISOString() ?? null,
    // The frozen total is the one graded; the rows are recomputed from the frozen facts, which are the same.
    ...(frozen && stored.reviewedTotal !== null ? { reviewedTotal: stored.reviewedTotal } : {}),
    experts: { assigned: count('assigned'), submitted: count('submitted'), declined: count('declined') },
    panelRows: panelRows(l.scheme, l.entry.type), panelScores: panel,
  };
}

/**
 * Finishes the municipal review: at least one expert submitted and none still working. The reviewed
 * facts, sheet and total are stored with the transition and its audit row.
 */
export async function finishReview(db: Db, ctx: RequestContext, evaluationId: string, entryId: string, input: FinishReviewInput = {}): Promise<EntryReview> {
  const l = await loadEntry(db, ctx, evaluationId, entryId);
  assertAction(ctx, l, 'finish_review');
  const all = await expertRepo.listAssignments(db, l.entry.id);
  const working = all.filter((a) => a.status === 'assigned');
  if (working.length > 0) throw refusal('NOT_ALLOWED', `以下专家尚未提交评审意见：${working.map((a) => a.expertName).join('、')}`);
  const submitted = all.filter((a) => a.status === 'submitted');
  if (submitted.length === 0) throw refusal('NOT_ALLOWED', '尚无专家提交评审意见，不能完成评审');
  const panel = panelScoresOf(l, input.panelScores ?? {});
  const review = reviewSheetOf(l.scheme, { ...l.entry, selfTotal: l.entry.storedSelfTotal }, submitted.map(contribution), panel);
  if (review.sheet === null || review.reviewedTotal === null) throw new AppError('ENTRY_NOT_SCORABLE', 400, `评审后的事实数据不能计分：${review.problems.join('；')}`);
  // A judged row without a score would be frozen at 0: refuse, naming the rows (RULES.md §8).
  const judgedCodes = new Set(judgedRows(l.scheme, l.entry.type).map((r) => r.code));
  const pending = review.sheet.rows.filter((r) => r.counted && r.pending && judgedCodes.has(r.code));
  if (pending.length > 0) {
    const names = pending.map((r) => `${r.code} ${r.name}`).join('、');
    throw refusal('NOT_ALLOWED', l.scheme.settings.judged === 'panel'
      ? `综合评定项取评审组评分，以下项目尚未录入评审组评分，不能完成评审：${names}`
      : `以下综合评定项尚无专家评分，不能完成评审：${names}`);
  }
  await db.transaction(async (tx) => {
    await applyTransition(tx, ctx, l, 'finish_review', 'reviewed', {
      set: { reviewed: { total: review.reviewedTotal ?? '0', facts: review.reviewedFacts, sheet: review.sheet } },
      summary: {
        selfTotal: review.selfTotal, reviewedTotal: review.reviewedTotal, experts: submitted.length, corrected: review.corrections.map((c) => c.fact),
        ...(Object.keys(panel).length > 0 ? { panelScores: panel } : {}),
      },
    });
  });
  return getReview(db, ctx, evaluationId, entryId);
}

// ——— The expert ———

async function loadOwn(db: Db, ctx: RequestContext, evaluationId: string, entryId: string) {
  const l = await loadEntry(db, ctx, evaluationId, entryId);
  const a = await expertRepo.findOwnAssignment(db, l.entry.id, ctx.actor.userId);
  if (!a) throw errors.notFound('评审任务');
  return { l, a };
}

function ownView(l: LoadedEntry, a: expertRepo.AssignmentRecord): OwnAssignment {
  const preview = reviewSheetOf(l.scheme, { ...l.entry, selfTotal: l.entry.storedSelfTotal }, [contribution(a)]);
  const { reviewedFacts: _facts, ...sheet } = preview;
  return { ...assignmentRow(a), privateNotes: a.privateNotes, judgedRows: judgedRows(l.scheme, l.entry.type), preview: sheet };
}

export async function getOwnAssignment(db: Db, ctx: RequestContext, evaluationId: string, entryId: string): Promise<OwnAssignment> {
  const { l, a } = await loadOwn(db, ctx, evaluationId, entryId);
  return ownView(l, a);
}

function assertWorking(l: LoadedEntry, a: expertRepo.AssignmentRecord, what: string): void {
  if (a.status !== 'assigned') throw refusal('NOT_ALLOWED', a.status === 'submitted' ? `评审意见已提交，不能${what}` : `已回避该平台，不能${what}`);
  assertReviewOpen(l, what);
}

function checkCorrections(l: LoadedEntry, list: readonly Correction[]): Correction[] {
  const keys = factKeys(l.entry.type);
  const judged = new Set(judgedRows(l.scheme, l.entry.type).map((r) => r.fact));
  const seen = new Set<string>();
  const problems: FieldError[] = [];
  list.forEach((c, i) => {
    const field = `corrections.${i}`;
    const [factName, valueName] = [labelFor(['corrections', i, 'fact']), labelFor(['corrections', i, 'value'])];
    if (!keys.has(c.fact)) problems.push({ field: `${field}.fact`, message: `${factName}：“${c.fact}”不是该类平台评分表的事实项` });
    else if (judged.has(c.fact)) problems.push({ field: `${field}.fact`, message: `${factName}：“${factLabel(c.fact)}”为综合评定项，请在评分中打分` });
    else if (seen.has(c.fact)) problems.push({ field: `${field}.fact`, message: `${factName}：同一事实项只能更正一次` });
    else if (c.value === undefined) problems.push({ field: `${field}.value`, message: `${valueName}：须填写更正后的${factLabel(c.fact)}` });
    else {
      const parsed = parseFacts(l.entry.type, { [c.fact]: c.value });
      if (!parsed.ok) problems.push(...parsed.errors.map((e) => ({ field: `${field}.value`, message: `${valueName}：${e.message.replace(/^事实数据·/, '').replace('：', '')}` })));
    }
    seen.add(c.fact);
  });
  if (problems.length > 0) throw invalid(problems);
  return list.map((c) => ({ fact: c.fact, value: c.value, reason: c.reason }));
}

/** The panel's scores, checked like an expert's; refused when the scheme does not take judged rows from the panel. */
function panelScoresOf(l: LoadedEntry, sent: Record<string, number | string>): Record<string, string> {
  if (Object.keys(sent).length === 0) return {};
  if (l.scheme.settings.judged !== 'panel') {
    throw invalid([{ field: 'panelScores', message: '评审组评分：本年度评分方案的综合评定项按专家评分计算，不录入评审组评分' }]);
  }
  return checkScores(l, sent, 'panelScores');
}

function checkScores(l: LoadedEntry, sent: Record<string, number | string>, prefix = 'judgedScores'): Record<string, string> {
  const rows = new Map(judgedRows(l.scheme, l.entry.type).map((r) => [r.fact, r]));
  const problems: FieldError[] = [];
  const out: Record<string, string> = {};
  for (const [fact, v] of Object.entries(sent)) {
    const field = `${prefix}.${fact}`;
    const row = rows.get(fact);
    if (!row) {
      problems.push({ field, message: `${labelFor([prefix])}：“${fact}”不是该类平台评分表的评审项` });
      continue;
    }
    const h = toHundredths(v);
    const capH = toHundredths(row.cap) ?? 0;
    const stepH = toHundredths(row.step) ?? 1;
    if (h === null || h < 0 || h > capH || h % stepH !== 0) {
      problems.push({ field, message: `${labelFor([prefix, fact])}：${row.code} ${row.name}的评分须在 0 至 ${row.cap} 之间，且为 ${row.step} 的整数倍` });
      continue;
    }
    out[fact] = formatHundredths(h);
  }
  if (problems.length > 0) throw invalid(problems);
  return out;
}

/**
 * Scores unsaved corrections and judged scores as the expert types (the live 评审预览); saves nothing and writes no
 * audit row. Input the save would refuse is reported as problems instead of an error, so a half-typed value does not
 * blank the preview.
 */
export async function previewOwnAssignment(db: Db, ctx: RequestContext, evaluationId: string, entryId: string, input: PreviewAssignmentInput): Promise<ReviewSheet> {
  const { l, a } = await loadOwn(db, ctx, evaluationId, entryId);
  const problems: string[] = [];
  const checked = <T>(check: () => T, fallback: T): T => {
    try {
      return check();
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      problems.push(...(error.details.length > 0 ? error.details.map((d) => d.message) : [error.message]));
      return fallback;
    }
  };
  const trial: Contribution = {
    expertName: a.expertName,
    corrections: checked(() => checkCorrections(l, input.corrections.filter((c) => c.fact.trim() !== '' && c.value !== '' && c.value !== undefined)), corrections(a.corrections)),
    judgedScores: checked(() => checkScores(l, input.judgedScores), scores(a.judgedScores)),
  };
  const { reviewedFacts: _facts, ...sheet } = reviewSheetOf(l.scheme, { ...l.entry, selfTotal: l.entry.storedSelfTotal }, [trial]);
  return { ...sheet, problems: [...problems, ...sheet.problems] };
}

/** Saves the expert's work in progress; every part is checked before anything is saved. */
export async function saveOwnAssignment(db: Db, ctx: RequestContext, evaluationId: string, entryId: string, input: SaveAssignmentInput): Promise<OwnAssignment> {
  const { l, a } = await loadOwn(db, ctx, evaluationId, entryId);
  assertWorking(l, a, '修改评审意见');
  const set = {
    ...(input.corrections === undefined ? {} : { corrections: checkCorrections(l, input.corrections) }),
    ...(input.judgedScores === undefined ? {} : { judgedScores: checkScores(l, input.judgedScores) }),
    ...(input.siteVisit === undefined ? {} : { siteVisit: input.siteVisit }),
    ...(input.privateNotes === undefined ? {} : { privateNotes: input.privateNotes === null || input.privateNotes.trim() === '' ? null : input.privateNotes }),
  };
  await db.transaction(async (tx) => {
    if (!(await expertRepo.saveWork(tx, a.id, set))) throw errors.conflict('该评审任务已提交或已回避，请刷新后重试');
    // The notes are the expert's own: the audit row says they changed, never what they say.
    await audit(tx, ctx, {
      action: 'evaluation.expert.save', entityType: 'expert_assignment', entityId: a.id,
      summary: {
        evaluationId, entryId: l.entry.id, platformId: l.entry.platformId,
        corrections: set.corrections?.map((c) => c.fact), judgedScores: set.judgedScores, siteVisit: input.siteVisit !== undefined, privateNotes: input.privateNotes !== undefined,
      },
    });
  });
  return getOwnAssignment(db, ctx, evaluationId, entryId);
}

/** Declines for a conflict of interest; the bureau is told so it can assign another expert. */
export async function declineOwnAssignment(db: Db, ctx: RequestContext, evaluationId: string, entryId: string, reason: string): Promise<AssignmentRow> {
  const { l, a } = await loadOwn(db, ctx, evaluationId, entryId);
  if (a.status !== 'assigned') throw refusal('NOT_ALLOWED', '评审意见已提交，不能再申请回避');
  await db.transaction(async (tx) => {
    if (!(await expertRepo.closeAssignment(tx, a.id, 'declined', reason))) throw errors.conflict('该评审任务已提交或已回避，请刷新后重试');
    await audit(tx, ctx, {
      action: 'evaluation.expert.decline', entityType: 'expert_assignment', entityId: a.id,
      summary: { evaluationId, entryId: l.entry.id, platformId: l.entry.platformId, reason },
    });
    await notify(tx, { kind: 'roles', roles: ['bureau'] }, {
      kind: 'evaluation.expert.declined', title: `${a.expertName}申请回避${l.entry.platformName}的评审，请另行分配专家`, body: `回避理由：${reason}`,
      target: { evaluationId, entryId: l.entry.id }, data: { evaluationId, entryId: l.entry.id },
    });
  });
  const after = await expertRepo.findAssignment(db, l.entry.id, a.id);
  if (!after) throw errors.notFound('评审任务');
  return assignmentRow(after);
}

/** Submits the expert's opinion: every judged row must be scored. */
export async function submitOwnAssignment(db: Db, ctx: RequestContext, evaluationId: string, entryId: string): Promise<OwnAssignment> {
  const { l, a } = await loadOwn(db, ctx, evaluationId, entryId);
  assertWorking(l, a, '提交评审意见');
  const given = scores(a.judgedScores);
  const missing = judgedRows(l.scheme, l.entry.type).filter((r) => given[r.fact] === undefined);
  if (missing.length > 0) {
    throw invalid(missing.map((r) => ({ field: `judgedScores.${r.fact}`, message: `${labelFor(['judgedScores', r.fact])}：${r.code} ${r.name}尚未评分` })));
  }
  await db.transaction(async (tx) => {
    if (!(await expertRepo.closeAssignment(tx, a.id, 'submitted'))) throw errors.conflict('该评审任务已提交或已回避，请刷新后重试');
    await audit(tx, ctx, {
      action: 'evaluation.expert.submit', entityType: 'expert_assignment', entityId: a.id,
      summary: { evaluationId, entryId: l.entry.id, platformId: l.entry.platformId, judgedScores: given, corrections: corrections(a.corrections).map((c) => c.fact) },
    });
  });
  return getOwnAssignment(db, ctx, evaluationId, entryId);
}

export async function listMyAssignments(db: Db, ctx: RequestContext): Promise<MyAssignmentRow[]> {
  const rows = await expertRepo.listMine(db, ctx.actor.userId);
  return rows.map((r) => {
    const windows = { self_evaluation: r.selfEvaluationEnd, district_review: r.districtReviewEnd, municipal_review: r.municipalReviewEnd };
    const d = r.status === 'assigned' ? deadlineOf(r.entryStatus, windows) : { deadline: null, overdue: false };
    return {
      id: r.id, evaluationId: r.evaluationId, year: r.year, entryId: r.entryId, platformId: r.platformId, platformName: r.platformName,
      type: r.type, level: r.level, districtCode: r.districtCode, districtName: r.districtName, status: r.status, entryStatus: r.entryStatus,
      ...d, assignedAt: r.assignedAt.toISOString(), submittedAt: r.submittedAt?.toISOString() ?? null,
    };
  });
}
