/**
 * The bureau's panel meeting (Art 31–33, RULES.md §5): the conditions re-check, the ranking with the
 * 30 % cap line and held ties, the panel's decisions with reasons, and grading. The grades are the
 * domain's grade() on the entries' reviewed totals; nothing here decides a grade by itself.
 */
import type { Db, Executor } from '../../../db/client.js';
import { checkEntryAction, entryStatusLabels } from '../../../domain/evaluation/workflow.js';
import {
  checkConditions, grade, type CheckResult, type Grade, type GradeOverride, type GradingResult, type Participant, type ScoreScheme,
} from '../../../domain/index.js';
import { audit } from '../../audit/audit.js';
import { todayIso } from '../../clock.js';
import type { RequestContext } from '../../context.js';
import { AppError, errors } from '../../errors.js';
import { termsOf, type RecognitionTerms } from '../../platforms/recognition-terms.js';
import { loadScheme } from '../../schemes/service.js';
import { conditionFactsFor } from '../../yeardata/facts.js';
import { refusal, windowsOf } from '../entries/access.js';
import * as repo from './repository.js';
import type { ConditionsInput, ConditionsRow, DecisionInput, PanelResponse, RankedEntry } from './schema.js';
import { findEvaluation, type EvaluationRecord } from '../campaign/repository.js';
import { art } from '../../../domain/measures.js';
import { merged } from '../../merge.js';

/** A note the bureau wrote with its own finding: a later re-check leaves it alone. */
export const BUREAU_NOTE = '市人力社保局认定：';

export async function loadCampaign(db: Executor, id: string): Promise<EvaluationRecord> {
  const e = await findEvaluation(db, id);
  if (!e) throw errors.notFound('年度评估');
  return e;
}

/** Every write of the panel: refused once the results are published (they are frozen). */
export function assertNotPublished(e: EvaluationRecord): void {
  if (e.status === 'published') throw errors.conflict(`${e.year} 年度评估结果已公布，不能再修改`);
  if (e.status === 'draft') throw errors.conflict(`${e.year} 年度评估尚未启动`);
}

/**
 * The policy a platform was recognized under: the adopted scheme of its recognition year (or the newest
 * before it); the campaign's scheme when the registry has no recognition date or no older scheme.
 */
async function recognitionScheme(db: Executor, recognizedAt: string | null, campaign: { id: string; scheme: ScoreScheme }): Promise<{ id: string; scheme: ScoreScheme }> {
  if (recognizedAt === null) return campaign;
  const y = Number(recognizedAt.slice(0, 4));
  const found = (await repo.adoptedSchemeYears(db)).find((s) => s.year <= y);
  if (!found || found.id === campaign.id) return campaign;
  return { id: found.id, scheme: (await loadScheme(db, found.id)).scheme };
}

export type Check = { ok: true; result: CheckResult } | { ok: false; message: string };

/** checkConditions on the year's data against the municipal thresholds of `scheme`. */
async function municipalCheck(db: Executor, platformId: string, year: number, scheme: ScoreScheme, terms: RecognitionTerms = {}): Promise<Check> {
  const input = await conditionFactsFor(db, platformId, year);
  // The terms it was recognized under: Art 17 lowered thresholds and deadlines, accepted soft shortfalls (RULES.md §5).
  const res = checkConditions(input.type, 'municipal', input.facts, { recognition: scheme.recognition, settings: scheme.settings }, { ...terms, asOf: todayIso() });
  return res.ok ? { ok: true, result: res.value } : { ok: false, message: res.errors.map((x) => x.message).join('；') };
}

/**
 * The municipal conditions of a district-level platform on a campaign year's figures against the campaign's
 * scheme (Art 33): every condition as checked, or why the check could not run.
 */
export async function municipalConditions(db: Executor, platformId: string, year: number, schemeId: string): Promise<Check> {
  return municipalCheck(db, platformId, year, (await loadScheme(db, schemeId)).scheme);
}

const failedText = (r: CheckResult): string =>
  r.conditions.filter((c) => c.blocking).map((c) => `${c.label}（${c.article}）：${c.value ?? '未填报'}，要求 ${c.threshold}`).join('；');

