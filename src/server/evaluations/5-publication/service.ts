/**
 * Publication (Art 31–33): the results are frozen with the scheme version, shown to each party in scope
 * and on the public side (names, types, levels, districts and grades only), and the consequences become
 * proposals for the bureau to confirm.
 */
import { z } from 'zod';
import type { Db } from '../../../db/client.js';
import { platformScope } from '../../../domain/auth/scope.js';
import { proposalKinds } from '../../../domain/evaluation/codes.js';
import { checkEntryAction } from '../../../domain/evaluation/workflow.js';
import { GRADE_LABELS, PLATFORM_LEVEL_LABELS, PLATFORM_TYPE_LABELS } from '../../../domain/index.js';
import { readResultsDocument, resultsDocument } from '../../../domain/evaluation/results-document.js';
import { audit, auditSystem } from '../../audit/audit.js';
import { fieldKeys, resultsKey } from '../../crypto/field-keys.js';
import { hmacSm3 } from '../../crypto/gm.js';
import { todayIso } from '../../clock.js';
import type { RequestContext } from '../../context.js';
import { AppError, errors } from '../../errors.js';
import { notify } from '../../notifications/service.js';
import { refusal, windowsOf } from '../entries/access.js';
import { assertNotPublished, loadCampaign, runGrading } from '../4-panel/service.js';
import * as repo from '../4-panel/repository.js';
import { resultsResponse, type PublicResults, type ResultItem, type ResultsResponse } from '../4-panel/schema.js';
import { art } from '../../../domain/measures.js';
import { resultsPublicationRefusals } from '../../publicity/notices.js';

/** What evaluations.results holds: the published run, read back through its schema (no casts). */
const frozenResults = resultsResponse.omit({ publishedAt: true }).extend({
  proposals: z.array(z.object({ entryId: z.string(), platformId: z.string(), kind: z.enum(proposalKinds), reason: z.string() })),
  excluded: z.array(z.object({ entryId: z.string(), platformName: z.string(), reason: z.string() })),
});
type FrozenResults = z.infer<typeof frozenResults>;

export async function publish(db: Db, ctx: RequestContext, id: string): Promise<ResultsResponse> {
  const e = await loadCampaign(db, id);
  assertNotPublished(e);
  const check = checkEntryAction('publish', 'graded', ctx.actor.role, todayIso(), windowsOf(e));
  if (!check.ok) throw refusal(check.code, check.message);
  const run = await runGrading(db, e);
  // Art 30 (四): not while the draft results' publicity runs or an objection to them is unsettled.
  const publicityRefusals = await resultsPublicationRefusals(db, run.entries.map((x) => x.id), todayIso());
  if (publicityRefusals.length > 0) throw new AppError('PUBLISH_BLOCKED', 409, `暂不能公布结果：${publicityRefusals.join('；')}`, [], undefined, { items: publicityRefusals });
  const stored = new Map(run.entries.map((x) => [x.id, x]));
  const notGraded = [
    ...run.pending.map((p) => `「${p.platformName}」尚未完成评审`),
    ...run.ranking.filter((x) => stored.get(x.entryId)?.status !== 'graded').map((x) => `「${x.platformName}」尚未确定等次`),
  ];
  if (notGraded.length > 0) throw new AppError('PUBLISH_BLOCKED', 409, `暂不能公布结果：${notGraded.join('；')}`, [], undefined, { items: notGraded });

  const items: ResultItem[] = run.ranking.flatMap((x) => {
    const s = stored.get(x.entryId);
    if (!s || s.grade === null || x.grade === 'held') return [];
    return [{
      entryId: x.entryId, platformId: x.platformId, platformName: x.platformName, districtName: x.districtName, level: x.level, type: x.type,
      score: x.score, rank: s.rank ?? x.rank, pool: x.pool, grade: s.grade, gradeLabel: GRADE_LABELS[s.grade], gradeSource: s.gradeSource ?? 'computed',
      reasons: x.reasons, recommendation: x.recommendation, recommendationText: x.recommendationText,
    }];
  });
  const proposals: FrozenResults['proposals'] = run.ranking.flatMap((x) => x.proposals.flatMap((p): FrozenResults['proposals'] => {
    if (p.kind === 'remove_from_municipal') return [{ entryId: x.entryId, platformId: x.platformId, kind: 'removal', reason: `${e.year - 1}、${e.year} 年度评估均为不合格：${p.text}（${p.article}）` }];
    if (p.kind === 'recognize_as_municipal') return [{ entryId: x.entryId, platformId: x.platformId, kind: 'promotion', reason: `${e.year} 年度评估为优秀：${p.text}（${p.article}）` }];
    return [];
  }));
  const verify = run.ranking.filter((x) => x.proposals.some((p) => p.kind === 'verify_municipal_conditions')).map((x) => `「${x.platformName}」评为优秀，但未能自动核验市级认定条件，须另行核验（${art(33)}）`);
  const results: FrozenResults = {
    evaluationId: e.id, year: e.year, schemeId: e.schemeId, settings: run.result.settings,
    pools: run.result.pools.map((p) => ({ ...p, held: [...p.held] })), warnings: [...run.result.warnings, ...verify],
    items, proposals, excluded: run.excluded,
  };
  await db.transaction(async (tx) => {
    const publishedAt = await repo.publishEvaluation(tx, id, results);
    if (!publishedAt) throw errors.conflict('该年度评估已公布或状态已变化，请刷新后重试');
    const signed = signResults({ year: e.year, publishedAt, results });
    await repo.setResultsCode(tx, id, signed.code, signed.keyVersion);
    await repo.insertProposals(tx, proposals.map((p) => ({ evaluationId: id, platformId: p.platformId, kind: p.kind, reason: p.reason })));
    await audit(tx, ctx, {
      action: 'evaluation.publish', entityType: 'evaluation', entityId: id,
      summary: {
        status: ['open', 'published'], schemeId: e.schemeId, entries: items.length, proposals: proposals.map((p) => ({ platformId: p.platformId, kind: p.kind })),
        resultsCode: signed.code, resultsKeyVersion: signed.keyVersion,
      },
    });
    for (const x of items) {
      await notify(tx, { kind: 'platform_operator', platformId: x.platformId }, {
        kind: 'evaluation.published', title: `${e.year} 年度评估结果已公布：「${x.platformName}」${x.gradeLabel}`, body: x.recommendationText, target: { evaluationId: id }, data: { evaluationId: id },
      });
    }
    for (const code of new Set(run.entries.map((x) => x.districtCode))) {
      await notify(tx, { kind: 'district', districtCode: code, roles: ['district', 'district_gov'] }, {
        kind: 'evaluation.published', title: `${e.year} 年度人力资源服务平台评估结果已公布`, target: { evaluationId: id }, data: { evaluationId: id },
      });
    }
  });
  return getResults(db, ctx, id);
}

