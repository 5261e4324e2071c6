/** Attachments: checked by content, stored in the database, visible and removable with their platform; every upload and delete audited. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { MultipartFile } from '@fastify/multipart';
import type { Db } from '../../db/client.js';
import { platformScope } from '../../domain/auth/scope.js';
import { operatorMayEdit, type EntryStatus } from '../../domain/evaluation/workflow.js';
import { evidencePurposes } from '../../domain/platforms/year-data.js';
import { audit, auditSystem } from '../audit/audit.js';
import { sm3 as sm3Of } from '../crypto/gm.js';
import type { RequestContext } from '../context.js';
import { AppError, errors } from '../errors.js';
import { findResidence } from '../enterprises/residence-repository.js';
import { evidenceTarget } from '../evaluations/entries/access.js';
import { tooLarge } from '../multipart.js';
import { editablePlatform, visiblePlatform } from '../platforms/access.js';
import type { PlatformRecord } from '../platforms/repository.js';
import { findSite } from '../sites/repository.js';
import { findSupportItem } from '../support/repository.js';
import { supportWriteScope } from '../support/service.js';
import { detectContent, PREVIEWABLE_MIMES } from './content.js';
import * as repo from './repository.js';
import { fileOwnerTypes, type FileListQuery, type FileOwnerType, type FileRow, type UploadFields } from './schema.js';
import { receive } from './storage.js';

const isOwnerType = (t: string): t is FileOwnerType => fileOwnerTypes.some((x) => x === t);

function fileRow(f: repo.FileRecord): FileRow {
  if (f.platformId === null || !isOwnerType(f.ownerType)) throw new Error(`file ${f.id} has no platform or an unknown owner type`);
  return {
    id: f.id, platformId: f.platformId, ownerType: f.ownerType, ownerId: f.ownerId, purpose: f.purpose, year: f.year, originalName: f.originalName,
    mimeType: f.mimeType, sizeBytes: f.sizeBytes, sha256: f.sha256, uploadedAt: f.uploadedAt.toISOString(), uploadedByName: f.uploadedByName,
    previewable: PREVIEWABLE_MIMES.includes(f.mimeType),
  };
}

/** What the file is attached to must belong to the platform; returns the owner id to store. */
async function checkOwner(db: Db, ctx: RequestContext, p: PlatformRecord, f: UploadFields): Promise<string | null> {
  switch (f.ownerType) {
    case 'platform':
      if (f.ownerId !== undefined && f.ownerId !== p.id) throw errors.invalid('ownerId', '归属对象：须为该平台');
      return p.id;
    case 'site':
      if (f.ownerId === undefined || !(await findSite(db, p.id, f.ownerId))) throw errors.invalid('ownerId', '归属对象：须为该平台的场地');
      return f.ownerId;
    case 'residence': {
      const r = f.ownerId === undefined ? null : await findResidence(db, { kind: 'all' }, f.ownerId);
      if (!r || r.platformId !== p.id) throw errors.invalid('ownerId', '归属对象：须为该平台的入驻记录');
      return r.id;
    }
    case 'year_data':
      if (f.year === undefined) throw errors.invalid('year', '年度：年度数据的佐证材料须注明年度');
      if (f.purpose === undefined || !evidencePurposes[p.type].includes(f.purpose)) {
        throw errors.invalid('purpose', `用途：须为该类型平台年度数据的指标代码（${evidencePurposes[p.type].join('、')}）`);
      }
      return null;
    case 'evaluation_entry': {
      const t = f.ownerId === undefined ? null : await evidenceTarget(db, f.ownerId);
      if (!t || t.platformId !== p.id) throw errors.invalid('ownerId', '归属对象：须为该平台的参评记录');
      assertEvidenceEditable(t.status);
      if (f.purpose === undefined || !t.rowCodes.has(f.purpose)) throw errors.invalid('purpose', '用途：须为评分表的指标编号（如 1.1）');
      return t.id;
    }
    case 'support_item': {
      // Only those who record support items attach their documents (an operator reads them).
      const item = f.ownerId === undefined ? null : await findSupportItem(db, supportWriteScope(ctx), f.ownerId);
      if (!item || item.platformId !== p.id) throw errors.invalid('ownerId', '归属对象：须为该平台的扶持事项');
      return item.id;
    }
  }
}

/** Evidence is part of the submitted sheet: it changes only while the sheet is in the operator's hands. */
function assertEvidenceEditable(status: EntryStatus): void {
  if (!operatorMayEdit(status)) throw errors.conflict('自评已提交，佐证材料不能再增删；退回修改后方可调整');
}

