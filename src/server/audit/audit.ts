import type { Executor } from '../../db/client.js';
import type { AuditAction, AuditEntity } from '../../domain/labels/index.js';
import type { RequestContext } from '../context.js';
import { insertAudit, insertAudits } from './repository.js';

/** Typed by the label table's unions, so that an action or object type without a Chinese name does not compile. */
export interface AuditEvent {
  action: AuditAction;
  entityType: AuditEntity;
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

/** What auditRefusal needs of a refused request (a FastifyRequest fits). */
export interface RefusedRequest {
  method: string;
  url: string;
  ip: string;
  routeOptions: { url?: string | undefined };
  auth: { actor: RequestContext['actor'] } | null;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Audits a refused request (403: a role without access, a failed CSRF check), called by the
 * error handler. Anonymous 401s are not audited: anyone on the network can cause them in
 * unlimited numbers (and every audit row takes the chain's lock); failed logins are in the
 * login log. A 403 needs a valid session, so it is attributable and bounded by accounts.
 */
export async function auditRefusal(db: Executor, request: RefusedRequest, error: { code: string; status: number }): Promise<void> {
  // Not PASSWORD_CHANGE_REQUIRED (a state, answered to every call until the password changes) nor ACCOUNT_DISABLED (login log).
  if (error.status !== 403 || (error.code !== 'FORBIDDEN' && error.code !== 'CSRF_INVALID')) return;
  const event: AuditEvent = {
    action: error.code === 'CSRF_INVALID' ? 'access.csrf_refused' : 'access.refused',
    entityType: 'route',
    entityId: `${request.method} ${request.routeOptions.url ?? '?'}`,
    summary: { code: error.code, path: (request.url.split('?')[0] ?? '').slice(0, 300) },
  };
  const ua = request.headers['user-agent'];
  if (request.auth) await audit(db, { actor: request.auth.actor, ip: request.ip, userAgent: typeof ua === 'string' ? ua : null }, event);
  else await insertAudit(db, { userId: null, username: null, role: null, organizationId: null, organizationName: null, ip: request.ip, ...event, entityId: event.entityId ?? null, summary: event.summary });
}

/** An account locked after too many wrong passwords: a security event for the auditor besides the login log. */
export async function auditLockout(tx: Executor, user: { userId: string; username: string }, ip: string | null, lockedUntil: Date): Promise<void> {
  await insertAudit(tx, {
    userId: user.userId, username: user.username, role: null, organizationId: null, organizationName: null, ip,
    action: 'auth.lockout', entityType: 'user', entityId: user.userId, summary: { lockedUntil: lockedUntil.toISOString() },
  });
}

/**
 * Audits a file leaving the system as an export (.xlsx of lists, sheets, results): who took
 * which file with which filters. Called before the response is sent; if the row cannot be
 * written, the export is not sent either.
 */
export async function auditExport(db: Executor, request: RefusedRequest & { query: unknown }, file: string): Promise<void> {
  if (!request.auth) return;
  const ua = request.headers['user-agent'];
  await audit(db, { actor: request.auth.actor, ip: request.ip, userAgent: typeof ua === 'string' ? ua : null }, {
    action: 'export.download',
    entityType: 'export',
    entityId: `${request.method} ${request.routeOptions.url ?? '?'}`,
    summary: { file, path: (request.url.split('?')[0] ?? '').slice(0, 300), query: request.query ?? {} },
  });
}

/** Audit for a change made by an anonymous member of the public (an objection filed on the portal): who is unknown, the address is kept. */
export async function auditPublic(tx: Executor, ip: string | null, event: AuditEvent): Promise<void> {
  await insertAudit(tx, {
    userId: null, username: '公众', role: null, organizationId: null, organizationName: null, ip,
    action: event.action, entityType: event.entityType, entityId: event.entityId ?? null, summary: event.summary ?? {},
  });
}