interface Frozen {
  year: number;
  publishedAt: Date;
  results: FrozenResults;
  code: { value: string; keyVersion: number } | null;
}

async function frozen(db: Db, id: string): Promise<Frozen> {
  const e = await loadCampaign(db, id);
  const p = await repo.findPublication(db, id);
  if (e.status !== 'published' || !p?.publishedAt) throw errors.conflict(`${e.year} 年度评估结果尚未公布`);
  const parsed = frozenResults.safeParse(p.results);
  if (!parsed.success) throw new Error(`evaluation ${id}: stored results do not match their schema`);
  const code = p.resultsCode !== null && p.resultsKeyVersion !== null ? { value: p.resultsCode, keyVersion: p.resultsKeyVersion } : null;
  return { year: e.year, publishedAt: p.publishedAt, results: parsed.data, code };
}

/** The public document of published results, as signed with key version `keyVersion` (src/domain/evaluation/results-document.ts). */
function documentOf(f: Pick<Frozen, 'year' | 'publishedAt' | 'results'>, keyVersion: number): string {
  return resultsDocument({ year: f.year, schemeId: f.results.schemeId, publishedOn: todayIso(f.publishedAt), keyVersion, items: f.results.items });
}

function codeOf(document: string, keyVersion: number): string {
  return hmacSm3(resultsKey(fieldKeys(), keyVersion), document);
}

/** The results code (HMAC-SM3 of the public document) with the current key version. */
function signResults(f: Pick<Frozen, 'year' | 'publishedAt' | 'results'>): { code: string; keyVersion: number } {
  const keyVersion = fieldKeys().current.version;
  return { code: codeOf(documentOf(f, keyVersion), keyVersion), keyVersion };
}

/** The published results in the caller's scope: the bureau all, a district its district's, an operator its own platform's. */
export async function getResults(db: Db, ctx: RequestContext, id: string): Promise<ResultsResponse> {
  const f = await frozen(db, id);
  const scope = platformScope(ctx.actor);
  const visible = scope.kind === 'all' ? null : new Set((await repo.panelEntries(db, id, scope)).map((x) => x.platformId));
  const { proposals: _p, excluded: _x, ...rest } = f.results;
  return { ...rest, publishedAt: f.publishedAt.toISOString(), items: f.results.items.filter((x) => visible === null || visible.has(x.platformId)) };
}

export async function publicYears(db: Db): Promise<{ year: number; publishedAt: string }[]> {
  return (await repo.publishedYears(db)).flatMap((r) => (r.publishedAt === null ? [] : [{ year: r.year, publishedAt: r.publishedAt.toISOString() }]));
}

/** The public list: names, types, levels, districts and grades; no scores, no people. */
export async function publicResults(db: Db, year: number): Promise<PublicResults> {
  const e = await repo.publishedByYear(db, year);
  if (!e) throw errors.notFound(`${year} 年度已公布的评估结果`);
  const f = await frozen(db, e.id);
  const order = { excellent: 0, pass: 1, fail: 2 } as const;
  return {
    year: f.year, publishedAt: f.publishedAt.toISOString(),
    resultsCode: f.code?.value ?? null, resultsKeyVersion: f.code?.keyVersion ?? null,
    items: [...f.results.items]
      .sort((a, b) => order[a.grade] - order[b.grade] || a.platformName.localeCompare(b.platformName, 'zh'))
      .map((x) => ({
        platformName: x.platformName, type: x.type, typeLabel: PLATFORM_TYPE_LABELS[x.type], level: x.level, levelLabel: PLATFORM_LEVEL_LABELS[x.level],
        districtName: x.districtName, grade: x.grade, gradeLabel: x.gradeLabel,
      })),
  };
}

