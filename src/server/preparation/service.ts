/**
 * 筹建 (Art 15, RULES.md §6) as steps of a recognition application and a term on the platform:
 * after the experts' assessment the bureau may approve preparatory construction for an urgent need
 * (the need, its consent and the date recorded): the platform enters the registry 筹建中 by the
 * entry table's `preparation` kind and its term runs one year. The bureau may extend the term with a
 * reason. The applicant (or the operator) reports readiness with evidence; the bureau checks the
 * conditions on the current figures, assigns experts for the acceptance round and records the
 * result: a pass proposes the platform for publicity (then recognition as any application), a fail
 * cancels the qualification. The expiry is the system's (job.ts).
 */
import type { Db, Executor } from '../../db/client.js';
import { addDays } from '../../domain/dates/iso-date.js';
import { checkEntry, checkTransition } from '../../domain/platforms/lifecycle.js';
import {
  checkApproval, checkExtension, preparationNeedKindLabels, preparationTermStatusLabels, termOn, type TermInput,
} from '../../domain/recognition/preparation.js';
import { checkApplicationAction } from '../../domain/recognition/workflow.js';
import type { Role } from '../../domain/auth/roles.js';
import type { NotificationKind } from '../../domain/notifications/kinds.js';
import { audit } from '../audit/audit.js';
import { pinnedNow, todayIso } from '../clock.js';
import type { RequestContext } from '../context.js';
import { AppError, errors } from '../errors.js';
import { maskName, maskPhone } from '../pagination.js';
import { notify } from '../notifications/service.js';
import { visiblePlatform } from '../platforms/access.js';
import * as platformsRepo from '../platforms/repository.js';
import { applyStatusChange } from '../platforms/status.js';
import { assertAction, districtAudience, formOf, loadApplication, refusal, takeStep } from '../recognition/access.js';
import { proposeRefusalOf } from '../recognition/experts.js';
import * as recognitionRepo from '../recognition/repository.js';
import * as repo from './repository.js';
import type { ApplicationPreparationOut, ApproveInput, ExtendInput, PlatformPreparationOut, TermOut } from './schema.js';

const bureauRoles: readonly Role[] = ['admin', 'bureau'];

export const termInput = (t: repo.TermRecord, ext: readonly repo.ExtensionRecord[]): TermInput => ({
  approvedOn: t.approvedOn, extensions: ext.filter((e) => e.termId === t.id).map((e) => ({ until: e.newEnd, reason: e.reason })),
});

/** A term as the screens show it: the calendar's reading (end, days left) and, once closed, how it closed. */
export function termOut(t: repo.TermRecord, ext: readonly repo.ExtensionRecord[], today: string, role: Role): TermOut {
  const cal = termOn(termInput(t, ext), today);
  const active = t.status === 'running';
  const explanation = active ? cal.explanation : `${t.approvedOn} 批准筹建，筹建期至 ${t.endOn}；${preparationTermStatusLabels[t.status]}（${t.closedOn ?? ''}）`;
  return {
    id: t.id, platformId: t.platformId, platformName: t.platformName, districtName: t.districtName, applicationId: t.applicationId,
    needKind: t.needKind, needKindLabel: preparationNeedKindLabels[t.needKind], need: t.need, consent: t.consent,
    approvedOn: t.approvedOn, plainEnd: cal.plainEnd, endOn: t.endOn, daysLeft: cal.daysLeft,
    status: t.status, statusLabel: preparationTermStatusLabels[t.status], explanation, closedOn: t.closedOn, closedReason: t.closedReason,
    extensions: ext.filter((e) => e.termId === t.id).map((e) => ({
      previousEnd: e.previousEnd, newEnd: e.newEnd, reason: e.reason, decidedByName: e.decidedByName, decidedAt: e.decidedAt.toISOString(),
    })),
    canExtend: active && bureauRoles.includes(role) && cal.status === 'active',
  };
}

async function termWithExtensions(db: Executor, t: repo.TermRecord | null, role: Role): Promise<TermOut | null> {
  if (t === null) return null;
  return termOut(t, await repo.listExtensions(db, [t.id]), todayIso(), role);
}

