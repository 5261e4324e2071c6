import crypto from 'node:crypto';
import { asc, eq, gt, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { auditLog, chainHeads, loginLog } from '../../db/schema/index.js';
import type { Executor } from '../../db/client.js';
import type { Role } from '../../domain/auth/roles.js';
import { auditHash, GENESIS_HASH, loginHash, UNSEALED, type AuditFields, type ChainName, type LoginFields, type LoginLink } from './chain.js';

export interface AuditEntry extends AuditFields {
  role: Role | null;
}

export type LoginEntry = LoginFields;

export class ChainNotSealedError extends Error {}

/**
 * Locks the chain's head row until the caller's transaction ends: appends take turns, so two
 * transactions never link to the same previous row. The time comes from the database after
 * the lock, so it grows with seq.
 */
async function lockHead(tx: Executor, chain: ChainName) {
  const [head] = await tx
    .select({ seq: chainHeads.seq, hash: chainHeads.hash, nowMs: sql<number>`(extract(epoch from clock_timestamp()) * 1000)::bigint`.mapWith(Number) })
    .from(chainHeads)
    .where(eq(chainHeads.chain, chain))
    .for('update');
  if (!head) throw new ChainNotSealedError(`hash chain "${chain}" has no head row (migrations not applied?)`);
  return head;
}

/** Runs fn in the caller's transaction, or in a new one when given the pool (no savepoint's extra round trips). */
async function inTransaction<T>(db: Executor, fn: (tx: Executor) => Promise<T>): Promise<T> {
  return db instanceof PgTransaction ? fn(db) : db.transaction(fn);
}

async function moveHead(tx: Executor, chain: ChainName, seq: number, hash: string): Promise<void> {
  await tx.update(chainHeads).set({ seq, hash }).where(eq(chainHeads.chain, chain));
}

export async function insertAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await insertAudits(db, [entry]);
}

/** Several audit rows, in order, linked into the chain (in the caller's transaction, which holds the head until it ends). */
export async function insertAudits(db: Executor, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await inTransaction(db, async (tx) => {
    const head = await lockHead(tx, 'audit');
    if (head.hash === UNSEALED) throw new ChainNotSealedError('审计日志哈希链尚未初始化：请以数据库所有者身份执行 hrsp migrate 或重启服务');
    let { seq, hash } = head;
    const at = new Date(head.nowMs);
    const rows = entries.map((entry) => {
      seq += 1;
      const row = { ...entry, summary: entry.summary ?? {}, seq, id: crypto.randomUUID(), at };
      const prevHash = hash;
      hash = auditHash(prevHash, row);
      return { ...row, prevHash, hash };
    });
    await tx.insert(auditLog).values(rows);
    await moveHead(tx, 'audit', seq, hash);
  });
}

/** One login_log row, linked into its own chain. */
export async function insertLogin(db: Executor, entry: LoginEntry): Promise<void> {
  await inTransaction(db, async (tx) => {
    const head = await lockHead(tx, 'login');
    if (head.hash === UNSEALED) throw new ChainNotSealedError('登录日志哈希链尚未初始化：请以数据库所有者身份执行 hrsp migrate 或重启服务');
    const row: LoginLink = { ...entry, seq: head.seq + 1, id: crypto.randomUUID(), at: new Date(head.nowMs) };
    const hash = loginHash(head.hash, row);
    await tx.insert(loginLog).values({ ...row, prevHash: head.hash, hash });
    await moveHead(tx, 'login', row.seq, hash);
  });
}

const auditColumns = {
  seq: auditLog.seq, id: auditLog.id, at: auditLog.at, userId: auditLog.userId, username: auditLog.username, role: auditLog.role,
  organizationId: auditLog.organizationId, organizationName: auditLog.organizationName, ip: auditLog.ip, action: auditLog.action,
  entityType: auditLog.entityType, entityId: auditLog.entityId, summary: auditLog.summary, prevHash: auditLog.prevHash, hash: auditLog.hash,
};
const loginColumns = {
  seq: loginLog.seq, id: loginLog.id, at: loginLog.at, username: loginLog.username, userId: loginLog.userId, ip: loginLog.ip,
  userAgent: loginLog.userAgent, success: loginLog.success, reason: loginLog.reason, prevHash: loginLog.prevHash, hash: loginLog.hash,
};

export interface StoredLink {
  seq: number;
  at: Date;
  prevHash: string | null;
  hash: string | null;
  /** What the hash should be, given the previous link. */
  computed(prevHash: string): string;
}

/** The chain's rows after `afterSeq`, in order, `limit` at a time (verification reads it in pages). */
export async function chainPage(db: Executor, chain: ChainName, afterSeq: number, limit: number): Promise<StoredLink[]> {
  if (chain === 'audit') {
    const rows = await db.select(auditColumns).from(auditLog).where(gt(auditLog.seq, afterSeq)).orderBy(asc(auditLog.seq)).limit(limit);
    return rows.map((r) => ({ seq: r.seq, at: r.at, prevHash: r.prevHash, hash: r.hash, computed: (prev) => auditHash(prev, r) }));
  }
  const rows = await db.select(loginColumns).from(loginLog).where(gt(loginLog.seq, afterSeq)).orderBy(asc(loginLog.seq)).limit(limit);
  return rows.map((r) => ({ seq: r.seq, at: r.at, prevHash: r.prevHash, hash: r.hash, computed: (prev) => loginHash(prev, r) }));
}

export async function chainHead(db: Executor, chain: ChainName): Promise<{ seq: number; hash: string } | null> {
  const [head] = await db.select({ seq: chainHeads.seq, hash: chainHeads.hash }).from(chainHeads).where(eq(chainHeads.chain, chain));
  return head ?? null;
}

/**
 * Hashes the rows written before the chain existed (the migration numbered them; SQL has no
 * SM3). Runs as the database owner after migrations; a no-op once the head is sealed.
 */
export async function sealLegacyRows(db: Executor, chain: ChainName): Promise<number> {
  return db.transaction(async (tx) => {
    const head = await lockHead(tx, chain);
    if (head.hash !== UNSEALED) return 0;
    let hash = GENESIS_HASH;
    let last = 0;
    for (;;) {
      const page = await chainPage(tx, chain, last, 1000);
      if (page.length === 0) break;
      for (const link of page) {
        const prevHash = hash;
        hash = link.computed(prevHash);
        const table = chain === 'audit' ? auditLog : loginLog;
        await tx.update(table).set({ prevHash, hash }).where(eq(table.seq, link.seq));
        last = link.seq;
      }
    }
    await moveHead(tx, chain, last, hash);
    return last;
  });
}
