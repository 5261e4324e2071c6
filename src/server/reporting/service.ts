import type { z } from 'zod';
import type { Db, Executor } from '../../db/client.js';
import type { Actor } from '../../domain/auth/actor.js';
import { platformTypes, type PlatformType } from '../../domain/platforms/codes.js';
import { PLATFORM_TYPE_LABELS } from '../../domain/rules/scheme-types.js';
import { dueReminder, dueStanding, periodsOf, type ReminderKind } from '../../domain/reporting/due.js';
import { figureSetProblem, figureSpec, REPORT_FIGURES, yearDataPatch, type CycleFigures, type FigureSpec } from '../../domain/reporting/figures.js';
import { canEditReport, checkReportTransition, reportActionsFor, reportStateLabels, type ReportAction } from '../../domain/reporting/workflow.js';
import { audit, auditSystem } from '../audit/audit.js';
import { now, todayIso } from '../clock.js';
import type { RequestContext } from '../context.js';
import { errors } from '../errors.js';
import { notify } from '../notifications/service.js';
import { sheetBuffer, type XlsxColumn } from '../xlsx.js';
import { yearDataSchemas } from '../yeardata/schema.js';
import * as repo from './repository.js';
import type { cycleCreateBody, cycleOut, cycleUpdateBody, matrixOut, matrixQuery, myPeriodOut, reportOut, reviewItemOut } from './schema.js';

export function reportingScope(actor: Actor): repo.ReportingScope {
  switch (actor.role) {
    case 'admin':
    case 'bureau':
      return { kind: 'all' };
    case 'district':
      return actor.districtCode === null ? { kind: 'none' } : { kind: 'district', districtCode: actor.districtCode };
    case 'operator':
      return { kind: 'reporter', organizationId: actor.organizationId };
    case 'district_gov':
    case 'expert':
    case 'security_admin':
    case 'auditor':
      return { kind: 'none' };
  }
}

/** The stored jsonb read back as the type → keys map it was written as (anything else is dropped). */
function figuresOf(stored: unknown): CycleFigures {
  const out: CycleFigures = {};
  if (typeof stored !== 'object' || stored === null) return out;
  const m = new Map<string, unknown>(Object.entries(stored));
  for (const t of platformTypes) {
    const keys = m.get(t);
    if (Array.isArray(keys)) out[t] = keys.filter((k): k is string => typeof k === 'string');
  }
  return out;
}
/** The figures a period asks of a platform of this type, in catalogue order (empty: the type is not asked). */
export function askedFigures(cycleFigures: unknown, type: PlatformType): FigureSpec[] {
  const keys = new Set(figuresOf(cycleFigures)[type] ?? []);
  return REPORT_FIGURES.filter((f) => keys.has(f.key));
}
const figureOut = (f: FigureSpec) => ({ key: f.key, label: f.label, unit: f.unit, types: [...f.types], feedsYearData: f.yearDataKey !== null });
const numbers = (v: unknown): Record<string, number> => {
  const out: Record<string, number> = {};
  if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) if (typeof x === 'number') out[k] = x;
  return out;
};

export const figureCatalog = () => REPORT_FIGURES.map(figureOut);

// ---- cycles (bureau) ----

async function cycleDetail(db: Executor, id: string): Promise<z.infer<typeof cycleOut>> {
  const c = await repo.findCycle(db, id);
  if (c === null) throw errors.notFound('报送周期');
  const periods = await repo.listPeriods(db, id);
  return { id: c.id, name: c.name, kind: c.kind, year: c.year, figures: figuresOf(c.figures), periods: periods.map((p) => ({ id: p.id, label: p.label, quarter: p.quarter, dueOn: p.dueOn })) };
}

export async function listCycles(db: Db): Promise<z.infer<typeof cycleOut>[]> {
  const cycles = await repo.listCycles(db);
  const periods = await repo.listPeriods(db);
  return cycles.map((c) => ({
    id: c.id, name: c.name, kind: c.kind, year: c.year, figures: figuresOf(c.figures),
    periods: periods.filter((p) => p.cycleId === c.id).map((p) => ({ id: p.id, label: p.label, quarter: p.quarter, dueOn: p.dueOn })),
  }));
}

function checkFigures(figures: CycleFigures): void {
  const problem = figureSetProblem(figures);
  if (problem !== null) throw errors.invalid('figures', `报送指标：${problem}`);
}

