/**
 * Art 16: districts' recognition policies (versioned), the district's recognition of its own
 * district-level platforms and their filing with the bureau (备案). Each step writes its audit
 * row and notifications in the same transaction.
 */
import type { Db, Executor } from '../../db/client.js';
import { availableFilingSteps, checkFilingStep, quotaExceeded, quotaUse, type FilingAction, type FilingState } from '../../domain/district/filing.js';
import { policyFields, policyInForce, validatePolicy } from '../../domain/district/policy.js';
import { checkFilingTransition } from '../../domain/platforms/lifecycle.js';
import { findDistrict } from '../../domain/reference/districts.js';
import { parseIsoDate } from '../../domain/dates/iso-date.js';
import { art } from '../../domain/measures.js';
import type { CheckResult } from '../../domain/conditions/types.js';
import { audit } from '../audit/audit.js';
import { now, todayIso } from '../clock.js';
import type { RequestContext } from '../context.js';
import { AppError, errors } from '../errors.js';
import { notify } from '../notifications/service.js';
import { editablePlatform, visiblePlatform } from '../platforms/access.js';
import { districtQuotaCounts, insertStatusHistory, updatePlatform, type PlatformRecord } from '../platforms/repository.js';
import { checkDocument } from '../rules/service.js';
import { conditionFactsFor } from '../yeardata/facts.js';
import { currentRecognition, districtPolicyMissing, policyFor, quotaAdjustments, thresholdsOf } from './check.js';
import * as repo from './repository.js';
import type { DecideInput, FilingListQuery, PolicyInput } from './schema.js';

const isBureau = (ctx: RequestContext): boolean => ctx.actor.role === 'admin' || ctx.actor.role === 'bureau';

/** A district unit reads its own district only; the bureau any. */
function readableDistrict(ctx: RequestContext, wanted: string | undefined): string | null {
  if (isBureau(ctx)) return wanted ?? null;
  const own = ctx.actor.districtCode;
  if (ctx.actor.role !== 'district' || own === null) throw errors.forbidden('查看区县认定政策');
  if (wanted !== undefined && wanted !== own) throw errors.notFound('该区县的认定政策');
  return own;
}

function policyView(r: repo.PolicyRow) {
  return {
    id: r.id, districtCode: r.districtCode, districtName: r.districtName, version: r.version, docNo: r.docNo, effectiveFrom: r.effectiveFrom,
    thresholds: thresholdsOf(r), note: r.note, createdByName: r.createdByName, createdAt: r.createdAt.toISOString(),
  };
}

export async function listPolicies(db: Db, ctx: RequestContext, districtCode: string | undefined) {
  const rows = await repo.listPolicies(db, readableDistrict(ctx, districtCode));
  const today = todayIso();
  const byDistrict = new Map<string, repo.PolicyRow[]>();
  for (const r of rows) byDistrict.set(r.districtCode, [...(byDistrict.get(r.districtCode) ?? []), r]);
  const inForce = [...byDistrict.values()].map((vs) => policyInForce(vs, today)?.id).filter((id): id is string => id !== undefined);
  return { fields: policyFields(currentRecognition().recognition), versions: rows.map(policyView), inForceIds: inForce, canCreate: ctx.actor.role === 'district' };
}

/** A new version of the actor's district's policy (versions are never changed: a correction is a new one). */
export async function createPolicy(db: Db, ctx: RequestContext, input: PolicyInput) {
  const districtCode = ctx.actor.districtCode;
  if (ctx.actor.role !== 'district' || districtCode === null) throw errors.forbidden('登记区县认定政策');
  const res = validatePolicy(currentRecognition().recognition, input);
  if (!res.ok) {
    const details = res.errors.map((e) => ({ field: e.path ?? 'thresholds', message: e.message }));
    throw new AppError('VALIDATION_FAILED', 400, details.map((d) => d.message).join('；'), details);
  }
  const docNo = input.docNo.trim();
  await db.transaction(async (tx) => {
    const created = await repo.insertPolicy(tx, { districtCode, docNo, effectiveFrom: input.effectiveFrom, thresholds: res.value, note: input.note ?? null, createdBy: ctx.actor.userId });
    await audit(tx, ctx, {
      action: 'district_policy.create', entityType: 'district_policy', entityId: created.id,
      summary: { districtCode, version: created.version, docNo, effectiveFrom: input.effectiveFrom, thresholds: res.value },
    });
  });
  return listPolicies(db, ctx, districtCode);
}

