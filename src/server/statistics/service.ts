/**
 * City-wide and district statistics (Art 18–20 supervision between evaluations) and the anomaly
 * list. Scope: the bureau sees every district; a district unit sees its own district and the city
 * totals, never another district's figures. Read-only, so nothing is audited.
 */
import type { Db } from '../../db/client.js';
import type { Actor } from '../../domain/auth/actor.js';
import { platformScope } from '../../domain/auth/scope.js';
import { finalGrades } from '../../domain/evaluation/codes.js';
import { enumLabel } from '../../domain/labels/enums.js';
import { factPathLabel } from '../../domain/labels/path.js';
import { platformLevels, platformTypes } from '../../domain/platforms/codes.js';
import { changedFigures, scoreGap, yearOnYearJump } from '../../domain/statistics/anomalies.js';
import type { RequestContext } from '../context.js';
import { listDuplicates } from '../enterprises/residences.js';
import { errors } from '../errors.js';
import { dateStamp, sheetBuffer, type XlsxColumn } from '../xlsx.js';
import * as repo from './repository.js';
import type { ExportQuery, AnomaliesQuery, AnomaliesResponse, Anomaly, Figures, FiguresQuery, FiguresResponse, GradesResponse, TrendsQuery, TrendsResponse } from './schema.js';

const EMPTY: Figures = { platforms: 0, enterprises: 0, aboveScale: 0, revenueYuan: '0', taxYuan: '0', served: 0, placed: 0 };

function figuresOf(r: repo.FigureRow | undefined): Figures {
  if (!r) return EMPTY;
  return { platforms: r.platforms, enterprises: r.enterprises, aboveScale: r.aboveScale, revenueYuan: r.revenueYuan, taxYuan: r.taxYuan, served: r.served, placed: r.placed };
}

/**
 * The district looked at: a district unit's own (asking for another is refused), the bureau's
 * choice, or none. Other roles never get here (the routes admit only these).
 */
function focusDistrict(actor: Actor, asked: string | undefined): string | null {
  if (actor.role === 'district') {
    if (actor.districtCode === null) throw errors.forbidden('查看统计分析');
    if (asked !== undefined && asked !== actor.districtCode) throw errors.forbidden('查看其他区县的统计数据');
    return actor.districtCode;
  }
  if (actor.role === 'bureau' || actor.role === 'admin') return asked ?? null;
  throw errors.forbidden('查看统计分析');
}

async function focusOf(db: Db, code: string | null): Promise<{ names: Map<string, string>; focus: { districtCode: string; districtName: string } | null }> {
  const names = await repo.districtNames(db);
  if (code === null) return { names, focus: null };
  const name = names.get(code);
  if (name === undefined) throw errors.invalid('districtCode', '区县：没有这个区县');
  return { names, focus: { districtCode: code, districtName: name } };
}

const seesAllDistricts = (actor: Actor) => actor.role !== 'district';

export async function figures(db: Db, ctx: RequestContext, q: FiguresQuery): Promise<FiguresResponse> {
  const code = focusDistrict(ctx.actor, q.districtCode);
  const { names, focus } = await focusOf(db, code);
  const rows = await repo.figureRows(db, q.year, q.year, q, true);
  const city = rows.find((r) => r.districtCode === null && r.type === null && r.level === null);
  const inFocus = (r: repo.FigureRow) => r.districtCode === code;
  const perDistrict = rows.filter((r) => r.districtCode !== null && r.type === null && r.level === null && (seesAllDistricts(ctx.actor) || r.districtCode === code));
  return {
    year: q.year,
    city: figuresOf(city),
    focus,
    focusFigures: code === null ? null : figuresOf(rows.find((r) => inFocus(r) && r.type === null && r.level === null)),
    byDistrict: perDistrict
      .map((r) => ({ districtCode: r.districtCode ?? '', districtName: names.get(r.districtCode ?? '') ?? '', figures: figuresOf(r) }))
      .sort((a, b) => a.districtCode.localeCompare(b.districtCode)),
    byType: platformTypes.map((type) => ({ type, figures: figuresOf(rows.find((r) => inFocus(r) && r.type === type && r.level === null)) })),
    byLevel: platformLevels.map((level) => ({ level, figures: figuresOf(rows.find((r) => inFocus(r) && r.level === level && r.type === null)) })),
  };
}

