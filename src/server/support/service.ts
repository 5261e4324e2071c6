/** The support register (Art 23–26): items recorded against the platform's grade of the year (Art 32, 33). */
import type { Db, Executor } from '../../db/client.js';
import { platformScope, type PlatformScope } from '../../domain/auth/scope.js';
import { GRADE_LABELS } from '../../domain/grading/types.js';
import { PLATFORM_LEVEL_LABELS, PLATFORM_TYPE_LABELS } from '../../domain/rules/scheme-types.js';
import {
  DISTRICT_SUPPORT_KINDS, supportEligibility, supportKindLabels, supportOutcomeLabels, supportReasonMissing, supportStandingLabels,
  type SupportKind,
} from '../../domain/support/eligibility.js';
import { audit, diff } from '../audit/audit.js';
import type { RequestContext } from '../context.js';
import { errors } from '../errors.js';
import { now } from '../clock.js';
import * as repo from './repository.js';
import type { CreateSupportInput, UpdateSupportInput } from './schema.js';
import { sheetBuffer, dateStamp } from '../xlsx.js';

/** Who may record or change items: the bureau everywhere, a district HRSS unit in its district; nobody else. */
export function supportWriteScope(ctx: RequestContext): PlatformScope {
  switch (ctx.actor.role) {
    case 'admin':
    case 'bureau':
    case 'district':
      return platformScope(ctx.actor);
    case 'district_gov':
    case 'operator':
    case 'expert':
    case 'security_admin':
    case 'auditor':
      return { kind: 'none' };
  }
}

function checkKind(ctx: RequestContext, kind: SupportKind): void {
  if (ctx.actor.role === 'district' && !DISTRICT_SUPPORT_KINDS.includes(kind)) {
    throw errors.forbidden(`登记「${supportKindLabels[kind]}」（区县人社局只能登记本区县的扶持资金或补助）`);
  }
}

async function eligibilityOf(db: Executor, platform: { id: string; name: string; level: 'national' | 'municipal' | 'district' }, year: number, kind: SupportKind) {
  const g = await repo.publishedGrade(db, platform.id, year);
  const grade = g?.grade ?? null;
  const e = supportEligibility(kind, platform.level, grade, g?.voluntary ?? false);
  return {
    platformId: platform.id, platformName: platform.name, year, kind, kindLabel: supportKindLabels[kind],
    grade, gradeLabel: grade === null ? null : GRADE_LABELS[grade], standing: e.standing, standingLabel: supportStandingLabels[e.standing],
    qualifies: e.qualifies, basis: e.basis,
  };
}

/** What the platform's grade of the year says about an item of this kind: shown on the form before the item is recorded. */
export async function eligibility(db: Db, ctx: RequestContext, q: { platformId: string; year: number; kind: SupportKind }) {
  const platform = await repo.findPlatformForSupport(db, platformScope(ctx.actor), q.platformId);
  if (!platform) throw errors.notFound('平台');
  return eligibilityOf(db, platform, q.year, q.kind);
}

function present(r: repo.SupportItemRecord) {
  return {
    ...r, platformLevelLabel: PLATFORM_LEVEL_LABELS[r.platformLevel], platformTypeLabel: PLATFORM_TYPE_LABELS[r.platformType], kindLabel: supportKindLabels[r.kind], outcomeLabel: supportOutcomeLabels[r.outcome],
    gradeLabel: r.grade === null ? null : GRADE_LABELS[r.grade], standingLabel: supportStandingLabels[r.standing], recordedAt: r.recordedAt.toISOString(),
  };
}

export async function listItems(db: Db, ctx: RequestContext, f: repo.SupportFilter) {
  return { items: (await repo.listSupportItems(db, platformScope(ctx.actor), f)).map(present) };
}

export async function getItem(db: Db, ctx: RequestContext, id: string) {
  const r = await repo.findSupportItem(db, platformScope(ctx.actor), id);
  if (!r) throw errors.notFound('扶持事项');
  return present(r);
}

/** Records an item; a grade that does not qualify needs a reason, kept with the item and its audit row. */
export async function createItem(db: Db, ctx: RequestContext, input: CreateSupportInput) {
  checkKind(ctx, input.kind);
  const id = await db.transaction(async (tx) => {
    const platform = await repo.findPlatformForSupport(tx, supportWriteScope(ctx), input.platformId);
    if (!platform) throw errors.notFound('平台');
    const e = await eligibilityOf(tx, platform, input.year, input.kind);
    if (supportReasonMissing(e, input.reason)) {
      throw errors.invalid('reason', `理由：${e.basis}，登记此项扶持须填写理由`);
    }
    const itemId = await repo.insertSupportItem(tx, {
      platformId: platform.id, districtCode: platform.districtCode, year: input.year, kind: input.kind, title: input.title,
      amountYuan: input.amountYuan ?? null, outcome: input.outcome ?? 'pending', grade: e.grade, standing: e.standing, basis: e.basis,
      reason: input.reason ?? null, note: input.note ?? null, recordedBy: ctx.actor.userId, recordedAt: now(),
    });
    await audit(tx, ctx, {
      action: 'support.create', entityType: 'support_item', entityId: itemId,
      summary: { platformId: platform.id, year: input.year, kind: input.kind, amountYuan: input.amountYuan ?? null, qualifies: e.qualifies, reason: input.reason ?? null },
    });
    return itemId;
  });
  return getItem(db, ctx, id);
}