/** The district's units and government, and the platform's operator: who the term concerns. */
export async function notifyConcerned(tx: Executor, t: Pick<repo.TermRecord, 'platformId' | 'districtCode'>, kind: NotificationKind, n: { title: string; body: string; dedupeKey?: string }, extra: { bureau?: boolean; applicationId?: string | null } = {}): Promise<void> {
  const target = extra.applicationId ? { applicationId: extra.applicationId, platformId: t.platformId } : { platformId: t.platformId };
  const input = { kind, title: n.title, body: n.body, target, data: { platformId: t.platformId }, ...(n.dedupeKey === undefined ? {} : { dedupeKey: n.dedupeKey }) };
  await notify(tx, { kind: 'district', districtCode: t.districtCode, roles: ['district', 'district_gov'] }, input);
  await notify(tx, { kind: 'platform_operator', platformId: t.platformId }, input);
  if (extra.bureau === true) await notify(tx, { kind: 'roles', roles: ['bureau'] }, input);
}

// ——— the application's 筹建 card ———

export async function getApplicationPreparation(db: Db, ctx: RequestContext, id: string): Promise<ApplicationPreparationOut> {
  const a = await loadApplication(db, ctx, id);
  const role = ctx.actor.role;
  const [term, files, assignments] = await Promise.all([
    repo.termOfApplication(db, a.id), recognitionRepo.listApplicationFiles(db, a.id), recognitionRepo.listAssignments(db, a.id),
  ]);
  const out = await termWithExtensions(db, term, role);
  const evidence = files.filter((f) => f.purpose === 'acceptance_evidence');
  const approve = checkApplicationAction('approve_preparation', a.state, role);
  const approveRefusal = !approve.ok ? approve.message
    : a.platformId !== null ? NEW_PLATFORMS_ONLY
      : proposeRefusalOf(assignments);
  const report = checkApplicationAction('report_readiness', a.state, role, '—');
  const readinessRefusal = !report.ok ? report.message
    : out !== null && out.daysLeft < 0 ? `筹建期已于 ${out.endOn} 届满，不能再申请验收`
      : evidence.length === 0 ? '请先上传筹建验收材料' : null;
  const accept = checkApplicationAction('accept_preparation', a.state, role, '—');
  const acceptanceRefusal = !accept.ok ? accept.message : proposeRefusalOf(assignments);
  return {
    applicationId: a.id, state: a.state, term: out,
    canApprove: approveRefusal === null, approveRefusal,
    evidence: evidence.map((f) => ({ id: f.id, originalName: f.originalName, sizeBytes: f.sizeBytes, uploadedAt: f.uploadedAt.toISOString(), uploadedByName: f.uploadedByName })),
    canUploadEvidence: a.state === 'in_preparation' && (role === 'district_gov' || role === 'district' || role === 'operator'),
    canReportReadiness: readinessRefusal === null, readinessRefusal,
    canDecideAcceptance: acceptanceRefusal === null, acceptanceRefusal,
  };
}

const NEW_PLATFORMS_ONLY = '先行筹建适用于新建平台；已登记的区县级平台请按认定程序办理';

/** A new platform's registry record 筹建中, from 附表1, entered by the entry table's `preparation` kind (Art 15). */
async function createPreparing(tx: Executor, ctx: RequestContext, a: recognitionRepo.ApplicationRecord, approvedOn: string, meaning: string): Promise<string> {
  const form = formOf(a);
  const row = {
    name: form.name, level: 'municipal' as const, type: form.type, districtCode: a.districtCode, address: form.address ?? null,
    carrier: form.carrier ?? 'offline', servedField: form.servedField ?? null, orientation: form.orientation ?? null, operationMode: form.operationMode ?? 'self',
    services: form.services ?? [], contactName: a.contactName, contactPhone: a.contactPhone, status: 'preparing' as const, origin: 'registered' as const,
  };
  const platformId = await platformsRepo.insertPlatform(tx, row);
  await platformsRepo.insertStatusHistory(tx, { platformId, fromStatus: null, toStatus: 'preparing', reason: meaning, effectiveDate: approvedOn, userId: ctx.actor.userId });
  await audit(tx, ctx, {
    action: 'platform.create', entityType: 'platform', entityId: platformId,
    summary: { applicationId: a.id, meaning, after: { ...row, contactName: maskName(row.contactName), contactPhone: maskPhone(row.contactPhone) } },
  });
  return platformId;
}

