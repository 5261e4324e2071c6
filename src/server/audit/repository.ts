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
  await db.insert(auditLog).values({ ...entry, summary: entry.summary ?? {} });
}
