import type { Db, Executor } from '../../../db/client.js';
import { platformEditScope, platformScope } from '../../../domain/auth/scope.js';
import { factorFor, type ScoreScheme } from '../../../domain/index.js';
import { audit } from '../../audit/audit.js';
import { todayIso } from '../../clock.js';
import type { RequestContext } from '../../context.js';
import { AppError, errors } from '../../errors.js';
import { findPlatform } from '../../platforms/repository.js';
import type { SchemeDetail } from '../../schemes/schema.js';
import { getScheme, loadScheme } from '../../schemes/service.js';
import { sheetFactsFor } from '../../yeardata/facts.js';
import { deadlineOf, shownResults, windowsOf } from '../entries/access.js';
import { setWindows } from '../entries/repository.js';
import type { WindowsInput } from '../entries/schema.js';
import * as repo from './repository.js';
import type { CreateEvaluationInput, EntryRow, EvaluationRow, ImpactResponse } from './schema.js';
import { factsRecord, impactOf, schemeWithCutoffs, selfTotal } from '../entries/scoring.js';

function toRow(e: repo.EvaluationRecord): EvaluationRow {
  return { ...e, createdAt: e.createdAt.toISOString() };
}

async function load(db: Executor, id: string): Promise<repo.EvaluationRecord> {
  const e = await repo.findEvaluation(db, id);
  if (!e) throw errors.notFound('年度评估');
  return e;
}

/** The year's scheme as adopted: published policy, so every logged-in user may read the one their campaign uses. */
export async function campaignSchemeDetail(db: Db, id: string): Promise<SchemeDetail> {
  return getScheme(db, (await load(db, id)).schemeId);
}

/** The campaign's scheme: only an adopted (immutable) scheme may score a year. */
export async function campaignScheme(db: Executor, e: repo.EvaluationRecord): Promise<ScoreScheme> {
  return schemeWithCutoffs((await loadScheme(db, e.schemeId)).scheme, e.excellentCutoff, e.passCutoff);
}

export async function listEvaluations(db: Db): Promise<EvaluationRow[]> {
  return (await repo.listEvaluations(db)).map(toRow);
}

export async function getEvaluation(db: Db, id: string): Promise<EvaluationRow> {
  return toRow(await load(db, id));
}

export async function createEvaluation(db: Db, ctx: RequestContext, input: CreateEvaluationInput): Promise<EvaluationRow> {
  // The windows follow one another (Art 30): self-evaluation, district preliminary review, municipal review.
  if (input.districtReviewEnd <= input.selfEvaluationEnd) throw errors.invalid('districtReviewEnd', '区县初审截止日：须晚于自评截止日');
  if (input.municipalReviewEnd <= input.districtReviewEnd) throw errors.invalid('municipalReviewEnd', '市级评审截止日：须晚于区县初审截止日');
  const scheme = await loadScheme(db, input.schemeId).catch((err: unknown) => {
    if (err instanceof AppError) return null;
    throw err;
  });
  if (!scheme) throw errors.invalid('schemeId', `评分方案：“${input.schemeId}”不存在`);
  if (scheme.row.status !== 'adopted') throw errors.invalid('schemeId', `评分方案：“${input.schemeId}”尚未发布采用，不能用于年度评估`);
  const excellentCutoff = input.excellentCutoff ?? scheme.scheme.grading.excellentMin;
  const passCutoff = input.passCutoff ?? scheme.scheme.grading.passMin;
  if (Number(passCutoff) >= Number(excellentCutoff)) throw errors.invalid('passCutoff', '合格分数线：须低于优秀分数线');
  if (await repo.yearTaken(db, input.year)) throw errors.invalid('year', `年度：${input.year} 年度的评估已创建，每年只有一次评估`);
  const id = await db.transaction(async (tx) => {
    const row = {
      year: input.year, schemeId: input.schemeId, excellentCutoff, passCutoff, poolPerType: input.poolPerType ?? scheme.scheme.grading.pool === 'per_type',
      selfEvaluationEnd: input.selfEvaluationEnd, districtReviewEnd: input.districtReviewEnd, municipalReviewEnd: input.municipalReviewEnd,
    };
    const newId = await repo.insertEvaluation(tx, { ...row, createdBy: ctx.actor.userId });
    await audit(tx, ctx, { action: 'evaluation.create', entityType: 'evaluation', entityId: newId, summary: { after: row } });
    return newId;
  });
  return getEvaluation(db, id);
}

/** Opens the campaign: the participants are found from the registry, each with the year's facts pre-filled. */
export async function openEvaluation(db: Db, ctx: RequestContext, id: string): Promise<EvaluationRow> {
  const e = await load(db, id);
  if (e.status !== 'draft') throw errors.conflict('该年度评估已启动，不能重复启动');
  const scheme = await campaignScheme(db, e);
  await db.transaction(async (tx) => {
    if (!(await repo.setEvaluationStatus(tx, id, 'draft', 'open'))) throw errors.conflict('该年度评估已启动，不能重复启动');
    const found = await repo.campaignPlatforms(tx);
    const rows = [];
    for (const p of found) {
      const sheet = await sheetFactsFor(tx, p.id, e.year, scheme.settings);
      rows.push({ evaluationId: id, platformId: p.id, level: p.level, type: p.type, factor: factorFor(scheme, p.level), voluntary: false, facts: sheet.facts, prefilledFacts: sheet.facts });
    }
    await repo.insertEntries(tx, rows);
    await audit(tx, ctx, {
      action: 'evaluation.open', entityType: 'evaluation', entityId: id,
      summary: { status: ['draft', 'open'], national: rows.filter((r) => r.level === 'national').length, municipal: rows.filter((r) => r.level === 'municipal').length },
    });
  });
  return getEvaluation(db, id);
}

