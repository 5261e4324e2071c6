import type { Db } from '../../db/client.js';
import { listAudit, listLogins } from './repository.js';
import type { AuditQuery, LoginQuery } from './schema.js';

function pageOfRows<R extends { at: Date; total: number }>(rows: R[], total: number, q: { page: number; pageSize: number }) {
  const items = rows.map(({ total: _total, ...row }) => ({ ...row, at: row.at.toISOString() }));
  return { items, total, page: q.page, pageSize: q.pageSize };
}

export async function auditPage(db: Db, q: AuditQuery) {
  const { rows, total } = await listAudit(db, q);
  return pageOfRows(rows, total, q);
}

export async function loginPage(db: Db, q: LoginQuery) {
  const { rows, total } = await listLogins(db, q);
  return pageOfRows(rows, total, q);
}