function districtLevel(p: PlatformRecord): void {
  if (p.level !== 'district') throw errors.refused('NOT_DISTRICT_LEVEL', `平台：只有区县级平台由区县认定并备案（${art(16)}）`, 'platformId');
}

async function quotaOf(db: Executor, p: PlatformRecord) {
  const counts = await districtQuotaCounts(db, p);
  const { branchUsesDistrictQuota, quotaPerType } = currentRecognition();
  return {
    existing: counts.existingDistrictPlatforms, branches: counts.existingBranches, branchUsesDistrictQuota,
    counted: quotaUse(counts, branchUsesDistrictQuota), perType: quotaPerType, exceeded: quotaExceeded(counts, branchUsesDistrictQuota, quotaPerType),
  };
}

export async function getFiling(db: Db, ctx: RequestContext, platformId: string) {
  const p = await visiblePlatform(db, ctx, platformId);
  districtLevel(p);
  const [filing, events, quota, policy] = await Promise.all([
    repo.findFiling(db, platformId), repo.listEvents(db, platformId), quotaOf(db, p), policyFor(db, p.districtCode, todayIso()),
  ]);
  const judgedBy = filing === null ? null : await repo.findPolicy(db, filing.policyId);
  const state: FilingState | null = filing?.state ?? null;
  // The district acts on its own platforms only; the bureau on filings of any district.
  const mayAct = isBureau(ctx) || (ctx.actor.role === 'district' && ctx.actor.districtCode === p.districtCode);
  return {
    platformId, platformStatus: p.status, districtCode: p.districtCode,
    filing: filing === null ? null : {
      state: filing.state, dataYear: filing.dataYear, decisionDocNo: filing.decisionDocNo, decidedOn: filing.decidedOn, quotaReason: filing.quotaReason,
      policyId: filing.policyId, policyDocNo: judgedBy?.docNo ?? '', policyVersion: judgedBy?.version ?? 0, filedAt: filing.filedAt?.toISOString() ?? null, acknowledgedAt: filing.acknowledgedAt?.toISOString() ?? null,
      checkResult: filing.checkResult,
    },
    events: events.map((e) => ({ action: e.action, text: e.text, at: e.at.toISOString(), userName: e.userName })),
    steps: mayAct && p.status === 'pending_filing' ? availableFilingSteps(state, ctx.actor.role) : [],
    quota, policyToday: policy === null ? null : { id: policy.id, version: policy.version, docNo: policy.docNo, effectiveFrom: policy.effectiveFrom },
  };
}

function step(action: FilingAction, state: FilingState | null, ctx: RequestContext, text: string | undefined): string | null {
  const s = checkFilingStep(action, state, ctx.actor.role);
  if (!s.ok) throw s.reason === 'role' ? new AppError('FORBIDDEN', 403, s.message) : errors.conflict(s.message);
  const t = text?.trim() ?? '';
  if (s.textRequired && t === '') {
    throw errors.invalid('text', action === 'question' ? '问题：请写明需要区县说明或补充的内容' : '答复：请答复市人力社保局提出的问题');
  }
  return t === '' ? null : t;
}