export async function createCycle(db: Db, ctx: RequestContext, body: z.infer<typeof cycleCreateBody>) {
  checkFigures(body.figures);
  const id = await db.transaction(async (tx) => {
    const cycleId = await repo.insertCycle(tx, { name: body.name, kind: body.kind, year: body.year, figures: body.figures, createdBy: ctx.actor.userId });
    const periods = periodsOf(body.kind, body.year, body.daysAfterEnd);
    await repo.insertPeriods(tx, cycleId, periods);
    await audit(tx, ctx, { action: 'reporting.cycle.create', entityType: 'reporting_cycle', entityId: cycleId, summary: { name: body.name, kind: body.kind, year: body.year, periods: periods.map((p) => `${p.label} ${p.dueOn}`) } });
    return cycleId;
  });
  return cycleDetail(db, id);
}

export async function updateCycle(db: Db, ctx: RequestContext, id: string, body: z.infer<typeof cycleUpdateBody>) {
  checkFigures(body.figures);
  const before = await cycleDetail(db, id);
  await db.transaction(async (tx) => {
    await repo.updateCycle(tx, id, { name: body.name, figures: body.figures });
    for (const p of body.periods) {
      if (!(await repo.updatePeriodDue(tx, id, p.id, p.dueOn))) throw errors.invalid('periods', '报送期次：不属于该周期');
    }
    const dueChanges = body.periods.flatMap((p) => {
      const old = before.periods.find((x) => x.id === p.id);
      return old !== undefined && old.dueOn !== p.dueOn ? [`${old.label}：${old.dueOn} → ${p.dueOn}`] : [];
    });
    await audit(tx, ctx, { action: 'reporting.cycle.update', entityType: 'reporting_cycle', entityId: id, summary: { name: [before.name, body.name], figures: body.figures, dueOn: dueChanges } });
  });
  return cycleDetail(db, id);
}

// ---- the reporter's periods and reports ----

/** Every period × platform the caller reports for (or reviews), with state and standing. */
async function periodGrid(db: Executor, actor: Actor, today: string, filter: repo.PlatformFilter = {}, cycleId?: string) {
  const platforms = await repo.reportingPlatforms(db, reportingScope(actor), filter);
  const periods = await repo.listPeriods(db, cycleId);
  const reports = await repo.reportsOf(db, periods.map((p) => p.id), platforms.map((p) => p.id));
  const byKey = new Map(reports.map((r) => [`${r.periodId}:${r.platformId}`, r]));
  return { platforms, periods, report: (periodId: string, platformId: string) => byKey.get(`${periodId}:${platformId}`) ?? null, today };
}

export async function myPeriods(db: Db, ctx: RequestContext): Promise<z.infer<typeof myPeriodOut>[]> {
  const g = await periodGrid(db, ctx.actor, todayIso());
  const out: z.infer<typeof myPeriodOut>[] = [];
  for (const period of g.periods) {
    for (const p of g.platforms) {
      if (askedFigures(period.figures, p.type).length === 0) continue;
      const r = g.report(period.id, p.id);
      out.push({
        periodId: period.id, label: period.label, cycleName: period.cycleName, dueOn: period.dueOn, platformId: p.id, platformName: p.name,
        state: r?.state ?? null, standing: dueStanding(period.dueOn, g.today, r?.state ?? null), returnReason: r?.state === 'returned' ? r.returnReason : null,
      });
    }
  }
  return out;
}

async function loadForReport(db: Executor, actor: Actor, periodId: string, platformId: string) {
  const platform = await repo.findScopedPlatform(db, reportingScope(actor), platformId);
  if (platform === null) throw errors.notFound('平台');
  const period = await repo.findPeriod(db, periodId);
  if (period === null) throw errors.notFound('报送期次');
  const fields = askedFigures(period.figures, platform.type);
  if (fields.length === 0) throw errors.refused('NOT_ASKED', `该报送周期不要求${PLATFORM_TYPE_LABELS[platform.type]}报送`);
  return { platform, period, fields };
}

