import { sm3 } from '../crypto/gm.js';

/**
 * The hash chain over audit_log and login_log (GB/T 22239 §8.1.4 audit integrity): every row
 * carries hash = SM3(prev_hash || "\n" || canonical JSON of its fields), prev_hash being the
 * previous row's hash (the genesis link for seq 1). Changing, removing or reordering a row
 * breaks the link at that row or the next; `hrsp audit verify` walks it.
 */
export type ChainName = 'audit' | 'login';

export const GENESIS_HASH = '0'.repeat(64);
/** The head's hash while rows written before the chain existed still wait for theirs. */
export const UNSEALED = '';

/** JSON with object keys sorted at every level, so that the same value always hashes the same. */
export function canonicalJson(value: unknown): string {
  // Through JSON first: what jsonb stores (dates as strings, no undefined) is what is hashed.
  const plain: unknown = JSON.parse(JSON.stringify(value ?? null));
  return JSON.stringify(sortKeys(plain));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}

/** What an audit row records (the repository narrows `role` to the domain's roles). */
export interface AuditFields {
  userId: string | null;
  username: string | null;
  role: string | null;
  organizationId: string | null;
  organizationName: string | null;
  ip: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  summary: unknown;
}

export interface AuditLink extends AuditFields {
  seq: number;
  id: string;
  at: Date;
}

/** What a login log row records. */
export interface LoginFields {
  username: string;
  userId: string | null;
  ip: string | null;
  userAgent: string | null;
  success: boolean;
  reason: string | null;
}

export interface LoginLink extends LoginFields {
  seq: number;
  id: string;
  at: Date;
}

function link(prevHash: string, fields: Record<string, unknown>): string {
  return sm3(`${prevHash}\n${canonicalJson(fields)}`);
}

export function auditHash(prevHash: string, r: AuditLink): string {
  return link(prevHash, {
    seq: r.seq, id: r.id, at: r.at.toISOString(), userId: r.userId, username: r.username, role: r.role,
    organizationId: r.organizationId, organizationName: r.organizationName, ip: r.ip, action: r.action,
    entityType: r.entityType, entityId: r.entityId, summary: r.summary ?? {},
  });
}

export function loginHash(prevHash: string, r: LoginLink): string {
  return link(prevHash, {
    seq: r.seq, id: r.id, at: r.at.toISOString(), username: r.username, userId: r.userId, ip: r.ip,
    userAgent: r.userAgent, success: r.success, reason: r.reason,
  });
}
