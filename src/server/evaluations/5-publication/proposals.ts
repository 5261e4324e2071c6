/**
 * What the published results propose (Art 32 (二) removal, Art 33 direct recognition), confirmed or
 * rejected by the bureau. Confirming changes the platform's status through the registry's transition
 * table (src/domain/platforms/lifecycle.ts), in the same transaction as the decision and its audit rows.
 */
import type { Db } from '../../../db/client.js';
import { art33Check, type Art33Check } from '../../../domain/grading/art33.js';
import { art } from '../../../domain/measures.js';
import { docNoRefusal, normalizeDocNo } from '../../../domain/platforms/doc-number.js';
import { checkArt33Transition, checkTransition } from '../../../domain/platforms/lifecycle.js';
import { audit } from '../../audit/audit.js';
import { todayIso } from '../../clock.js';
import type { RequestContext } from '../../context.js';
import { AppError, errors } from '../../errors.js';
import { notify } from '../../notifications/service.js';
import * as platformsRepo from '../../platforms/repository.js';
import { applyStatusChange } from '../../platforms/status.js';
import { loadCampaign, municipalConditions } from '../4-panel/service.js';
import * as repo from '../4-panel/repository.js';
import type { Art33CheckRow, ConfirmInput, ProposalRow } from '../4-panel/schema.js';

const KIND_TEXT = { removal: '不再纳入市级平台管理', promotion: '直接认定为市级平台' } as const;

function toRow(p: repo.ProposalRecord): ProposalRow {
  const { recognizedAt: _r, districtCode: _d, ...rest } = p;
  return { ...rest, decidedAt: p.decidedAt?.toISOString() ?? null };
}

export async function listProposals(db: Db, evaluationId: string): Promise<ProposalRow[]> {
  await loadCampaign(db, evaluationId);
  return (await repo.listProposals(db, evaluationId)).map(toRow);
}

async function loadOpen(db: Db, id: string): Promise<repo.ProposalRecord> {
  const p = await repo.findProposal(db, id);
  if (!p) throw errors.notFound('评估结果运用建议');
  if (p.status !== 'proposed') throw errors.conflict(`该建议已${p.status === 'confirmed' ? '确认' : '驳回'}，不能重复处理`);
  return p;
}

/** Art 33 as things stand: the published grade of the proposal's year, the platform's level and status, the municipal conditions now. */
async function promotionCheck(db: Db, p: repo.ProposalRecord): Promise<{ row: Art33CheckRow; check: Art33Check }> {
  const e = await loadCampaign(db, p.evaluationId);
  const grade = (await repo.publishedGrades(db, p.year)).get(p.platformId) ?? null;
  const cond = await municipalConditions(db, p.platformId, p.year, e.schemeId);
  const failed = cond.ok ? cond.result.conditions.filter((c) => c.blocking).map((c) => `${c.label}（${c.article}）：${c.value ?? '未填报'}，要求 ${c.threshold}`) : [];
  const check = art33Check({ year: p.year, level: p.level, status: p.platformStatus, grade, conditions: cond.ok ? { ok: true, failed } : cond });
  const row: Art33CheckRow = {
    proposalId: p.id, platformId: p.platformId, platformName: p.platformName, year: p.year, level: p.level, platformStatus: p.platformStatus, grade,
    conditions: cond.ok ? cond.result.conditions.map((c) => ({ label: c.label, article: c.article, value: c.value, threshold: c.threshold, passed: c.passed, blocking: c.blocking })) : [],
    conditionsError: cond.ok ? null : cond.message,
    eligible: check.ok, reasons: check.ok ? [] : check.reasons,
  };
  return { row, check };
}

/** The Art 33 check shown before the bureau confirms a promotion. */
export async function checkPromotion(db: Db, id: string): Promise<Art33CheckRow> {
  const p = await repo.findProposal(db, id);
  if (!p) throw errors.notFound('评估结果运用建议');
  if (p.kind !== 'promotion') throw errors.conflict(`该建议不是${art(33)}直接认定建议`);
  return (await promotionCheck(db, p)).row;
}

function decisionOf(input: ConfirmInput): { decisionDate: string; docNo: string } {
  if (input.decisionDate === undefined) throw errors.invalid('decisionDate', '认定日期：确认升级为市级平台须填写认定日期');
  if (input.docNo === undefined || input.docNo === '') throw errors.invalid('docNo', '认定文号：确认升级为市级平台须填写认定文号');
  const today = todayIso();
  const problem = docNoRefusal(input.docNo, 'municipal', Number(today.slice(0, 4)));
  if (problem !== null) throw errors.invalid('docNo', problem);
  if (input.decisionDate > today) throw errors.invalid('decisionDate', '认定日期：不能晚于今天');
  return { decisionDate: input.decisionDate, docNo: normalizeDocNo(input.docNo) };
}

/**
 * Art 33: the bureau confirms a promotion with its decision (date, document number). The grade, the status
 * and the municipal conditions are checked again now; the platform becomes municipal 已认定 with its history
 * row, the proposal and audit rows, and the district is told — all in one transaction.
 */