async function yearDataNote(db: Executor, period: repo.PeriodRow, platformId: string, fields: readonly FigureSpec[]): Promise<string | null> {
  if (period.kind !== 'yearly') return null;
  if (!fields.some((f) => f.yearDataKey !== null)) return null;
  return (await repo.yearDataLocked(db, platformId, period.year))
    ? `${period.year} 年度评估自评已报送，审核通过后不再写入年度数据`
    : `审核通过后，标有「写入年度数据」的指标将写入 ${period.year} 年度数据，评估时无需重复填写`;
}

export async function getReport(db: Db, ctx: RequestContext, periodId: string, platformId: string): Promise<z.infer<typeof reportOut>> {
  const { platform, period, fields } = await loadForReport(db, ctx.actor, periodId, platformId);
  const r = await repo.findReport(db, periodId, platformId);
  const [p] = await repo.reportingPlatforms(db, { kind: 'all' }, { platformId });
  const state = r?.state ?? null;
  return {
    id: r?.id ?? null, periodId, periodLabel: period.label, cycleName: period.cycleName, kind: period.kind, year: period.year, dueOn: period.dueOn,
    platformId, platformName: platform.name, districtName: p?.districtName ?? null, state, figures: numbers(r?.figures),
    fields: fields.map(figureOut), returnReason: r?.returnReason ?? null,
    submittedAt: r?.submittedAt?.toISOString() ?? null, reviewedAt: r?.reviewedAt?.toISOString() ?? null,
    canEdit: ctx.actor.role === 'operator' && canEditReport(state ?? 'draft'),
    actions: reportActionsFor(state ?? 'draft', ctx.actor.role),
    yearDataNote: await yearDataNote(db, period, platformId, fields),
  };
}

function checkValues(fields: readonly FigureSpec[], figures: Record<string, number>, complete: boolean): void {
  for (const k of Object.keys(figures)) {
    if (!fields.some((f) => f.key === k)) throw errors.invalid(`figures.${k}`, `${figureSpec(k)?.label ?? k}：本期不要求报送`);
  }
  if (!complete) return;
  const missing = fields.filter((f) => figures[f.key] === undefined);
  if (missing.length > 0) throw errors.invalid(`figures.${missing[0]?.key ?? ''}`, `请填写：${missing.map((f) => f.label).join('、')}`);
}

async function save(tx: Executor, ctx: RequestContext, l: Awaited<ReturnType<typeof loadForReport>>, figures: Record<string, number>): Promise<void> {
  const before = await repo.findReport(tx, l.period.id, l.platform.id);
  if (before !== null && !canEditReport(before.state)) throw errors.conflict(`报表${reportStateLabels[before.state]}，不能修改`);
  if (!(await repo.saveDraft(tx, l.period.id, l.platform.id, figures))) throw errors.conflict('报表已报送，不能修改');
  const changes: Record<string, unknown> = {};
  const old = numbers(before?.figures);
  for (const f of l.fields) if (old[f.key] !== figures[f.key]) changes[f.label] = [old[f.key] ?? null, figures[f.key] ?? null];
  await audit(tx, ctx, { action: 'reporting.report.save', entityType: 'reporting_report', entityId: l.platform.id, summary: { period: l.period.label, platform: l.platform.name, ...changes } });
}

export async function saveReport(db: Db, ctx: RequestContext, periodId: string, platformId: string, figures: Record<string, number>) {
  const l = await loadForReport(db, ctx.actor, periodId, platformId);
  checkValues(l.fields, figures, false);
  await db.transaction((tx) => save(tx, ctx, l, figures));
  return getReport(db, ctx, periodId, platformId);
}

/** Saves the figures given and submits: every asked figure must be filled. */
export async function submitReport(db: Db, ctx: RequestContext, periodId: string, platformId: string, figures: Record<string, number>) {
  const l = await loadForReport(db, ctx.actor, periodId, platformId);
  checkValues(l.fields, figures, true);
  await db.transaction(async (tx) => {
    await save(tx, ctx, l, figures);
    const r = await repo.findReport(tx, periodId, platformId);
    if (r === null) throw errors.notFound('报表');
    const check = checkReportTransition(r.state, 'submit', ctx.actor.role);
    if (!check.ok) throw errors.conflict(check.reason);
    if (!(await repo.moveReport(tx, r.id, r.state, { state: 'submitted', submittedAt: now(), submittedBy: ctx.actor.userId, returnReason: null }))) throw errors.conflict('报表已被他人处理，请刷新');
    await audit(tx, ctx, { action: 'reporting.report.submit', entityType: 'reporting_report', entityId: r.id, summary: { period: l.period.label, platform: l.platform.name, state: [reportStateLabels[r.state], reportStateLabels.submitted] } });
    await notify(tx, { kind: 'district', districtCode: l.platform.districtCode, roles: ['district'] }, {
      kind: 'reporting.report.submitted', title: `${l.platform.name}已报送${l.period.label}运营数据，请审核`, target: {}, data: { reportId: r.id, periodId, platformId },
    });
  });
  return getReport(db, ctx, periodId, platformId);
}

