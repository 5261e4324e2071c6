import { and, desc, eq, gte, ilike, lte, or, sql } from 'drizzle-orm';
import { auditLog, loginLog } from '../../db/schema/index.js';
import type { Executor } from '../../db/client.js';
import { likePattern, offsetOf } from '../pagination.js';
import type { AuditQuery, LoginQuery } from './schema.js';

/** A date-only upper bound includes that whole day. */
function upper(to: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(to) ? new Date(new Date(`${to}T00:00:00+08:00`).getTime() + 86_400_000) : new Date(to);
}
function lower(from: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(from) ? new Date(`${from}T00:00:00+08:00`) : new Date(from);
}

export async function listAudit(db: Executor, q: AuditQuery) {
  const conds = [
    q.action ? eq(auditLog.action, q.action) : undefined,
    q.entityType ? eq(auditLog.entityType, q.entityType) : undefined,
    q.username ? eq(auditLog.username, q.username) : undefined,
    q.from ? gte(auditLog.at, lower(q.from)) : undefined,
    q.to ? lte(auditLog.at, upper(q.to)) : undefined,
    q.q ? or(ilike(auditLog.action, likePattern(q.q)), ilike(auditLog.entityId, likePattern(q.q)), sql`${auditLog.summary}::text ilike ${likePattern(q.q)}`) : undefined,
  ];
  const rows = await db
    .select({
      id: auditLog.id, seq: auditLog.seq, at: auditLog.at, username: auditLog.username, role: auditLog.role, organizationName: auditLog.organizationName,
      ip: auditLog.ip, action: auditLog.action, entityType: auditLog.entityType, entityId: auditLog.entityId, summary: auditLog.summary,
      total: sql<number>`count(*) over()`.mapWith(Number),
    })
    .from(auditLog)
    .where(and(...conds))
    .orderBy(desc(auditLog.seq))
    .limit(q.pageSize)
    .offset(offsetOf(q));
  return { rows, total: rows[0]?.total ?? 0 };
}

export async function listLogins(db: Executor, q: LoginQuery) {
  const conds = [
    q.username ? eq(loginLog.username, q.username) : undefined,
    q.success !== undefined ? eq(loginLog.success, q.success) : undefined,
    q.from ? gte(loginLog.at, lower(q.from)) : undefined,
    q.to ? lte(loginLog.at, upper(q.to)) : undefined,
  ];
  const rows = await db
    .select({
      id: loginLog.id, seq: loginLog.seq, at: loginLog.at, username: loginLog.username, ip: loginLog.ip, userAgent: loginLog.userAgent,
      success: loginLog.success, reason: loginLog.reason, total: sql<number>`count(*) over()`.mapWith(Number),
    })
    .from(loginLog)
    .where(and(...conds))
    .orderBy(desc(loginLog.seq))
    .limit(q.pageSize)
    .offset(offsetOf(q));
  return { rows, total: rows[0]?.total ?? 0 };
}