/** The district's decision: the check against its policy in force on the decision date, the quota reason if needed. */
export async function decide(db: Db, ctx: RequestContext, platformId: string, input: DecideInput) {
  const p = await editablePlatform(db, ctx, platformId);
  districtLevel(p);
  if (p.status !== 'pending_filing') throw errors.conflict(`平台状态为「${p.status === 'filed' ? '已备案' : '非待备案'}」，不能再记录区县认定决定`);
  const before = await repo.findFiling(db, platformId);
  step('decide', before?.state ?? null, ctx, undefined);
  if (parseIsoDate(input.decidedOn) === null) throw errors.invalid('decidedOn', '认定日期：须为有效日期（YYYY-MM-DD）');
  if (input.decidedOn > todayIso()) throw errors.invalid('decidedOn', '认定日期：不能晚于今天');
  const docNo = input.docNo.trim();
  if (docNo === '') throw errors.invalid('docNo', '认定文号：请填写区县认定决定的文号');
  const chosen = await policyFor(db, p.districtCode, input.decidedOn);
  if (chosen === null) throw errors.refused('DISTRICT_POLICY_REQUIRED', districtPolicyMissing(findDistrict(p.districtCode)?.name ?? p.districtCode, input.decidedOn), 'decidedOn');
  const quota = await quotaOf(db, p);
  const reason = input.quotaReason?.trim() ?? '';
  if (quota.exceeded && reason === '') {
    const branches = quota.branchUsesDistrictQuota && quota.branches > 0 ? `（含分平台 ${quota.branches} 个）` : '';
    throw errors.refused('QUOTA_REASON_REQUIRED', `再认定理由：本区县已有同类型区县级平台 ${quota.counted} 个${branches}，原则上每类型 ${quota.perType} 个（${art(16)}），再认定须记录理由`, 'quotaReason');
  }
  const quotaReason = quota.exceeded ? reason : null;
  const input2 = await conditionFactsFor(db, p.id, input.year);
  const res = checkDocument({ ...input2, districtPolicy: chosen.policy, adjustments: quotaAdjustments(quotaReason) });
  if (!res.ok) throw errors.refused('CHECK_FAILED', res.value.errors.map((e) => e.message).join('；'));
  const check: CheckResult = res.value;
  if (check.outcome === 'not_met') throw errors.refused('CONDITIONS_NOT_MET', `按区县认定政策（${chosen.docNo}）核验：${check.summary}`);
  await db.transaction(async (tx) => {
    await repo.upsertFiling(tx, {
      platformId, districtCode: p.districtCode, state: 'decided', dataYear: input.year, policyId: chosen.id, decisionDocNo: docNo,
      decidedOn: input.decidedOn, checkResult: check, quotaReason, filedAt: null, acknowledgedAt: null,
    });
    await updatePlatform(tx, platformId, { recognizedAt: input.decidedOn, recognitionDocNo: docNo, recognitionBasis: `区县认定政策 ${chosen.docNo}（第 ${chosen.version} 版）` });
    await repo.insertEvent(tx, { platformId, action: 'decide', text: `${docNo}，${input.decidedOn}；${check.summary}${quotaReason === null ? '' : `；再认定理由：${quotaReason}`}`, userId: ctx.actor.userId });
    await audit(tx, ctx, {
      action: 'district_filing.decide', entityType: 'platform', entityId: platformId,
      summary: { platformName: p.name, docNo, decidedOn: input.decidedOn, year: input.year, policy: `${chosen.docNo}（第 ${chosen.version} 版）`, outcome: check.outcome, quotaReason },
    });
  });
  return getFiling(db, ctx, platformId);
}

/** Filing with the bureau, or filing again with the answer to its question. */
export async function file(db: Db, ctx: RequestContext, platformId: string, text: string | undefined) {
  const p = await editablePlatform(db, ctx, platformId);
  districtLevel(p);
  await db.transaction(async (tx) => {
    const f = await repo.findFiling(tx, platformId, true);
    const answer = step('file', f?.state ?? null, ctx, text);
    await repo.setFilingState(tx, platformId, 'pending', { filedAt: now() });
    await repo.insertEvent(tx, { platformId, action: 'file', text: answer, userId: ctx.actor.userId });
    await audit(tx, ctx, { action: 'district_filing.file', entityType: 'platform', entityId: platformId, summary: { platformName: p.name, answer } });
    await notify(tx, { kind: 'roles', roles: ['bureau'] }, {
      kind: 'district.filing.submitted', title: `${findDistrict(p.districtCode)?.name ?? ''}报备区县级平台：${p.name}`,
      body: answer === null ? '请确认备案或提出问题' : `区县答复：${answer}`, target: { platformId },
    });
  });
  return getFiling(db, ctx, platformId);
}