/** The district (or the bureau) returns a submitted report with a reason, or accepts it. */
export async function reviewReport(db: Db, ctx: RequestContext, reportId: string, action: Extract<ReportAction, 'return' | 'accept'>, reason: string | null) {
  const r = await repo.findReportById(db, reportId);
  if (r === null) throw errors.notFound('报表');
  const l = await loadForReport(db, ctx.actor, r.periodId, r.platformId);
  const check = checkReportTransition(r.state, action, ctx.actor.role);
  if (!check.ok) throw check.reason.startsWith('当前角色') ? errors.forbidden('审核该报表') : errors.conflict(check.reason);
  await db.transaction(async (tx) => {
    if (!(await repo.moveReport(tx, r.id, r.state, { state: check.to, reviewedAt: now(), reviewedBy: ctx.actor.userId, returnReason: action === 'return' ? reason : null }))) throw errors.conflict('报表已被他人处理，请刷新');
    const summary: Record<string, unknown> = { period: l.period.label, platform: l.platform.name, state: [reportStateLabels[r.state], reportStateLabels[check.to]] };
    if (reason !== null) summary.reason = reason;
    if (action === 'accept' && l.period.kind === 'yearly') summary.yearData = await feedYearData(tx, ctx, l, numbers(r.figures));
    await audit(tx, ctx, { action: `reporting.report.${action}`, entityType: 'reporting_report', entityId: r.id, summary });
    await notify(tx, { kind: 'users', userIds: await repo.reporterUserIds(tx, r.platformId) }, action === 'return'
      ? { kind: 'reporting.report.returned', title: `${l.platform.name}${l.period.label}运营数据被退回修改`, body: `退回原因：${reason ?? ''}`, target: {}, data: { reportId: r.id } }
      : { kind: 'reporting.report.accepted', title: `${l.platform.name}${l.period.label}运营数据已审核通过`, target: {}, data: { reportId: r.id } });
  });
  return getReport(db, ctx, r.periodId, r.platformId);
}

/**
 * An accepted yearly report writes its year-data figures into that year's data (merged over what
 * is there), in the acceptance's transaction, with its own audit row; not when the year's
 * self-evaluation has been submitted (the evaluation works on its own facts then).
 */
async function feedYearData(tx: Executor, ctx: RequestContext, l: Awaited<ReturnType<typeof loadForReport>>, figures: Record<string, number>): Promise<string> {
  const patch = yearDataPatch(figures);
  if (Object.keys(patch).length === 0) return '无写入年度数据的指标';
  if (await repo.yearDataLocked(tx, l.platform.id, l.period.year)) return `${l.period.year} 年度评估自评已报送，未写入年度数据`;
  const row = await repo.yearDataForUpdate(tx, l.platform.id, l.period.year);
  const before = row !== null && typeof row.data === 'object' && row.data !== null ? (row.data as Record<string, unknown>) : {};
  const merged = yearDataSchemas[l.platform.type].safeParse({ ...before, ...patch });
  if (!merged.success) return `年度数据校验未通过，未写入：${merged.error.issues[0]?.message ?? ''}`;
  await repo.writeYearData(tx, l.platform.id, l.period.year, merged.data, ctx.actor.userId);
  const changes: Record<string, unknown> = { year: l.period.year, source: `${l.period.label}运营数据报送` };
  for (const [k, v] of Object.entries(patch)) if (before[k] !== v) changes[k] = [before[k] ?? null, v];
  await audit(tx, ctx, { action: 'year_data.update', entityType: 'platform_year_data', entityId: l.platform.id, summary: changes });
  return `已写入 ${l.period.year} 年度数据`;
}

// ---- review list, matrix ----