/**
 * Any field but the platform changes as the item is handled. The grade-based eligibility is read again for
 * the item's (possibly new) year and kind and frozen anew: when it does not qualify, a reason is required
 * as on creation (the one recorded before counts unless it is cleared).
 */
export async function updateItem(db: Db, ctx: RequestContext, id: string, input: UpdateSupportInput) {
  await db.transaction(async (tx) => {
    const before = await repo.findSupportItem(tx, supportWriteScope(ctx), id);
    if (!before) throw errors.notFound('扶持事项');
    checkKind(ctx, before.kind);
    const kind = input.kind ?? before.kind;
    const year = input.year ?? before.year;
    checkKind(ctx, kind);
    const platform = { id: before.platformId, name: before.platformName, level: before.platformLevel };
    const e = await eligibilityOf(tx, platform, year, kind);
    const reason = input.reason === undefined ? before.reason : input.reason;
    if (supportReasonMissing(e, reason)) throw errors.invalid('reason', `理由：${e.basis}，登记此项扶持须填写理由`);
    const patch = {
      year, kind, title: input.title ?? before.title, outcome: input.outcome ?? before.outcome,
      amountYuan: input.amountYuan === undefined ? before.amountYuan : input.amountYuan,
      note: input.note === undefined ? before.note : input.note, reason, grade: e.grade, standing: e.standing, basis: e.basis,
    };
    await repo.updateSupportItem(tx, id, patch);
    await audit(tx, ctx, { action: 'support.update', entityType: 'support_item', entityId: id, summary: { ...diff(before, patch), qualifies: e.qualifies } });
  });
  return getItem(db, ctx, id);
}

/** Takes an item out of the register with a reason; the row, its documents and the audit trail stay. */
export async function voidItem(db: Db, ctx: RequestContext, id: string, reason: string): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await repo.findSupportItem(tx, supportWriteScope(ctx), id);
    if (!before) throw errors.notFound('扶持事项');
    checkKind(ctx, before.kind);
    if (!(await repo.voidSupportItem(tx, id, ctx.actor.userId, reason, now()))) throw errors.notFound('扶持事项');
    await audit(tx, ctx, {
      action: 'support.void', entityType: 'support_item', entityId: id,
      summary: { reason, platformId: before.platformId, year: before.year, kind: before.kind, title: before.title, amountYuan: before.amountYuan, outcome: before.outcome },
    });
  });
}

const yuanFmt = '#,##0';

/** The filtered register as one sheet (the .xlsx answer is audited by the export-audit plugin). */
export async function exportItems(db: Db, ctx: RequestContext, f: repo.SupportFilter): Promise<{ filename: string; body: Buffer }> {
  const { items } = await listItems(db, ctx, f);
  const body = await sheetBuffer({
    name: '扶持事项',
    rows: items,
    columns: [
      { header: '年度', width: 8, value: (r) => r.year },
      { header: '平台', width: 36, value: (r) => r.platformName },
      { header: '平台类型', width: 16, value: (r) => r.platformTypeLabel },
      { header: '平台级别', width: 10, value: (r) => r.platformLevelLabel },
      { header: '区县', width: 14, value: (r) => r.districtName },
      { header: '类别', width: 30, value: (r) => r.kindLabel },
      { header: '事项', width: 36, value: (r) => r.title },
      { header: '金额（元）', width: 16, numFmt: yuanFmt, value: (r) => r.amountYuan },
      { header: '结果', width: 10, value: (r) => r.outcomeLabel },
      { header: '评估等次', width: 10, value: (r) => r.gradeLabel ?? '' },
      { header: '等次依据', width: 12, value: (r) => r.standingLabel },
      { header: '依据说明', width: 48, value: (r) => r.basis },
      { header: '理由', width: 36, value: (r) => r.reason ?? '' },
      { header: '备注', width: 36, value: (r) => r.note ?? '' },
      { header: '登记时间', width: 20, value: (r) => r.recordedAt.slice(0, 10) },
    ],
  });
  return { filename: `扶持事项-${dateStamp()}.xlsx`, body };
}

/**
 * Item counts and amounts (integer yuan) per platform, district or year within the caller's scope.
 * Exported for the statistics dashboards.
 */
export async function supportTotals(db: Db, ctx: RequestContext, by: repo.SupportGroup, f: repo.SupportFilter) {
  return { by, rows: await repo.supportTotals(db, platformScope(ctx.actor), by, f) };
}