/** The bureau's question: the filing goes back to the district for an answer. */
export async function question(db: Db, ctx: RequestContext, platformId: string, text: string | undefined) {
  const p = await visiblePlatform(db, ctx, platformId);
  districtLevel(p);
  await db.transaction(async (tx) => {
    const f = await repo.findFiling(tx, platformId, true);
    const q = step('question', f?.state ?? null, ctx, text);
    await repo.setFilingState(tx, platformId, 'questioned', {});
    await repo.insertEvent(tx, { platformId, action: 'question', text: q, userId: ctx.actor.userId });
    await audit(tx, ctx, { action: 'district_filing.question', entityType: 'platform', entityId: platformId, summary: { platformName: p.name, question: q } });
    await notify(tx, { kind: 'district', districtCode: p.districtCode, roles: ['district'] }, {
      kind: 'district.filing.questioned', title: `市人力社保局对「${p.name}」的备案提出问题`, body: q ?? '', target: { platformId },
    });
  });
  return getFiling(db, ctx, platformId);
}

/** The bureau's acknowledgement: the platform becomes 已备案 (the lifecycle's `filing` transition). */
export async function acknowledge(db: Db, ctx: RequestContext, platformId: string, text: string | undefined) {
  const p = await visiblePlatform(db, ctx, platformId);
  districtLevel(p);
  const move = checkFilingTransition(p.level, p.status, ctx.actor.role);
  await db.transaction(async (tx) => {
    const f = await repo.findFiling(tx, platformId, true);
    const note = step('acknowledge', f?.state ?? null, ctx, text);
    if (!move.ok) throw errors.conflict(move.message);
    await repo.setFilingState(tx, platformId, 'acknowledged', { acknowledgedAt: now() });
    await updatePlatform(tx, platformId, { status: 'filed' });
    await insertStatusHistory(tx, { platformId, fromStatus: p.status, toStatus: 'filed', reason: move.meaning, effectiveDate: todayIso(), userId: ctx.actor.userId });
    await repo.insertEvent(tx, { platformId, action: 'acknowledge', text: note, userId: ctx.actor.userId });
    await audit(tx, ctx, { action: 'district_filing.acknowledge', entityType: 'platform', entityId: platformId, summary: { platformName: p.name, from: p.status, to: 'filed', note } });
    await notify(tx, { kind: 'district', districtCode: p.districtCode, roles: ['district'] }, {
      kind: 'district.filing.acknowledged', title: `「${p.name}」已确认备案`, body: note ?? '', target: { platformId },
    });
  });
  return getFiling(db, ctx, platformId);
}

const summaryOf = (v: unknown): string =>
  typeof v === 'object' && v !== null && 'summary' in v && typeof v.summary === 'string' ? v.summary : '';

export async function listFilings(db: Db, ctx: RequestContext, q: FilingListQuery) {
  const districtCode = isBureau(ctx) ? q.districtCode ?? null : readableDistrict(ctx, q.districtCode);
  const rows = await repo.listFilings(db, { districtCode, states: q.state === undefined ? undefined : [q.state], exceptionsOnly: q.exceptions === true });
  return rows.map((r) => {
    return {
      platformId: r.platformId, platformName: r.platformName, type: r.type, platformStatus: r.platformStatus, districtCode: r.districtCode,
      districtName: r.districtName, state: r.state, decisionDocNo: r.decisionDocNo, decidedOn: r.decidedOn, quotaReason: r.quotaReason,
      exception: r.quotaReason !== null, filedAt: r.filedAt?.toISOString() ?? null, acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
      checkSummary: summaryOf(r.checkResult),
    };
  });
}