export async function reviewList(db: Db, ctx: RequestContext): Promise<z.infer<typeof reviewItemOut>[]> {
  const g = await periodGrid(db, ctx.actor, todayIso());
  const out: z.infer<typeof reviewItemOut>[] = [];
  for (const period of g.periods) {
    for (const p of g.platforms) {
      const r = g.report(period.id, p.id);
      if (r === null || r.state === 'draft') continue;
      out.push({ id: r.id, periodId: period.id, periodLabel: period.label, dueOn: period.dueOn, platformId: p.id, platformName: p.name, districtName: p.districtName, state: r.state, submittedAt: r.submittedAt?.toISOString() ?? null });
    }
  }
  // Waiting for review first, then by due date.
  return out.sort((a, b) => Number(b.state === 'submitted') - Number(a.state === 'submitted') || a.dueOn.localeCompare(b.dueOn));
}

export async function matrix(db: Db, ctx: RequestContext, q: z.infer<typeof matrixQuery>): Promise<z.infer<typeof matrixOut>> {
  const g = await periodGrid(db, ctx.actor, todayIso(), { districtCode: q.districtCode, type: q.type }, q.cycleId);
  return {
    periods: g.periods.map((p) => ({ id: p.id, label: p.label, quarter: p.quarter, dueOn: p.dueOn, cycleName: p.cycleName })),
    rows: g.platforms.map((p) => ({
      platformId: p.id, platformName: p.name, districtName: p.districtName, type: p.type,
      cells: g.periods.map((period) => {
        const r = g.report(period.id, p.id);
        const asked = askedFigures(period.figures, p.type).length > 0;
        return { periodId: period.id, state: r?.state ?? null, standing: asked ? dueStanding(period.dueOn, g.today, r?.state ?? null) : 'not_asked', reportId: r?.id ?? null };
      }),
    })),
  };
}

export async function exportMatrix(db: Db, ctx: RequestContext, q: z.infer<typeof matrixQuery>) {
  const m = await matrix(db, ctx, q);
  type Row = (typeof m.rows)[number];
  const cellText = (c: Row['cells'][number]): string => {
    if (c.standing === 'not_asked') return '不适用';
    if (c.state !== null && c.state !== 'draft') return reportStateLabels[c.state];
    return c.standing === 'overdue' ? '逾期未报' : '未报送';
  };
  const columns: XlsxColumn<Row>[] = [
    { header: '平台', width: 36, value: (r) => r.platformName },
    { header: '区县', value: (r) => r.districtName },
    { header: '类型', width: 20, value: (r) => PLATFORM_TYPE_LABELS[r.type] },
    ...m.periods.map((p, i) => ({ header: `${p.cycleName}·${p.label}`, width: 22, value: (r: Row) => { const c = r.cells[i]; return c === undefined ? null : cellText(c); } })),
  ];
  return { filename: '运营数据报送情况.xlsx', body: await sheetBuffer({ name: '报送情况', columns, rows: m.rows }) };
}

export async function setDelegation(db: Db, ctx: RequestContext, platformId: string, reportingOrgId: string | null) {
  const [p] = await repo.reportingPlatforms(db, { kind: 'all' }, { platformId });
  if (p === undefined) throw errors.notFound('平台');
  if (p.level !== 'national') throw errors.refused('NOT_NATIONAL', '仅国家级平台可委托其他机构报送运营数据');
  const org = reportingOrgId === null ? null : await repo.findOrganization(db, reportingOrgId);
  if (reportingOrgId !== null && org?.kind !== 'operator') throw errors.invalid('reportingOrgId', '受托报送机构：须为运营机构');
  await db.transaction(async (tx) => {
    await repo.setDelegation(tx, platformId, reportingOrgId, ctx.actor.userId);
    await audit(tx, ctx, { action: 'reporting.delegation.set', entityType: 'platform', entityId: platformId, summary: { platform: p.name, reportingOrg: [p.reportingOrgName, org?.name ?? null] } });
  });
  return { platformId, reportingOrgId, reportingOrgName: org?.name ?? null };
}

// ---- reminders and to-dos ----

export interface ReportingReminderRun { dueSoon: number; overdue: number }

