import { and, desc, eq, gte, ilike, inArray, lte, or, sql } from 'drizzle-orm';
import {
  auditLog, enterprises, evaluationEntries, evaluations, expertAssignments, files, loginLog, organizations, platformSites, platforms, publicityNotices,
  recognitionApplications, recognitionExpertAssignments, scoreSchemes, users,
} from '../../db/schema/index.js';
import type { Executor } from '../../db/client.js';
import { countColumn, likePattern, offsetOf, pageAndTotal } from '../pagination.js';
import type { AuditQuery, LoginQuery } from './schema.js';

/** A date-only upper bound includes that whole day. */
function upper(to: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(to) ? new Date(new Date(`${to}T00:00:00+08:00`).getTime() + 86_400_000) : new Date(to);
}
function lower(from: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(from) ? new Date(`${from}T00:00:00+08:00`) : new Date(from);
}

function auditConditions(q: Omit<AuditQuery, 'page' | 'pageSize'>) {
  return [
    q.action ? eq(auditLog.action, q.action) : undefined,
    q.entityType ? eq(auditLog.entityType, q.entityType) : undefined,
    // The actor: part of the username or of the actor's organization.
    q.username ? or(ilike(auditLog.username, likePattern(q.username)), ilike(auditLog.organizationName, likePattern(q.username))) : undefined,
    q.from ? gte(auditLog.at, lower(q.from)) : undefined,
    q.to ? lte(auditLog.at, upper(q.to)) : undefined,
    q.q ? or(ilike(auditLog.action, likePattern(q.q)), ilike(auditLog.entityId, likePattern(q.q)), sql`${auditLog.summary}::text ilike ${likePattern(q.q)}`) : undefined,
  ];
}

const auditColumns = {
  id: auditLog.id, seq: auditLog.seq, at: auditLog.at, username: auditLog.username, role: auditLog.role, organizationName: auditLog.organizationName,
  ip: auditLog.ip, action: auditLog.action, entityType: auditLog.entityType, entityId: auditLog.entityId, summary: auditLog.summary,
};

/** The filtered log for the export, newest first, at most `limit` rows. */
export async function allAudit(db: Executor, q: Omit<AuditQuery, 'page' | 'pageSize'>, limit: number) {
  return db.select(auditColumns).from(auditLog).where(and(...auditConditions(q))).orderBy(desc(auditLog.seq)).limit(limit);
}

export async function listAudit(db: Executor, q: AuditQuery) {
  const where = and(...auditConditions(q));
  return pageAndTotal(
    db.select(auditColumns).from(auditLog).where(where).orderBy(desc(auditLog.seq)).limit(q.pageSize).offset(offsetOf(q)),
    db.select(countColumn).from(auditLog).where(where),
  );
}

function loginConditions(q: Omit<LoginQuery, 'page' | 'pageSize'>) {
  return [
    q.username ? ilike(loginLog.username, likePattern(q.username)) : undefined,
    q.success !== undefined ? eq(loginLog.success, q.success) : undefined,
    q.from ? gte(loginLog.at, lower(q.from)) : undefined,
    q.to ? lte(loginLog.at, upper(q.to)) : undefined,
  ];
}

const loginColumns = {
  id: loginLog.id, seq: loginLog.seq, at: loginLog.at, username: loginLog.username, ip: loginLog.ip, userAgent: loginLog.userAgent,
  success: loginLog.success, reason: loginLog.reason,
};

export async function allLogins(db: Executor, q: Omit<LoginQuery, 'page' | 'pageSize'>, limit: number) {
  return db.select(loginColumns).from(loginLog).where(and(...loginConditions(q))).orderBy(desc(loginLog.seq)).limit(limit);
}