/** Art 33: a district-level platform takes part by its district's choice, scored with the district factor. */
export async function applyForDistrictPlatform(db: Db, ctx: RequestContext, id: string, platformId: string): Promise<EntryRow> {
  const e = await load(db, id);
  // Another district's platform is outside the actor's scope and so "not found", as everywhere in the registry.
  const p = await findPlatform(db, platformEditScope(ctx.actor), platformId);
  if (!p) throw errors.notFound('平台');
  if (e.status !== 'open') throw errors.conflict(e.status === 'draft' ? '该年度评估尚未启动，启动后方可申请参加' : '该年度评估已结束，不能再申请参加');
  if (p.level !== 'district') throw errors.invalid('platformId', '平台：国家级、市级平台在评估启动时自动参加，无需申请');
  if (p.status !== 'filed') throw errors.invalid('platformId', '平台：只有已备案的区县级平台可以申请参加');
  if (await repo.entryExists(db, id, platformId)) throw errors.conflict(`「${p.name}」已参加 ${e.year} 年度评估`);
  const scheme = await campaignScheme(db, e);
  await db.transaction(async (tx) => {
    const sheet = await sheetFactsFor(tx, platformId, e.year, scheme.settings);
    const factor = factorFor(scheme, 'district');
    await repo.insertEntries(tx, [{ evaluationId: id, platformId, level: p.level, type: p.type, factor, voluntary: true, facts: sheet.facts, prefilledFacts: sheet.facts }]);
    await audit(tx, ctx, { action: 'evaluation.district_apply', entityType: 'evaluation', entityId: id, summary: { platformId, platformName: p.name, factor } });
  });
  const [entry] = await entryRows(db, ctx, e, scheme, platformId);
  if (!entry) throw new Error('entry missing after insert');
  return entry;
}

export async function listEntries(db: Db, ctx: RequestContext, id: string): Promise<EntryRow[]> {
  const e = await load(db, id);
  return entryRows(db, ctx, e, await campaignScheme(db, e));
}

/** The campaign's entries in the actor's scope (or the one of `platformId`), with their totals and deadlines. */
async function entryRows(db: Db, ctx: RequestContext, e: repo.EvaluationRecord, scheme: ScoreScheme, platformId?: string): Promise<EntryRow[]> {
  const rows = await repo.listEntries(db, e.id, platformScope(ctx.actor), platformId);
  const windows = windowsOf(e);
  const today = todayIso();
  return rows.map(({ storedSelfTotal, reviewedTotal, grade, rank, recommendation, ...r }) => ({
    ...r, facts: factsRecord(r.facts),
    ...shownResults(ctx.actor.role, r.status, { reviewedTotal, grade, rank, recommendation }),
    // A submitted entry keeps the total it was submitted with; a draft shows the live one.
    selfTotal: storedSelfTotal ?? selfTotal(scheme, r),
    ...deadlineOf(r.status, windows, today),
  }));
}

export async function impactPreview(db: Db, id: string, against: string): Promise<ImpactResponse> {
  const e = await load(db, id);
  const current = await campaignScheme(db, e);
  const other = (await loadScheme(db, against)).scheme;
  const entries = await repo.listEntries(db, id, { kind: 'all' });
  return { schemeId: e.schemeId, against, items: impactOf(current, other, entries, e) };
}

const windowLabels = { selfEvaluationEnd: '自评截止日', districtReviewEnd: '区县初审截止日', municipalReviewEnd: '市级评审截止日' } as const;

/** The bureau extends the year's windows (RULES.md §6); a window only moves later, and they stay in order. */
export async function extendWindows(db: Db, ctx: RequestContext, id: string, input: WindowsInput): Promise<EvaluationRow> {
  const e = await load(db, id);
  if (e.status === 'published') throw errors.conflict('该年度评估结果已公布，不能再调整期限');
  const before = { selfEvaluationEnd: e.selfEvaluationEnd, districtReviewEnd: e.districtReviewEnd, municipalReviewEnd: e.municipalReviewEnd };
  const after = { ...before, ...input };
  for (const k of ['selfEvaluationEnd', 'districtReviewEnd', 'municipalReviewEnd'] as const) {
    if (after[k] < before[k]) throw errors.invalid(k, `${windowLabels[k]}：只能延后，不能早于原截止日 ${before[k]}`);
  }
  if (after.districtReviewEnd <= after.selfEvaluationEnd) throw errors.invalid('districtReviewEnd', '区县初审截止日：须晚于自评截止日');
  if (after.municipalReviewEnd <= after.districtReviewEnd) throw errors.invalid('municipalReviewEnd', '市级评审截止日：须晚于区县初审截止日');
  await db.transaction(async (tx) => {
    await setWindows(tx, id, after);
    await audit(tx, ctx, { action: 'evaluation.windows', entityType: 'evaluation', entityId: id, summary: { before, after } });
  });
  return getEvaluation(db, id);
}