export async function trends(db: Db, ctx: RequestContext, q: TrendsQuery): Promise<TrendsResponse> {
  const code = focusDistrict(ctx.actor, q.districtCode);
  const { focus } = await focusOf(db, code);
  const rows = (await repo.figureRows(db, q.from, q.to, q, code !== null)).filter((r) => r.type === null && r.level === null);
  const years = [];
  for (let y = q.from; y <= q.to; y++) {
    years.push({
      year: y,
      city: figuresOf(rows.find((r) => r.year === y && r.districtCode === null)),
      focusFigures: code === null ? null : figuresOf(rows.find((r) => r.year === y && r.districtCode === code)),
    });
  }
  return { focus, years };
}

function gradeCounts(rows: repo.GradeRow[]) {
  return finalGrades.map((grade) => ({ grade, count: rows.find((r) => r.grade === grade)?.count ?? 0 }));
}

export async function grades(db: Db, ctx: RequestContext, q: FiguresQuery): Promise<GradesResponse> {
  const code = focusDistrict(ctx.actor, q.districtCode);
  const { names, focus } = await focusOf(db, code);
  const rows = await repo.gradeRows(db, q.year, q);
  const districtsSeen = [...new Set(rows.flatMap((r) => (r.districtCode === null ? [] : [r.districtCode])))]
    .filter((d) => seesAllDistricts(ctx.actor) || d === code).sort();
  return {
    year: q.year,
    published: await repo.evaluationPublished(db, q.year),
    focus,
    city: gradeCounts(rows.filter((r) => r.districtCode === null)),
    focusGrades: code === null ? null : gradeCounts(rows.filter((r) => r.districtCode === code)),
    byDistrict: districtsSeen.map((d) => ({ districtCode: d, districtName: names.get(d) ?? d, grades: gradeCounts(rows.filter((r) => r.districtCode === d)) })),
  };
}

const yuanText = (v: bigint) => `${v.toLocaleString('en-US')} 元`;
const pct = (p: number) => `${p > 0 ? '+' : ''}${p.toFixed(1)}%`;

/** Revenue and enterprise counts jumping year on year; the names are read for the flagged platforms only. */
async function jumpAnomalies(db: Db, pairs: repo.PlatformPair[], year: number, percent: number): Promise<Anomaly[]> {
  const found = pairs.flatMap((p) => {
    const rev = yearOnYearJump(BigInt(p.prevRev), BigInt(p.curRev), percent);
    const ent = yearOnYearJump(BigInt(p.prevEnt), BigInt(p.curEnt), percent);
    return rev || ent ? [{ platformId: p.platformId, rev, ent }] : [];
  });
  const byId = new Map(found.map((f) => [f.platformId, f]));
  const out: Anomaly[] = [];
  for (const n of await repo.platformNames(db, [...byId.keys()])) {
    const f = byId.get(n.platformId);
    if (!f) continue;
    const base = { platformId: n.platformId, platformName: n.platformName, districtName: n.districtName, link: `/app/platforms/${n.platformId}?tab=residences` };
    if (f.rev) {
      out.push({ ...base, rule: 'revenue_jump', explanation: `入驻企业营业收入 ${year - 1} 年 ${yuanText(f.rev.previous)}，${year} 年 ${yuanText(f.rev.current)}，变化 ${pct(f.rev.percent)}，超过设定的 ${percent}%` });
    }
    if (f.ent) {
      out.push({ ...base, rule: 'enterprise_jump', explanation: `年末入驻企业 ${year - 1} 年 ${f.ent.previous} 家，${year} 年 ${f.ent.current} 家，变化 ${pct(f.ent.percent)}，超过设定的 ${percent}%` });
    }
  }
  return out;
}

const record = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? Object.fromEntries(Object.entries(v)) : {});

