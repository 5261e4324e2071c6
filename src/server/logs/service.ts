import type { Db } from '../../db/client.js';
import { toPage } from '../pagination.js';
import { listAudit, listLogins } from './repository.js';
import type { AuditQuery, LoginQuery } from './schema.js';

const withIsoTime = <R extends { at: Date; total: number }>({ total: _total, ...row }: R) => ({ ...row, at: row.at.toISOString() });

export async function auditPage(db: Db, q: AuditQuery) {
  return toPage(await listAudit(db, q), q, withIsoTime);
}

export async function loginPage(db: Db, q: LoginQuery) {
  return toPage(await listLogins(db, q), q, withIsoTime);
}