export async function uploadFile(db: Db, ctx: RequestContext, maxBytes: number, fields: UploadFields, part: MultipartFile): Promise<FileRow> {
  const p = await editablePlatform(db, ctx, fields.platformId);
  const ownerId = await checkOwner(db, ctx, p, fields);
  const received = await receive(part.file);
  if (part.file.truncated) throw tooLarge(maxBytes);
  const detected = await detectContent(received.content, part.filename);
  if (!detected.ok) throw new AppError('FILE_TYPE_REFUSED', 400, detected.message, [{ field: 'file', message: detected.message }]);
  const row = {
    platformId: p.id, ownerType: fields.ownerType, ownerId, purpose: fields.purpose ?? null, year: fields.year ?? null, originalName: part.filename.slice(0, 255),
    mimeType: detected.mime, sizeBytes: received.size, storedName: null, sha256: received.sha256, uploadedBy: ctx.actor.userId,
  };
  // The row, its content and the audit row commit together: no row without bytes, no bytes without a row.
  const id = await db.transaction(async (tx) => {
    const newId = await repo.insertFile(tx, row);
    await repo.storeContent(tx, newId, received.content, received.sm3);
    if (fields.ownerType === 'residence' && fields.purpose === 'agreement' && ownerId !== null) await repo.setAgreementFile(tx, ownerId, newId);
    const { storedName: _s, uploadedBy: _u, ...summary } = row;
    await audit(tx, ctx, { action: 'file.upload', entityType: 'file', entityId: newId, summary: { ...summary, sm3: received.sm3 } });
    return newId;
  });
  return getFile(db, ctx, id);
}

async function visibleFile(db: Db, ctx: RequestContext, id: string): Promise<repo.FileRecord> {
  const f = await repo.findFile(db, platformScope(ctx.actor), id);
  if (!f) throw errors.notFound('附件');
  return f;
}

export async function getFile(db: Db, ctx: RequestContext, id: string): Promise<FileRow> {
  return fileRow(await visibleFile(db, ctx, id));
}

export async function listFiles(db: Db, ctx: RequestContext, q: FileListQuery): Promise<FileRow[]> {
  await visiblePlatform(db, ctx, q.platformId);
  return (await repo.listFiles(db, q)).map(fileRow);
}

/** The file to send, streamed from the database piece by piece; only PDF and images may be shown inline. */
export async function openFile(db: Db, ctx: RequestContext, id: string, inline: boolean): Promise<{ file: FileRow; stream: Readable }> {
  const f = await visibleFile(db, ctx, id);
  if (inline && !PREVIEWABLE_MIMES.includes(f.mimeType)) throw new AppError('NOT_PREVIEWABLE', 415, '该类型的附件不能在线预览，请下载后查看');
  // Only a file of an older version whose disk copy could not be moved has no content.
  if (f.sm3 === null) throw new AppError('FILE_CONTENT_MISSING', 404, '附件内容缺失（旧版本磁盘上的文件未能迁入数据库），请重新上传');
  return { file: fileRow(f), stream: Readable.from(repo.readContent(db, id)) };
}

export async function deleteFile(db: Db, ctx: RequestContext, id: string): Promise<void> {
  const f = await visibleFile(db, ctx, id);
  await editablePlatform(db, ctx, fileRow(f).platformId);
  if (f.ownerType === 'evaluation_entry' && f.ownerId !== null) {
    const t = await evidenceTarget(db, f.ownerId);
    if (t) assertEvidenceEditable(t.status);
  }
  if (f.ownerType === 'support_item' && (f.ownerId === null || !(await findSupportItem(db, supportWriteScope(ctx), f.ownerId)))) throw errors.forbidden('删除扶持事项文件');
  // The content goes with the row (file_blobs cascades).
  await db.transaction(async (tx) => {
    await repo.deleteFile(tx, id);
    await audit(tx, ctx, { action: 'file.delete', entityType: 'file', entityId: id, summary: { before: { ...fileRow(f), uploadedAt: undefined } } });
  });
}

export interface MoveReport {
  moved: number;
  /** Files whose disk copy is missing or does not match its recorded SHA-256: left as they were, named in the log. */
  failed: { id: string; reason: string }[];
}

/**
 * Attachments uploaded by a version that kept them on disk (under filesDir by stored name) go
 * into file_blobs once, each in its own transaction with a system audit row; a file already
 * moved (its SM3 set) is skipped, so running this at every start, or on two servers at once,
 * moves each file exactly once. The disk copies are left in place (see README).
 */
export async function moveDiskFilesIntoDatabase(db: Db, filesDir: string): Promise<MoveReport> {
  const report: MoveReport = { moved: 0, failed: [] };
  for (const f of await repo.filesOnDiskOnly(db)) {
    const file = path.join(filesDir, f.storedName.slice(0, 2), f.storedName);
    let content: Buffer;
    try {
      content = await fs.promises.readFile(file);
    } catch {
      report.failed.push({ id: f.id, reason: `磁盘文件不存在：${file}` });
      continue;
    }
    if (content.length !== f.sizeBytes || crypto.createHash('sha256').update(content).digest('hex') !== f.sha256) {
      report.failed.push({ id: f.id, reason: `磁盘文件与记录的 SHA-256 不符：${file}` });
      continue;
    }
    const sm3 = sm3Of(content);
    const moved = await db.transaction(async (tx) => {
      if (!(await repo.lockFileOnDisk(tx, f.id))) return false;
      await repo.storeContent(tx, f.id, content, sm3);
      await auditSystem(tx, { action: 'file.move_to_database', entityType: 'file', entityId: f.id, summary: { storedName: f.storedName, sizeBytes: f.sizeBytes, sha256: f.sha256, sm3 } });
      return true;
    });
    if (moved) report.moved++;
  }
  return report;
}
