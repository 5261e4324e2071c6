import type { Executor } from '../../db/client.js';
import type { RequestContext } from '../context.js';
import { insertAudit, insertAudits } from './repository.js';

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId?: string | null;
  /** Before/after summary; never passwords, hashes or tokens. */
  summary?: Record<string, unknown>;
}

/** Writes the audit row; call it with the transaction that makes the change, so both commit or neither. */
export async function audit(tx: Executor, ctx: RequestContext, event: AuditEvent): Promise<void> {
  await auditAll(tx, ctx, [event]);
}

/** One audit row per event, written in one statement (a use case that changes several things at once). */
export async function auditAll(tx: Executor, ctx: RequestContext, events: readonly AuditEvent[]): Promise<void> {
  await insertAudits(tx, events.map((event) => ({
    userId: ctx.actor.userId,
    username: ctx.actor.username,
    role: ctx.actor.role,
    organizationId: ctx.actor.organizationId,
    organizationName: ctx.actor.organizationName,
    ip: ctx.ip,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId ?? null,
    summary: event.summary ?? {},
  })));
}

/** Audit for events without a logged-in actor (system start, CLI). */
export async function auditSystem(tx: Executor, event: AuditEvent & { username?: string }): Promise<void> {
  await insertAudit(tx, {
    userId: null,
    username: event.username ?? 'system',
    role: null,
    organizationId: null,
    organizationName: null,
    ip: null,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId ?? null,
    summary: event.summary ?? {},
  });
}

/** The fields that differ between two records, as {field: [before, after]}; arrays and dates compare by value. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  const same = (a: unknown, b: unknown) => a === b || (typeof a === 'object' && a !== null && JSON.stringify(a) === JSON.stringify(b));
  for (const key of Object.keys(after)) {
    if (after[key] !== undefined && !same(before[key] ?? null, after[key])) changes[key] = [before[key] ?? null, after[key]];
  }
  return changes;
}