/** Art 31: each municipal platform's recognition conditions on the campaign year's data. National ones are not checked here (Art 6). */
export async function recheckConditions(db: Db, ctx: RequestContext, id: string): Promise<ConditionsRow[]> {
  const e = await loadCampaign(db, id);
  assertNotPublished(e);
  const campaign = { id: e.schemeId, scheme: (await loadScheme(db, e.schemeId)).scheme };
  const entries = await repo.panelEntries(db, id);
  const out: ConditionsRow[] = [];
  const writes: { entryId: string; lost: boolean | null; note: string }[] = [];
  for (const x of entries) {
    const base = { entryId: x.id, platformId: x.platformId, platformName: x.platformName, level: x.level, type: x.type };
    const bureauSet = x.conditionsNote?.startsWith(BUREAU_NOTE) === true;
    if (x.level !== 'municipal' || bureauSet) {
      out.push({ ...base, conditionsLost: x.conditionsLost, conditionsNote: x.conditionsNote, policy: null, decidedByBureau: bureauSet });
      continue;
    }
    const policy = await recognitionScheme(db, x.recognizedAt, campaign);
    const check = await municipalCheck(db, x.platformId, e.year, policy.scheme, termsOf(x.recognitionTerms));
    const w = !check.ok
      ? { entryId: x.id, lost: null, note: `未能核验：${check.message}` }
      : check.result.conditions.some((c) => c.blocking)
        ? { entryId: x.id, lost: true, note: `${e.year} 年度数据不符合认定条件（评分方案 ${policy.id}）：${failedText(check.result)}` }
        : { entryId: x.id, lost: false, note: `${e.year} 年度数据符合认定条件（评分方案 ${policy.id}）` };
    writes.push(w);
    out.push({ ...base, conditionsLost: w.lost, conditionsNote: w.note, policy: policy.id, decidedByBureau: false });
  }
  await db.transaction(async (tx) => {
    for (const w of writes) {
      if (!(await repo.setConditions(tx, w.entryId, ['draft', 'submitted', 'returned', 'forwarded', 'under_review', 'reviewed'], w.lost, w.note))) {
        throw errors.conflict('有参评记录已定等次或已公布，请先刷新');
      }
    }
    await audit(tx, ctx, {
      action: 'evaluation.conditions_recheck', entityType: 'evaluation', entityId: id,
      summary: { checked: writes.length, lost: out.filter((r) => r.conditionsLost === true).map((r) => r.platformName) },
    });
  });
  return out;
}

/** The bureau confirms or overrides the re-check for one municipal platform, with a reason. */
export async function setEntryConditions(db: Db, ctx: RequestContext, id: string, entryId: string, input: ConditionsInput): Promise<ConditionsRow> {
  const e = await loadCampaign(db, id);
  assertNotPublished(e);
  const x = (await repo.panelEntries(db, id)).find((r) => r.id === entryId);
  if (!x) throw errors.notFound('参评记录');
  if (x.level !== 'municipal') throw errors.invalid('lost', `只有市级平台按${art(31)}核验认定条件`);
  const note = `${BUREAU_NOTE}${input.lost ? '已丧失认定条件' : '仍符合认定条件'}。理由：${input.reason}`;
  await db.transaction(async (tx) => {
    if (!(await repo.setConditions(tx, entryId, ['draft', 'submitted', 'returned', 'forwarded', 'under_review', 'reviewed'], input.lost, note))) {
      throw errors.conflict('该参评记录已定等次，不能再修改认定条件核验结果');
    }
    await audit(tx, ctx, {
      action: 'evaluation.entry.conditions', entityType: 'evaluation_entry', entityId: entryId,
      summary: { evaluationId: id, platformId: x.platformId, conditionsLost: [x.conditionsLost, input.lost], reason: input.reason },
    });
  });
  return { entryId, platformId: x.platformId, platformName: x.platformName, level: x.level, type: x.type, conditionsLost: input.lost, conditionsNote: note, policy: null, decidedByBureau: true };
}

const gradedStatuses = new Set(['reviewed', 'graded', 'published']);

export interface GradingRun {
  e: EvaluationRecord;
  result: GradingResult;
  ranking: RankedEntry[];
  pending: PanelResponse['pending'];
  excluded: PanelResponse['excluded'];
  entries: repo.PanelEntry[];
}

