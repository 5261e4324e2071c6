import type { Db } from '../../db/client.js';
import type { ChainName } from '../audit/chain.js';
import { verifyChain, type ChainReport } from '../audit/verify.js';
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

/** Walks a log's hash chain (the auditor's check; `hrsp audit verify` does the same). */
export async function verify(db: Db, chain: ChainName): Promise<ChainReport> {
  return verifyChain(db, chain);
}
