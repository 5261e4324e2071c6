import { z } from 'zod';
import { roles } from '../../domain/auth/roles.js';
import { pageOf, pageQuery } from '../pagination.js';

const when = z.iso.datetime({ offset: true }).or(z.iso.date());

export const auditQuery = z.object({
  q: z.string().trim().max(100).optional(),
  action: z.string().trim().max(64).optional(),
  entityType: z.string().trim().max(64).optional(),
  username: z.string().trim().max(64).optional(),
  from: when.optional(),
  to: when.optional(),
  ...pageQuery,
});
export type AuditQuery = z.infer<typeof auditQuery>;
export const auditExportQuery = auditQuery.omit({ page: true, pageSize: true });
export type AuditExportQuery = z.infer<typeof auditExportQuery>;

export const auditRow = z.object({
  id: z.string(),
  seq: z.number().int(),
  at: z.string(),
  username: z.string().nullable(),
  role: z.enum(roles).nullable(),
  organizationName: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  summary: z.unknown(),
  /** Chinese wording from src/domain/audit/labels.ts. */
  actionLabel: z.string(),
  entityLabel: z.string(),
  /** The record's current name, or the one its summary gives; null when neither is known. */
  entityName: z.string().nullable(),
  changes: z.array(z.object({ field: z.string(), label: z.string(), text: z.string() })),
});

export const loginQuery = z.object({
  username: z.string().trim().max(64).optional(),
  success: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  from: when.optional(),
  to: when.optional(),
  ...pageQuery,
});
export type LoginQuery = z.infer<typeof loginQuery>;
export const loginExportQuery = loginQuery.omit({ page: true, pageSize: true });
export type LoginExportQuery = z.infer<typeof loginExportQuery>;

export const loginRow = z.object({
  id: z.string(),
  seq: z.number().int(),
  at: z.string(),
  username: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** Parsed from the agent (src/domain/audit/user-agent.ts). */
  browser: z.string(),
  os: z.string(),
  success: z.boolean(),
  reason: z.string().nullable(),
});

export const auditPage = pageOf(auditRow);
export const loginPage = pageOf(loginRow);

export const chainReport = z.object({
  chain: z.enum(['audit', 'login']),
  ok: z.boolean(),
  count: z.number().int(),
  headHash: z.string(),
  broken: z.object({
    seq: z.number().int(),
    at: z.string().nullable(),
    kind: z.enum(['missing', 'link', 'content', 'unsealed', 'head']),
    message: z.string(),
  }).nullable(),
});