async function confirmPromotion(db: Db, ctx: RequestContext, p: repo.ProposalRecord, input: ConfirmInput, note: string | null): Promise<void> {
  const d = decisionOf(input);
  const { row, check } = await promotionCheck(db, p);
  if (!check.ok) throw new AppError('ART33_REFUSED', 409, `不能升级为市级平台：${check.reasons.join('；')}`, [], undefined, { items: check.reasons });
  const move = checkArt33Transition(p.level, p.platformStatus, ctx.actor.role);
  if (!move.ok) throw new AppError('ART33_REFUSED', 409, `不能升级为市级平台：${move.message}`);
  const decisionNote = `认定文号：${d.docNo}，认定日期：${d.decisionDate}${note === null ? '' : `。${note}`}`;
  await db.transaction(async (tx) => {
    if (!(await repo.decideProposal(tx, p.id, 'confirmed', ctx.actor.userId, decisionNote))) throw errors.conflict('该建议已被他人处理，请刷新后重试');
    await applyStatusChange(
      tx, ctx, { id: p.platformId, level: p.level, status: p.platformStatus, recognizedAt: p.recognizedAt },
      { to: 'recognized', reason: `依${d.docNo}认定为市级平台：${p.year} 年度评估结果运用，${p.reason}`, effectiveDate: d.decisionDate },
      move.meaning, { proposalId: p.id, docNo: d.docNo },
    );
    await platformsRepo.updatePlatform(tx, p.platformId, {
      recognizedAt: d.decisionDate, recognitionDocNo: d.docNo, recognitionBasis: `${p.year} 年度评估为优秀且符合市级平台认定条件，由市人力社保局直接认定（${art(33)}）`,
    });
    await audit(tx, ctx, {
      action: 'evaluation.proposal.confirm', entityType: 'evaluation_proposal', entityId: p.id,
      summary: {
        evaluationId: p.evaluationId, platformId: p.platformId, kind: p.kind, status: [p.platformStatus, 'recognized'], level: [p.level, 'municipal'],
        decisionDate: d.decisionDate, docNo: d.docNo, grade: row.grade, conditions: row.conditions.map((c) => ({ label: c.label, passed: c.passed })), note,
      },
    });
    await notify(tx, { kind: 'district', districtCode: p.districtCode, roles: ['district', 'district_gov'] }, {
      kind: 'platform.promoted', title: `「${p.platformName}」已直接认定为市级平台（${art(33)}）`,
      body: `${p.year} 年度评估为优秀且符合市级平台认定条件。认定文号：${d.docNo}，认定日期：${d.decisionDate}`, target: { platformId: p.platformId },
      data: { platformId: p.platformId, proposalId: p.id },
    });
  });
}

export async function confirmProposal(db: Db, ctx: RequestContext, id: string, input: ConfirmInput): Promise<ProposalRow> {
  const p = await loadOpen(db, id);
  const note = input.note === undefined || input.note === '' ? null : input.note;
  if (p.kind === 'promotion') {
    await confirmPromotion(db, ctx, p, input, note);
    return done(db, id);
  }
  const to = 'exited' as const;
  const check = checkTransition(p.level, p.platformStatus, to, ctx.actor.role);
  if (!check.ok) throw errors.conflict(`不能${KIND_TEXT[p.kind]}：${check.message}`);
  await db.transaction(async (tx) => {
    if (!(await repo.decideProposal(tx, id, 'confirmed', ctx.actor.userId, note))) throw errors.conflict('该建议已被他人处理，请刷新后重试');
    await applyStatusChange(
      tx, ctx, { id: p.platformId, level: p.level, status: p.platformStatus, recognizedAt: p.recognizedAt },
      { to, reason: `${p.year} 年度评估结果运用：${p.reason}${note === null ? '' : `。${note}`}`, effectiveDate: todayIso() },
      check.meaning, { proposalId: id },
    );
    await audit(tx, ctx, {
      action: 'evaluation.proposal.confirm', entityType: 'evaluation_proposal', entityId: id,
      summary: { evaluationId: p.evaluationId, platformId: p.platformId, kind: p.kind, status: [p.platformStatus, to], note },
    });
  });
  return done(db, id);
}

async function done(db: Db, id: string): Promise<ProposalRow> {
  const row = await repo.findProposal(db, id);
  if (!row) throw errors.notFound('评估结果运用建议');
  return toRow(row);
}

export async function rejectProposal(db: Db, ctx: RequestContext, id: string, note: string): Promise<ProposalRow> {
  const p = await loadOpen(db, id);
  await db.transaction(async (tx) => {
    if (!(await repo.decideProposal(tx, id, 'rejected', ctx.actor.userId, note))) throw errors.conflict('该建议已被他人处理，请刷新后重试');
    await audit(tx, ctx, {
      action: 'evaluation.proposal.reject', entityType: 'evaluation_proposal', entityId: id,
      summary: { evaluationId: p.evaluationId, platformId: p.platformId, kind: p.kind, note },
    });
  });
  return done(db, id);
}