/** Approves 筹建 instead of proposing recognition: the experts have given their opinions; the need, consent and date recorded; the platform enters 筹建中. */
export async function approvePreparation(db: Db, ctx: RequestContext, id: string, input: ApproveInput): Promise<ApplicationPreparationOut> {
  const a = await loadApplication(db, ctx, id);
  assertAction(ctx, a, 'approve_preparation');
  if (a.platformId !== null) throw refusal('NOT_ALLOWED', NEW_PLATFORMS_ONLY);
  const experts = proposeRefusalOf(await recognitionRepo.listAssignments(db, a.id));
  if (experts !== null) throw refusal('NOT_ALLOWED', experts);
  const checked = checkApproval(input, todayIso());
  if (!checked.ok) {
    throw new AppError('VALIDATION_FAILED', 400, checked.errors.map((e) => e.message).join('；'), checked.errors.map((e) => ({ field: e.path ?? '', message: e.message })));
  }
  const entry = checkEntry('preparation', 'municipal', 'preparing', ctx.actor.role);
  if (!entry.ok) throw new AppError('PREPARATION_REFUSED', 409, entry.message);
  const endOn = checked.value.end;
  const summary: Record<string, unknown> = { needKind: input.needKind, need: input.need, consent: input.consent, approvedOn: input.approvedOn, endOn };
  await takeStep(db, ctx, a, 'approve_preparation', {
    summary,
    also: async (tx) => {
      const platformId = await createPreparing(tx, ctx, a, input.approvedOn, entry.meaning);
      await recognitionRepo.linkPlatform(tx, a.id, platformId);
      summary.platformId = platformId;
      summary.termId = await repo.insertTerm(tx, {
        platformId, applicationId: a.id, needKind: input.needKind, need: input.need, consent: input.consent, approvedOn: input.approvedOn, endOn, createdBy: ctx.actor.userId,
      });
    },
    notice: {
      audience: districtAudience(a, ['district_gov', 'district']), kind: 'preparation.approved',
      title: `${a.name}已批准先行筹建，筹建期至 ${endOn}`, body: `筹建期内完成建设后，请上传筹建验收材料并申请验收；期满未通过验收的，取消筹建资格`,
    },
  });
  return getApplicationPreparation(db, ctx, id);
}

async function activeTermOfApplication(db: Executor, a: recognitionRepo.ApplicationRecord): Promise<repo.TermRecord> {
  const t = await repo.termOfApplication(db, a.id);
  if (t?.status !== 'running') throw refusal('NOT_ALLOWED', '该申请没有进行中的筹建期');
  return t;
}

/** The applicant or the operator reports readiness with evidence: the acceptance starts, with a new round of experts. */
export async function reportReadiness(db: Db, ctx: RequestContext, id: string, note: string): Promise<ApplicationPreparationOut> {
  const a = await loadApplication(db, ctx, id);
  assertAction(ctx, a, 'report_readiness', note);
  const t = await activeTermOfApplication(db, a);
  if (todayIso() > t.endOn) throw refusal('NOT_ALLOWED', `筹建期已于 ${t.endOn} 届满，不能再申请验收`);
  const evidence = (await recognitionRepo.listApplicationFiles(db, a.id)).filter((f) => f.purpose === 'acceptance_evidence');
  if (evidence.length === 0) throw errors.invalid('note', '筹建验收材料：请先上传，再申请验收');
  await takeStep(db, ctx, a, 'report_readiness', {
    reason: note, summary: { termId: t.id, evidence: evidence.map((f) => f.originalName) },
    also: async (tx) => recognitionRepo.nextExpertRound(tx, a.id),
    notice: { audience: { kind: 'roles', roles: ['bureau'] }, kind: 'preparation.readiness', title: `${a.name}已完成筹建，申请验收`, body: note },
  });
  return getApplicationPreparation(db, ctx, id);
}

/** A passed acceptance: the term closes as accepted and the application is proposed for publicity (then recognized as any application). */
export async function acceptPreparation(db: Db, ctx: RequestContext, id: string, note: string): Promise<ApplicationPreparationOut> {
  const a = await loadApplication(db, ctx, id);
  assertAction(ctx, a, 'accept_preparation', note);
  const t = await activeTermOfApplication(db, a);
  const experts = proposeRefusalOf(await recognitionRepo.listAssignments(db, a.id));
  if (experts !== null) throw refusal('NOT_ALLOWED', experts.replace('确定为拟认定平台', '记录验收结果'));
  const today = todayIso();
  await takeStep(db, ctx, a, 'accept_preparation', {
    reason: note, summary: { termId: t.id, platformId: t.platformId },
    also: async (tx) => {
      if (!(await repo.closeTerm(tx, t.id, 'accepted', today, note))) throw errors.conflict('该筹建期已被他人处理，请刷新后重试');
    },
    notice: {
      audience: districtAudience(a, ['district_gov', 'district']), kind: 'preparation.accepted',
      title: `${a.name}筹建验收通过，已确定为拟认定平台`, body: '经公示无异议后认定为市级平台',
    },
  });
  return getApplicationPreparation(db, ctx, id);
}

