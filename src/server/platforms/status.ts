/** Lifecycle changes (src/domain/platforms/lifecycle.ts): the status, its history row and the audit row in one transaction. */
import type { Db, Executor } from '../../db/client.js';
import { availableTransitions, checkTransition, statusLabels } from '../../domain/platforms/lifecycle.js';
import { audit } from '../audit/audit.js';
import type { RequestContext } from '../context.js';
import { errors } from '../errors.js';
import { visiblePlatform } from './access.js';
import * as repo from './repository.js';
import type { PlatformDetail, StatusChangeInput } from './schema.js';
import { getPlatform } from './service.js';

export async function changeStatus(db: Db, ctx: RequestContext, id: string, input: StatusChangeInput): Promise<PlatformDetail> {
  const p = await visiblePlatform(db, ctx, id);
  const role = ctx.actor.role;
  if (role !== 'admin' && role !== 'bureau' && role !== 'district') throw errors.forbidden('变更平台状态');
  const check = checkTransition(p.level, p.status, input.to, role);
  if (!check.ok) {
    // A change the table allows to someone else is a matter of rights; one it never allows is bad input.
    const existsForBureau = availableTransitions(p.level, p.status, 'bureau').some((t) => t.to === input.to);
    if (existsForBureau) throw errors.forbidden(`将「${statusLabels[p.status]}」变更为「${statusLabels[input.to]}」（须由市人力社保局决定）`);
    throw errors.refused('TRANSITION_REFUSED', `状态：${check.message}`, 'to');
  }
  await db.transaction(async (tx) => applyStatusChange(tx, ctx, p, input, check.meaning));
  return getPlatform(db, ctx, id);
}

/**
 * Writes an allowed change (already checked against the transition table): status, history row and audit row,
 * inside the caller's transaction. A district-level platform recognized directly becomes municipal (Art 33).
 */
export async function applyStatusChange(
  tx: Executor, ctx: RequestContext, p: Pick<repo.PlatformRecord, 'id' | 'level' | 'status' | 'recognizedAt'>, input: StatusChangeInput, meaning: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const promoted = p.level === 'district' && input.to === 'recognized';
  const patch = {
    status: input.to,
    ...(input.to === 'recognized' && p.recognizedAt === null ? { recognizedAt: input.effectiveDate } : {}),
    ...(promoted ? { level: 'municipal' as const } : {}),
  };
  if (!(await repo.updateStatus(tx, p.id, p.status, patch))) throw errors.conflict('平台状态已被他人变更，请刷新后重试');
  await repo.insertStatusHistory(tx, { platformId: p.id, fromStatus: p.status, toStatus: input.to, reason: input.reason, effectiveDate: input.effectiveDate, userId: ctx.actor.userId });
  await audit(tx, ctx, {
    action: 'platform.status', entityType: 'platform', entityId: p.id,
    summary: { status: [p.status, input.to], reason: input.reason, effectiveDate: input.effectiveDate, meaning, ...(promoted ? { level: [p.level, 'municipal'] } : {}), ...extra },
  });
}

export async function statusHistory(db: Db, ctx: RequestContext, id: string) {
  await visiblePlatform(db, ctx, id);
  const rows = await repo.listHistory(db, id);
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}