/** Before and after each due date, once each per platform and period, while the report is owed. */
export async function runReportingReminders(db: Db, today = todayIso()): Promise<ReportingReminderRun> {
  const run: ReportingReminderRun = { dueSoon: 0, overdue: 0 };
  const platforms = await repo.reportingPlatforms(db, { kind: 'all' });
  const periods = (await repo.listPeriods(db)).filter((p) => dueReminder(p.dueOn, today, null, []) !== null);
  const reports = await repo.reportsOf(db, periods.map((p) => p.id), platforms.map((p) => p.id));
  const sent = await repo.remindersSent(db, periods.map((p) => p.id));
  for (const period of periods) {
    for (const p of platforms) {
      if (askedFigures(period.figures, p.type).length === 0) continue;
      const state = reports.find((r) => r.periodId === period.id && r.platformId === p.id)?.state ?? null;
      const kinds = sent.filter((s) => s.periodId === period.id && s.platformId === p.id).map((s) => s.kind);
      const due = dueReminder(period.dueOn, today, state, kinds);
      if (due === null) continue;
      if (await sendReminder(db, period, p, due)) run[due === 'due_soon' ? 'dueSoon' : 'overdue'] += 1;
    }
  }
  return run;
}

async function sendReminder(db: Db, period: repo.PeriodRow, p: repo.ReportingPlatform, kind: ReminderKind): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await repo.markReminder(tx, period.id, p.id, kind))) return false;
    const title = kind === 'due_soon'
      ? `${p.name}${period.label}运营数据请于 ${period.dueOn} 前报送`
      : `${p.name}${period.label}运营数据已逾期未报送（截止 ${period.dueOn}）`;
    await notify(tx, { kind: 'users', userIds: await repo.reporterUserIds(tx, p.id) }, { kind: `reporting.reminder.${kind}`, title, target: {}, data: { periodId: period.id, platformId: p.id } });
    await auditSystem(tx, { action: `reporting.reminder.${kind}`, entityType: 'reporting_period', entityId: period.id, summary: { platform: p.name, period: period.label, dueOn: period.dueOn } });
    return true;
  });
}

export interface ReportingTodo { kind: 'reporting.due' | 'reporting.returned' | 'reporting.to_review' | 'reporting.overdue'; title: string; link: string; count: number; dueOn: string | null }

/**
 * The home page's reporting to-dos: an operator's reports owed (returned ones first), a
 * district's reports to review, the bureau's overdue count. For the workbench to list.
 */
export async function reportingTodos(db: Db, actor: Actor, today = todayIso()): Promise<ReportingTodo[]> {
  if (reportingScope(actor).kind === 'none') return [];
  const g = await periodGrid(db, actor, today);
  const cells = g.periods.flatMap((period) => g.platforms.filter((p) => askedFigures(period.figures, p.type).length > 0)
    .map((p) => ({ period, p, state: g.report(period.id, p.id)?.state ?? null })));
  const todos: ReportingTodo[] = [];
  if (actor.role === 'operator') {
    for (const c of cells.filter((x) => x.state === 'returned')) {
      todos.push({ kind: 'reporting.returned', title: `${c.p.name}${c.period.label}运营数据被退回，请修改后重新报送`, link: `/app/reporting/${c.period.id}/${c.p.id}`, count: 1, dueOn: c.period.dueOn });
    }
    for (const c of cells.filter((x) => x.state === null || x.state === 'draft')) {
      const standing = dueStanding(c.period.dueOn, today, c.state);
      if (standing === 'open') continue;
      todos.push({ kind: 'reporting.due', title: `${c.p.name}${c.period.label}运营数据${standing === 'overdue' ? '已逾期' : '待报送'}`, link: `/app/reporting/${c.period.id}/${c.p.id}`, count: 1, dueOn: c.period.dueOn });
    }
    return todos;
  }
  const toReview = cells.filter((x) => x.state === 'submitted').length;
  if (toReview > 0) todos.push({ kind: 'reporting.to_review', title: '运营数据报送待审核', link: '/app/reporting', count: toReview, dueOn: null });
  if (actor.role !== 'district') {
    const overdue = cells.filter((x) => dueStanding(x.period.dueOn, today, x.state) === 'overdue').length;
    if (overdue > 0) todos.push({ kind: 'reporting.overdue', title: '运营数据逾期未报送', link: '/app/reporting', count: overdue, dueOn: null });
  }
  return todos;
}