/** The inputs of grade() for a campaign, exactly as the panel, grading and publication use them. */
export async function gradingInputs(db: Executor, e: EvaluationRecord) {
  const scheme = (await loadScheme(db, e.schemeId)).scheme;
  const entries = await repo.panelEntries(db, e.id);
  const previous = await repo.publishedGrades(db, e.year - 1);
  const excluded: PanelResponse['excluded'] = [];
  const pending: PanelResponse['pending'] = [];
  const participants: Participant[] = [];
  const overrides: GradeOverride[] = [];
  const meets = new Map<string, boolean | null>();
  for (const x of entries) {
    // RULES.md §6: a platform in preparation is not under municipal management and is not graded.
    if (x.platformStatus === 'preparing') {
      excluded.push({ entryId: x.id, platformName: x.platformName, reason: `筹建中的平台验收通过前不参加评估定级（${art(15)}）` });
      continue;
    }
    if (!gradedStatuses.has(x.status) || x.reviewedTotal === null) {
      pending.push({ entryId: x.id, platformName: x.platformName, status: x.status });
      continue;
    }
    let meetsMunicipal: boolean | null = null;
    if (x.level === 'district') {
      const check = await municipalCheck(db, x.platformId, e.year, scheme);
      meetsMunicipal = check.ok ? !check.result.conditions.some((c) => c.blocking) : null;
    }
    meets.set(x.id, meetsMunicipal);
    const prev = previous.get(x.platformId);
    participants.push({
      id: x.id, name: x.platformName, type: x.type, level: x.level, score: x.reviewedTotal,
      ...(x.level === 'municipal' && x.conditionsLost === true ? { lostConditions: true } : {}),
      ...(prev === undefined ? {} : { previousGrade: prev }),
      ...(meetsMunicipal === null ? {} : { meetsMunicipalConditions: meetsMunicipal }),
    });
    if (x.grade !== null && (x.gradeSource === 'tie_decision' || x.gradeSource === 'override')) {
      overrides.push({ id: x.id, grade: x.grade, reason: x.gradeReason ?? '' });
    }
  }
  const settings = { excellentMin: e.excellentCutoff, passMin: e.passCutoff, excellentShare: scheme.grading.excellentShare, pool: e.poolPerType ? 'per_type' as const : 'all' as const };
  return { scheme, entries, previous, excluded, pending, participants, overrides, settings, meets };
}

export async function runGrading(db: Executor, e: EvaluationRecord): Promise<GradingRun> {
  const inp = await gradingInputs(db, e);
  const r = grade(inp.participants, inp.settings, inp.overrides);
  if (!r.ok) throw new AppError('GRADING_FAILED', 409, `不能计算等次：${r.errors.map((x) => x.message).join('；')}`);
  const byId = new Map(inp.entries.map((x) => [x.id, x]));
  const capOf = new Map(r.value.pools.map((p) => [p.pool, p.cap]));
  const ranking: RankedEntry[] = [...r.value.participants]
    .sort((a, b) => a.pool.localeCompare(b.pool) || a.rank - b.rank || (a.name ?? '').localeCompare(b.name ?? ''))
    .flatMap((g) => {
      const x = byId.get(g.id);
      if (!x) return [];
      const decision = g.override !== undefined && (x.gradeSource === 'tie_decision' || x.gradeSource === 'override')
        ? { grade: g.override.grade, source: x.gradeSource, reason: g.override.reason } : null;
      return [{
        entryId: x.id, platformId: x.platformId, platformName: x.platformName, districtCode: x.districtCode, districtName: x.districtName,
        level: x.level, type: x.type, voluntary: x.voluntary, score: g.score, rank: g.rank, pool: g.pool, withinCap: g.rank <= (capOf.get(g.pool) ?? 0),
        computed: g.computed, grade: g.grade, gradeLabel: g.gradeLabel, reasons: [...g.reasons],
        recommendation: g.recommendation, recommendationText: g.recommendationText, proposals: g.proposals.map((p) => ({ ...p })),
        conditionsLost: x.conditionsLost, conditionsNote: x.conditionsNote,
        previousGrade: inp.previous.get(x.platformId) ?? null, meetsMunicipalConditions: inp.meets.get(x.id) ?? null, decision,
      }];
    });
  return { e, result: r.value, ranking, pending: inp.pending, excluded: inp.excluded, entries: inp.entries };
}

function blockingOf(run: GradingRun): string[] {
  const name = new Map(run.ranking.map((x) => [x.entryId, x.platformName]));
  return [
    ...(run.e.status === 'open' ? [] : [run.e.status === 'published' ? '结果已公布' : '评估尚未启动']),
    ...run.pending.map((p) => `「${p.platformName}」尚未完成市级评审（${entryStatusLabels[p.status]}）`),
    ...run.ranking.filter((x) => x.grade === 'held').map((x) => `「${name.get(x.entryId) ?? x.entryId}」与其他平台同分处于优秀名额边界，须由评审会议决定等次`),
  ];
}