/**
 * The self-evaluation against the registry's figures it was pre-filled from, as they were kept when
 * the entry was made (not today's registry: residents added since would flag every entry). An entry
 * made before those were kept has nothing to compare with and is not flagged.
 */
function prefillAnomalies(entries: repo.EntryFigures[]): Anomaly[] {
  return entries.flatMap((e): Anomaly[] => {
    if (e.prefilledFacts === null || e.prefilledFacts === undefined) return [];
    const changed = changedFigures(record(e.prefilledFacts), record(e.facts));
    if (changed.length === 0) return [];
    const what = changed.slice(0, 5).map((c) => `${factPathLabel(c.path)}：登记 ${c.registry}，自评 ${c.self}`).join('；');
    return [{
      rule: 'prefill_changed', platformId: e.platformId, platformName: e.platformName, districtName: e.districtName,
      explanation: `自评填报的 ${changed.length} 项数据与预填的登记数据不一致（${what}${changed.length > 5 ? '；等' : ''}）`,
      link: `/app/evaluations/${e.evaluationId}/entries/${e.entryId}`,
    }];
  });
}

function gapAnomalies(entries: repo.EntryFigures[], gap: number): Anomaly[] {
  return entries.flatMap((e): Anomaly[] => {
    if (e.selfTotal === null || e.reviewedTotal === null) return [];
    const d = scoreGap(e.selfTotal, e.reviewedTotal, gap);
    return d === null ? [] : [{
      rule: 'score_gap', platformId: e.platformId, platformName: e.platformName, districtName: e.districtName,
      explanation: `自评得分 ${e.selfTotal}，评审得分 ${e.reviewedTotal}，相差 ${d} 分，达到设定的 ${gap} 分`,
      link: `/app/evaluations/${e.evaluationId}/entries/${e.entryId}`,
    }];
  });
}

/** Every rule's flags for the year, in the caller's scope (a district: flags touching its own platforms). */
export async function anomalies(db: Db, ctx: RequestContext, q: AnomaliesQuery): Promise<AnomaliesResponse> {
  focusDistrict(ctx.actor, undefined);
  const scope = platformScope(ctx.actor);
  // Three independent reads side by side: the list waits for the slowest, not for the sum.
  const [found, jumps, entries] = await Promise.all([
    listDuplicates(db, ctx, q.year),
    repo.yearPairs(db, scope, q.year).then((pairs) => jumpAnomalies(db, pairs, q.year, q.jumpPercent)),
    repo.submittedEntries(db, scope, q.year),
  ]);
  const duplicates = found.flatMap((d): Anomaly[] => d.residences.map((r) => ({
    rule: 'duplicate_residence', platformId: r.platformId, platformName: r.platformName, districtName: r.districtName,
    explanation: `企业「${d.enterpriseName}」（${d.uscc}）${q.year} 年同时在 ${d.residences.map((x) => `「${x.platformName}」`).join('、')}线下入驻`,
    link: `/app/platforms/${r.platformId}?tab=residences`,
  })));
  const items = [...duplicates, ...jumps, ...prefillAnomalies(entries), ...gapAnomalies(entries, q.scoreGap)];
  return { year: q.year, jumpPercent: q.jumpPercent, scoreGap: q.scoreGap, items };
}

const YUAN = '#,##0';
/** The columns behind every figures chart; money stays exact (a number cell only while it is a safe integer). */
function figureColumns<T>(pick: (row: T) => Figures): XlsxColumn<T>[] {
  const money = (v: string) => (Number.isSafeInteger(Number(v)) ? Number(v) : v);
  return [
    { header: '平台数', value: (r) => pick(r).platforms },
    { header: '年末入驻企业（家）', value: (r) => pick(r).enterprises },
    { header: '其中规模以上（家）', value: (r) => pick(r).aboveScale },
    { header: '入驻企业营业收入（元）', width: 22, numFmt: YUAN, value: (r) => money(pick(r).revenueYuan) },
    { header: '入驻企业纳税（元）', width: 20, numFmt: YUAN, value: (r) => money(pick(r).taxYuan) },
    { header: '服务人次', value: (r) => pick(r).served },
    { header: '就业/人才供给（人）', value: (r) => pick(r).placed },
  ];
}

