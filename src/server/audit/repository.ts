import { auditLog } from '../../db/schema/index.js';
import type { Executor } from '../../db/client.js';

export interface AuditEntry {
  userId: string | null;
  username: string | null;
  role: (typeof auditLog.$inferInsert)['role'];
  organizationId: string | null;
  organizationName: string | null;
  ip: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  summary: unknown;
}

export async function insertAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await insertAudits(db, [entry]);
}

/** Several audit rows in one statement, in order. */
export async function insertAudits(db: Executor, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length > 0) await db.insert(auditLog).values(entries.map((entry) => ({ ...entry, summary: entry.summary ?? {} })));
}