export async function listLogins(db: Executor, q: LoginQuery) {
  const where = and(...loginConditions(q));
  return pageAndTotal(
    db.select(loginColumns).from(loginLog).where(where).orderBy(desc(loginLog.seq)).limit(q.pageSize).offset(offsetOf(q)),
    db.select(countColumn).from(loginLog).where(where),
  );
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type NameRows = { id: string; name: string }[];

/** The current name of each record, per entity type; ids of other types or of deleted records are not in the map. */
const nameQueries: Partial<Record<string, (db: Executor, ids: string[]) => Promise<NameRows>>> = {
  platform: (db, ids) => db.select({ id: platforms.id, name: platforms.name }).from(platforms).where(inArray(platforms.id, ids)),
  platform_site: (db, ids) => db.select({ id: platformSites.id, name: sql<string>`${platforms.name} || ' · ' || ${platformSites.name}` })
    .from(platformSites).innerJoin(platforms, eq(platforms.id, platformSites.platformId)).where(inArray(platformSites.id, ids)),
  enterprise: (db, ids) => db.select({ id: enterprises.id, name: enterprises.name }).from(enterprises).where(inArray(enterprises.id, ids)),
  file: (db, ids) => db.select({ id: files.id, name: files.originalName }).from(files).where(inArray(files.id, ids)),
  organization: (db, ids) => db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, ids)),
  user: (db, ids) => db.select({ id: users.id, name: users.username }).from(users).where(inArray(users.id, ids)),
  score_scheme: (db, ids) => db.select({ id: scoreSchemes.id, name: scoreSchemes.title }).from(scoreSchemes).where(inArray(scoreSchemes.id, ids)),
  evaluation: (db, ids) => db.select({ id: evaluations.id, name: sql<string>`${evaluations.year} || ' 年度评估'` }).from(evaluations).where(inArray(evaluations.id, ids)),
  evaluation_entry: (db, ids) => db.select({ id: evaluationEntries.id, name: sql<string>`${evaluations.year} || ' 年度 · ' || ${platforms.name}` })
    .from(evaluationEntries).innerJoin(evaluations, eq(evaluations.id, evaluationEntries.evaluationId)).innerJoin(platforms, eq(platforms.id, evaluationEntries.platformId))
    .where(inArray(evaluationEntries.id, ids)),
  recognition_application: (db, ids) => db.select({ id: recognitionApplications.id, name: recognitionApplications.name }).from(recognitionApplications)
    .where(inArray(recognitionApplications.id, ids)),
  recognition_expert_assignment: (db, ids) => db.select({ id: recognitionExpertAssignments.id, name: sql<string>`${users.username} || ' · ' || ${recognitionApplications.name}` })
    .from(recognitionExpertAssignments).innerJoin(users, eq(users.id, recognitionExpertAssignments.expertUserId))
    .innerJoin(recognitionApplications, eq(recognitionApplications.id, recognitionExpertAssignments.applicationId))
    .where(inArray(recognitionExpertAssignments.id, ids)),
  publicity_notice: (db, ids) => db.select({ id: publicityNotices.id, name: publicityNotices.title }).from(publicityNotices).where(inArray(publicityNotices.id, ids)),
  expert_assignment: (db, ids) => db.select({ id: expertAssignments.id, name: sql<string>`${users.username} || ' · ' || ${evaluations.year} || ' 年度 · ' || ${platforms.name}` })
    .from(expertAssignments).innerJoin(users, eq(users.id, expertAssignments.expertUserId))
    .innerJoin(evaluationEntries, eq(evaluationEntries.id, expertAssignments.entryId))
    .innerJoin(evaluations, eq(evaluations.id, evaluationEntries.evaluationId)).innerJoin(platforms, eq(platforms.id, evaluationEntries.platformId))
    .where(inArray(expertAssignments.id, ids)),
};

/** Names of the audited records, keyed `${entityType}:${entityId}` (one query per entity type on the page). */
export async function entityNames(db: Executor, refs: readonly { entityType: string; entityId: string | null }[]): Promise<Map<string, string>> {
  const byType = new Map<string, Set<string>>();
  for (const r of refs) {
    if (r.entityId === null || !uuidPattern.test(r.entityId) || !(r.entityType in nameQueries)) continue;
    const ids = byType.get(r.entityType) ?? new Set<string>();
    ids.add(r.entityId);
    byType.set(r.entityType, ids);
  }
  const names = new Map<string, string>();
  for (const [type, ids] of byType) {
    const query = nameQueries[type];
    if (!query) continue;
    const rows = await query(db, [...ids]);
    for (const row of rows) names.set(`${type}:${row.id}`, row.name);
  }
  return names;
}