function filterText(q: { type?: string | undefined; level?: string | undefined }): string {
  return [q.type ? enumLabel('platformType', q.type) : '', q.level ? enumLabel('platformLevel', q.level) : ''].filter(Boolean).join('');
}

/** The numbers behind one chart of the screen, as an .xlsx with the same filters and scope. */
export async function exportChart(db: Db, ctx: RequestContext, q: ExportQuery): Promise<{ filename: string; body: Buffer }> {
  const stamp = `${filterText(q)}${dateStamp()}`;
  switch (q.chart) {
    case 'figures': {
      const f = await figures(db, ctx, q);
      const scopeName = f.focus?.districtName ?? '全市';
      type Row = { label: string; figures: Figures };
      const rows: Row[] = [
        { label: '全市合计', figures: f.city },
        ...(f.focus && f.focusFigures ? [{ label: `${f.focus.districtName}合计`, figures: f.focusFigures }] : []),
        ...f.byType.map((t) => ({ label: `${scopeName}·${enumLabel('platformType', t.type)}`, figures: t.figures })),
        ...f.byLevel.map((l) => ({ label: `${scopeName}·${enumLabel('platformLevel', l.level)}`, figures: l.figures })),
      ];
      return { filename: `统计分析-${q.year}年主要指标-${stamp}.xlsx`, body: await sheetBuffer<Row>({ name: `${q.year}年主要指标`, columns: [{ header: '范围', width: 28, value: (r) => r.label }, ...figureColumns<Row>((r) => r.figures)], rows }) };
    }
    case 'districts': {
      const f = await figures(db, ctx, q);
      type Row = { label: string; figures: Figures };
      const rows: Row[] = [...f.byDistrict.map((d) => ({ label: d.districtName, figures: d.figures })), { label: '全市合计', figures: f.city }];
      return { filename: `统计分析-${q.year}年分区县-${stamp}.xlsx`, body: await sheetBuffer<Row>({ name: '分区县', columns: [{ header: '区县', width: 16, value: (r) => r.label }, ...figureColumns<Row>((r) => r.figures)], rows }) };
    }
    case 'trends': {
      const t = await trends(db, ctx, { ...q, from: q.from ?? q.year - 4, to: q.year });
      type Row = { label: string; year: number; figures: Figures };
      const rows: Row[] = t.years.flatMap((y) => [
        { label: '全市', year: y.year, figures: y.city },
        ...(t.focus && y.focusFigures ? [{ label: t.focus.districtName, year: y.year, figures: y.focusFigures }] : []),
      ]);
      return { filename: `统计分析-年度趋势-${stamp}.xlsx`, body: await sheetBuffer<Row>({ name: '年度趋势', columns: [{ header: '年度', value: (r) => r.year }, { header: '范围', value: (r) => r.label }, ...figureColumns<Row>((r) => r.figures)], rows }) };
    }
    case 'grades': {
      const g = await grades(db, ctx, q);
      type Row = { label: string; counts: { grade: string; count: number }[] };
      const rows: Row[] = [
        { label: '全市', counts: g.city },
        ...(seesAllDistricts(ctx.actor) ? g.byDistrict.map((d) => ({ label: d.districtName, counts: d.grades })) : g.focus && g.focusGrades ? [{ label: g.focus.districtName, counts: g.focusGrades }] : []),
      ];
      const columns: XlsxColumn<Row>[] = [
        { header: '范围', width: 16, value: (r) => r.label },
        ...finalGrades.map((grade): XlsxColumn<Row> => ({ header: `${enumLabel('grade', grade)}（个）`, value: (r) => r.counts.find((c) => c.grade === grade)?.count ?? 0 })),
      ];
      return { filename: `统计分析-${q.year}年评估等次分布-${stamp}.xlsx`, body: await sheetBuffer<Row>({ name: '评估等次分布', columns, rows }) };
    }
  }
}