export async function panelView(db: Db, id: string): Promise<PanelResponse> {
  const e = await loadCampaign(db, id);
  const run = await runGrading(db, e);
  const held = run.result.held.map((h) => {
    const x = run.ranking.find((r) => r.entryId === h.id);
    return { entryId: h.id, platformName: x?.platformName ?? '', reason: h.reason, decided: x?.decision !== null && x?.decision !== undefined };
  });
  const graded = new Set(run.entries.filter((r) => r.status === 'graded').map((r) => r.id));
  return {
    evaluationId: e.id, year: e.year, schemeId: e.schemeId, status: e.status, settings: run.result.settings,
    pools: run.result.pools.map((p) => ({ ...p, held: [...p.held] })),
    ranking: run.ranking.map((x) => merged(x, { graded: graded.has(x.entryId) })),
    held, warnings: [...run.result.warnings], pending: run.pending, excluded: run.excluded, blocking: blockingOf(run),
  };
}

/** The panel decides a held tie or overrides a grade, always with a reason; stored on the reviewed entry. */
export async function decide(db: Db, ctx: RequestContext, id: string, entryId: string, input: DecisionInput | null): Promise<PanelResponse> {
  const e = await loadCampaign(db, id);
  assertNotPublished(e);
  const run = await runGrading(db, e);
  const x = run.ranking.find((r) => r.entryId === entryId);
  if (!x) {
    if (run.entries.some((r) => r.id === entryId)) throw errors.conflict('该参评记录尚未完成市级评审或不参加定级，不能决定等次');
    throw errors.notFound('参评记录');
  }
  if (run.entries.find((r) => r.id === entryId)?.status !== 'reviewed') throw errors.conflict('该参评记录已定等次，不能再调整');
  if (input === null && x.decision === null) throw errors.conflict('该参评记录没有评审会议决定可撤回');
  const source = x.computed === 'held' ? 'tie_decision' as const : 'override' as const;
  await db.transaction(async (tx) => {
    if (!(await repo.setDecision(tx, entryId, input === null ? null : { grade: input.grade, source, reason: input.reason }))) {
      throw errors.conflict('该参评记录已定等次，不能再调整');
    }
    await audit(tx, ctx, {
      action: input === null ? 'evaluation.entry.decision_withdraw' : 'evaluation.entry.decision', entityType: 'evaluation_entry', entityId: entryId,
      summary: { evaluationId: id, platformId: x.platformId, computed: x.computed, before: x.decision, ...(input === null ? {} : { grade: input.grade, source, reason: input.reason }) },
    });
  });
  return panelView(db, id);
}

/** Grades every reviewed entry at once (reviewed → graded), refused while anything blocks. */
export async function gradeAll(db: Db, ctx: RequestContext, id: string): Promise<PanelResponse> {
  const e = await loadCampaign(db, id);
  assertNotPublished(e);
  const run = await runGrading(db, e);
  const blocking = blockingOf(run);
  if (blocking.length > 0) throw new AppError('GRADING_BLOCKED', 409, `暂不能确定等次：${blocking.join('；')}`, [], undefined, { items: blocking });
  const toGrade = run.ranking.filter((x) => run.entries.find((r) => r.id === x.entryId)?.status === 'reviewed');
  if (toGrade.length === 0) throw errors.conflict('没有待定等次的参评记录');
  // The transition table decides who grades and from which status.
  const check = checkEntryAction('grade', 'reviewed', ctx.actor.role, todayIso(), windowsOf(e));
  if (!check.ok) throw refusal(check.code, check.message);
  await db.transaction(async (tx) => {
    for (const x of toGrade) {
      if (x.grade === 'held') throw errors.conflict('仍有待定等次');
      const g: Grade = x.grade;
      const source = x.decision?.source ?? (x.conditionsLost === true && x.level === 'municipal' ? 'lost_conditions' : 'computed');
      const ok = await repo.gradeEntry(tx, x.entryId, { grade: g, source, reason: x.decision?.reason ?? x.reasons.join('；'), rank: x.rank, recommendation: x.recommendation });
      if (!ok) throw errors.conflict('参评记录已被他人处理，请刷新后重试');
    }
    await audit(tx, ctx, {
      action: 'evaluation.grade', entityType: 'evaluation', entityId: id,
      summary: {
        graded: toGrade.length, pools: run.result.pools.map((p) => ({ pool: p.pool, cap: p.cap })), warnings: run.result.warnings,
        items: toGrade.map((x) => ({ entryId: x.entryId, platformName: x.platformName, score: x.score, rank: x.rank, grade: x.grade })),
      },
    });
  });
  return panelView(db, id);
}