/** A platform's grades in every published year, newest first (the public detail page). */
export async function publishedGradesOf(db: Db, platformId: string): Promise<{ year: number; grade: ResultItem['grade']; gradeLabel: string; publishedAt: string }[]> {
  const years = await repo.publishedYears(db);
  const grades = await Promise.all(years.map(async (y) => {
    const e = await repo.publishedByYear(db, y.year);
    if (!e) return [];
    const f = await frozen(db, e.id);
    return f.results.items.filter((x) => x.platformId === platformId)
      .map((x) => ({ year: f.year, grade: x.grade, gradeLabel: x.gradeLabel, publishedAt: f.publishedAt.toISOString() }));
  }));
  return grades.flat().sort((a, b) => b.year - a.year);
}

async function publishedYear(db: Db, year: number): Promise<Frozen & { id: string }> {
  const e = await repo.publishedByYear(db, year);
  if (!e) throw errors.notFound(`${year} 年度已公布的评估结果`);
  return { id: e.id, ...(await frozen(db, e.id)) };
}

/** The signed document, byte for byte, for download from the public results page. */
export async function publicResultsDocument(db: Db, year: number): Promise<string> {
  const f = await publishedYear(db, year);
  if (!f.code) throw errors.notFound(`${year} 年度评估结果的校验码`);
  return documentOf(f, f.code.keyVersion);
}

export interface ResultsVerification {
  year: number;
  ok: boolean;
  keyVersion: number | null;
  expected: string | null;
  computed: string | null;
  reason: string;
}

/** `hrsp verify-results YEAR`: the document recomputed from the stored results against the stored code. */
export async function verifyPublishedResults(db: Db, year: number): Promise<ResultsVerification> {
  const f = await publishedYear(db, year);
  if (!f.code) return { year, ok: false, keyVersion: null, expected: null, computed: null, reason: '该年度结果没有校验码' };
  const computed = codeOf(documentOf(f, f.code.keyVersion), f.code.keyVersion);
  const ok = computed === f.code.value;
  return { year, ok, keyVersion: f.code.keyVersion, expected: f.code.value, computed, reason: ok ? '结果与公布时一致' : '数据库中的结果与公布时的校验码不符（结果被改动，或密钥不对）' };
}

/**
 * `hrsp verify-results FILE`: a downloaded document against its code: the one given (as shown on the
 * public page), else the one stored for its year.
 */
export async function verifyResultsFile(db: Db | null, text: string, code: string | null): Promise<ResultsVerification> {
  const meta = readResultsDocument(text);
  if (!meta) throw errors.refused('NOT_RESULTS_DOCUMENT', '文件不是 HRSP 评估结果文件（results.json）', 'file');
  let expected = code?.trim().toLowerCase() ?? null;
  if (expected === null) {
    if (!db) throw errors.refused('CODE_REQUIRED', '请用 --code 给出公布页上的结果校验码', 'code');
    const f = await publishedYear(db, meta.year);
    expected = f.code?.keyVersion === meta.keyVersion ? f.code.value : null;
  }
  const computed = codeOf(text, meta.keyVersion);
  const ok = expected !== null && computed === expected;
  return { year: meta.year, ok, keyVersion: meta.keyVersion, expected, computed, reason: ok ? '文件与校验码一致' : '文件与校验码不符（文件被改动，或校验码、密钥不对）' };
}

/**
 * Signs published results that have no code (published before codes existed) and, after a key
 * rotation, re-signs codes of older key versions, but only those that still verify: a result changed
 * since publication keeps its failing code. Returns the years signed and the years refused.
 */
export async function signPublishedResults(db: Db, rotate: boolean): Promise<{ signed: number[]; refused: number[] }> {
  const current = fieldKeys().current.version;
  const signed: number[] = [];
  const refused: number[] = [];
  for (const row of await repo.publishedCodes(db)) {
    if (row.resultsKeyVersion === current || (row.resultsKeyVersion !== null && !rotate)) continue;
    const f = await frozen(db, row.id);
    if (f.code && codeOf(documentOf(f, f.code.keyVersion), f.code.keyVersion) !== f.code.value) {
      refused.push(row.year);
      continue;
    }
    const s = signResults(f);
    await db.transaction(async (tx) => {
      await repo.setResultsCode(tx, row.id, s.code, s.keyVersion);
      await auditSystem(tx, {
        action: 'evaluation.sign_results', entityType: 'evaluation', entityId: row.id, username: rotate ? 'hrsp rotate-key' : 'system',
        summary: { year: row.year, resultsCode: s.code, resultsKeyVersion: s.keyVersion, previous: f.code },
      });
    });
    signed.push(row.year);
  }
  return { signed, refused };
}