/** A failed acceptance: the term closes, the application's 筹建 is cancelled and the platform 筹建中 → 已撤销 by the lifecycle table. */
export async function failPreparation(db: Db, ctx: RequestContext, id: string, reason: string): Promise<ApplicationPreparationOut> {
  const a = await loadApplication(db, ctx, id);
  assertAction(ctx, a, 'fail_preparation', reason);
  const t = await activeTermOfApplication(db, a);
  const p = await platformsRepo.findPlatform(db, { kind: 'all' }, t.platformId);
  if (p === null) throw errors.notFound('平台');
  const check = checkTransition(p.level, p.status, 'revoked', ctx.actor.role);
  if (!check.ok) throw new AppError('PREPARATION_REFUSED', 409, check.message);
  const today = todayIso();
  await takeStep(db, ctx, a, 'fail_preparation', {
    reason, summary: { termId: t.id, platformId: t.platformId },
    also: async (tx) => {
      if (!(await repo.closeTerm(tx, t.id, 'cancelled', today, reason))) throw errors.conflict('该筹建期已被他人处理，请刷新后重试');
      await applyStatusChange(tx, ctx, p, { to: 'revoked', reason: `筹建验收不通过：${reason}`, effectiveDate: today }, check.meaning, { applicationId: a.id });
      await notify(tx, { kind: 'platform_operator', platformId: t.platformId }, {
        kind: 'preparation.failed', title: `${a.name}筹建验收不通过，筹建资格已取消`, body: reason, target: { applicationId: a.id }, data: { applicationId: a.id },
      });
    },
    notice: { audience: districtAudience(a, ['district_gov', 'district']), kind: 'preparation.failed', title: `${a.name}筹建验收不通过，筹建资格已取消`, body: reason },
  });
  return getApplicationPreparation(db, ctx, id);
}

// ——— the platform's term ———

export async function getPlatformPreparation(db: Db, ctx: RequestContext, platformId: string): Promise<PlatformPreparationOut> {
  const p = await visiblePlatform(db, ctx, platformId);
  return { platformId: p.id, term: await termWithExtensions(db, await repo.latestTermOfPlatform(db, p.id), ctx.actor.role) };
}

/** The bureau extends a running term with a reason (Art 15 原则上一年): the end moves, the extension is kept and audited, the district and operator told. */
export async function extendTerm(db: Db, ctx: RequestContext, platformId: string, input: ExtendInput): Promise<PlatformPreparationOut> {
  const p = await visiblePlatform(db, ctx, platformId);
  const t = await repo.latestTermOfPlatform(db, p.id);
  if (t?.status !== 'running') throw refusal('NOT_ALLOWED', `「${p.name}」没有进行中的筹建期，不能延长`);
  const ext = await repo.listExtensions(db, [t.id]);
  const checked = checkExtension(termInput(t, ext), input, todayIso());
  if (!checked.ok) {
    const e = checked.errors[0];
    if (e?.code === 'TERM_ENDED') throw refusal('NOT_ALLOWED', e.message);
    throw errors.invalid(e?.path ?? 'until', `${e?.path === 'reason' ? '延长理由' : '延长至'}：${e?.message ?? ''}`);
  }
  await db.transaction(async (tx) => {
    if (!(await repo.extendTerm(tx, t.id, t.endOn, { newEnd: checked.value.end, reason: input.reason, decidedBy: ctx.actor.userId, decidedAt: pinnedNow() }))) {
      throw errors.conflict('该筹建期已被他人处理，请刷新后重试');
    }
    await audit(tx, ctx, {
      action: 'preparation.extend', entityType: 'preparation_term', entityId: t.id,
      summary: { platformId: t.platformId, applicationId: t.applicationId, previousEnd: t.endOn, newEnd: checked.value.end, reason: input.reason },
    });
    await notifyConcerned(tx, t, 'preparation.extended', { title: `${t.platformName}筹建期已延长至 ${checked.value.end}`, body: `延长理由：${input.reason}` });
  });
  return getPlatformPreparation(db, ctx, platformId);
}

// ——— the bureau's to-do list ———

/** Running terms ending within `days` (the bureau's home page), soonest first. */
export async function termsEndingSoon(db: Db, days: number, today = todayIso()): Promise<{ term: repo.TermRecord; daysLeft: number }[]> {
  const rows = await repo.activeTermsEndingBy(db, addDays(today, days));
  const ext = await repo.listExtensions(db, rows.map((r) => r.id));
  return rows.map((term) => ({ term, daysLeft: termOn(termInput(term, ext), today).daysLeft }));
}
