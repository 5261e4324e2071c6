import { actionLabel, auditReferenceFields, entityLabel, summaryLines, summaryText } from '../../domain/audit/labels.js';
import { parseUserAgent } from '../../domain/audit/user-agent.js';
import { roleLabels, type Role } from '../../domain/auth/roles.js';
import type { Db } from '../../db/client.js';
import type { ChainName } from '../audit/chain.js';
import { verifyChain, type ChainReport } from '../audit/verify.js';
import { toPage } from '../pagination.js';
import { dateStamp, sheetBuffer } from '../xlsx.js';
import { allAudit, allLogins, entityNames, listAudit, listLogins } from './repository.js';
import type { AuditExportQuery, AuditQuery, LoginExportQuery, LoginQuery } from './schema.js';
import { merged } from '../merge.js';

/** An export holds at most this many rows (newest first); narrow the filter for more. */
const EXPORT_LIMIT = 50_000;

interface AuditRecord {
  id: string; seq: number; at: Date; username: string | null; role: Role | null; organizationName: string | null; ip: string | null;
  action: string; entityType: string; entityId: string | null; summary: unknown;
}

/** A deleted record is no longer in its table: its summary may still name it. */
function nameFromSummary(summary: unknown): string | null {
  if (summary === null || typeof summary !== 'object') return null;
  const s = summary as Record<string, unknown>;
  for (const key of ['name', 'platformName', 'title', 'filename', 'originalName', 'username']) {
    if (typeof s[key] === 'string' && s[key] !== '') return s[key];
  }
  return null;
}

/** The records a summary's reference fields (platformId, entryId, …) point at. */
function summaryReferences(summary: unknown): { entityType: string; entityId: string }[] {
  if (summary === null || typeof summary !== 'object') return [];
  return Object.entries(summary as Record<string, unknown>).flatMap(([field, value]) => {
    const entityType = auditReferenceFields[field];
    return entityType && typeof value === 'string' ? [{ entityType, entityId: value }] : [];
  });
}

/** Rows in Chinese: who did what to which named record, and the changes as field: before → after. */
async function described<R extends AuditRecord>(db: Db, rows: readonly R[]) {
  const names = await entityNames(db, [...rows, ...rows.flatMap((r) => summaryReferences(r.summary))]);
  const referenceName = (field: string, id: string) => names.get(`${auditReferenceFields[field] ?? ''}:${id}`);
  return rows.map((row) => ({
    row,
    actionLabel: actionLabel(row.action),
    entityLabel: entityLabel(row.entityType),
    entityName: (row.entityId === null ? undefined : names.get(`${row.entityType}:${row.entityId}`)) ?? nameFromSummary(row.summary),
    changes: summaryLines(row.summary, referenceName),
    text: summaryText(row.summary, referenceName),
  }));
}

export async function auditPage(db: Db, q: AuditQuery) {
  const { rows, total } = await listAudit(db, q);
  const items = await described(db, rows);
  return toPage({ rows: items, total }, q, ({ row, text: _text, ...words }) => merged(row, { at: row.at.toISOString(), ...words }));
}

const timeText = (d: Date) => d.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' });

/** The filtered audit log as .xlsx, in the page's words (the export itself is audited by the export-audit plugin). */
export async function auditExport(db: Db, q: AuditExportQuery) {
  const items = await described(db, await allAudit(db, q, EXPORT_LIMIT));
  type Item = (typeof items)[number];
  const body = await sheetBuffer<Item>({
    name: '审计日志',
    rows: items,
    columns: [
      { header: '序号', width: 8, value: (i) => i.row.seq },
      { header: '时间', width: 20, value: (i) => timeText(i.row.at) },
      { header: '操作人', width: 14, value: (i) => i.row.username ?? '系统' },
      { header: '角色', width: 14, value: (i) => (i.row.role ? roleLabels[i.row.role] : '—') },
      { header: '机构', width: 28, value: (i) => i.row.organizationName ?? '—' },
      { header: 'IP 地址', width: 16, value: (i) => i.row.ip ?? '—' },
      { header: '操作', width: 18, value: (i) => i.actionLabel },
      { header: '对象类型', width: 12, value: (i) => i.entityLabel },
      { header: '对象', width: 36, value: (i) => i.entityName ?? i.row.entityId ?? '—' },
      { header: '内容', width: 60, value: (i) => i.text },
    ],
  });
  return { filename: `审计日志-${dateStamp()}.xlsx`, body };
}

const withAgent = <R extends { at: Date; userAgent: string | null }>(row: R) => merged(row, { at: row.at.toISOString(), ...parseUserAgent(row.userAgent) });

export async function loginPage(db: Db, q: LoginQuery) {
  return toPage(await listLogins(db, q), q, withAgent);
}

export async function loginExport(db: Db, q: LoginExportQuery) {
  const rows = await allLogins(db, q, EXPORT_LIMIT);
  type Row = (typeof rows)[number];
  const body = await sheetBuffer<Row>({
    name: '登录日志',
    rows,
    columns: [
      { header: '序号', width: 8, value: (r) => r.seq },
      { header: '时间', width: 20, value: (r) => timeText(r.at) },
      { header: '用户名', width: 16, value: (r) => r.username },
      { header: '结果', width: 8, value: (r) => (r.success ? '成功' : '失败') },
      { header: '原因', width: 24, value: (r) => r.reason ?? '—' },
      { header: 'IP 地址', width: 16, value: (r) => r.ip ?? '—' },
      { header: '浏览器', width: 18, value: (r) => parseUserAgent(r.userAgent).browser },
      { header: '操作系统', width: 16, value: (r) => parseUserAgent(r.userAgent).os },
      { header: '客户端标识', width: 60, value: (r) => r.userAgent ?? '—' },
    ],
  });
  return { filename: `登录日志-${dateStamp()}.xlsx`, body };
}

/** Walks a log's hash chain (the auditor's check; `hrsp audit verify` does the same). */
export async function verify(db: Db, chain: ChainName): Promise<ChainReport> {
  return verifyChain(db, chain);
}
